package lpdm.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lpdm.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Finite differences perturb a float logit by h = 2^-10, which is exact for |z| < 2^13, so the
 * central difference sees exactly the intended step; its truncation error is O(h^2) ~ 1e-6.
 */
class CategoricalTest {
    private static final float H = 0x1p-10f;
    private static final double FD_TOL = 2e-5;

    /** A row of k logits in [-3, 3) at {@code offset} of an array padded with garbage on both sides. */
    private static float[] logits(Rng rng, int offset, int k) {
        float[] a = new float[offset + k + 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.uniform(-50, 50); // padding must be ignored
        }
        for (int i = 0; i < k; i++) {
            a[offset + i] = (float) rng.uniform(-3, 3);
        }
        return a;
    }

    @Property(tries = 50)
    void gradLogProbMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 8) int k, @ForAll @IntRange(min = 0, max = 5) int offset,
                                             @ForAll long seed) {
        Rng rng = new Rng(seed);
        float[] z = logits(rng, offset, k);
        int action = rng.nextInt(k);
        double[] grad = new double[k];
        Categorical.gradLogProb(z, offset, k, action, grad);
        for (int i = 0; i < k; i++) {
            float saved = z[offset + i];
            z[offset + i] = saved + H;
            double step = z[offset + i]; // near a power of two saved +- H rounds: divide by the stored step
            double plus = Categorical.logProb(z, offset, k, action);
            z[offset + i] = saved - H;
            step -= z[offset + i];
            double minus = Categorical.logProb(z, offset, k, action);
            z[offset + i] = saved;
            assertThat(grad[i]).as("d log p_%d / dz_%d", action, i).isCloseTo((plus - minus) / step, within(FD_TOL));
        }
    }

    @Property(tries = 50)
    void gradEntropyMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 8) int k, @ForAll @IntRange(min = 0, max = 5) int offset,
                                             @ForAll long seed) {
        Rng rng = new Rng(seed);
        float[] z = logits(rng, offset, k);
        double[] grad = new double[k];
        Categorical.gradEntropy(z, offset, k, grad);
        for (int i = 0; i < k; i++) {
            float saved = z[offset + i];
            z[offset + i] = saved + H;
            double step = z[offset + i]; // near a power of two saved +- H rounds: divide by the stored step
            double plus = Categorical.entropy(z, offset, k);
            z[offset + i] = saved - H;
            step -= z[offset + i];
            double minus = Categorical.entropy(z, offset, k);
            z[offset + i] = saved;
            assertThat(grad[i]).as("dH/dz_%d", i).isCloseTo((plus - minus) / step, within(FD_TOL));
        }
    }

    @Property(tries = 50)
    void logProbabilitiesNormaliseAndEntropyIsTheirExpectation(@ForAll @IntRange(min = 1, max = 10) int k, @ForAll long seed) {
        Rng rng = new Rng(seed);
        float[] z = logits(rng, 1, k);
        double[] lp = new double[k];
        Categorical.logProbabilities(z, 1, k, lp);
        double sum = 0;
        double h = 0;
        for (int i = 0; i < k; i++) {
            assertThat(lp[i]).isLessThanOrEqualTo(0.0);
            assertThat(Categorical.logProb(z, 1, k, i)).isEqualTo(lp[i]);
            sum += Math.exp(lp[i]);
            h -= Math.exp(lp[i]) * lp[i];
            // softmax differences: log p_i - log p_0 = z_i - z_0
            assertThat(lp[i] - lp[0]).isCloseTo((double) z[1 + i] - z[1], within(1e-12));
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat(Categorical.entropy(z, 1, k)).isCloseTo(h, within(1e-12)).isBetween(-1e-12, Math.log(k) + 1e-12);
    }

    @Test
    void largeLogitsAreStable() {
        float[] z = {1000f, 999f, -1000f};
        double[] lp = new double[3];
        Categorical.logProbabilities(z, 0, 3, lp);
        double lse = Math.log1p(Math.exp(-1));
        assertThat(lp[0]).isCloseTo(-lse, within(1e-12));
        assertThat(lp[1]).isCloseTo(-1 - lse, within(1e-12));
        assertThat(lp[2]).isCloseTo(-2000 - lse, within(1e-9));
        assertThat(Categorical.entropy(z, 0, 3)).isFinite();
        double[] g = new double[3];
        Categorical.gradEntropy(z, 0, 3, g);
        assertThat(g).doesNotContain(Double.NaN);
    }

    @Test
    void uniformLogitsHaveMaximalEntropyAndZeroEntropyGradient() {
        float[] z = {0.3f, 0.3f, 0.3f, 0.3f};
        assertThat(Categorical.entropy(z, 0, 4)).isCloseTo(Math.log(4), within(1e-12));
        double[] g = new double[4];
        Categorical.gradEntropy(z, 0, 4, g);
        for (double v : g) {
            assertThat(v).isCloseTo(0, within(1e-12));
        }
    }

    /** Chi-square goodness of fit of 200k draws (fixed seed) to softmax; df = 4, limit far in the tail. */
    @Test
    void sampleFrequenciesMatchSoftmax() {
        float[] z = {0.5f, -1f, 2f, 0f, -0.3f};
        int k = z.length;
        double[] lp = new double[k];
        Categorical.logProbabilities(z, 0, k, lp);
        Rng rng = new Rng(2025);
        int n = 200_000;
        long[] counts = new long[k];
        for (int i = 0; i < n; i++) {
            counts[Categorical.sample(z, 0, k, rng)]++;
        }
        double chi2 = 0;
        for (int i = 0; i < k; i++) {
            double expected = n * Math.exp(lp[i]);
            chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
        }
        assertThat(chi2).isLessThan(30.0); // P(chi2_4 > 30) < 5e-6
    }

    @Test
    void sampleUsesTheRowAtTheOffsetAndNeverAnImpossibleAction() {
        float[] z = {100f, 100f, Float.NEGATIVE_INFINITY, 0f, Float.NEGATIVE_INFINITY, 100f};
        Rng rng = new Rng(1);
        long[] counts = new long[3];
        for (int i = 0; i < 30_000; i++) {
            counts[Categorical.sample(z, 2, 3, rng)]++;
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[2]).isZero();
        assertThat(counts[1]).isEqualTo(30_000);
        assertThat(Categorical.entropy(z, 2, 3)).isEqualTo(0.0);
        double[] g = new double[3];
        Categorical.gradEntropy(z, 2, 3, g);
        for (double v : g) {
            assertThat(v).isZero(); // -0.0 allowed
        }
    }

    @Test
    void sameSeedSameSamples() {
        float[] z = {0.1f, 0.2f, 0.3f};
        Rng a = new Rng(9);
        Rng b = new Rng(9);
        for (int i = 0; i < 100; i++) {
            assertThat(Categorical.sample(z, 0, 3, a)).isEqualTo(Categorical.sample(z, 0, 3, b));
        }
    }

    @Test
    void modeIsTheFirstMaximum() {
        assertThat(Categorical.mode(new float[] {9f, 1f, 3f, 3f, 2f}, 1, 4)).isEqualTo(1);
        assertThat(Categorical.mode(new float[] {0f, -1f, 2f}, 0, 3)).isEqualTo(2);
        assertThat(Categorical.mode(new float[] {5f}, 0, 1)).isZero();
    }

    @Test
    void logProbRejectsActionsOutsideTheRange() {
        float[] z = {0f, 0f};
        assertThatThrownBy(() -> Categorical.logProb(z, 0, 2, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
        assertThatThrownBy(() -> Categorical.logProb(z, 0, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
