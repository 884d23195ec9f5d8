package lpdm.lab.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import lpdm.core.random.Rng;
import lpdm.core.random.Seeds;

/**
 * Everything a report table needs from a study of variants (learners) on environments, as plain
 * Jackson-serialisable records: per variant and env and aggregated over envs the IQM, mean and
 * median of final scores with stratified bootstrap intervals, reliability metrics with bootstrap
 * intervals and ranks, the probability of improvement between every ordered pair of variants, and
 * per-seed differences against a baseline variant with paired bootstrap intervals.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Every variant must have runs on every env. Variants keep the iteration order of the input
 *       map (pass a {@link LinkedHashMap} or {@link java.util.TreeMap} for a stable order); envs are
 *       sorted by name, which fixes the order of the strata in the aggregated bootstraps, so results
 *       depend only on the data, the runs' order within each list and the seed.
 *   <li>Final scores and after-learning returns are normalised per env by {@code (x - min) / (max -
 *       min)} when {@link Settings#normalisation()} has the env; pooling over envs (IQM, profiles,
 *       aggregates) is only meaningful with normalised scores. Learning curves are not normalised:
 *       the curve metrics divide by the curve range themselves.
 *   <li>Per env, "mean" is the mean of the runs' scores and "median" their median; aggregated over
 *       envs, they are rliable's mean and median of the per-env means. IQM is always the 25%
 *       trimmed mean of all pooled scores (SciPy {@code trim_mean} semantics, {@link Aggregates}).
 *   <li>Intervals: percentile bootstrap ({@link Bootstrap}), runs resampled with replacement within
 *       each env. Every statistic draws from its own generator, {@code new Seeds(seed).rng(name)}
 *       with a name built from the statistic, variant and env, so results do not depend on
 *       computation order or on which other variants are present.
 *   <li>Reliability: {@link Reliability} per (variant, env); per-run metrics are summarised by the
 *       mean over runs where they are defined ({@link MetricEstimate#validRuns()}); aggregated over
 *       envs, the value is the mean over envs (envs where it is undefined skipped) and the rank the
 *       mean over envs of the per-env ranks (the reference library's mean rank). Rank 1 is best;
 *       ties share the average rank. Curve metrics need a curve on every run of the cell,
 *       after-learning metrics evaluation returns on at least one run; otherwise they are absent.
 * </ul>
 */
public final class StudyStatistics {
    private StudyStatistics() {}

    // ---------------------------------------------------------------- input

    /** One evaluation point of a learning curve. */
    public record CurvePoint(long step, double value) {}

    /**
     * One training run.
     *
     * @param seed the run seed; runs of different variants with the same seed are paired
     * @param finalScore the run's final score (e.g. final mean evaluation return)
     * @param curve learning curve in increasing steps (may be empty: no curve metrics then)
     * @param evaluationReturns returns of rollouts of the final, fixed policy (may be empty)
     */
    public record Run(long seed, double finalScore, List<CurvePoint> curve, List<Double> evaluationReturns) {
        public Run {
            if (!Double.isFinite(finalScore)) {
                throw new IllegalArgumentException("final score of seed " + seed + " is not finite: " + finalScore);
            }
            curve = curve == null ? List.of() : List.copyOf(curve);
            evaluationReturns = evaluationReturns == null ? List.of() : List.copyOf(evaluationReturns);
        }
    }

    /** Per-env normalisation {@code (x - min) / (max - min)}, e.g. random and best-known returns. */
    public record ScoreRange(double min, double max) {
        public ScoreRange {
            if (!(max != min) || !Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("need finite min != max, got " + min + ", " + max);
            }
        }

        double normalise(double x) {
            return (x - min) / (max - min);
        }
    }

