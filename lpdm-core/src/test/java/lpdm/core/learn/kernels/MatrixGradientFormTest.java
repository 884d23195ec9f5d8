package lpdm.core.learn.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.learn.LpdmConfig.GradientForm;
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
import org.junit.jupiter.api.Test;

/**
 * {@code lpdm.gradient_form=matrix}: the all-pairs gradient as diag(C 1) H - C H agrees with the
 * direct form to float rounding, also where outputs coincide or nearly coincide (the guard), gives
 * the same bits with and without the Vector API, and is reachable from the settings. The
 * finite-difference checks of {@code lpdm.core.learn.LocalGradientCheckTest} cover it as well; its
 * activation accounting is checked in {@code LocalLearnerTest}.
 */
class MatrixGradientFormTest {

    /** How rows of H are made to (nearly) coincide: not at all, exactly, or up to a small offset. */
    enum Coincidence { NONE, EXACT, NEAR_1E_4, NEAR_1E_6 }

    private static float[] gradient(GradientForm form, Matrix x, Matrix h, double[] signal, Normalisation nz, double lambda) {
        return gradient(new FastPairwiseDistanceLoss(lambda, GuidanceForm.ADDITIVE, nz, 1e-8, false, form), x, h, signal);
    }

    private static float[] gradient(FastPairwiseDistanceLoss loss, Matrix x, Matrix h, double[] signal) {
        PairSet pairs = new PairSet();
        pairs.fillAll(h.rows);
        Matrix g = new Matrix(h.rows, h.cols);
        loss.evaluate(x, h, signal, pairs, g);
        return g.data;
    }

    /** Unit roundoff of float32. */
    private static final double U_FLOAT = 0x1p-24;

