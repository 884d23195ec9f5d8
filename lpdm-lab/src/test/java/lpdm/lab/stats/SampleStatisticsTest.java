package lpdm.lab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SampleStatisticsTest {
    private static final double EPS = 1e-12;

    @Test
    void quantilesInterpolateLinearlyLikeNumpy() {
        double[] x = {8, 1, 7, 2, 6, 3, 5, 4};
        // sorted 1..8, n = 8: Q(0.25) at h = 0.25 * 7 = 1.75 -> 2 + 0.75 * (3 - 2) = 2.75
        assertThat(SampleStatistics.quantile(x, 0.25)).isCloseTo(2.75, within(EPS));
        // Q(0.75) at h = 5.25 -> 6 + 0.25 * (7 - 6) = 6.25
        assertThat(SampleStatistics.quantile(x, 0.75)).isCloseTo(6.25, within(EPS));
        // IQR = 6.25 - 2.75 = 3.5
        assertThat(SampleStatistics.interquartileRange(x)).isCloseTo(3.5, within(EPS));
        // 95th percentile of [0, 1, 3, 2, 5]: sorted [0, 1, 2, 3, 5], h = 0.95 * 4 = 3.8 -> 3 + 0.8 * 2 = 4.6
        assertThat(SampleStatistics.percentile(new double[] {0, 1, 3, 2, 5}, 95)).isCloseTo(4.6, within(EPS));
        assertThat(SampleStatistics.median(new double[] {3, 1, 2})).isEqualTo(2.0);
        assertThat(SampleStatistics.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(SampleStatistics.quantile(x, 0)).isEqualTo(1.0);
        assertThat(SampleStatistics.quantile(x, 1)).isEqualTo(8.0);
        assertThat(x).containsExactly(8, 1, 7, 2, 6, 3, 5, 4); // not modified
    }

    @Test
    void cvarAveragesTheTailBeyondTheInterpolatedQuantile() {
        double[] x = {10, 1, 5, 3, 8, 2, 7, 4, 6, 9};
        // alpha = 0.2: VaR = Q(0.2), h = 0.2 * 9 = 1.8 -> 2 + 0.8 = 2.8; tail {1, 2} -> 1.5
        assertThat(SampleStatistics.lowerCvar(x, 0.2)).isCloseTo(1.5, within(EPS));
        // upper: VaR = Q(0.8), h = 7.2 -> 8.2; tail {9, 10} -> 9.5
        assertThat(SampleStatistics.upperCvar(x, 0.2)).isCloseTo(9.5, within(EPS));
        // ties at the VaR are all in the tail: sorted [-3, -3, 2, 5, 10], Q(0.05) = -3 -> mean(-3, -3) = -3
        assertThat(SampleStatistics.lowerCvar(new double[] {5, -3, 2, -3, 10}, 0.05)).isEqualTo(-3.0);
        // 1..20 at alpha 0.05: h = 0.95 -> VaR 1.95, tail {1}
        double[] oneToTwenty = new double[20];
        for (int i = 0; i < 20; i++) {
            oneToTwenty[i] = i + 1;
        }
        assertThat(SampleStatistics.lowerCvar(oneToTwenty, 0.05)).isEqualTo(1.0);
        assertThat(SampleStatistics.upperCvar(oneToTwenty, 0.05)).isEqualTo(20.0);
    }

    @Test
    void trimmedMeanHasScipySemantics() {
        // 1..8: g = floor(0.25 * 8) = 2 -> mean(3, 4, 5, 6) = 4.5
        assertThat(SampleStatistics.interquartileMean(new double[] {8, 7, 6, 5, 4, 3, 2, 1})).isEqualTo(4.5);
        // n = 11: g = floor(2.75) = 2 -> sorted[2..8] = 0, 1, 2, 3, 10, 20, 30 -> 66 / 7.
        // (Weighting the boundary elements by 0.25 would give (0.25*0 + 36 + 0.25*30) / 5.5 = 7.909...)
        double[] skewed = {50, 0, 40, 0, 30, 0, 20, 1, 10, 2, 3};
        assertThat(SampleStatistics.interquartileMean(skewed)).isCloseTo(66.0 / 7, within(EPS));
        // n = 4: g = 1 -> mean(2, 3) = 2.5; n = 3: g = 0 -> plain mean
        assertThat(SampleStatistics.interquartileMean(new double[] {1, 2, 3, 100})).isEqualTo(2.5);
        assertThat(SampleStatistics.interquartileMean(new double[] {1, 2, 9})).isEqualTo(4.0);
        // 10% trimmed mean of 0..19: g = 2 -> mean(2..17) = 9.5 (scipy's docstring example)
        double[] zeroToNineteen = new double[20];
        for (int i = 0; i < 20; i++) {
            zeroToNineteen[i] = i;
        }
        assertThat(SampleStatistics.trimmedMean(zeroToNineteen, 0.1)).isEqualTo(9.5);
        assertThatThrownBy(() -> SampleStatistics.trimmedMean(zeroToNineteen, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ranksAverageTiesAndSkipNaN() {
        assertThat(SampleStatistics.ranks(new double[] {10, 20, 20, 5})).containsExactly(2, 3.5, 3.5, 1);
        // higher is better: 20s are best and share ranks 1 and 2
        assertThat(SampleStatistics.ranksBestFirst(new double[] {10, 20, 20, 5}, true)).containsExactly(3, 1.5, 1.5, 4);
        double[] withNaN = SampleStatistics.ranks(new double[] {Double.NaN, 1, 0});
        assertThat(withNaN[0]).isNaN();
        assertThat(withNaN[1]).isEqualTo(2.0);
        assertThat(withNaN[2]).isEqualTo(1.0);
    }

    @Test
    void emptySamplesAreUndefined() {
        assertThat(SampleStatistics.mean(new double[0])).isNaN();
        assertThat(SampleStatistics.median(new double[0])).isNaN();
        assertThat(SampleStatistics.interquartileRange(new double[0])).isNaN();
        assertThat(SampleStatistics.lowerCvar(new double[0], 0.05)).isNaN();
        assertThat(SampleStatistics.interquartileMean(new double[0])).isNaN();
    }

    @Property(tries = 300)
    void cvarsBracketTheMean(@ForAll @Size(min = 1, max = 40) double[] raw, @ForAll @DoubleRange(min = 0.01, max = 0.99) double alpha) {
        double[] x = finite(raw);
        double mean = SampleStatistics.mean(x);
        double tol = 1e-9 * (1 + Math.abs(mean));
        assertThat(SampleStatistics.lowerCvar(x, alpha)).isLessThanOrEqualTo(mean + tol);
        assertThat(SampleStatistics.upperCvar(x, alpha)).isGreaterThanOrEqualTo(mean - tol);
    }

    @Property(tries = 300)
    void ranksSumToTriangularNumber(@ForAll @Size(min = 1, max = 30) double[] raw) {
        double[] x = finite(raw);
        double sum = 0;
        for (double r : SampleStatistics.ranks(x)) {
            sum += r;
        }
        assertThat(sum).isCloseTo(x.length * (x.length + 1) / 2.0, within(1e-9));
    }

    /** Maps arbitrary doubles (which may be infinite or NaN) to moderate finite values. */
    static double[] finite(double[] raw) {
        double[] x = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            double v = raw[i];
            x[i] = Double.isFinite(v) ? Math.IEEEremainder(v, 1e6) : i;
        }
        return x;
    }
}