    /**
     * @param resamples bootstrap resamples (default 2,000)
     * @param confidence interval coverage (0.95)
     * @param seed bootstrap seed
     * @param reliability reliability metric parameters
     * @param baselineVariant variant the paired differences are taken against, or null for none
     * @param normalisation per-env score normalisation (envs without an entry stay raw)
     * @param profilePoints number of thresholds of the performance profiles (101)
     * @param optimalityThreshold gamma of the optimality gap (1 for normalised scores)
     */
    public record Settings(
            int resamples,
            double confidence,
            long seed,
            Reliability.Settings reliability,
            String baselineVariant,
            Map<String, ScoreRange> normalisation,
            int profilePoints,
            double optimalityThreshold) {
        public Settings {
            new Bootstrap.Settings(resamples, confidence);
            Objects.requireNonNull(reliability, "reliability");
            normalisation = normalisation == null ? Map.of() : Map.copyOf(normalisation);
            if (profilePoints < 2) {
                throw new IllegalArgumentException("profilePoints must be at least 2, got " + profilePoints);
            }
        }

        /** Defaults (2,000 resamples, 95%, default reliability settings, no normalisation, 101 thresholds, gamma 1). */
        public static Settings defaults(long seed, String baselineVariant) {
            return new Settings(Bootstrap.Settings.DEFAULT_RESAMPLES, 0.95, seed, Reliability.Settings.defaults(), baselineVariant, Map.of(), 101, 1.0);
        }

        Bootstrap.Settings bootstrap() {
            return new Bootstrap.Settings(resamples, confidence);
        }
    }

    // ---------------------------------------------------------------- output

    /**
     * Score aggregates with intervals.
     *
     * @param runs number of scores (runs, summed over envs for aggregates)
     * @param iqm interquartile mean of the pooled scores
     * @param mean mean (per env: of runs; aggregated: of per-env means)
     * @param median median (per env: of runs; aggregated: of per-env means)
     * @param optimalityGap {@code gamma - mean(min(x, gamma))} of the pooled scores
     */
    public record ScoreSummary(int runs, ConfidenceInterval iqm, ConfidenceInterval mean, ConfidenceInterval median, ConfidenceInterval optimalityGap) {}

    /**
     * A reliability metric of one variant.
     *
     * @param estimate the metric on all runs
     * @param lower lower end of the bootstrap interval over runs
     * @param upper upper end
     * @param rank rank among the variants, 1 = most reliable (aggregated: mean rank over envs)
     * @param higherIsBetter direction of the metric
     * @param validRuns runs on which the metric (or its normalisation) is defined
     */
    public record MetricEstimate(double estimate, double lower, double upper, double rank, boolean higherIsBetter, int validRuns) {}

    /** Performance profile {@code F(tau)} of the pooled scores with pointwise bootstrap bands. */
    public record PerformanceProfile(List<Double> taus, List<ConfidenceInterval> fractionAbove) {}

    /**
     * Everything about one variant.
     *
     * @param scoresPerEnv score aggregates per env
     * @param scores score aggregates over all envs
     * @param reliabilityPerEnv per env, metric name ({@link ReliabilityMetric}) to estimate
     * @param reliability metric name to estimate aggregated over envs
     * @param profile performance profile of the pooled scores
     */
    public record VariantReport(
            Map<String, ScoreSummary> scoresPerEnv,
            ScoreSummary scores,
            Map<String, Map<String, MetricEstimate>> reliabilityPerEnv,
            Map<String, MetricEstimate> reliability,
            PerformanceProfile profile) {}

    /**
     * Probability of improvement {@code P(X > Y)}; {@code P(Y > X) = 1 - P(X > Y)}.
     *
     * @param perEnv per env, the Mann-Whitney probability with a two-sample bootstrap interval
     * @param aggregate the average over envs with a stratified two-sample bootstrap interval
     */
    public record Improvement(String variantX, String variantY, Map<String, ConfidenceInterval> perEnv, ConfidenceInterval aggregate) {}

    /** Per-seed differences {@code variant - baseline} on one env and the paired bootstrap interval of their mean. */
    public record PairedEnv(List<Long> seeds, List<Double> differences, ConfidenceInterval meanDifference) {}

    /**
     * Paired comparison of a variant with the baseline variant.
     *
     * @param aggregate mean over envs of the per-env mean differences, stratified paired bootstrap
     */
    public record PairedSummary(String variant, String baseline, Map<String, PairedEnv> perEnv, ConfidenceInterval aggregate) {}

    /** The full result. */
    public record Report(
            List<String> variants,
            List<String> envs,
            Map<String, VariantReport> byVariant,
            List<Improvement> improvements,
            List<PairedSummary> paired,
            Settings settings) {}

