package lpdm.envs.minatar;

import java.util.Arrays;

/**
 * numpy's legacy {@code RandomState}: the MT19937 generator (Matsumoto and Nishimura, 1998) with
 * numpy's fixed rules for doubles and bounded integers, which MinAtar draws all its randomness from.
 * The same seed gives the same stream as numpy's, draw for draw (numpy has kept this stream frozen
 * since 1.17).
 *
 * <ul>
 *   <li>{@link #NumpyRandomState(long)} with a seed in [0, 2^32 - 1] is {@code RandomState(seed)}
 *       (the reference {@code init_genrand}). A larger seed (this project's runs derive 62-bit env
 *       seeds, which numpy would refuse) seeds as {@code RandomState([low 32 bits, high 32 bits])}
 *       would (the reference {@code init_by_array}).</li>
 *   <li>{@link #rand()}: two 32-bit words w1, w2 give ((w1 >> 5) * 2^26 + (w2 >> 6)) / 2^53.</li>
 *   <li>{@link #randint(long, long)}: rejection sampling with the smallest all-ones mask covering
 *       high - 1 - low; one word per try; no word at all when high - 1 == low.</li>
 * </ul>
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int index;

    /** {@code RandomState(seed)}; seeds of 2^32 and more as {@code RandomState([lo32, hi32])}. */
    public NumpyRandomState(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be a non-negative integer, got " + seed);
        }
        if (seed <= 0xffffffffL) {
            initGenrand((int) seed);
        } else {
            initByArray(new int[] {(int) seed, (int) (seed >>> 32)});
        }
    }

    private void initGenrand(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        index = N;
    }

    /** The next tempered 32-bit word (as an unsigned value in an int). */
    public int nextWord() {
        if (index >= N) {
            regenerate();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void regenerate() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        index = 0;
    }

    /** {@code rand()}: a double in [0, 1) from two words. */
    public double rand() {
        long a = (nextWord() & 0xffffffffL) >>> 5;
        long b = (nextWord() & 0xffffffffL) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code rand(n)}: n doubles in order. */
    public double[] rand(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rand();
        }
        return v;
    }

    /** {@code randint(high)}: an integer in [0, high). */
    public long randint(long high) {
        return randint(0, high);
    }

    /** {@code randint(low, high)}: an integer in [low, high), for ranges of at most 2^32 values. */
    public long randint(long low, long high) {
        long range = high - 1 - low;
        if (range < 0 || range > 0xffffffffL) {
            throw new IllegalArgumentException("randint needs low < high and at most 2^32 values, got [" + low + ", " + high + ")");
        }
        if (range == 0) {
            return low;
        }
        if (range == 0xffffffffL) {
            return low + (nextWord() & 0xffffffffL);
        }
        long mask = range;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = nextWord() & mask;
        } while (v > range);
        return low + v;
    }

    /** {@code randint(low, high, size=n)}: n integers drawn one after another. */
    public long[] randint(long low, long high, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = randint(low, high);
        }
        return v;
    }

    /** The whole state: the 624 words then the index. */
    public long[] state() {
        long[] s = new long[N + 1];
        for (int i = 0; i < N; i++) {
            s[i] = mt[i] & 0xffffffffL;
        }
        s[N] = index;
        return s;
    }

    /** Restores what {@link #state()} returned. */
    public void restore(long[] state) {
        if (state == null || state.length != N + 1 || state[N] < 0 || state[N] > N) {
            throw new IllegalArgumentException("an MT19937 state has " + (N + 1) + " values (624 words and an index in 0..624), got "
                    + (state == null ? "null" : state.length + " values"));
        }
        for (int i = 0; i < N; i++) {
            mt[i] = (int) state[i];
        }
        index = (int) state[N];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumpyRandomState r && r.index == index && Arrays.equals(r.mt, mt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mt) + index;
    }
}
