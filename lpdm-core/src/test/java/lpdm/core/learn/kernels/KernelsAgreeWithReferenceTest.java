package lpdm.core.learn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import lpdm.core.learn.LocalLoss;
import lpdm.core.learn.LpdmConfig.GradientForm;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.learn.PairSet;
import lpdm.core.learn.PairwiseDistanceLoss;
import lpdm.core.learn.PairwiseDistanceLossTest;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every kernel against the reference {@link PairwiseDistanceLoss} on random inputs: all pairs in
 * the direct and the matrix form, sampled pairs, each with the Vector API on and off, under every
 * guidance form, normalisation and guidance scale. The kernels work in float where the reference
 * works in double, so they agree to float rounding: the loss within 1e-5 relative, every gradient
 * entry within 1e-4 of the gradient's rms, each widened by four times the reference's own movement
 * under a 1e-6 relative perturbation of its inputs (see {@link Sensitivity}), the diagnostics
 * within 1e-5 (dist_corr where both define it, widened by its float rounding bound, see
 * {@link #distCorrRoundingBound}).
 */
class KernelsAgreeWithReferenceTest {

    private record Outcome(double loss, float[] grad, float[] squaredOut, double distCorr, double outScale) {
    }

    private static Outcome run(LocalLoss loss, Matrix x, Matrix h, double[] g, PairSet pairs) {
        Matrix grad = new Matrix(h.rows, h.cols);
        double l = loss.evaluate(x, null, h, g, pairs, grad);
        return new Outcome(l, grad.data.clone(), java.util.Arrays.copyOf(loss.outputSquaredDistances(), pairs.size()), loss.distCorr(),
                loss.outScale());
    }

    private static double rms(float[] v) {
        double s = 0;
        for (float e : v) {
            s += (double) e * e;
        }
        return Math.sqrt(s / Math.max(1, v.length));
    }

    /**
     * How far the reference itself moves when every input entry is scaled by 1 + u 1e-6 (u uniform
     * in [-1, 1], about 16 float ulps): the size of the disagreement float rounding alone can cause.
     * Near a small loss the loss and the gradient are differences of nearly equal distances, and
     * their rounding error scales with the distances, not with the result; a CI run saw the loss off
     * by 1.7e-5 of itself at loss 8.4e-4, and gradient entries off by 10 rms of a tiny gradient.
     */
    private record Sensitivity(double loss, double gradient) {
    }

    private static Sensitivity sensitivity(java.util.function.Supplier<LocalLoss> reference, Outcome unperturbed, Matrix x, Matrix h,
            double[] g, PairSet pairs, long seed) {
        Rng rng = new Rng(seed ^ 0x5DEECE66DL);
        double loss = 0;
        double gradient = 0;
        for (int trial = 0; trial < 2; trial++) {
            Outcome perturbed = run(reference.get(), perturb(x, rng), perturb(h, rng), g, pairs);
            loss = Math.max(loss, Math.abs(perturbed.loss() - unperturbed.loss()));
            for (int k = 0; k < unperturbed.grad().length; k++) {
                gradient = Math.max(gradient, Math.abs(perturbed.grad()[k] - unperturbed.grad()[k]));
            }
        }
        return new Sensitivity(loss, gradient);
    }

    private static Matrix perturb(Matrix m, Rng rng) {
        Matrix p = new Matrix(m.rows, m.cols);
        for (int k = 0; k < m.data.length; k++) {
            p.data[k] = (float) (m.data[k] * (1 + 1e-6 * rng.uniform(-1, 1)));
        }
        return p;
    }

    private static void assertAgree(Outcome kernel, Outcome reference, Sensitivity sensitivity, double distCorrRounding, String what) {
        double lossTolerance = 1e-5 * Math.max(1e-3, reference.loss()) + 4 * sensitivity.loss();
        assertThat(kernel.loss()).as(what + " loss").isCloseTo(reference.loss(), org.assertj.core.data.Offset.offset(lossTolerance));
        double tolerance = 1e-4 * rms(reference.grad()) + 4 * sensitivity.gradient() + 1e-9;
        for (int k = 0; k < reference.grad().length; k++) {
            assertThat((double) Math.abs(kernel.grad()[k] - reference.grad()[k])).as(what + " dL/dH[" + k + "]").isLessThanOrEqualTo(tolerance);
        }
        for (int q = 0; q < reference.squaredOut().length; q++) {
            assertThat((double) kernel.squaredOut()[q]).as(what + " squared output distance " + q)
                    .isCloseTo(reference.squaredOut()[q], org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, reference.squaredOut()[q])));
        }
        // The correlation is undefined when the output distances are constant (e.g. n = 2, one pair
        // drawn as (0, 1) and (1, 0)): the reference may then give NaN and the float kernel a
        // correlation of +1 or -1 made of rounding alone (seen with n = 2: 1.0 against -1.0).
        // Nearly constant distances (few pairs, n = 3 to 5) amplify the float rounding of the
        // distances: see distCorrRoundingBound.
        if (!Double.isNaN(reference.distCorr()) && !Double.isNaN(kernel.distCorr()) && !constant(reference.squaredOut())) {
            assertThat(kernel.distCorr()).as(what + " dist_corr").isCloseTo(reference.distCorr(),
                    org.assertj.core.data.Offset.offset(1e-5 + distCorrRounding));
        }
        assertThat(kernel.outScale()).as(what + " out_scale").isCloseTo(reference.outScale(), org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, reference.outScale())));
    }

    /**
     * How far dist_corr can move through the float32 rounding of the kernels' pair distances alone.
     * A kernel's squared distance of width d (float differences, squares and a sum of d non-negative
     * terms) is within gamma_{d+2} = (d + 2) u / (1 - (d + 2) u), u = 2^-24, of the exact one
     * relative to itself, so each distance is within gamma_{d+3} / 2 of it, and the vector delta of
     * the errors has ||delta|| <= gamma_{d+3} ||D|| / 2. The correlation is the cosine of the angle
     * between the centred vectors D - mean(D) of Din and Dout; an error delta turns a centred
     * vector a by at most asin(||delta|| / ||a||) <= (pi / 2) ||delta|| / ||a||, and the cosine
     * moves by at most the angle (and by at most 2 when ||delta|| >= ||a||), so
     * |dist_corr(kernel) - dist_corr(reference)| <= gamma_{dIn+3} ||Din|| / ||Din - mean||
     * + gamma_{dOut+3} ||Dout|| / ||Dout - mean|| (the reference's double rounding is far below).
     * The ratios are large where the distances are nearly equal, which a few pairs often are: at
     * n = 3 a random batch put dist_corr 2e-5 from the reference (about 1 in 10^4 such batches)
     * although both were right to rounding. For well-spread distances the bound is about 1e-6
     * (dIn = dOut = 1) to 3e-5 (dIn = 9, dOut = 40); over 10^6 random batches with n = 2 to 7
     * the largest disagreement was below 0.2 of it.
     */
    static double distCorrRoundingBound(Matrix x, Matrix h, PairSet pairs) {
        return gamma(x.cols + 3) * spreadRatio(x, pairs) + gamma(h.cols + 3) * spreadRatio(h, pairs);
    }

    private static double gamma(int k) {
        double u = 0x1p-24;
        return k * u / (1 - k * u);
    }

    /** ||D|| / ||D - mean(D)|| of the rows' pair distances D (in double); infinite if they are all equal. */
    private static double spreadRatio(Matrix m, PairSet pairs) {
        int p = pairs.size();
        double[] dist = new double[p];
        double mean = 0;
        for (int q = 0; q < p; q++) {
            double s = 0;
            for (int k = 0; k < m.cols; k++) {
                double e = (double) m.get(pairs.first(q), k) - m.get(pairs.second(q), k);
                s += e * e;
            }
            dist[q] = Math.sqrt(s);
            mean += dist[q] / p;
        }
        double norm = 0;
        double centred = 0;
        for (double v : dist) {
            norm += v * v;
            centred += (v - mean) * (v - mean);
        }
        return centred > 0 ? Math.sqrt(norm / centred) : Double.POSITIVE_INFINITY;
    }

    /** Whether every value equals the others to float precision (relative 1e-6 of the largest). */
    static boolean constant(float[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return values.length == 0 || max - min <= 1e-6 * Math.abs(max);
    }

    @Property(tries = 150)
    void everyKernelAgreesWithTheReference(@ForAll @IntRange(min = 2, max = 40) int n, @ForAll @IntRange(min = 1, max = 40) int dOut,
            @ForAll @IntRange(min = 1, max = 9) int dIn, @ForAll @IntRange(min = 0, max = 6) int partners, @ForAll GuidanceForm form,
            @ForAll Normalisation normalise, @ForAll @DoubleRange(min = 0, max = 3) double lambda, @ForAll boolean guided,
            @ForAll boolean relative, @ForAll GradientForm gradientForm, @ForAll boolean vector, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = PairwiseDistanceLossTest.gaussian(n, dIn, rng);
        Matrix h = PairwiseDistanceLossTest.gaussian(n, dOut, rng);
        double[] g = guided ? PairwiseDistanceLossTest.standardGaussian(n, rng) : null;
        PairSet pairs = new PairSet();
        if (partners == 0) {
            pairs.fillAll(n);
        } else {
            pairs.fillSampled(n, partners, rng);
        }
        java.util.function.Supplier<LocalLoss> referenceLoss = () -> new PairwiseDistanceLoss(lambda, form, normalise, 1e-8, relative);
        Outcome reference = run(referenceLoss.get(), x, h, g, pairs);
        Sensitivity rounding = sensitivity(referenceLoss, reference, x, h, g, pairs, seed);
        boolean previous = MatrixOps.useVectorApi(vector && MatrixOps.vectorApiAvailable());
        try {
            Outcome kernel = run(new FastPairwiseDistanceLoss(lambda, form, normalise, 1e-8, relative, gradientForm), x, h, g, pairs);
            assertAgree(kernel, reference, rounding, distCorrRoundingBound(x, h, pairs), (partners == 0 ? "all pairs " + gradientForm : "sampled " + partners) + (vector ? " vector" : "")
                    + " n " + n + " d " + dOut + " " + form + " " + normalise);
        } finally {
            MatrixOps.useVectorApi(previous);
        }
    }

    /** Widths of whole vectors, where the sampled pairs take the Vector API kernels. */
    @Property(tries = 40)
    void vectorWidthsAgreeWithTheReference(@ForAll @IntRange(min = 2, max = 40) int n, @ForAll @IntRange(min = 1, max = 4) int sixteens,
            @ForAll @IntRange(min = 1, max = 16) int partners, @ForAll Normalisation normalise, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = PairwiseDistanceLossTest.gaussian(n, 8, rng);
        Matrix h = PairwiseDistanceLossTest.gaussian(n, 16 * sixteens, rng);
        double[] g = PairwiseDistanceLossTest.standardGaussian(n, rng);
        PairSet pairs = new PairSet();
        pairs.fillSampled(n, partners, rng);
        java.util.function.Supplier<LocalLoss> referenceLoss = () -> new PairwiseDistanceLoss(1.5, GuidanceForm.ADDITIVE, normalise, 1e-8, false);
        Outcome reference = run(referenceLoss.get(), x, h, g, pairs);
        Sensitivity rounding = sensitivity(referenceLoss, reference, x, h, g, pairs, seed);
        boolean previous = MatrixOps.useVectorApi(MatrixOps.vectorApiAvailable());
        try {
            assertAgree(run(new FastPairwiseDistanceLoss(1.5, GuidanceForm.ADDITIVE, normalise, 1e-8), x, h, g, pairs), reference, rounding,
                    distCorrRoundingBound(x, h, pairs), "vector widths");
        } finally {
            MatrixOps.useVectorApi(previous);
        }
    }

    /** The switch: the property names the implementation, a bad value fails with one line naming both choices. */
    @Test
    void theSystemPropertyChoosesTheImplementation() {
        String key = LocalLoss.Implementation.PROPERTY;
        String previous = System.getProperty(key);
        try {
            System.clearProperty(key);
            assertThat(LocalLoss.Implementation.fromSystemProperty()).isEqualTo(LocalLoss.Implementation.KERNELS);
            System.setProperty(key, "reference");
            assertThat(LocalLoss.Implementation.fromSystemProperty()).isEqualTo(LocalLoss.Implementation.REFERENCE);
            System.setProperty(key, "fastest");
            org.assertj.core.api.Assertions.assertThatThrownBy(LocalLoss.Implementation::fromSystemProperty)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lpdm.kernel=fastest").hasMessageContaining("reference");
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
    }
}
