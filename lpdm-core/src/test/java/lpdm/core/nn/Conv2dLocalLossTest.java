package lpdm.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import lpdm.core.learn.LocalLoss;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.learn.PairSet;
import lpdm.core.learn.PairwiseDistanceLoss;
import lpdm.core.learn.kernels.FastPairwiseDistanceLoss;
import lpdm.core.nn.Conv2d.Padding;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * LPDM's local loss on a convolution, as a learner would apply it: distances between the samples'
 * flattened input grids and flattened feature maps (the rows as they are), dL/dh from the local
 * loss ({@link FastPairwiseDistanceLoss}, the kernels training uses, and
 * {@link PairwiseDistanceLoss}, the reference), dL/dz = dL/dh (.) phi'(z), and dL/dW, dL/db by
 * {@link Conv2d#parameterGradients}: the same code path as for a dense layer with the layer's own
 * parameter gradients in place of (dz^T x, column sums). Checked against finite differences of the
 * loss the same object evaluates.
 */
class Conv2dLocalLossTest {

    private static double localLoss(Conv2d conv, Matrix x, LocalLoss loss, double[] signal, PairSet pairs, Matrix dh) {
        Matrix h = new Matrix(x.rows, conv.outputSize);
        conv.forward(x, h);
        Activation.TANH.apply(h.data, h.data, h.data.length);
        return loss.evaluate(x, h, signal, pairs, dh);
    }

    /**
     * Tolerance 1e-2 relative (or absolute below 1e-2 of the largest gradient entry): the kernels'
     * distances are float32 sums over the flattened maps, and the feature maps are float32 in both
     * implementations, so the loss's value carries relative rounding of a few 1e-7 that the
     * differences amplify; the largest relative difference seen here is 1e-3.
     * The same tolerance as the local-loss checks of the dense layers (LocalGradientCheckTest).
     */
    @Test
    void localGradientOfAConvolutionMatchesFiniteDifferences() {
        // The kernels training uses, and the reference; each on the same convolutions and inputs.
        checkAgainstFiniteDifferences(new FastPairwiseDistanceLoss(0.7, GuidanceForm.ADDITIVE, Normalisation.NONE, 1e-8));
        checkAgainstFiniteDifferences(new PairwiseDistanceLoss(0.7, GuidanceForm.ADDITIVE, Normalisation.NONE, 1e-8, false));
    }

    private static void checkAgainstFiniteDifferences(LocalLoss loss) {
        Rng rng = new Rng(12);
        for (Padding padding : Padding.values()) {
            Conv2d conv = new Conv2d("c", 5, 5, 2, 3, 3, 3, padding);
            conv.initialise("orthogonal", 1.0, rng);
            for (int i = 0; i < conv.bias.value.length; i++) {
                conv.bias.value[i] = (float) rng.uniform(-0.2, 0.2);
            }
            int n = 6;
            Matrix x = new Matrix(n, conv.inputSize);
            for (int i = 0; i < x.data.length; i++) {
                x.data[i] = rng.nextDouble() < 0.3 ? 1f : 0f; // 0/1 grids, as MinAtar's observations
            }
            double[] signal = new double[n];
            PairwiseDistanceLoss.standardise(new float[] {0.5f, -1f, 2f, 0f, 1f, -0.5f}, n, signal);
            PairSet pairs = new PairSet();
            pairs.fillAll(n);

            Matrix dh = new Matrix(n, conv.outputSize);
            localLoss(conv, x, loss, signal, pairs, dh);
            Matrix h = new Matrix(n, conv.outputSize);
            conv.forward(x, h);
            Activation.TANH.apply(h.data, h.data, h.data.length);
            Activation.TANH.multiplyDerivativeFromOutputInPlace(dh.data, h.data, h.data.length); // dh now holds dL/dz
            conv.parameterGradients(dh, x);

            Matrix scratch = new Matrix(n, conv.outputSize);
            for (Parameter p : conv.parameters()) {
                float[] analytic = p.grad.clone();
                double scale = 0;
                for (float g : analytic) {
                    scale = Math.max(scale, Math.abs(g));
                }
                for (int i = 0; i < p.value.length; i++) {
                    double numeric = FiniteDifference.derivative(() -> localLoss(conv, x, loss, signal, pairs, scratch), p.value, i, 1e-2f);
                    assertThat(Math.abs(analytic[i] - numeric)).as("%s %s %s[%d]: analytic %s, finite difference %s", loss.getClass().getSimpleName(), padding, p.name, i, analytic[i], numeric)
                            .isLessThanOrEqualTo(1e-2 * Math.max(Math.abs(analytic[i]), 1e-2 * scale));
                }
            }
        }
    }
}
