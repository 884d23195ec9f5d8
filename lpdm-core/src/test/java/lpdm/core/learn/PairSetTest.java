package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lpdm.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PairSetTest {

    @Property(tries = 30)
    void allPairsAreEveryUnorderedPairOnce(@ForAll @IntRange(min = 0, max = 30) int n) {
        PairSet s = new PairSet();
        s.fillAll(n);
        assertThat(s.size()).isEqualTo(n < 2 ? 0 : n * (n - 1) / 2);
        boolean[][] seen = new boolean[n][n];
        for (int p = 0; p < s.size(); p++) {
            assertThat(s.first(p)).isLessThan(s.second(p));
            assertThat(seen[s.first(p)][s.second(p)]).isFalse();
            seen[s.first(p)][s.second(p)] = true;
        }
        assertThat(s.bytes()).isEqualTo(8L * s.size());
    }

    @Property(tries = 30)
    void sampledPairsHaveKPartnersPerAnchorAndNoSelfPairs(@ForAll @IntRange(min = 2, max = 20) int n,
            @ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
        PairSet s = new PairSet();
        Rng rng = new Rng(seed);
        s.fillSampled(n, k, rng);
        assertThat(s.size()).isEqualTo(n * k);
        for (int p = 0; p < s.size(); p++) {
            assertThat(s.first(p)).isEqualTo(p / k);
            assertThat(s.second(p)).isBetween(0, n - 1).isNotEqualTo(s.first(p));
        }
        // Exactly N K draws from the generator, and the same seed gives the same pairs.
        Rng twin = new Rng(seed);
        for (int i = 0; i < n * k; i++) {
            twin.nextInt(n - 1);
        }
        assertThat(rng.state()).containsExactly(twin.state());
        PairSet again = new PairSet();
        again.fillSampled(n, k, new Rng(seed));
        for (int p = 0; p < s.size(); p++) {
            assertThat(again.second(p)).isEqualTo(s.second(p));
        }
    }

    @Test
    void partnersAreUniformOverTheOtherSamples() {
        int n = 5;
        int[][] counts = new int[n][n];
        PairSet s = new PairSet();
        Rng rng = new Rng(17);
        int rounds = 20000;
        for (int r = 0; r < rounds; r++) {
            s.fillSampled(n, 1, rng);
            for (int p = 0; p < s.size(); p++) {
                counts[s.first(p)][s.second(p)]++;
            }
        }
        double expected = rounds / (double) (n - 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) {
                    assertThat(counts[i][j]).isZero();
                } else {
                    assertThat(Math.abs(counts[i][j] - expected)).isLessThan(5 * Math.sqrt(expected)); // ~5 sd
                }
            }
        }
    }

    @Test
    void fixedPairSetsAreValidated() {
        PairSet s = PairSet.of(3, new int[] {0, 2, 2}, new int[] {1, 0, 0});
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.samples()).isEqualTo(3);
        assertThatThrownBy(() -> PairSet.of(3, new int[] {1}, new int[] {1})).hasMessageContaining("invalid pair (1, 1)");
        assertThatThrownBy(() -> PairSet.of(3, new int[] {0}, new int[] {3})).hasMessageContaining("invalid pair");
        assertThatThrownBy(() -> new PairSet().fillSampled(4, 0, new Rng(1))).hasMessageContaining("partners");
    }
}
