package lpdm.envs.minatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The port of numpy's legacy RandomState against values numpy 2.4.6 printed
 * ({@code src/test/python/numpy_random_state_expected.py} prints every expected value below).
 */
class NumpyRandomStateTest {

    private static long[] words(long seed, int n) {
        NumpyRandomState r = new NumpyRandomState(seed);
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextWord() & 0xffffffffL;
        }
        return w;
    }

    @Test
    void rawWordsMatchNumpy() {
        assertThat(words(0, 3)).containsExactly(2357136044L, 2546248239L, 3071714933L);
        assertThat(words(42, 3)).containsExactly(1608637542L, 3421126067L, 4083286876L);
        assertThat(words(4294967295L, 3)).containsExactly(419326371L, 479346978L, 3918654476L);
    }

    @Test
    void doublesMatchNumpy() {
        assertThat(new NumpyRandomState(0).rand(3)).containsExactly(0.5488135039273248, 0.7151893663724195, 0.6027633760716439);
        assertThat(new NumpyRandomState(42).rand(3)).containsExactly(0.3745401188473625, 0.9507143064099162, 0.7319939418114051);
        assertThat(new NumpyRandomState(4294967295L).rand(3)).containsExactly(0.0976320289940138, 0.9123828453026218, 0.78903530185164);
    }

    @Test
    void boundedIntegersRejectAndRandintOfOneDrawsNothing() {
        NumpyRandomState r = new NumpyRandomState(0);
        assertThat(r.randint(1, 6, 8)).containsExactly(5, 1, 4, 4, 4, 2, 4, 3);
        long[] three = new long[6];
        for (int i = 0; i < 6; i++) {
            three[i] = r.randint(3);
        }
        assertThat(three).containsExactly(0, 2, 0, 0, 0, 2);
        assertThat(r.randint(1)).isZero();
        assertThat(r.rand()).isEqualTo(0.47766511732134986);

        r = new NumpyRandomState(42);
        assertThat(r.randint(1, 6, 8)).containsExactly(4, 5, 3, 5, 5, 2, 3, 3);
        for (int i = 0; i < 6; i++) {
            three[i] = r.randint(3);
        }
        assertThat(three).containsExactly(2, 0, 2, 1, 0, 1);
        assertThat(r.randint(1)).isZero();
        assertThat(r.rand()).isEqualTo(0.7219987722668247);
    }

    @Test
    void regenerationOfTheStateMatchesNumpy() {
        NumpyRandomState r = new NumpyRandomState(7);
        r.rand(400);
        assertThat(r.rand()).isEqualTo(0.8070553190721129);
        assertThat(r.randint(100)).isEqualTo(79);
    }

    @Test
    void seedsOfTwoToTheThirtyTwoAndMoreSeedAsTheTwoWordKeyNumpyAccepts() {
        long big = (123456789L << 32) | 987654321L;
        assertThat(new NumpyRandomState(big).rand(3)).containsExactly(0.42698062884908405, 0.20359242275789768, 0.7651750701008827);
        assertThatThrownBy(() -> new NumpyRandomState(-1)).hasMessageContaining("non-negative");
    }

    @Test
    void stateRoundTripContinuesTheStream() {
        NumpyRandomState a = new NumpyRandomState(3);
        a.rand(500);
        NumpyRandomState b = new NumpyRandomState(99);
        b.restore(a.state());
        assertThat(b).isEqualTo(a);
        assertThat(b.rand(700)).containsExactly(a.rand(700));
        assertThatThrownBy(() -> b.restore(new long[3])).hasMessageContaining("625 values");
    }
}
