package lpdm.core.learn;

/**
 * Accounts for the bytes of activation buffers that hold live data during an update: a learner
 * calls {@link #hold} when a buffer starts holding data that will be needed later and
 * {@link #drop} when that data is no longer needed. {@link #peak()} is the maximum of the live
 * total since {@link #reset()}. This is the code's own accounting, cross-checked by JMH's
 * allocation profiler in lpdm-bench.
 */
public final class ActivationMeter {
    private long live;
    private long peak;

    public void hold(long bytes) {
        live += bytes;
        if (live > peak) {
            peak = live;
        }
    }

    public void drop(long bytes) {
        live -= bytes;
        if (live < 0) {
            throw new IllegalStateException("activation accounting went negative: " + live);
        }
    }

    public long live() {
        return live;
    }

    public long peak() {
        return peak;
    }

    /** Starts a new measurement (live is kept, peak restarts from it). */
    public void reset() {
        peak = live;
    }
}
