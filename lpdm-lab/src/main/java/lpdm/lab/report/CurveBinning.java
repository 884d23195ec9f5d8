package lpdm.lab.report;

import java.util.Arrays;

/**
 * Puts runs that log at different steps (episodes end whenever they end, updates happen after
 * batches of whole episodes) onto one grid of evaluation points per env, so that runs can be
 * averaged point by point and fed to the curve statistics.
 *
 * <p>Grid: {@code K' = min(K, budget)} points {@code t_k = round(budget * k / K')}, {@code k = 1..K'}.
 * Bin {@code k} holds the samples with {@code t_{k-1} < step <= t_k} ({@code t_0 = -infinity});
 * the last bin also holds samples after {@code t_K'} (algorithms finish their last batch past the
 * budget). The value at {@code t_k} is the mean of the bin's samples; an empty bin carries the
 * previous value forward; before the first non-empty bin the value is NaN ({@link #backfill} then
 * gives such leading points the first defined value).
 */
public final class CurveBinning {
    /** Default number of evaluation points per env. */
    public static final int DEFAULT_POINTS = 50;

    private CurveBinning() {
    }

    /** The evaluation points {@code round(budget * k / K')}, {@code k = 1..K'}, {@code K' = min(points, budget)}. */
    public static long[] grid(long budget, int points) {
        if (budget <= 0 || points <= 0) {
            throw new IllegalArgumentException("budget and points must be positive, got " + budget + ", " + points);
        }
        int k = (int) Math.min(points, budget);
        long[] grid = new long[k];
        for (int i = 1; i <= k; i++) {
            grid[i - 1] = Math.round((double) budget * i / k);
        }
        return grid;
    }

    /**
     * Bins samples {@code (steps[i], values[i])} (any order; NaN values are skipped) onto {@code grid}
     * as described in the class comment. Nothing passed in is modified.
     */
    public static double[] bin(long[] steps, double[] values, long[] grid) {
        return bin(steps, values, grid, true);
    }

    /**
     * As {@link #bin(long[], double[], long[])}, but with {@code carryForward = false} an empty bin
     * is NaN instead of repeating the previous value.
     */
    public static double[] bin(long[] steps, double[] values, long[] grid, boolean carryForward) {
        if (steps.length != values.length) {
            throw new IllegalArgumentException(steps.length + " steps for " + values.length + " values");
        }
        int k = grid.length;
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int i = 0; i < steps.length; i++) {
            if (Double.isNaN(values[i])) {
                continue;
            }
            int b = Arrays.binarySearch(grid, steps[i]);
            if (b < 0) {
                b = -b - 1; // first grid point above the step
            }
            b = Math.min(b, k - 1);
            sum[b] += values[i];
            count[b]++;
        }
        double[] out = new double[k];
        double last = Double.NaN;
        for (int b = 0; b < k; b++) {
            if (count[b] > 0) {
                last = sum[b] / count[b];
            } else if (!carryForward) {
                last = Double.NaN;
            }
            out[b] = last;
        }
        return out;
    }

    /** A copy of {@code binned} whose leading NaNs take the first defined value (all NaN stays all NaN). */
    public static double[] backfill(double[] binned) {
        double[] out = binned.clone();
        int first = 0;
        while (first < out.length && Double.isNaN(out[first])) {
            first++;
        }
        if (first < out.length) {
            Arrays.fill(out, 0, first, out[first]);
        }
        return out;
    }

    /** Whether any value is defined. */
    static boolean anyDefined(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }
}
