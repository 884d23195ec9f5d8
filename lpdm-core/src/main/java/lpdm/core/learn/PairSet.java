package lpdm.core.learn;

import lpdm.core.random.Rng;

/**
 * The list of sample pairs (first[p], second[p]), p = 0..P-1, over which a local loss is summed.
 * Reused across calls: the arrays grow when needed and are never shrunk.
 *
 * <ul>
 *   <li>{@link #fillAll}: every unordered pair once, first &lt; second, P = N (N - 1) / 2, in
 *       row-major order of the upper triangle.
 *   <li>{@link #fillSampled}: for each anchor i = 0..N-1 (in order), K partners j drawn
 *       independently and uniformly from the N - 1 other samples, P = N K, pair p = i K + k is
 *       (i, j). Never a self-pair. Partners are drawn <em>with replacement</em>: the same ordered
 *       pair may occur more than once and both (i, j) and (j, i) may occur; every occurrence is its
 *       own term. This is what makes the sampled loss an unbiased estimate of the all-pairs loss
 *       (see {@link PairwiseDistanceLoss}). Exactly N K calls of {@link Rng#nextInt(int)} (none if
 *       N &lt; 2, when there are no pairs).
 * </ul>
 */
public final class PairSet {
    private int[] first = new int[0];
    private int[] second = new int[0];
    private int size;
    private int samples;
    private boolean allPairs;

    /** An empty set (size 0) to be filled. */
    public PairSet() {
    }

    /** A fixed pair set over {@code samples} samples (for tests and reference computations). */
    public static PairSet of(int samples, int[] first, int[] second) {
        if (first.length != second.length) {
            throw new IllegalArgumentException("pair arrays differ in length: " + first.length + " vs " + second.length);
        }
        PairSet s = new PairSet();
        s.ensure(first.length);
        for (int p = 0; p < first.length; p++) {
            if (first[p] < 0 || first[p] >= samples || second[p] < 0 || second[p] >= samples || first[p] == second[p]) {
                throw new IllegalArgumentException("invalid pair (" + first[p] + ", " + second[p] + ") for " + samples + " samples");
            }
        }
        System.arraycopy(first, 0, s.first, 0, first.length);
        System.arraycopy(second, 0, s.second, 0, second.length);
        s.size = first.length;
        s.samples = samples;
        return s;
    }

    /** Every unordered pair i &lt; j of n samples. */
    public void fillAll(int n) {
        int p = n < 2 ? 0 : Math.toIntExact((long) n * (n - 1) / 2);
        ensure(p);
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                first[k] = i;
                second[k] = j;
                k++;
            }
        }
        size = p;
        samples = n;
        allPairs = true;
    }

    /** For each of n samples, {@code partners} random partners (see the class comment). */
    public void fillSampled(int n, int partners, Rng rng) {
        if (partners < 1) {
            throw new IllegalArgumentException("partners must be >= 1, got " + partners);
        }
        int p = n < 2 ? 0 : Math.multiplyExact(n, partners);
        ensure(p);
        int k = 0;
        if (n >= 2) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < partners; c++) {
                    int r = rng.nextInt(n - 1);
                    first[k] = i;
                    second[k] = r >= i ? r + 1 : r;
                    k++;
                }
            }
        }
        size = p;
        samples = n;
        allPairs = false;
    }

    private void ensure(int p) {
        if (first.length < p) {
            first = new int[p];
            second = new int[p];
        }
    }

    /** Number of pairs P. */
    public int size() {
        return size;
    }

    /** Number of samples N the pairs index into. */
    public int samples() {
        return samples;
    }

    public int first(int p) {
        return first[p];
    }

    public int second(int p) {
        return second[p];
    }

    /** Bytes of the index arrays in use (8 per pair), for activation accounting. */
    public long bytes() {
        return 8L * size;
    }

    /**
     * True when the set was filled by {@link #fillAll}: every pair i &lt; j in row-major order of the
     * upper triangle, which the local loss's kernels evaluate with their all-pairs kernels
     * ({@link lpdm.core.learn.kernels.AllPairsKernel}).
     */
    public boolean isAllPairs() {
        return allPairs;
    }

    /**
     * The first indices (length &gt;= size; only the first size entries are meaningful), shared
     * with the set: for the kernels, which read them and never write.
     */
    public int[] firstArray() {
        return first;
    }

    /** The second indices, as {@link #firstArray()}. */
    public int[] secondArray() {
        return second;
    }
}
