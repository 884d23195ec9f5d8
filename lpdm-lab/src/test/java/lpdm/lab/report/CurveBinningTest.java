package lpdm.lab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurveBinningTest {
    @Test
    void gridHasKPointsEndingAtTheBudget() {
        assertThat(CurveBinning.grid(1000, 4)).containsExactly(250, 500, 750, 1000);
        assertThat(CurveBinning.grid(10, 3)).containsExactly(3, 7, 10);
        // never more points than steps, and strictly increasing
        assertThat(CurveBinning.grid(3, 50)).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> CurveBinning.grid(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binsAverageEpisodesEndingInTheBinAndCarryForward() {
        long[] grid = {250, 500, 750, 1000};
        // episodes end at 100 (r=10), 250 (r=20: on the boundary, belongs to bin 1), 600 (r=40), 900 (r=1), 1030 (r=3: past the budget)
        long[] steps = {100, 250, 600, 900, 1030};
        double[] returns = {10, 20, 40, 1, 3};
        // bin 1: (10+20)/2; bin 2: empty -> carried 15; bin 3: 40; bin 4: (1+3)/2
        assertThat(CurveBinning.bin(steps, returns, grid)).containsExactly(15, 15, 40, 2);
    }

    @Test
    void leadingEmptyBinsAreNaNUntilBackfilled() {
        long[] grid = {250, 500, 750, 1000};
        double[] binned = CurveBinning.bin(new long[] {700, 800}, new double[] {-500, -300}, grid);
        assertThat(binned[0]).isNaN();
        assertThat(binned[1]).isNaN();
        assertThat(binned[2]).isEqualTo(-500);
        assertThat(binned[3]).isEqualTo(-300);
        assertThat(CurveBinning.backfill(binned)).containsExactly(-500, -500, -500, -300);
        assertThat(binned[0]).as("backfill copies").isNaN();
        double[] none = CurveBinning.bin(new long[0], new double[0], grid);
        assertThat(java.util.Arrays.stream(CurveBinning.backfill(none)).allMatch(Double::isNaN)).isTrue();
    }

    @Test
    void withoutCarryForwardEmptyBinsStayEmptyAndNaNValuesAreSkipped() {
        long[] grid = {10, 20, 30};
        double[] binned = CurveBinning.bin(new long[] {5, 6, 25, 27}, new double[] {1, 3, Double.NaN, 7}, grid, false);
        assertThat(binned[0]).isEqualTo(2);
        assertThat(binned[1]).isNaN();
        assertThat(binned[2]).isEqualTo(7);
    }
}