    /**
     * Per entry of dL/dH, how far the matrix form can be from the exact gradient of its (float)
     * inputs through rounding alone: gamma_k = k u / (1 - k u) (Higham's bound for k rounded
     * operations, u = 2^-24) times the magnitudes the matrix form sums, however much they cancel.
     * Entry (j, k) sums, over the pairs q = (i, j) that MatrixFormKernel puts in the matrix (output
     * distance above GUARD times the mean), C_q times the centred h_ik and h_jk in separate sums,
     * magnitude |C_q| (|h_ik - mu_k| + |h_jk - mu_k|); over the guarded pairs, C_q (h_ik - h_jk)
     * directly, magnitude |C_q| |h_ik - h_jk|. k = N + 3 counts the roundings on a term's path: the
     * N-term float product (C H)_jk (N - 1 products and additions, gamma_N), C_q to float, h - mu to
     * float, and the guarded pairs' float additions (at most one per pair, in place of a matrix
     * term). The direct form sums the same pairs in double and rounds once, u |g_jk|; the matrix
     * form's final rounding to float adds another u |g_jk|. So this is a worst case, not a fit:
     * where the exact gradient entry is small beside the magnitudes it is made of, its rounding
     * may be large beside the entry, and a tolerance relative to the gradient's rms (1e-4, the
     * old bound) was exceeded by jqwik at tries = 15,000: 5.3e-6 against 5.2e-6 (n 35, d 1,
     * EXACT, MEAN, unguided, seed -1659571), a single row of values on a line where pairs just
     * above the guard have large C_q.
     */
    private static double[] roundingBound(FastPairwiseDistanceLoss matrixForm, Matrix h, float[] direct) {
        int n = h.rows;
        int d = h.cols;
        double[] c = matrixForm.lastPairCoefficients();
        float[] squared = matrixForm.outputSquaredDistances();
        int p = n * (n - 1) / 2;
        double[] dout = new double[p];
        double meanOut = 0;
        for (int q = 0; q < p; q++) {
            dout[q] = Math.sqrt(squared[q]);
            meanOut += dout[q] / p;
        }
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mu[k] += h.data[i * d + k] / (double) n;
            }
        }
        double[] magnitude = new double[n * d];
        int q = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, q++) {
                boolean guarded = dout[q] <= MatrixFormKernel.GUARD * meanOut;
                for (int k = 0; k < d; k++) {
                    double hi = h.data[i * d + k];
                    double hj = h.data[j * d + k];
                    double m = Math.abs(c[q]) * (guarded ? Math.abs(hi - hj) : Math.abs(hi - mu[k]) + Math.abs(hj - mu[k]));
                    magnitude[i * d + k] += m;
                    magnitude[j * d + k] += m;
                }
            }
        }
        double gamma = (n + 3) * U_FLOAT / (1 - (n + 3) * U_FLOAT);
        double[] bound = new double[n * d];
        for (int e = 0; e < bound.length; e++) {
            bound[e] = gamma * magnitude[e] + 2 * U_FLOAT * Math.abs(direct[e]);
        }
        return bound;
    }

    private static Matrix outputs(int n, int d, Coincidence how, Rng rng) {
        Matrix h = new Matrix(n, d);
        for (int k = 0; k < h.data.length; k++) {
            h.data[k] = (float) Math.tanh(rng.nextGaussian());
        }
        int copies = Math.min(n - 1, 1 + n / 5);
        double offset = how == Coincidence.NEAR_1E_4 ? 1e-4 : 1e-6;
        for (int i = 1; i <= copies && how != Coincidence.NONE; i++) {
            for (int k = 0; k < d; k++) {
                h.data[i * d + k] = how == Coincidence.EXACT ? h.data[k] : (float) (h.data[k] + offset * rng.nextGaussian());
            }
        }
        return h;
    }

    private static double largestDifference(float[] a, float[] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            worst = Math.max(worst, Math.abs(a[k] - b[k]));
        }
        return worst;
    }

    private static double rms(float[] v) {
        double s = 0;
        for (float e : v) {
            s += (double) e * e;
        }
        return Math.sqrt(s / v.length);
    }

    @Property(tries = 150)
    void agreesWithTheDirectFormToFloatRounding(@ForAll @IntRange(min = 2, max = 90) int n, @ForAll @IntRange(min = 1, max = 70) int d,
            @ForAll Coincidence how, @ForAll Normalisation nz, @ForAll boolean guided, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = PairwiseDistanceLossTest.gaussian(n, 5, rng);
        Matrix h = outputs(n, d, how, rng);
        double[] signal = guided ? PairwiseDistanceLossTest.standardGaussian(n, rng) : null;
        float[] direct = gradient(GradientForm.DIRECT, x, h, signal, nz, 1.5);
        FastPairwiseDistanceLoss matrixForm = new FastPairwiseDistanceLoss(1.5, GuidanceForm.ADDITIVE, nz, 1e-8, false, GradientForm.MATRIX);
        float[] matrix = gradient(matrixForm, x, h, signal);
        double[] bound = roundingBound(matrixForm, h, direct);
        for (int e = 0; e < direct.length; e++) {
            assertThat((double) Math.abs(direct[e] - matrix[e])).as("dL/dH[%d]: direct %s, matrix %s (n %d, d %d, %s, %s)", e, direct[e], matrix[e],
                    n, d, how, nz).isLessThanOrEqualTo(bound[e]);
        }
    }

    @Test
    void exactDuplicatesWithDifferentInputsKeepTheirGradient() {
        // Rows 1..26 of H equal row 0 while their inputs differ: C is about 2 Din / (P eps) for those
        // pairs, and without the guard the matrix form loses every such row's gradient to cancellation.
        Rng rng = new Rng(11);
        int n = 128;
        int d = 64;
        Matrix x = PairwiseDistanceLossTest.gaussian(n, 4, rng);
        Matrix h = outputs(n, d, Coincidence.EXACT, rng);
        float[] direct = gradient(GradientForm.DIRECT, x, h, null, Normalisation.NONE, 0);
        float[] matrix = gradient(GradientForm.MATRIX, x, h, null, Normalisation.NONE, 0);
        assertThat(largestDifference(direct, matrix)).as("largest difference").isLessThanOrEqualTo(1e-5 * rms(direct));
    }

    @Test
    void identicalOutputsGiveAZeroGradientLikeTheDirectForm() {
        // Every row of H the same (mean output distance 0) while the inputs differ: every pair is
        // taken directly, and each contributes C (h_i - h_j) = 0 exactly.
        Rng rng = new Rng(3);
        int n = 37;
        int d = 24;
        Matrix x = PairwiseDistanceLossTest.gaussian(n, 4, rng);
        Matrix h = new Matrix(n, d);
        for (int k = 0; k < d; k++) {
            float v = (float) Math.tanh(rng.nextGaussian());
            for (int i = 0; i < n; i++) {
                h.data[i * d + k] = v;
            }
        }
        for (GradientForm form : GradientForm.values()) {
            float[] g = gradient(form, x, h, null, Normalisation.NONE, 0);
            for (float v : g) {
                assertThat(v).as(form.settingName()).isEqualTo(0f);
            }
        }
    }

    @Property(tries = 40)
    void sameBitsWithAndWithoutTheVectorApi(@ForAll @IntRange(min = 2, max = 60) int n, @ForAll @IntRange(min = 1, max = 70) int d,
            @ForAll Coincidence how, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = PairwiseDistanceLossTest.gaussian(n, 3, rng);
        Matrix h = outputs(n, d, how, rng);
        boolean previous = MatrixOps.useVectorApi(MatrixOps.vectorApiAvailable());
        try {
            float[] a = gradient(GradientForm.MATRIX, x, h, null, Normalisation.MEAN, 0);
            MatrixOps.useVectorApi(false);
            float[] b = gradient(GradientForm.MATRIX, x, h, null, Normalisation.MEAN, 0);
            assertThat(Arrays.equals(a, b)).isTrue();
        } finally {
            MatrixOps.useVectorApi(previous);
        }
    }

    @Test
    void sampledPairsIgnoreTheSetting() {
        Rng rng = new Rng(5);
        Matrix x = PairwiseDistanceLossTest.gaussian(40, 4, rng);
        Matrix h = outputs(40, 16, Coincidence.NONE, rng);
        float[][] g = new float[2][];
        for (GradientForm form : GradientForm.values()) {
            PairSet pairs = new PairSet();
            pairs.fillSampled(40, 5, new Rng(9));
            Matrix out = new Matrix(40, 16);
            new FastPairwiseDistanceLoss(0, GuidanceForm.ADDITIVE, Normalisation.NONE, 1e-8, false, form).evaluate(x, h, null, pairs, out);
            g[form.ordinal()] = out.data;
        }
        assertThat(Arrays.equals(g[0], g[1])).isTrue();
    }

    @Test
    void settingParsesRoundTripsAndNamesBadValues() {
        LpdmConfig c = LpdmConfig.fromSettings(Map.of("lpdm.gradient_form", "Matrix"));
        assertThat(c.gradientForm()).isEqualTo(GradientForm.MATRIX);
        assertThat(LpdmConfig.DEFAULTS.gradientForm()).isEqualTo(GradientForm.DIRECT);
        assertThat(c.toSettings()).containsEntry("lpdm.gradient_form", "matrix");
        assertThat(LpdmConfig.fromSettings(c.toSettings())).isEqualTo(c);
        assertThat(c.withLr(1e-3).gradientForm()).isEqualTo(GradientForm.MATRIX);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LpdmConfig.fromSettings(Map.of("lpdm.gradient_form", "gram")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lpdm.gradient_form").hasMessageContaining("'gram'");
    }
}
