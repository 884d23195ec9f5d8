package lpdm.envs.box2d;

import java.util.Arrays;

/**
 * A {@link RandomDraws} that hands out a fixed list of numbers in order: the values that
 * Gymnasium's {@code np_random} returned, as recorded in a golden file. Each value must lie in the
 * range the env asks for (a check that the recording and the port draw in the same order); running
 * out of values is an error.
 */
public final class RecordedDraws implements RandomDraws {
    private final double[] values;
    private int next;

    public RecordedDraws(double[] values) {
        this.values = values.clone();
    }

    /** How many recorded values have been handed out. */
    public int used() {
        return next;
    }

    /** How many recorded values there are in all. */
    public int size() {
        return values.length;
    }

    private double take(String call) {
        if (next >= values.length) {
            throw new IllegalStateException("recorded draws exhausted: " + call + " asked for draw #" + (next + 1)
                    + " but only " + values.length + " were recorded");
        }
        return values[next++];
    }

    @Override
    public double uniform(double low, double high) {
        double v = take("uniform(" + low + ", " + high + ")");
        if (!(v >= low && v <= high)) {
            throw new IllegalStateException("recorded draw #" + next + " = " + v + " is outside uniform(" + low + ", " + high
                    + "): the recording and the env disagree on the order of draws");
        }
        return v;
    }

    @Override
    public long integers(long low, long high) {
        double v = take("integers(" + low + ", " + high + ")");
        if (v != Math.rint(v) || v < low || v >= high) {
            throw new IllegalStateException("recorded draw #" + next + " = " + v + " is not an integer in [" + low + ", " + high + ")");
        }
        return (long) v;
    }

    @Override
    public String toString() {
        return "RecordedDraws(" + next + "/" + values.length + " used, first " + Arrays.toString(Arrays.copyOf(values, Math.min(4, values.length))) + ")";
    }
}
