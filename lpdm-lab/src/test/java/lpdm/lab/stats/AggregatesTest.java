package lpdm.lab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AggregatesTest {
    private static final double EPS = 1e-12;

    @Test
    void iqmPoolsAllRunsOfAllTasks() {
        // pooled 1..8 -> mean(3, 4, 5, 6) = 4.5
        assertThat(Aggregates.interquartileMean(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}})).isEqualTo(4.5);
        // ragged tasks, same pooled values
        assertThat(Aggregates.interquartileMean(new double[][] {{8, 1, 7}, {2, 6}, {3, 5, 4}})).isEqualTo(4.5);
    }

    @Test
    void meanAndMedianAreOverPerTaskMeans() {
        double[][] scores = {{1, 2}, {3, 5}, {10, 20}};
        // task means 1.5, 4, 15
        assertThat(Aggregates.taskMeans(scores)).containsExactly(1.5, 4, 15);
        assertThat(Aggregates.mean(scores)).isCloseTo(20.5 / 3, within(EPS));
        assertThat(Aggregates.median(scores)).isEqualTo(4.0);
    }

    @Test
    void optimalityGapClipsAtGamma() {
        // min(x, 1) = 0.5, 1.0, 0.8, 0.9 -> mean 0.8 -> gap 0.2
        assertThat(Aggregates.optimalityGap(new double[][] {{0.5, 1.2}, {0.8, 0.9}}, 1.0)).isCloseTo(0.2, within(EPS));
    }

    @Test
    void performanceProfileCountsScoresStrictlyAbove() {
        double[][] scores = {{0.1, 0.5}, {0.5, 0.9}};
        // > 0: 4/4, > 0.1: 3/4, > 0.5: 1/4 (ties do not count), > 0.9: 0, > 1: 0
        assertThat(Aggregates.performanceProfile(scores, new double[] {0, 0.1, 0.5, 0.9, 1})).containsExactly(1, 0.75, 0.25, 0, 0);
    }

    @Test
    void mannWhitneyCountsTiesAsHalf() {
        double[] x = {1, 2, 3};
        double[] y = {2, 2, 0};
        // x=1: beats 0 -> 1; x=2: ties 2, 2 (0.5 + 0.5), beats 0 -> 2; x=3: beats all -> 3; U = 6 of 9
        assertThat(Aggregates.mannWhitneyProbability(x, y)).isCloseTo(2.0 / 3, within(EPS));
        // y over x: 1.5 + 1.5 + 0 = 3 of 9
        assertThat(Aggregates.mannWhitneyProbability(y, x)).isCloseTo(1.0 / 3, within(EPS));
        assertThat(Aggregates.mannWhitneyProbability(x, x)).isEqualTo(0.5);
    }

    @Test
    void probabilityOfImprovementAveragesOverTasks() {
        // task 1: 2/3 (above); task 2: x = 5 vs y = {1, 7} -> 1/2; average 7/12
        double[][] x = {{1, 2, 3}, {5}};
        double[][] y = {{2, 2, 0}, {1, 7}};
        assertThat(Aggregates.probabilityOfImprovement(x, y)).isCloseTo(7.0 / 12, within(EPS));
    }

    @Property(tries = 300)
    void iqmLiesBetweenMinAndMax(@ForAll @Size(min = 1, max = 5) List<@Size(min = 1, max = 12) double[]> raw) {
        double[][] scores = raw.stream().map(SampleStatisticsTest::finite).toArray(double[][]::new);
        double[] all = Aggregates.pooled(scores);
        double min = java.util.Arrays.stream(all).min().orElseThrow();
        double max = java.util.Arrays.stream(all).max().orElseThrow();
        double iqm = Aggregates.interquartileMean(scores);
        double tol = 1e-9 * (1 + Math.max(Math.abs(min), Math.abs(max)));
        assertThat(iqm).isBetween(min - tol, max + tol);
    }

    @Property(tries = 200)
    void aggregatesIgnoreTheOrderOfRuns(@ForAll @Size(min = 1, max = 4) List<@Size(min = 1, max = 10) double[]> raw, @ForAll long seed) {
        double[][] scores = raw.stream().map(SampleStatisticsTest::finite).toArray(double[][]::new);
        Random random = new Random(seed);
        double[][] shuffled = new double[scores.length][];
        for (int m = 0; m < scores.length; m++) {
            List<Double> runs = new ArrayList<>();
            for (double v : scores[m]) {
                runs.add(v);
            }
            Collections.shuffle(runs, random);
            shuffled[m] = runs.stream().mapToDouble(Double::doubleValue).toArray();
        }
        assertThat(Aggregates.interquartileMean(shuffled)).isCloseTo(Aggregates.interquartileMean(scores), within(1e-6));
        assertThat(Aggregates.median(shuffled)).isCloseTo(Aggregates.median(scores), within(1e-6));
        assertThat(Aggregates.probabilityOfImprovement(shuffled, scores)).isEqualTo(0.5);
    }

    @Property(tries = 300)
    void improvementProbabilitiesAreComplementary(
            @ForAll @Size(min = 1, max = 8) double[] rawX, @ForAll @Size(min = 1, max = 8) double[] rawY, @ForAll @IntRange(min = 0, max = 3) int rounding) {
        // rounding to few digits makes ties frequent
        double scale = Math.pow(10, rounding);
        double[] x = java.util.Arrays.stream(SampleStatisticsTest.finite(rawX)).map(v -> Math.round(v / 1e5 * scale) / scale).toArray();
        double[] y = java.util.Arrays.stream(SampleStatisticsTest.finite(rawY)).map(v -> Math.round(v / 1e5 * scale) / scale).toArray();
        double pxy = Aggregates.probabilityOfImprovement(new double[][] {x}, new double[][] {y});
        double pyx = Aggregates.probabilityOfImprovement(new double[][] {y}, new double[][] {x});
        assertThat(pxy + pyx).isCloseTo(1.0, within(1e-12));
        assertThat(pxy).isBetween(0.0, 1.0);
    }
}