    // ---------------------------------------------------------------- computation

    /**
     * Computes the report.
     *
     * @param runs variant to env to runs (each cell non-empty)
     */
    public static Report compute(Map<String, Map<String, List<Run>>> runs, Settings settings) {
        List<String> variants = new ArrayList<>(runs.keySet());
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no variants");
        }
        Set<String> envSet = new TreeSet<>();
        for (Map<String, List<Run>> byEnv : runs.values()) {
            envSet.addAll(byEnv.keySet());
        }
        List<String> envs = new ArrayList<>(envSet);
        for (String v : variants) {
            for (String e : envs) {
                List<Run> cell = runs.get(v).get(e);
                if (cell == null || cell.isEmpty()) {
                    throw new IllegalArgumentException("variant " + v + " has no runs on env " + e);
                }
            }
        }
        if (settings.baselineVariant() != null && !runs.containsKey(settings.baselineVariant())) {
            throw new IllegalArgumentException("baseline variant " + settings.baselineVariant() + " is not in the study");
        }
        Seeds seeds = new Seeds(settings.seed());
        Bootstrap.Settings boot = settings.bootstrap();

        // 1. normalised final scores [variant][env][run]
        Map<String, double[][]> scores = new LinkedHashMap<>();
        for (String v : variants) {
            double[][] s = new double[envs.size()][];
            for (int m = 0; m < envs.size(); m++) {
                List<Run> cell = runs.get(v).get(envs.get(m));
                s[m] = new double[cell.size()];
                for (int i = 0; i < cell.size(); i++) {
                    s[m][i] = normalise(settings, envs.get(m), cell.get(i).finalScore());
                }
            }
            scores.put(v, s);
        }

