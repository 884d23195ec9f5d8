package lpdm.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import lpdm.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DiagonalGaussianTest {
    private static final float H = 0x1p-12f;
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private static float[] uniform(Rng rng, int n, double lo, double hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.uniform(lo, hi);
        }
        return a;
    }

    private static float[] onGrid(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.round(a[i] / H) * H;
        }
        return a;
    }

    /** log p against the density written out per dimension. */
    @Property(tries = 50)
    void logProbIsTheSumOfNormalLogDensities(@ForAll @IntRange(min = 1, max = 6) int d, @ForAll long seed) {
        Rng rng = new Rng(seed);
        float[] mean = uniform(rng, d + 2, -2, 2);
        float[] logStd = uniform(rng, d, -1.5, 1);
        float[] action = uniform(rng, d, -3, 3);
        double expected = 0;
        for (int i = 0; i < d; i++) {
            double sigma = Math.exp(logStd[i]);
            double x = (action[i] - mean[2 + i]) / sigma;
            expected += Math.log(Math.exp(-0.5 * x * x) / (sigma * Math.sqrt(2 * Math.PI)));
        }
        assertThat(DiagonalGaussian.logProb(mean, 2, logStd, action)).isCloseTo(expected, within(1e-10));
    }

    @Property(tries = 200)
    void gradLogProbMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 0, max = 3) int offset,
                                             @ForAll long seed) {
        Rng rng = new Rng(seed);
        // Means and actions on the grid of multiples of H: logProb subtracts them in float, and on
        // this grid a - (mu +- H) is exact, so the central difference measures the formula and not
        // the float rounding of the difference (which, divided by 2H, once reached 5e-4 relative).
        float[] mean = onGrid(uniform(rng, offset + d, -2, 2));
        float[] logStd = uniform(rng, d, -1.5, 1);
        float[] action = onGrid(uniform(rng, d, -3, 3));
        double[] gMean = new double[d];
        double[] gLogStd = new double[d];
        DiagonalGaussian.gradLogProb(mean, offset, logStd, action, gMean, gLogStd);
        for (int i = 0; i < d; i++) {
            // Divide by the perturbation actually stored: near a power of two, saved +- H rounds.
            float saved = mean[offset + i];
            mean[offset + i] = saved + H;
            double step = mean[offset + i];
            double plus = DiagonalGaussian.logProb(mean, offset, logStd, action);
            mean[offset + i] = saved - H;
            step -= mean[offset + i];
            double minus = DiagonalGaussian.logProb(mean, offset, logStd, action);
            mean[offset + i] = saved;
            double fd = (plus - minus) / step;
            assertThat(gMean[i]).as("d log p / d mu_%d", i).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));

            saved = logStd[i];
            logStd[i] = saved + H;
            step = logStd[i];
            plus = DiagonalGaussian.logProb(mean, offset, logStd, action);
            logStd[i] = saved - H;
            step -= logStd[i];
            minus = DiagonalGaussian.logProb(mean, offset, logStd, action);
            logStd[i] = saved;
            fd = (plus - minus) / step;
            assertThat(gLogStd[i]).as("d log p / d s_%d", i).isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void entropyIsTheClosedFormAndMinusTheExpectedLogProb() {
        float[] logStd = {-0.7f, 0.2f, 1.1f};
        double closed = 0;
        for (float s : logStd) {
            double sigma = Math.exp(s);
            closed += 0.5 * Math.log(2 * Math.PI * Math.E * sigma * sigma);
        }
        assertThat(DiagonalGaussian.entropy(logStd)).isCloseTo(closed, within(1e-6));
        assertThat(DiagonalGaussian.entropy(new float[] {0f})).isCloseTo(0.5 * (1 + LOG_TWO_PI), within(1e-15));

        // Monte Carlo: H = -E[log p(a)], a ~ p (fixed seed). sd of log p per draw is sqrt(d / 2).
        float[] mean = {0.4f, -1f, 2f};
        Rng rng = new Rng(17);
        int n = 100_000;
        double sum = 0;
        float[] a = new float[3];
        for (int i = 0; i < n; i++) {
            DiagonalGaussian.sample(mean, 0, logStd, rng, a);
            sum += DiagonalGaussian.logProb(mean, 0, logStd, a);
        }
        assertThat(-sum / n).isCloseTo(DiagonalGaussian.entropy(logStd), within(5 * Math.sqrt(1.5 / n)));
    }

    @Test
    void sampleHasTheRequestedMeanAndStd() {
        float[] mean = {9f, 9f, 1.5f, -2f}; // the row starts at offset 2
        float[] logStd = {(float) Math.log(0.5), (float) Math.log(3)};
        Rng rng = new Rng(23);
        int n = 200_000;
        double[] s1 = new double[2];
        double[] s2 = new double[2];
        float[] a = new float[2];
        for (int i = 0; i < n; i++) {
            DiagonalGaussian.sample(mean, 2, logStd, rng, a);
            for (int j = 0; j < 2; j++) {
                s1[j] += a[j];
                s2[j] += (double) a[j] * a[j];
            }
        }
        for (int j = 0; j < 2; j++) {
            double sigma = Math.exp(logStd[j]);
            double m = s1[j] / n;
            double sd = Math.sqrt(s2[j] / n - m * m);
            assertThat(m).isCloseTo(mean[2 + j], within(5 * sigma / Math.sqrt(n)));
            assertThat(sd).isCloseTo(sigma, within(5 * sigma / Math.sqrt(2.0 * n)));
        }
    }

    @Test
    void sameSeedSameSamples() {
        float[] mean = {0f, 1f};
        float[] logStd = {0f, -1f};
        float[] a = new float[2];
        float[] b = new float[2];
        Rng r1 = new Rng(3);
        Rng r2 = new Rng(3);
        for (int i = 0; i < 50; i++) {
            DiagonalGaussian.sample(mean, 0, logStd, r1, a);
            DiagonalGaussian.sample(mean, 0, logStd, r2, b);
            assertThat(a).isEqualTo(b);
        }
    }
}
