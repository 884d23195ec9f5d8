package lpdm.envs.wrappers;

import java.util.Arrays;

/**
 * Running mean and (population) variance of vectors, merged batch by batch with Chan et al.'s
 * parallel algorithm, as Gymnasium's {@code RunningMeanStd}: the count starts at 1e-4, the mean at
 * 0 and the variance at 1. With n = count, m = batch count and δ = batch mean - mean:
 * <pre>
 * mean' = mean + δ·m/(n + m)
 * var'  = (var·n + batchVar·m + δ²·n·m/(n + m)) / (n + m)
 * n'    = n + m
 * </pre>
 * Kept in double precision.
 */
public final class RunningMeanStd {
    /** Gymnasium's initial count, which keeps the first update from dividing by zero. */
    public static final double INITIAL_COUNT = 1e-4;

    private final double[] mean;
    private final double[] var;
    private double count = INITIAL_COUNT;

    public RunningMeanStd(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        mean = new double[size];
        var = new double[size];
        Arrays.fill(var, 1.0);
    }

    public int size() {
        return mean.length;
    }

    /** Adds one sample (a batch of one, whose variance is 0). */
    public void update(double[] x) {
        updateFromMoments(x, new double[x.length], 1);
    }

    /** Merges a batch given by its mean, population variance and size. */
    public void updateFromMoments(double[] batchMean, double[] batchVar, double batchCount) {
        if (batchMean.length != mean.length || batchVar.length != mean.length) {
            throw new IllegalArgumentException("expected " + mean.length + " components, got " + batchMean.length + " and " + batchVar.length);
        }
        double totalCount = count + batchCount;
        for (int i = 0; i < mean.length; i++) {
            double delta = batchMean[i] - mean[i];
            double newMean = mean[i] + delta * batchCount / totalCount;
            double m2 = var[i] * count + batchVar[i] * batchCount + delta * delta * count * batchCount / totalCount;
            mean[i] = newMean;
            var[i] = m2 / totalCount;
        }
        count = totalCount;
    }

    public double[] mean() {
        return mean.clone();
    }

    public double[] var() {
        return var.clone();
    }

    public double count() {
        return count;
    }

    public double mean(int i) {
        return mean[i];
    }

    public double var(int i) {
        return var[i];
    }

    /** [count, mean_0 .. mean_{n-1}, var_0 .. var_{n-1}]. */
    public double[] saveState() {
        double[] s = new double[1 + 2 * mean.length];
        s[0] = count;
        System.arraycopy(mean, 0, s, 1, mean.length);
        System.arraycopy(var, 0, s, 1 + mean.length, mean.length);
        return s;
    }

    /** Restores a state produced by {@link #saveState()}. */
    public void loadState(double[] s) {
        if (s == null || s.length != 1 + 2 * mean.length) {
            throw new IllegalArgumentException("RunningMeanStd state must have " + (1 + 2 * mean.length) + " values, got "
                    + (s == null ? "null" : s.length));
        }
        if (!(s[0] > 0) || !Double.isFinite(s[0])) {
            throw new IllegalArgumentException("RunningMeanStd count must be positive and finite, got " + s[0]);
        }
        for (int i = 0; i < mean.length; i++) {
            double v = s[1 + mean.length + i];
            if (!Double.isFinite(s[1 + i]) || !(v >= 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("RunningMeanStd component " + i + ": mean must be finite and variance >= 0, got "
                        + s[1 + i] + " and " + v);
            }
        }
        count = s[0];
        System.arraycopy(s, 1, mean, 0, mean.length);
        System.arraycopy(s, 1 + mean.length, var, 0, mean.length);
    }
}
