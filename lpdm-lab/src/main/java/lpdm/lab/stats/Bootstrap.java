package lpdm.lab.stats;

import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import lpdm.core.random.Rng;

/**
 * Percentile bootstrap confidence intervals, stratified as in rliable's {@code
 * StratifiedBootstrap}: the data come in strata (tasks), each a list of runs; a resample draws, in
 * every stratum independently, as many runs as it has, uniformly with replacement. Strata are never
 * resampled themselves (rliable's {@code task_bootstrap=False}).
 *
 * <p>Interval (percentile method): with replicates {@code theta*_1..theta*_B} of the statistic and
 * coverage {@code c}, {@code [Q((1 - c)/2), Q((1 + c)/2)]} of the replicates with linear
 * interpolation ({@link SampleStatistics#quantile}). Replicates on which the statistic is
 * undefined (NaN) are left out; if all are, the interval is NaN.
 *
 * <p>Draw order, for reproducibility under a seed: replicate by replicate, stratum by stratum, run
 * by run, one {@link Rng#nextInt(int)} per drawn run.
 */
public final class Bootstrap {
    private Bootstrap() {}

    /**
     * How many resamples and what coverage.
     *
     * @param resamples number of bootstrap replicates B (rliable's reports use 2,000 for profiles)
     * @param confidence coverage c of the two-sided interval, in (0, 1)
     */
    public record Settings(int resamples, double confidence) {
        /** Default number of resamples for reports. */
        public static final int DEFAULT_RESAMPLES = 2000;

        public Settings {
            if (resamples < 1) {
                throw new IllegalArgumentException("resamples must be positive, got " + resamples);
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
            }
        }

        /** 2,000 resamples, 95% intervals. */
        public static Settings defaults() {
            return new Settings(DEFAULT_RESAMPLES, 0.95);
        }
    }

    /** A scalar statistic of a resample given as, per stratum, the indices of the runs drawn. */
    @FunctionalInterface
    public interface IndexStatistic {
        double apply(int[][] runIndicesPerStratum);
    }

    /** A vector statistic (e.g. a performance profile) of a resample given as run indices. */
    @FunctionalInterface
    public interface VectorIndexStatistic {
        double[] apply(int[][] runIndicesPerStratum);
    }

    /**
     * The stratified bootstrap interval of a statistic of run indices.
     *
     * @param runsPerStratum number of runs in each stratum (not modified)
     * @param statistic evaluated on the identity indices for the estimate, then on each resample
     */
    public static ConfidenceInterval stratified(int[] runsPerStratum, IndexStatistic statistic, Settings settings, Rng rng) {
        double estimate = statistic.apply(identity(runsPerStratum));
        double[] replicates = new double[settings.resamples()];
        int[][] indices = allocate(runsPerStratum);
        for (int r = 0; r < replicates.length; r++) {
            draw(runsPerStratum, indices, rng);
            replicates[r] = statistic.apply(indices);
        }
        double[] interval = percentileInterval(replicates, settings.confidence());
        return new ConfidenceInterval(estimate, interval[0], interval[1]);
    }

    /**
     * Pointwise stratified bootstrap intervals of a vector statistic (one interval per component,
     * all from the same resamples), e.g. bands of a performance profile.
     */
    public static ConfidenceInterval[] stratifiedBands(int[] runsPerStratum, VectorIndexStatistic statistic, Settings settings, Rng rng) {
        double[] estimate = statistic.apply(identity(runsPerStratum));
        double[][] replicates = new double[estimate.length][settings.resamples()];
        int[][] indices = allocate(runsPerStratum);
        for (int r = 0; r < settings.resamples(); r++) {
            draw(runsPerStratum, indices, rng);
            double[] value = statistic.apply(indices);
            if (value.length != estimate.length) {
                throw new IllegalStateException("statistic changed length from " + estimate.length + " to " + value.length);
            }
            for (int k = 0; k < value.length; k++) {
                replicates[k][r] = value[k];
            }
        }
        ConfidenceInterval[] bands = new ConfidenceInterval[estimate.length];
        for (int k = 0; k < estimate.length; k++) {
            double[] interval = percentileInterval(replicates[k], settings.confidence());
            bands[k] = new ConfidenceInterval(estimate[k], interval[0], interval[1]);
        }
        return bands;
    }

