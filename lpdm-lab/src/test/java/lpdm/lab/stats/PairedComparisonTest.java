package lpdm.lab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import lpdm.core.random.Rng;
import org.junit.jupiter.api.Test;

class PairedComparisonTest {
    private static final Bootstrap.Settings SETTINGS = Bootstrap.Settings.defaults();

    @Test
    void matchesRunsBySeed() {
        // seed 1: 10 - 8 = 2; seed 3: 30 - 25 = 5; seeds 2 and 4 have no partner
        PairedComparison.Matched m = PairedComparison.match(new long[] {1, 2, 3}, new double[] {10, 20, 30}, new long[] {3, 1, 4}, new double[] {25, 8, 0});
        assertThat(m.seeds()).containsExactly(1L, 3L);
        assertThat(m.differences()).containsExactly(2.0, 5.0);
        assertThatThrownBy(() -> PairedComparison.match(new long[] {1, 1}, new double[] {1, 2}, new long[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantDifferencesGiveAnExactInterval() {
        assertThat(PairedComparison.meanDifference(new double[] {2, 2, 2}, SETTINGS, new Rng(1))).isEqualTo(ConfidenceInterval.exact(2));
        assertThat(PairedComparison.meanDifference(new double[0], SETTINGS, new Rng(1)).estimate()).isNaN();
    }

    @Test
    void pairingRemovesTheSharedSeedEffect() {
        // runs share a large seed effect (sd 10); the variant is better by 0.5 with small noise (sd 0.2)
        Rng rng = new Rng(5);
        int n = 10;
        double[] baseline = new double[n];
        double[] variant = new double[n];
        for (int s = 0; s < n; s++) {
            double seedEffect = 10 * rng.nextGaussian();
            baseline[s] = seedEffect;
            variant[s] = seedEffect + 0.5 + 0.2 * rng.nextGaussian();
        }
        double[] d = new double[n];
        for (int s = 0; s < n; s++) {
            d[s] = variant[s] - baseline[s];
        }
        ConfidenceInterval paired = PairedComparison.meanDifference(d, SETTINGS, new Rng(2));
        ConfidenceInterval unpaired = Bootstrap.stratifiedTwoSample(new double[][] {variant}, new double[][] {baseline},
                (x, y) -> SampleStatistics.mean(x[0]) - SampleStatistics.mean(y[0]), SETTINGS, new Rng(2));
        assertThat(paired.estimate()).isCloseTo(unpaired.estimate(), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(paired.lower()).isGreaterThan(0); // the improvement is detected
        assertThat(unpaired.lower()).isLessThan(0); // and drowned by the seed effect without pairing
        assertThat(paired.width()).isLessThan(unpaired.width() / 10);
    }

    @Test
    void stratifiedOverTasksAveragesTaskMeans() {
        // task means 1 and 4 -> 2.5 whatever the resample, since each task is constant
        ConfidenceInterval ci = PairedComparison.meanDifference(new double[][] {{1, 1}, {4, 4, 4}}, SETTINGS, new Rng(3));
        assertThat(ci).isEqualTo(ConfidenceInterval.exact(2.5));
        assertThat(new PairedComparison.Matched(List.of(1L), List.of(2.0)).differenceArray()).containsExactly(2.0);
    }
}
