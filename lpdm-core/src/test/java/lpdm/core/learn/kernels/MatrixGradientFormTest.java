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
        FastPairwiseDistanceLoss loss = new FastPairwiseDistanceLoss(lambda, GuidanceForm.ADDITIVE, nz, 1e-8, false, form);
        PairSet pairs = new PairSet();
        pairs.fillAll(h.rows);
        Matrix g = new Matrix(h.rows, h.cols);
        loss.evaluate(x, h, signal, pairs, g);
        return g.data;
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
        float[] matrix = gradient(GradientForm.MATRIX, x, h, signal, nz, 1.5);
        double scale = rms(direct);
        assertThat(largestDifference(direct, matrix)).as("largest difference, gradient rms %s (n %d, d %d, %s, %s)", scale, n, d, how, nz)
                .isLessThanOrEqualTo(1e-4 * scale + 1e-12);
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
