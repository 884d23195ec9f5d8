package lpdm.lab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import lpdm.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ReliabilityTest {
    private static final double EPS = 1e-12;
    private static final Reliability.Settings DEFAULTS = Reliability.Settings.defaults();
    /** y = [0, 1, 3, 2, 5]: diffs [1, 2, -1, 3], range Q(0.95) - y0 = 4.6 - 0 = 4.6 (see SampleStatisticsTest). */
    private static final LearningCurve SMALL = LearningCurve.ofValues(0, 1, 3, 2, 5);

    @Test
    void detrendingTakesFirstDifferences() {
        assertThat(Reliability.detrend(SMALL, false)).containsExactly(1, 2, -1, 3);
        // per step (reference library): dy / dt with dt = [2, 2, 1, 5] -> [0.5, 1, -1, 0.6]
        LearningCurve uneven = LearningCurve.of(new double[] {0, 2, 4, 5, 10}, new double[] {0, 1, 3, 2, 5});
        assertThat(Reliability.detrend(uneven, true)).containsExactly(new double[] {0.5, 1, -1, 0.6}, within(EPS));
        assertThat(Reliability.detrend(LearningCurve.ofValues(7), false)).isEmpty();
    }

    @Test
    void curveRangeAndDrawdown() {
        assertThat(Reliability.curveRange(new double[] {0, 1, 3, 2, 5})).isCloseTo(4.6, within(EPS));
        // peaks [0, 1, 3, 3, 5, 5] -> drawdowns [0, 0, 0, 1, 0, 4]
        assertThat(Reliability.drawdown(new double[] {0, 1, 3, 2, 5, 1})).containsExactly(0, 0, 0, 1, 0, 4);
    }

    @Test
    void dispersionAcrossTimeOverTheWholeRun() {
        // IQR of [1, 2, -1, 3]: sorted [-1, 1, 2, 3], Q(0.25) = -1 + 0.75 * 2 = 0.5, Q(0.75) = 2 + 0.25 * 1 = 2.25 -> 1.75
        assertThat(Reliability.dispersionAcrossTime(SMALL, DEFAULTS)).isCloseTo(1.75 / 4.6, within(EPS));
    }

    @Test
    void dispersionAcrossTimeInWindows() {
        // y at steps 0..8: diffs at steps 1..8 = [1, 2, -1, 3, -1, 4, -2, 4]
        LearningCurve curve = LearningCurve.ofValues(0, 1, 3, 2, 5, 4, 8, 6, 10);
        // two windows over [1, 8], width 3.5: [1, 4.5) holds steps 1-4 -> IQR(1, 2, -1, 3) = 1.75;
        // [4.5, 8] holds steps 5-8 -> sorted [-2, -1, 4, 4], Q(0.25) = -1.25, Q(0.75) = 4 -> 5.25
        // median(1.75, 5.25) = 3.5; range: sorted y [0,1,2,3,4,5,6,8,10], h = 7.6 -> 8 + 0.6 * 2 = 9.2
        assertThat(Reliability.dispersionAcrossTime(curve, DEFAULTS.withTimeWindows(2))).isCloseTo(3.5 / 9.2, within(EPS));
    }

    @Test
    void shortTermRiskIsTheLowerTailOfDifferences() {
        // diffs [1, 2, -1, 3]: Q(0.05) at h = 0.15 -> -1 + 0.15 * 2 = -0.7; tail {-1} -> -1 / 4.6
        assertThat(Reliability.shortTermRisk(SMALL, DEFAULTS)).isCloseTo(-1 / 4.6, within(EPS));
    }

    @Test
    void longTermRiskAveragesTheWorstDrawdowns() {
        // SMALL: drawdowns [0, 0, 0, 1, 0], Q(0.95) at h = 3.8 -> 0.8; tail {1} -> 1 / 4.6
        assertThat(Reliability.longTermRisk(SMALL, DEFAULTS)).isCloseTo(1 / 4.6, within(EPS));
        // y = [0, 4, 2, 6, 1, 5, 7, 3], alpha 0.25: peaks [0, 4, 4, 6, 6, 6, 7, 7] -> D = [0, 0, 2, 0, 5, 1, 0, 4]
        // sorted D [0, 0, 0, 0, 1, 2, 4, 5], Q(0.75) at h = 5.25 -> 2.5; tail {4, 5} -> 4.5
        // range: sorted y [0..7], Q(0.95) at h = 6.65 -> 6.65, minus y0 = 0 -> 6.65
        // (the lower tail would average the smallest drawdowns: Q(0.25) = 0 -> tail {0, 0, 0, 0} -> 0)
        Reliability.Settings quarter = new Reliability.Settings(0.25, 8, 0.01, 1, false, 0);
        LearningCurve curve = LearningCurve.ofValues(0, 4, 2, 6, 1, 5, 7, 3);
        assertThat(Reliability.longTermRisk(curve, quarter)).isCloseTo(4.5 / 6.65, within(EPS));
    }

    @Test
    void flatOrFallingCurvesHaveNoRange() {
        LearningCurve flat = LearningCurve.ofValues(2, 2, 2, 2);
        LearningCurve falling = LearningCurve.ofValues(5, 4, 3, 2);
        for (LearningCurve c : List.of(flat, falling)) {
            assertThat(Reliability.dispersionAcrossTime(c, DEFAULTS)).isNaN();
            assertThat(Reliability.shortTermRisk(c, DEFAULTS)).isNaN();
            assertThat(Reliability.longTermRisk(c, DEFAULTS)).isNaN();
        }
    }

    @Test
    void afterLearningMetrics() {
        double[] returns = {8, 1, 7, 2, 6, 3, 5, 4};
        assertThat(Reliability.afterLearningIqr(returns)).isCloseTo(3.5, within(EPS));
        // Q(0.05) at h = 0.35 -> 1.35; tail {1}
        assertThat(Reliability.afterLearningCvar(returns, 0.05)).isEqualTo(1.0);
    }

    /** Three runs at steps 0, 1, 2: [0, 1, 4], [0, 3, 4], [0, 2, 2]; ranges 3.7, 3.9, 2. */
    private static List<LearningCurve> threeRuns() {
        return List.of(LearningCurve.ofValues(0, 1, 4), LearningCurve.ofValues(0, 3, 4), LearningCurve.ofValues(0, 2, 2));
    }

    @Test
    void dispersionAcrossRunsWithoutFilter() {
        Reliability.AcrossRuns data = Reliability.alignAcrossRuns(threeRuns(), DEFAULTS.withoutLowpass());
        // ranges: [0,1,4] -> Q(0.95) at h = 1.9 -> 1 + 0.9 * 3 = 3.7; [0,3,4] -> 3.9; [0,2,2] -> 2
        assertThat(data.ranges()).containsExactly(new double[] {3.7, 3.9, 2}, within(EPS));
        // median range 3.7. Point 0: IQR(0, 0, 0) = 0. Point 1: [1, 3, 2] -> Q(0.25) = 1.5, Q(0.75) = 2.5 -> 1.
        // Point 2: [4, 4, 2] -> sorted [2, 4, 4], Q(0.25) = 3, Q(0.75) = 4 -> 1.
        assertThat(Reliability.dispersionAcrossRunsPerPoint(data, Reliability.allRuns(3))).containsExactly(new double[] {0, 1 / 3.7, 1 / 3.7}, within(EPS));
        // median over points -> 1 / 3.7
        assertThat(Reliability.dispersionAcrossRuns(data)).isCloseTo(1 / 3.7, within(EPS));
    }

    @Test
    void riskAcrossRunsWithoutFilter() {
        Reliability.AcrossRuns data = Reliability.alignAcrossRuns(threeRuns(), DEFAULTS.withoutLowpass());
        // normalised runs [0, 1/3.7, 4/3.7], [0, 3/3.9, 4/3.9], [0, 1, 1]; with 3 runs Q(0.05) lies
        // between the two smallest, so the lower CVaR is the minimum: [0, 1/3.7, 1]
        assertThat(Reliability.riskAcrossRunsPerPoint(data, Reliability.allRuns(3), 0.05)).containsExactly(new double[] {0, 1 / 3.7, 1}, within(EPS));
        assertThat(Reliability.riskAcrossRuns(data, 0.05)).isCloseTo(1 / 3.7, within(EPS));
        // resampled indices may repeat runs: run 2 three times -> [0, 1, 1] -> median 1
        assertThat(Reliability.riskAcrossRuns(data, new int[] {2, 2, 2}, 0.05)).isEqualTo(1.0);
    }

    @Test
    void runsAtDifferentStepsAreInterpolatedOntoACommonGrid() {
        // run A: y = t at steps 0, 10, 20; run B: y = 2t at steps 0, 5, 15, 20, 25
        LearningCurve a = LearningCurve.of(new double[] {0, 10, 20}, new double[] {0, 10, 20});
        LearningCurve b = LearningCurve.of(new double[] {0, 5, 15, 20, 25}, new double[] {0, 10, 30, 40, 50});
        Reliability.AcrossRuns data = Reliability.alignAcrossRuns(List.of(a, b), DEFAULTS.withoutLowpass());
        // overlap [0, 20]; A has 3 points inside, B 4 -> grid of 3 points: 0, 10, 20
        assertThat(data.grid()).containsExactly(0, 10, 20);
        assertThat(data.filtered()[0]).containsExactly(0, 10, 20);
        // B at 10: halfway between (5, 10) and (15, 30) -> 20; at 20 -> 40
        assertThat(data.filtered()[1]).containsExactly(0, 20, 40);
        // ranges come from the unaligned curves: A 19 - 0 = 19 (Q(0.95) at h = 1.9 -> 10 + 0.9 * 10);
        // B: h = 3.8 -> 40 + 0.8 * 10 = 48
        assertThat(data.ranges()).containsExactly(new double[] {19, 48}, within(EPS));
        LearningCurve c = LearningCurve.of(new double[] {30, 40}, new double[] {0, 1});
        assertThatThrownBy(() -> Reliability.alignAcrossRuns(List.of(a, c), DEFAULTS)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acrossRunMetricsFilterEachRunWithSectionsAndCappedPadding() {
        Rng rng = new Rng(3);
        List<LearningCurve> curves = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            double[] y = new double[200];
            for (int i = 0; i < y.length; i++) {
                y[i] = 100 * (1 - Math.exp(-i / 40.0)) + 10 * rng.nextGaussian();
            }
            curves.add(LearningCurve.ofValues(y));
        }
        Reliability.AcrossRuns data = Reliability.alignAcrossRuns(curves, DEFAULTS);
        ButterworthFilter filter = ButterworthFilter.lowPass(8, 0.01);
        for (int r = 0; r < 4; r++) {
            assertThat(data.filtered()[r]).containsExactly(filter.filtfilt(curves.get(r).values(), 27), within(0.0));
        }
        // a 6-point curve is padded by n - 1 = 5 (the reference library's min(n - 1, 27))
        Reliability.AcrossRuns shortData = Reliability.alignAcrossRuns(List.of(shortCurve()), DEFAULTS);
        assertThat(shortData.filtered()[0]).containsExactly(filter.filtfilt(shortCurve().values(), 5), within(0.0));
        // filtering smooths the noise: dispersion across runs shrinks
        double filtered = Reliability.dispersionAcrossRuns(data);
        double raw = Reliability.dispersionAcrossRuns(Reliability.alignAcrossRuns(curves, DEFAULTS.withoutLowpass()));
        assertThat(filtered).isLessThan(raw);
    }

    private static LearningCurve shortCurve() {
        return LearningCurve.ofValues(0, 3, 2, 5, 4, 6);
    }

    @Property(tries = 50)
    void riskAcrossRunsIgnoresThePerRunScale(@ForAll @Size(value = 3) List<@DoubleRange(min = 0.1, max = 10) Double> scales, @ForAll long seed) {
        // each run is divided by its own range and the filter is linear: scaling a run changes nothing
        Rng rng = new Rng(seed);
        List<LearningCurve> curves = new ArrayList<>();
        List<LearningCurve> scaled = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            double[] y = new double[60];
            for (int i = 0; i < y.length; i++) {
                y[i] = i + 5 * rng.nextGaussian();
            }
            double[] z = y.clone();
            for (int i = 0; i < z.length; i++) {
                z[i] *= scales.get(r);
            }
            curves.add(LearningCurve.ofValues(y));
            scaled.add(LearningCurve.ofValues(z));
        }
        double rr = Reliability.riskAcrossRuns(Reliability.alignAcrossRuns(curves, DEFAULTS), 0.05);
        double rrScaled = Reliability.riskAcrossRuns(Reliability.alignAcrossRuns(scaled, DEFAULTS), 0.05);
        if (Double.isNaN(rr)) {
            assertThat(rrScaled).isNaN();
        } else {
            assertThat(rrScaled).isCloseTo(rr, within(1e-9 * (1 + Math.abs(rr))));
        }
    }

    @Property(tries = 100)
    void perRunMetricsAreScaleFree(@ForAll @Size(min = 3, max = 30) double[] raw, @ForAll @DoubleRange(min = 0.01, max = 100) double scale) {
        double[] y = SampleStatisticsTest.finite(raw);
        double[] z = y.clone();
        for (int i = 0; i < z.length; i++) {
            z[i] *= scale;
        }
        for (ReliabilityMetric metric : List.of(ReliabilityMetric.DT, ReliabilityMetric.SRT, ReliabilityMetric.LRT)) {
            double a = Reliability.perRunMetric(metric, LearningCurve.ofValues(y), DEFAULTS);
            double b = Reliability.perRunMetric(metric, LearningCurve.ofValues(z), DEFAULTS);
            if (Double.isNaN(a)) {
                assertThat(b).isNaN();
            } else {
                assertThat(b).isCloseTo(a, within(1e-6 * (1 + Math.abs(a))));
            }
        }
    }
}