    /**
     * The stratified bootstrap interval of a statistic of scores arranged {@code [task][run]}
     * (tasks may have different numbers of runs). The statistic receives resampled copies in the
     * same layout.
     */
    public static ConfidenceInterval stratified(double[][] scores, ToDoubleFunction<double[][]> statistic, Settings settings, Rng rng) {
        return stratified(sizes(scores), idx -> statistic.applyAsDouble(gather(scores, idx, 0)), settings, rng);
    }

    /** {@link #stratifiedBands(int[], VectorIndexStatistic, Settings, Rng)} on scores {@code [task][run]}. */
    public static ConfidenceInterval[] stratifiedBands(double[][] scores, Function<double[][], double[]> statistic, Settings settings, Rng rng) {
        return stratifiedBands(sizes(scores), idx -> statistic.apply(gather(scores, idx, 0)), settings, rng);
    }

    /**
     * Two independent samples, each {@code [task][run]}, resampled independently within every task
     * of each (rliable's {@code StratifiedIndependentBootstrap}), e.g. for the probability of
     * improvement.
     */
    public static ConfidenceInterval stratifiedTwoSample(
            double[][] x, double[][] y, ToDoubleBiFunction<double[][], double[][]> statistic, Settings settings, Rng rng) {
        int[] sizes = new int[x.length + y.length];
        System.arraycopy(sizes(x), 0, sizes, 0, x.length);
        System.arraycopy(sizes(y), 0, sizes, x.length, y.length);
        return stratified(sizes, idx -> statistic.applyAsDouble(gather(x, idx, 0), gather(y, idx, x.length)), settings, rng);
    }

    /**
     * The percentile interval {@code [Q((1 - c)/2), Q((1 + c)/2)]} of the non-NaN replicates
     * (not modified); {@code {NaN, NaN}} if there are none.
     */
    public static double[] percentileInterval(double[] replicates, double confidence) {
        double[] finite = SampleStatistics.withoutNaN(replicates);
        if (finite.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sorted = SampleStatistics.sorted(finite);
        double tail = (1 - confidence) / 2;
        return new double[] {SampleStatistics.quantileOfSorted(sorted, tail), SampleStatistics.quantileOfSorted(sorted, 1 - tail)};
    }

    /** Per stratum, the indices 0..n-1 (the original sample). */
    static int[][] identity(int[] runsPerStratum) {
        int[][] indices = allocate(runsPerStratum);
        for (int m = 0; m < indices.length; m++) {
            for (int i = 0; i < indices[m].length; i++) {
                indices[m][i] = i;
            }
        }
        return indices;
    }

    private static int[][] allocate(int[] runsPerStratum) {
        int[][] indices = new int[runsPerStratum.length][];
        for (int m = 0; m < runsPerStratum.length; m++) {
            if (runsPerStratum[m] < 0) {
                throw new IllegalArgumentException("negative number of runs in stratum " + m);
            }
            indices[m] = new int[runsPerStratum[m]];
        }
        return indices;
    }

    private static void draw(int[] runsPerStratum, int[][] indices, Rng rng) {
        for (int m = 0; m < indices.length; m++) {
            int n = runsPerStratum[m];
            for (int i = 0; i < n; i++) {
                indices[m][i] = rng.nextInt(n);
            }
        }
    }

    private static int[] sizes(double[][] scores) {
        int[] sizes = new int[scores.length];
        for (int m = 0; m < scores.length; m++) {
            sizes[m] = scores[m].length;
        }
        return sizes;
    }

    /** The scores picked by {@code idx[offset + m]} from each task {@code m}. */
    private static double[][] gather(double[][] scores, int[][] idx, int offset) {
        double[][] out = new double[scores.length][];
        for (int m = 0; m < scores.length; m++) {
            int[] picks = idx[offset + m];
            double[] row = new double[picks.length];
            for (int i = 0; i < picks.length; i++) {
                row[i] = scores[m][picks[i]];
            }
            out[m] = row;
        }
        return out;
    }
}
