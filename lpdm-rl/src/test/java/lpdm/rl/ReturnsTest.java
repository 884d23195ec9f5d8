package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReturnsTest {

    @Test
    void terminatedEpisodeDoesNotBootstrap() {
        double[] r = {1, 1, 1};
        double[] g = new double[3];
        Returns.discountedReturns(r, 0, 3, 0.5, 0.0, g);
        // G2 = 1; G1 = 1 + 0.5 * 1 = 1.5; G0 = 1 + 0.5 * 1.5 = 1.75
        assertThat(g).containsExactly(1.75, 1.5, 1.0);
    }

    @Test
    void truncatedEpisodeBootstrapsFromFinalValue() {
        double[] r = {1, 2};
        double[] g = new double[2];
        Returns.discountedReturns(r, 0, 2, 0.9, 10.0, g);
        // G1 = 2 + 0.9 * 10 = 11; G0 = 1 + 0.9 * 11 = 10.9
        assertThat(g[1]).isCloseTo(11.0, within(1e-12));
        assertThat(g[0]).isCloseTo(10.9, within(1e-12));
    }

    @Test
    void writesOnlyTheEpisodeRange() {
        double[] r = {5, 1, 1, 5};
        double[] g = {-7, -7, -7, -7};
        Returns.discountedReturns(r, 1, 2, 1.0, 0.0, g);
        // G2 = 1; G1 = 1 + 1 = 2; outside [1, 3) untouched
        assertThat(g).containsExactly(-7.0, 2.0, 1.0, -7.0);
    }

    @Test
    void normaliseGivesZeroMeanUnitStd() {
        double[] x = {1, 2, 3, 4, 99};
        Returns.normaliseInPlace(x, 4);
        // mean 2.5, unbiased std sqrt(5/3) = 1.2909944
        assertThat(x[0]).isCloseTo(-1.5 / 1.2909944487358056, within(1e-7));
        assertThat(x[3]).isCloseTo(1.5 / 1.2909944487358056, within(1e-7));
        assertThat(x[4]).isEqualTo(99.0);
    }
}
