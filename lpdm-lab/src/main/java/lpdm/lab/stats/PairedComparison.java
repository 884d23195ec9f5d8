package lpdm.lab.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.random.Rng;

/**
 * Paired comparisons of two learners whose runs share seeds (same environment seeds and initial
 * weights): per-seed differences {@code delta_s = x_s - y_s} and a paired bootstrap interval of
 * their mean, which resamples whole pairs (equivalently, the differences) with replacement. Over
 * several tasks the statistic is the mean over tasks of the per-task mean difference, and pairs are
 * resampled within each task independently (stratified).
 */
public final class PairedComparison {
    private PairedComparison() {}

    /**
     * Runs of two learners matched by seed.
     *
     * @param seeds the seeds present in both, in the order of the first learner's runs
     * @param differences {@code x_s - y_s} for those seeds
     */
    public record Matched(List<Long> seeds, List<Double> differences) {
        public Matched {
            seeds = List.copyOf(seeds);
            differences = List.copyOf(differences);
        }

        double[] differenceArray() {
            return differences.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    /**
     * Matches runs by seed and returns {@code x_s - y_s} for every seed present on both sides;
     * runs without a partner are left out.
     *
     * @throws IllegalArgumentException if a seed repeats on one side
     */
    public static Matched match(long[] seedsX, double[] x, long[] seedsY, double[] y) {
        Map<Long, Double> ys = new LinkedHashMap<>();
        for (int j = 0; j < seedsY.length; j++) {
            if (ys.put(seedsY[j], y[j]) != null) {
                throw new IllegalArgumentException("seed " + seedsY[j] + " repeats");
            }
        }
        List<Long> seeds = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < seedsX.length; i++) {
            if (!seen.add(seedsX[i])) {
                throw new IllegalArgumentException("seed " + seedsX[i] + " repeats");
            }
            Double partner = ys.get(seedsX[i]);
            if (partner != null) {
                seeds.add(seedsX[i]);
                differences.add(x[i] - partner);
            }
        }
        return new Matched(seeds, differences);
    }

    /**
     * Paired bootstrap interval of the mean difference {@code (1/n) sum_s delta_s}. NaN if there
     * are no pairs.
     */
    public static ConfidenceInterval meanDifference(double[] differences, Bootstrap.Settings settings, Rng rng) {
        return meanDifference(new double[][] {differences}, settings, rng);
    }

    /**
     * Stratified paired bootstrap interval of {@code (1/M) sum_m mean_s delta_{m,s}} over tasks
     * {@code m} (differences {@code [task][pair]}).
     */
    public static ConfidenceInterval meanDifference(double[][] differencesPerTask, Bootstrap.Settings settings, Rng rng) {
        for (double[] task : differencesPerTask) {
            if (task.length == 0) {
                return ConfidenceInterval.undefined();
            }
        }
        if (differencesPerTask.length == 0) {
            return ConfidenceInterval.undefined();
        }
        return Bootstrap.stratified(differencesPerTask, Aggregates::mean, settings, rng);
    }
}
