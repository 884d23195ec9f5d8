package lpdm.lab.stats;

/**
 * Aggregate performance estimators of Agarwal et al. (2021), "Deep Reinforcement Learning at the
 * Edge of the Statistical Precipice", as in rliable's {@code metrics.py} and {@code library.py}.
 *
 * <p>Layout: scores are {@code double[task][run]}, the transpose of rliable's {@code
 * (num_runs x num_tasks)} matrix, so that tasks may have different numbers of runs. Nothing is
 * modified. Scores are used as given; normalise them per task beforehand (for example {@code
 * (x - min) / (max - min)}) when tasks are pooled.
 */
public final class Aggregates {
    private Aggregates() {}

    /**
     * Interquartile mean of all scores pooled across tasks and runs: {@code
     * scipy.stats.trim_mean(scores, 0.25, axis=None)} as rliable's {@code aggregate_iqm}. With
     * {@code n} pooled scores sorted, {@code g = floor(0.25 n)} are dropped at each end and the rest
     * averaged: {@code IQM = (1/(n - 2g)) sum_{i=g}^{n-g-1} x(i)}. SciPy (hence rliable) drops whole
     * elements only; no boundary element is weighted fractionally. Example: 1..8 gives mean(3, 4, 5,
     * 6) = 4.5; 1..10 gives g = 2 and mean(3..8) = 5.5.
     */
    public static double interquartileMean(double[][] scores) {
        return SampleStatistics.interquartileMean(pooled(scores));
    }

    /** Mean over tasks of the per-task mean score: {@code (1/M) sum_m mean_n x[m][n]}. */
    public static double mean(double[][] scores) {
        return SampleStatistics.mean(taskMeans(scores));
    }

    /** Median over tasks of the per-task mean score ({@code aggregate_median}). */
    public static double median(double[][] scores) {
        return SampleStatistics.median(taskMeans(scores));
    }

    /**
     * Optimality gap {@code gamma - mean(min(x, gamma))} over all pooled scores
     * ({@code aggregate_optimality_gap}); meant for normalised scores with {@code gamma = 1}.
     * Lower is better.
     */
    public static double optimalityGap(double[][] scores, double gamma) {
        double[] all = pooled(scores);
        if (all.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : all) {
            sum += Math.min(v, gamma);
        }
        return gamma - sum / all.length;
    }

    /**
     * Performance profile (score distribution, rliable's {@code score_distributions}): for each
     * threshold {@code tau}, the fraction of all pooled scores strictly above it, {@code F(tau) =
     * (1/n) #{x : x > tau}}.
     *
     * @param taus thresholds (not modified)
     */
    public static double[] performanceProfile(double[][] scores, double[] taus) {
        double[] sorted = SampleStatistics.sorted(pooled(scores));
        double[] profile = new double[taus.length];
        int n = sorted.length;
        for (int k = 0; k < taus.length; k++) {
            if (n == 0) {
                profile[k] = Double.NaN;
                continue;
            }
            // number of values <= tau = first index whose value exceeds tau
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= taus[k]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            profile[k] = (double) (n - lo) / n;
        }
        return profile;
    }

    /**
     * Probability that a run of X beats a run of Y on one task, the normalised Mann-Whitney
     * statistic: {@code P(X > Y) = U / (Nx Ny)}, {@code U = sum_i sum_j S(x_i, y_j)}, {@code S = 1}
     * if {@code x > y}, 1/2 if equal, 0 otherwise. This is SciPy's {@code mannwhitneyu(x, y).statistic}
     * divided by {@code Nx Ny}; identical samples give 1/2 (rliable special-cases them to the same
     * value). NaN if either sample is empty.
     */
    public static double mannWhitneyProbability(double[] x, double[] y) {
        if (x.length == 0 || y.length == 0) {
            return Double.NaN;
        }
        double u = 0;
        for (double xi : x) {
            for (double yj : y) {
                if (xi > yj) {
                    u += 1;
                } else if (xi == yj) {
                    u += 0.5;
                }
            }
        }
        return u / ((double) x.length * y.length);
    }

    /**
     * Average probability of improvement ({@code probability_of_improvement}): {@code (1/M)
     * sum_m P(X_m > Y_m)} with {@link #mannWhitneyProbability} per task. Both arguments need the
     * same tasks in the same order; run counts may differ.
     */
    public static double probabilityOfImprovement(double[][] x, double[][] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("X has " + x.length + " tasks, Y has " + y.length);
        }
        double[] perTask = new double[x.length];
        for (int m = 0; m < x.length; m++) {
            perTask[m] = mannWhitneyProbability(x[m], y[m]);
        }
        return SampleStatistics.mean(perTask);
    }

    /** The per-task mean scores {@code mean_n x[m][n]}. */
    public static double[] taskMeans(double[][] scores) {
        double[] means = new double[scores.length];
        for (int m = 0; m < scores.length; m++) {
            means[m] = SampleStatistics.mean(scores[m]);
        }
        return means;
    }

    /** All scores of all tasks in one array, task by task. */
    public static double[] pooled(double[][] scores) {
        int n = 0;
        for (double[] task : scores) {
            n += task.length;
        }
        double[] all = new double[n];
        int k = 0;
        for (double[] task : scores) {
            System.arraycopy(task, 0, all, k, task.length);
            k += task.length;
        }
        return all;
    }

    /**
     * Evenly spaced thresholds {@code lo + k (hi - lo) / (count - 1)}, {@code k = 0..count-1}, for
     * a performance profile ({@code numpy.linspace}).
     */
    public static double[] linspace(double lo, double hi, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("count must be at least 2, got " + count);
        }
        double[] taus = new double[count];
        for (int k = 0; k < count; k++) {
            taus[k] = lo + k * (hi - lo) / (count - 1);
        }
        return taus;
    }
}