        // 2. performance-profile thresholds shared by all variants
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[][] s : scores.values()) {
            for (double x : Aggregates.pooled(s)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        double[] taus = hi > lo ? Aggregates.linspace(lo, hi, settings.profilePoints()) : Aggregates.linspace(lo - 0.5, lo + 0.5, settings.profilePoints());

        // 3. reliability per variant and env, then ranks
        Map<String, Map<String, Map<ReliabilityMetric, Estimate>>> reliability = new LinkedHashMap<>();
        Map<String, Map<ReliabilityMetric, Estimate>> reliabilityAggregate = new LinkedHashMap<>();
        for (String v : variants) {
            List<CellData> cells = new ArrayList<>();
            Map<String, Map<ReliabilityMetric, Estimate>> byEnv = new LinkedHashMap<>();
            for (String e : envs) {
                CellData cell = cellData(e, runs.get(v).get(e), settings);
                cells.add(cell);
                byEnv.put(e, reliabilityOfCell(v, e, cell, settings, seeds));
            }
            reliability.put(v, byEnv);
            reliabilityAggregate.put(v, reliabilityAggregate(v, cells, settings, seeds));
        }
        Map<String, Map<String, Map<ReliabilityMetric, Double>>> ranks = rankPerEnv(variants, envs, reliability);

        // 4. per-variant reports
        Map<String, VariantReport> byVariant = new LinkedHashMap<>();
        for (String v : variants) {
            double[][] s = scores.get(v);
            Map<String, ScoreSummary> perEnv = new LinkedHashMap<>();
            Map<String, Map<String, MetricEstimate>> relPerEnv = new LinkedHashMap<>();
            for (int m = 0; m < envs.size(); m++) {
                String e = envs.get(m);
                perEnv.put(e, singleEnvScores(s[m], settings, boot, seeds.rng("scores/" + v + "/" + e)));
                Map<String, MetricEstimate> metrics = new LinkedHashMap<>();
                reliability.get(v).get(e).forEach((metric, est) -> metrics.put(metric.name(), est.withRank(ranks.get(v).get(e).get(metric))));
                relPerEnv.put(e, Collections.unmodifiableMap(metrics));
            }
            Map<String, MetricEstimate> relAggregate = new LinkedHashMap<>();
            reliabilityAggregate.get(v).forEach((metric, est) -> relAggregate.put(metric.name(), est.withRank(meanRank(ranks.get(v), metric))));
            ConfidenceInterval[] profile = Bootstrap.stratifiedBands(s, x -> Aggregates.performanceProfile(x, taus), boot, seeds.rng("profile/" + v));
            byVariant.put(v, new VariantReport(
                    Collections.unmodifiableMap(perEnv),
                    aggregateScores(s, settings, boot, seeds.rng("scores/" + v)),
                    Collections.unmodifiableMap(relPerEnv),
                    Collections.unmodifiableMap(relAggregate),
                    new PerformanceProfile(boxed(taus), List.of(profile))));
        }

        // 5. probability of improvement for every ordered pair
        List<Improvement> improvements = new ArrayList<>();
        for (String x : variants) {
            for (String y : variants) {
                if (x.equals(y)) {
                    continue;
                }
                double[][] sx = scores.get(x);
                double[][] sy = scores.get(y);
                Map<String, ConfidenceInterval> perEnv = new LinkedHashMap<>();
                for (int m = 0; m < envs.size(); m++) {
                    perEnv.put(envs.get(m), Bootstrap.stratifiedTwoSample(
                            new double[][] {sx[m]}, new double[][] {sy[m]}, Aggregates::probabilityOfImprovement, boot,
                            seeds.rng("improvement/" + x + "/" + y + "/" + envs.get(m))));
                }
                ConfidenceInterval aggregate = Bootstrap.stratifiedTwoSample(sx, sy, Aggregates::probabilityOfImprovement, boot, seeds.rng("improvement/" + x + "/" + y));
                improvements.add(new Improvement(x, y, Collections.unmodifiableMap(perEnv), aggregate));
            }
        }

        // 6. paired per-seed differences against the baseline
        List<PairedSummary> paired = new ArrayList<>();
        String baseline = settings.baselineVariant();
        if (baseline != null) {
            for (String v : variants) {
                if (v.equals(baseline)) {
                    continue;
                }
                Map<String, PairedEnv> perEnv = new LinkedHashMap<>();
                List<double[]> nonEmpty = new ArrayList<>();
                for (int m = 0; m < envs.size(); m++) {
                    String e = envs.get(m);
                    PairedComparison.Matched matched = PairedComparison.match(
                            seedsOf(runs.get(v).get(e)), scores.get(v)[m], seedsOf(runs.get(baseline).get(e)), scores.get(baseline)[m]);
                    double[] d = matched.differenceArray();
                    if (d.length > 0) {
                        nonEmpty.add(d);
                    }
                    perEnv.put(e, new PairedEnv(matched.seeds(), matched.differences(),
                            PairedComparison.meanDifference(d, boot, seeds.rng("paired/" + v + "/" + e))));
                }
                ConfidenceInterval aggregate = nonEmpty.isEmpty()
                        ? ConfidenceInterval.undefined()
                        : PairedComparison.meanDifference(nonEmpty.toArray(new double[0][]), boot, seeds.rng("paired/" + v));
                paired.add(new PairedSummary(v, baseline, Collections.unmodifiableMap(perEnv), aggregate));
            }
        }
        return new Report(List.copyOf(variants), List.copyOf(envs), Collections.unmodifiableMap(byVariant), List.copyOf(improvements), List.copyOf(paired), settings);
    }

    // ---------------------------------------------------------------- scores

    private static ScoreSummary singleEnvScores(double[] runs, Settings settings, Bootstrap.Settings boot, Rng rng) {
        double gamma = settings.optimalityThreshold();
        ConfidenceInterval[] ci = Bootstrap.stratifiedBands(new double[][] {runs}, s -> new double[] {
            Aggregates.interquartileMean(s), SampleStatistics.mean(s[0]), SampleStatistics.median(s[0]), Aggregates.optimalityGap(s, gamma)
        }, boot, rng);
        return new ScoreSummary(runs.length, ci[0], ci[1], ci[2], ci[3]);
    }

    private static ScoreSummary aggregateScores(double[][] scores, Settings settings, Bootstrap.Settings boot, Rng rng) {
        double gamma = settings.optimalityThreshold();
        ConfidenceInterval[] ci = Bootstrap.stratifiedBands(scores, s -> new double[] {
            Aggregates.interquartileMean(s), Aggregates.mean(s), Aggregates.median(s), Aggregates.optimalityGap(s, gamma)
        }, boot, rng);
        return new ScoreSummary(Aggregates.pooled(scores).length, ci[0], ci[1], ci[2], ci[3]);
    }

    // ---------------------------------------------------------------- reliability

    /** An estimate before ranking. */
    private record Estimate(ConfidenceInterval interval, boolean higherIsBetter, int validRuns) {
        MetricEstimate withRank(double rank) {
            return new MetricEstimate(interval.estimate(), interval.lower(), interval.upper(), rank, higherIsBetter, validRuns);
        }
    }

    /** What one (variant, env) cell contributes to the reliability metrics, ready for resampling. */
    private static final class CellData {
        final Map<ReliabilityMetric, double[]> perRun = new EnumMap<>(ReliabilityMetric.class);
        Reliability.AcrossRuns acrossRuns;
        int runs;
    }

    private static CellData cellData(String env, List<Run> runs, Settings settings) {
        CellData data = new CellData();
        data.runs = runs.size();
        Reliability.Settings rs = settings.reliability();
        boolean allCurves = runs.stream().allMatch(r -> !r.curve().isEmpty());
        if (allCurves) {
            List<LearningCurve> curves = new ArrayList<>();
            for (Run r : runs) {
                curves.add(toCurve(r.curve()));
            }
            for (ReliabilityMetric metric : List.of(ReliabilityMetric.DT, ReliabilityMetric.SRT, ReliabilityMetric.LRT)) {
                double[] values = new double[runs.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Reliability.perRunMetric(metric, curves.get(i), rs);
                }
                data.perRun.put(metric, values);
            }
            data.acrossRuns = Reliability.alignAcrossRuns(curves, rs);
        }
        if (runs.stream().anyMatch(r -> !r.evaluationReturns().isEmpty())) {
            double[] iqr = new double[runs.size()];
            double[] cvar = new double[runs.size()];
            for (int i = 0; i < runs.size(); i++) {
                double[] returns = runs.get(i).evaluationReturns().stream().mapToDouble(x -> normalise(settings, env, x)).toArray();
                iqr[i] = Reliability.afterLearningIqr(returns);
                cvar[i] = returns.length == 0 ? Double.NaN : Reliability.afterLearningCvar(returns, rs.alpha());
            }
            data.perRun.put(ReliabilityMetric.IQR_AFTER_LEARNING, iqr);
            data.perRun.put(ReliabilityMetric.CVAR_AFTER_LEARNING, cvar);
        }
        return data;
    }

    /** The metric of one cell on resampled run indices. */
    private static double cellMetric(CellData data, ReliabilityMetric metric, int[] idx, double alpha) {
        return switch (metric) {
            case DR -> Reliability.dispersionAcrossRuns(data.acrossRuns, idx);
            case RR -> Reliability.riskAcrossRuns(data.acrossRuns, idx, alpha);
            default -> meanDefined(data.perRun.get(metric), idx);
        };
    }

    private static boolean has(CellData data, ReliabilityMetric metric) {
        return metric.perRun() ? data.perRun.containsKey(metric) : data.acrossRuns != null;
    }

    private static int validRuns(CellData data, ReliabilityMetric metric) {
        if (metric.perRun()) {
            return SampleStatistics.withoutNaN(data.perRun.get(metric)).length;
        }
        int valid = 0;
        for (double r : data.acrossRuns.ranges()) {
            if (r > 0) {
                valid++;
            }
        }
        return valid;
    }

    private static Map<ReliabilityMetric, Estimate> reliabilityOfCell(String variant, String env, CellData data, Settings settings, Seeds seeds) {
        Map<ReliabilityMetric, Estimate> out = new EnumMap<>(ReliabilityMetric.class);
        double alpha = settings.reliability().alpha();
        for (ReliabilityMetric metric : ReliabilityMetric.values()) {
            if (!has(data, metric)) {
                continue;
            }
            ConfidenceInterval ci = Bootstrap.stratified(new int[] {data.runs}, idx -> cellMetric(data, metric, idx[0], alpha),
                    settings.bootstrap(), seeds.rng("reliability/" + metric + "/" + variant + "/" + env));
            out.put(metric, new Estimate(ci, metric.higherIsBetter(), validRuns(data, metric)));
        }
        return out;
    }

    private static Map<ReliabilityMetric, Estimate> reliabilityAggregate(String variant, List<CellData> cells, Settings settings, Seeds seeds) {
        int[] sizes = cells.stream().mapToInt(c -> c.runs).toArray();
        double alpha = settings.reliability().alpha();
        Map<ReliabilityMetric, Estimate> out = new EnumMap<>(ReliabilityMetric.class);
        for (ReliabilityMetric metric : ReliabilityMetric.values()) {
            List<Integer> present = new ArrayList<>();
            int valid = 0;
            for (int m = 0; m < cells.size(); m++) {
                if (has(cells.get(m), metric)) {
                    present.add(m);
                    valid += validRuns(cells.get(m), metric);
                }
            }
            if (present.isEmpty()) {
                continue;
            }
            ConfidenceInterval ci = Bootstrap.stratified(sizes, idx -> {
                double[] perEnv = new double[present.size()];
                for (int k = 0; k < perEnv.length; k++) {
                    int m = present.get(k);
                    perEnv[k] = cellMetric(cells.get(m), metric, idx[m], alpha);
                }
                return SampleStatistics.mean(SampleStatistics.withoutNaN(perEnv));
            }, settings.bootstrap(), seeds.rng("reliability/" + metric + "/" + variant));
            out.put(metric, new Estimate(ci, metric.higherIsBetter(), valid));
        }
        return out;
    }

    private static Map<String, Map<String, Map<ReliabilityMetric, Double>>> rankPerEnv(
            List<String> variants, List<String> envs, Map<String, Map<String, Map<ReliabilityMetric, Estimate>>> reliability) {
        Map<String, Map<String, Map<ReliabilityMetric, Double>>> ranks = new LinkedHashMap<>();
        for (String v : variants) {
            Map<String, Map<ReliabilityMetric, Double>> byEnv = new LinkedHashMap<>();
            for (String e : envs) {
                byEnv.put(e, new EnumMap<>(ReliabilityMetric.class));
            }
            ranks.put(v, byEnv);
        }
        for (String e : envs) {
            for (ReliabilityMetric metric : ReliabilityMetric.values()) {
                double[] values = new double[variants.size()];
                for (int i = 0; i < values.length; i++) {
                    Estimate est = reliability.get(variants.get(i)).get(e).get(metric);
                    values[i] = est == null ? Double.NaN : est.interval().estimate();
                }
                double[] r = SampleStatistics.ranksBestFirst(values, metric.higherIsBetter());
                for (int i = 0; i < values.length; i++) {
                    ranks.get(variants.get(i)).get(e).put(metric, r[i]);
                }
            }
        }
        return ranks;
    }

    private static double meanRank(Map<String, Map<ReliabilityMetric, Double>> ranksByEnv, ReliabilityMetric metric) {
        double[] r = ranksByEnv.values().stream().mapToDouble(m -> m.get(metric)).toArray();
        return SampleStatistics.mean(SampleStatistics.withoutNaN(r));
    }

    /** Mean of the defined (non-NaN) values picked by {@code idx}; NaN if none is defined. */
    private static double meanDefined(double[] values, int[] idx) {
        double sum = 0;
        int count = 0;
        for (int i : idx) {
            double v = values[i];
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    // ---------------------------------------------------------------- helpers

    private static double normalise(Settings settings, String env, double x) {
        ScoreRange range = settings.normalisation().get(env);
        return range == null ? x : range.normalise(x);
    }

    private static LearningCurve toCurve(List<CurvePoint> points) {
        double[] steps = new double[points.size()];
        double[] values = new double[points.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = points.get(i).step();
            values[i] = points.get(i).value();
        }
        return LearningCurve.of(steps, values);
    }

    private static long[] seedsOf(List<Run> runs) {
        return runs.stream().mapToLong(Run::seed).toArray();
    }

    private static List<Double> boxed(double[] x) {
        List<Double> out = new ArrayList<>(x.length);
        for (double v : x) {
            out.add(v);
        }
        return List.copyOf(out);
    }
}
