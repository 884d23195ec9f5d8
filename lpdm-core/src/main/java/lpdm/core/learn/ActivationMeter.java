package lpdm.core.learn;

/**
 * Accounts for the bytes of activation-sized buffers that hold live data during an update: a
 * learner calls {@link #hold} when a buffer starts holding data that will be needed later and
 * {@link #drop} when that data is no longer needed. {@link #peak()} is the maximum of the live
 * total since {@link #reset()}.
 *
 * <p>Every byte is held under one {@link Kind}, so that learners can be compared like for like:
 * <ul>
 *   <li>{@link Kind#ACTIVATION}: forward values, i.e. the layers' inputs and outputs and the head
 *       output ({@link #hold(long)} without a kind means this);</li>
 *   <li>{@link Kind#GRADIENT}: activation-shaped gradient buffers (dL/dH, dL/dZ; BP's backward
 *       pass, a local rule's per-layer gradient);</li>
 *   <li>{@link Kind#PAIR_WORKSPACE}: the per-pair buffers of a pairwise local loss (pair indices,
 *       distances, targets), O(N^2) for all pairs, O(N K) for sampled pairs.</li>
 * </ul>
 * Besides the total, the meter keeps the peak of activations alone ({@link #peakActivations()})
 * and of activations with gradient buffers ({@link #peakWithoutPairWorkspace()}); a peak of a
 * subset is not the sum of the subsets' peaks, hence three running maxima. This is the code's own
 * accounting (shown by {@link MeteredRule}, for the memory probe), cross-checked by JMH's allocation profiler in lpdm-bench (docs/performance.md).
 */
public final class ActivationMeter {
    /** What a held buffer is (see the class comment). */
    public enum Kind {
        ACTIVATION, GRADIENT, PAIR_WORKSPACE
    }

    private final long[] live = new long[Kind.values().length];
    private long peak;
    private long peakActivations;
    private long peakWithoutPairs;

    /** Holds {@code bytes} of forward activations. */
    public void hold(long bytes) {
        hold(Kind.ACTIVATION, bytes);
    }

    /** Drops {@code bytes} of forward activations. */
    public void drop(long bytes) {
        drop(Kind.ACTIVATION, bytes);
    }

    public void hold(Kind kind, long bytes) {
        live[kind.ordinal()] += bytes;
        update();
    }

    public void drop(Kind kind, long bytes) {
        long left = live[kind.ordinal()] - bytes;
        if (left < 0) {
            throw new IllegalStateException("activation accounting went negative: " + kind + " " + left);
        }
        live[kind.ordinal()] = left;
    }

    private void update() {
        long act = live[Kind.ACTIVATION.ordinal()];
        long withGrad = act + live[Kind.GRADIENT.ordinal()];
        long total = withGrad + live[Kind.PAIR_WORKSPACE.ordinal()];
        if (act > peakActivations) {
            peakActivations = act;
        }
        if (withGrad > peakWithoutPairs) {
            peakWithoutPairs = withGrad;
        }
        if (total > peak) {
            peak = total;
        }
    }

    /** Bytes live now, every kind together. */
    public long live() {
        long s = 0;
        for (long v : live) {
            s += v;
        }
        return s;
    }

    /** Bytes of one kind live now. */
    public long live(Kind kind) {
        return live[kind.ordinal()];
    }

    /** Peak of the live total (every kind) since {@link #reset()}. */
    public long peak() {
        return peak;
    }

    /** Peak of the live forward activations alone since {@link #reset()}. */
    public long peakActivations() {
        return peakActivations;
    }

    /** Peak of activations plus gradient buffers (everything but a pairwise loss's pair workspace) since {@link #reset()}. */
    public long peakWithoutPairWorkspace() {
        return peakWithoutPairs;
    }

    /** Starts a new measurement (live is kept, the peaks restart from it). */
    public void reset() {
        long act = live[Kind.ACTIVATION.ordinal()];
        peakActivations = act;
        peakWithoutPairs = act + live[Kind.GRADIENT.ordinal()];
        peak = live();
    }
}
