package lpdm.core.learn.kernels;

import lpdm.core.learn.LocalLoss;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.learn.PairwiseDistanceLossTest;

/** Every property of {@link PairwiseDistanceLossTest}, on the fast kernels (direct all-pairs form and the sampled-pair scatter). */
class FastPairwiseDistanceLossTest extends PairwiseDistanceLossTest {
    @Override
    protected LocalLoss make(double lambda, GuidanceForm form, Normalisation normalise, double eps, boolean relative) {
        return new FastPairwiseDistanceLoss(lambda, form, normalise, eps, relative);
    }
}
