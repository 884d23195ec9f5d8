package lpdm.core.learn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.learn.PairSet;
import lpdm.core.learn.PairwiseDistanceLossTest;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The local loss with the Vector API kernels and with the plain loops: the same loss, the same
 * gradient and the same output distances, bit for bit, for all pairs and sampled pairs, any batch
 * size and width (including sizes that are not multiples of the vector length).
 */
class VectorPairKernelsTest {

    private record Outcome(double loss, float[] grad, float[] outDistances) {
    }

    private static Outcome evaluate(boolean vector, Matrix x, Matrix h, double[] signal, PairSet pairs) {
        boolean previous = MatrixOps.useVectorApi(vector);
        try {
            FastPairwiseDistanceLoss loss = new FastPairwiseDistanceLoss(1.5, GuidanceForm.ADDITIVE, Normalisation.MEAN, 1e-8);
            Matrix grad = new Matrix(h.rows, h.cols);
            double l = loss.evaluate(x, h, signal, pairs, grad);
            return new Outcome(l, grad.data.clone(), java.util.Arrays.copyOf(loss.outputSquaredDistances(), pairs.size()));
        } finally {
            MatrixOps.useVectorApi(previous);
        }
    }

    @Property(tries = 120)
    void sameBitsAsThePlainLoops(@ForAll @IntRange(min = 2, max = 45) int n, @ForAll @IntRange(min = 1, max = 70) int d,
            @ForAll @IntRange(min = 1, max = 9) int inputs, @ForAll boolean allPairs, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = PairwiseDistanceLossTest.gaussian(n, inputs, rng);
        Matrix h = PairwiseDistanceLossTest.gaussian(n, d, rng);
        double[] signal = PairwiseDistanceLossTest.standardGaussian(n, rng);
        PairSet pairs = new PairSet();
        if (allPairs) {
            pairs.fillAll(n);
        } else {
            pairs.fillSampled(n, 1 + (int) (seed & 7), rng);
        }
        Outcome vector = evaluate(true, x, h, signal, pairs);
        Outcome plain = evaluate(false, x, h, signal, pairs);
        assertThat(Double.doubleToRawLongBits(vector.loss())).as("loss").isEqualTo(Double.doubleToRawLongBits(plain.loss()));
        assertThat(bits(vector.outDistances())).as("output distances").isEqualTo(bits(plain.outDistances()));
        assertThat(bits(vector.grad())).as("gradient").isEqualTo(bits(plain.grad()));
    }

    /** Widths that are multiples of 16 (of the vector length), where sampled pairs scatter their gradient with vectors. */
    @Property(tries = 40)
    void sameBitsForTheVectorScatterOfSampledPairs(@ForAll @IntRange(min = 2, max = 40) int n,
            @ForAll @IntRange(min = 1, max = 4) int sixteens, @ForAll @IntRange(min = 1, max = 16) int partners, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = PairwiseDistanceLossTest.gaussian(n, 3, rng);
        Matrix h = PairwiseDistanceLossTest.gaussian(n, 16 * sixteens, rng);
        // Exact duplicates and signed zeros: h_i - h_j of +0 and -0 must round the same way in both kernels.
        System.arraycopy(h.data, 0, h.data, (n - 1) * h.cols, h.cols);
        h.data[0] = -0f;
        h.data[h.cols] = 0f;
        double[] signal = PairwiseDistanceLossTest.standardGaussian(n, rng);
        PairSet pairs = new PairSet();
        pairs.fillSampled(n, partners, rng);
        Outcome vector = evaluate(true, x, h, signal, pairs);
        Outcome plain = evaluate(false, x, h, signal, pairs);
        assertThat(bits(vector.grad())).as("gradient").isEqualTo(bits(plain.grad()));
        assertThat(Double.doubleToRawLongBits(vector.loss())).as("loss").isEqualTo(Double.doubleToRawLongBits(plain.loss()));
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToRawIntBits(v[i]);
        }
        return b;
    }
}
