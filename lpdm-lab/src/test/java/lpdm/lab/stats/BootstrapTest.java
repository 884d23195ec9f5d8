package lpdm.lab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import lpdm.core.random.Rng;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final Bootstrap.Settings SETTINGS = new Bootstrap.Settings(2000, 0.95);

    private static double[] gaussian(int n, double mean, double sd, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = mean + sd * rng.nextGaussian();
        }
        return x;
    }

    @Test
    void percentileIntervalInterpolatesReplicates() {
        double[] replicates = new double[101];
        for (int i = 0; i <= 100; i++) {
            replicates[100 - i] = i;
        }
        // 90%: Q(0.05) of 0..100 = 5, Q(0.95) = 95
        double[] interval = Bootstrap.percentileInterval(replicates, 0.9);
        assertThat(interval[0]).isCloseTo(5.0, within(1e-9));
        assertThat(interval[1]).isCloseTo(95.0, within(1e-9));
        // NaN replicates are dropped: [NaN, 1, 2, 3] at 50% -> Q(0.25), Q(0.75) of [1, 2, 3] = 1.5, 2.5
        assertThat(Bootstrap.percentileInterval(new double[] {Double.NaN, 3, 1, 2}, 0.5)).containsExactly(1.5, 2.5);
        assertThat(Bootstrap.percentileInterval(new double[] {Double.NaN}, 0.5)[0]).isNaN();
    }

    @Test
    void sameSeedSameInterval() {
        double[][] scores = {gaussian(10, 0, 1, 1), gaussian(7, 3, 2, 2)};
        ConfidenceInterval a = Bootstrap.stratified(scores, Aggregates::interquartileMean, SETTINGS, new Rng(42));
        ConfidenceInterval b = Bootstrap.stratified(scores, Aggregates::interquartileMean, SETTINGS, new Rng(42));
        ConfidenceInterval c = Bootstrap.stratified(scores, Aggregates::interquartileMean, SETTINGS, new Rng(43));
        assertThat(a).isEqualTo(b);
        assertThat(c.estimate()).isEqualTo(a.estimate());
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void intervalContainsTheEstimateOfAWellBehavedSample() {
        double[][] scores = {gaussian(20, 5, 1, 7)};
        ConfidenceInterval ci = Bootstrap.stratified(scores, Aggregates::mean, SETTINGS, new Rng(1));
        assertThat(ci.estimate()).isEqualTo(SampleStatistics.mean(scores[0]));
        assertThat(ci.contains(ci.estimate())).isTrue();
        assertThat(ci.lower()).isLessThan(ci.upper());
    }

    @Test
    void intervalNarrowsWithMoreRuns() {
        double small = Bootstrap.stratified(new double[][] {gaussian(10, 0, 1, 3)}, Aggregates::interquartileMean, SETTINGS, new Rng(5)).width();
        double large = Bootstrap.stratified(new double[][] {gaussian(160, 0, 1, 3)}, Aggregates::interquartileMean, SETTINGS, new Rng(5)).width();
        // width ~ 1/sqrt(n): 16x the runs should give about a quarter of the width
        assertThat(large).isLessThan(small / 2);
    }

    @Test
    void meanIntervalMatchesTheNormalApproximation() {
        double[] x = gaussian(400, 0, 1, 11);
        double sd = Math.sqrt(java.util.Arrays.stream(x).map(v -> v * v).sum() / x.length - Math.pow(SampleStatistics.mean(x), 2));
        double expectedWidth = 2 * 1.959964 * sd / Math.sqrt(x.length);
        double width = Bootstrap.stratified(new double[][] {x}, Aggregates::mean, SETTINGS, new Rng(9)).width();
        assertThat(width / expectedWidth).isCloseTo(1.0, within(0.1));
    }

    @Test
    void resamplingStaysWithinTasks() {
        // any within-task resample keeps the task means at 0 and 1, so the mean of task means is
        // always 0.5; pooling runs across tasks would make it vary
        double[][] scores = {{0, 0, 0, 0}, {1, 1, 1, 1}};
        ConfidenceInterval ci = Bootstrap.stratified(scores, Aggregates::mean, SETTINGS, new Rng(3));
        assertThat(ci).isEqualTo(ConfidenceInterval.exact(0.5));
        // tasks may differ in size; a single-run task is constant under resampling
        double[][] ragged = {{0, 10}, {5}};
        ConfidenceInterval r = Bootstrap.stratified(ragged, s -> s[1][0], SETTINGS, new Rng(3));
        assertThat(r).isEqualTo(ConfidenceInterval.exact(5));
    }

    @Test
    void stratifiedResamplesDrawUniformlyWithReplacement() {
        // the bootstrap distribution of the mean of {0, 1} with n = 2 is {0, 0.5, 1} w.p. 1/4, 1/2, 1/4
        int[] counts = new int[3];
        Bootstrap.Settings many = new Bootstrap.Settings(8000, 0.95);
        Bootstrap.stratified(new int[] {2}, idx -> {
            counts[idx[0][0] + idx[0][1]]++;
            return 0;
        }, many, new Rng(17));
        // counts include the identity evaluation (0 + 1 -> middle)
        assertThat(counts[0] / 8000.0).isCloseTo(0.25, within(0.02));
        assertThat((counts[1] - 1) / 8000.0).isCloseTo(0.5, within(0.02));
        assertThat(counts[2] / 8000.0).isCloseTo(0.25, within(0.02));
    }

    @Test
    void twoSampleBootstrapOfSeparatedSamples() {
        double[][] x = {{5, 6, 7}};
        double[][] y = {{1, 2, 3, 4}};
        ConfidenceInterval ci = Bootstrap.stratifiedTwoSample(x, y, Aggregates::probabilityOfImprovement, SETTINGS, new Rng(1));
        assertThat(ci).isEqualTo(ConfidenceInterval.exact(1.0));
        ConfidenceInterval same = Bootstrap.stratifiedTwoSample(y, y, Aggregates::probabilityOfImprovement, SETTINGS, new Rng(1));
        assertThat(same.estimate()).isEqualTo(0.5);
        assertThat(same.lower()).isLessThan(0.5);
        assertThat(same.upper()).isGreaterThan(0.5);
    }

    @Test
    void bandsHaveOneIntervalPerComponent() {
        double[][] scores = {gaussian(30, 0.5, 0.2, 2)};
        double[] taus = Aggregates.linspace(0, 1, 11);
        ConfidenceInterval[] bands = Bootstrap.stratifiedBands(scores, s -> Aggregates.performanceProfile(s, taus), SETTINGS, new Rng(4));
        assertThat(bands).hasSize(11);
        for (int k = 0; k < bands.length; k++) {
            assertThat(bands[k].estimate()).isEqualTo(Aggregates.performanceProfile(scores, taus)[k]);
            assertThat(bands[k].lower()).isBetween(0.0, bands[k].upper());
            assertThat(bands[k].upper()).isLessThanOrEqualTo(1.0);
        }
    }
}
