package lpdm.lab.stats;

import java.util.Arrays;

/**
 * Descriptive statistics of one sample, with NumPy/SciPy semantics so that numbers can be compared
 * with rliable and rl-reliability-metrics. No argument is modified; every method copies before
 * sorting.
 *
 * <p>Percentiles use linear interpolation between order statistics (NumPy's default {@code
 * method='linear'}, SciPy's {@code scoreatpercentile} default): for the sorted sample {@code
 * x(0) <= ... <= x(n-1)} and {@code q} in [0, 1], {@code h = q (n - 1)}, {@code
 * Q(q) = x(floor h) + (h - floor h) (x(floor h + 1) - x(floor h))}.
 */
public final class SampleStatistics {
    private SampleStatistics() {}

    /** Arithmetic mean {@code (1/n) sum x_i}; NaN for an empty sample. */
    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Median {@code Q(0.5)} (the mean of the two middle values for even n); NaN if empty. */
    public static double median(double[] x) {
        return quantile(x, 0.5);
    }

    /**
     * The quantile {@code Q(q)} with linear interpolation (see the class comment); {@code q} in [0, 1].
     * NaN for an empty sample.
     */
    public static double quantile(double[] x, double q) {
        if (x.length == 0) {
            return Double.NaN;
        }
        return quantileOfSorted(sorted(x), q);
    }

    /** {@link #quantile} of an already sorted (ascending) sample. */
    public static double quantileOfSorted(double[] sorted, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile level must be in [0, 1], got " + q);
        }
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = q * (n - 1);
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return sorted[n - 1];
        }
        double frac = h - lo;
        // x(lo) + frac (x(lo+1) - x(lo)) is never below x(lo), so a CVaR tail is never empty.
        return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
    }

    /** The percentile {@code Q(p / 100)}, {@code p} in [0, 100] (NumPy's {@code percentile}). */
    public static double percentile(double[] x, double p) {
        return quantile(x, p / 100.0);
    }

    /** Interquartile range {@code Q(0.75) - Q(0.25)} (SciPy's {@code iqr} defaults); NaN if empty. */
    public static double interquartileRange(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = sorted(x);
        return quantileOfSorted(s, 0.75) - quantileOfSorted(s, 0.25);
    }

    /**
     * Lower-tail conditional value at risk (expected shortfall) as rl-reliability-metrics computes
     * it: {@code VaR = Q(alpha)}, {@code CVaR = mean{x_i : x_i <= VaR}}. The tail always holds at
     * least the minimum. NaN if empty.
     */
    public static double lowerCvar(double[] x, double alpha) {
        checkAlpha(alpha);
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = sorted(x);
        double var = quantileOfSorted(s, alpha);
        double sum = 0;
        int count = 0;
        for (double v : s) {
            if (v <= var) {
                sum += v;
                count++;
            }
        }
        return sum / count;
    }

    /**
     * Upper-tail conditional value at risk: {@code VaR = Q(1 - alpha)}, {@code CVaR = mean{x_i :
     * x_i >= VaR}}; the tail always holds at least the maximum. NaN if empty.
     */
    public static double upperCvar(double[] x, double alpha) {
        checkAlpha(alpha);
        if (x.length == 0) {
            return Double.NaN;
        }
        double[] s = sorted(x);
        double var = quantileOfSorted(s, 1 - alpha);
        double sum = 0;
        int count = 0;
        for (double v : s) {
            if (v >= var) {
                sum += v;
                count++;
            }
        }
        return sum / count;
    }

    /**
     * Trimmed mean with exactly SciPy's {@code trim_mean(x, proportion)} semantics: with {@code
     * g = floor(proportion * n)}, the mean of the sorted values {@code x(g), ..., x(n-g-1)}. SciPy
     * cuts only whole elements ("slices off less if proportion results in a non-integer slice
     * index"); there is no fractional weighting of boundary elements. NaN if empty.
     *
     * @param proportion fraction cut from each end, in [0, 0.5)
     */
    public static double trimmedMean(double[] x, double proportion) {
        if (!(proportion >= 0 && proportion < 0.5)) {
            throw new IllegalArgumentException("proportion must be in [0, 0.5), got " + proportion);
        }
        int n = x.length;
        if (n == 0) {
            return Double.NaN;
        }
        int cut = (int) Math.floor(proportion * n);
        double[] s = sorted(x);
        double sum = 0;
        for (int i = cut; i < n - cut; i++) {
            sum += s[i];
        }
        return sum / (n - 2 * cut);
    }

    /**
     * Interquartile mean: {@link #trimmedMean} with proportion 0.25, i.e. {@code
     * scipy.stats.trim_mean(x, 0.25)} as rliable's {@code aggregate_iqm} uses it.
     */
    public static double interquartileMean(double[] x) {
        return trimmedMean(x, 0.25);
    }

    /**
     * Ranks with ties sharing the average of the ranks they span (SciPy's {@code rankdata} with
     * {@code method='average'}); rank 1 is the smallest value. NaN values get rank NaN and are
     * left out of the ranking of the others.
     */
    public static double[] ranks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        int finite = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(x[i])) {
                order[finite++] = i;
            }
        }
        Integer[] valid = Arrays.copyOf(order, finite);
        Arrays.sort(valid, (i, j) -> Double.compare(x[i], x[j]));
        double[] ranks = new double[n];
        Arrays.fill(ranks, Double.NaN);
        int i = 0;
        while (i < finite) {
            int j = i;
            while (j + 1 < finite && x[valid[j + 1]] == x[valid[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[valid[k]] = averageRank;
            }
            i = j + 1;
        }
        return ranks;
    }

    /**
     * Ranks where rank 1 is the best value: {@link #ranks} of {@code x} when lower is better, of
     * {@code -x} when higher is better.
     */
    public static double[] ranksBestFirst(double[] x, boolean higherIsBetter) {
        if (!higherIsBetter) {
            return ranks(x);
        }
        double[] negated = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            negated[i] = -x[i];
        }
        return ranks(negated);
    }

    /** The values of {@code x} that are not NaN, in order. */
    public static double[] withoutNaN(double[] x) {
        return Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** A sorted copy. */
    static double[] sorted(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s;
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }
}
