package lpdm.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lpdm.core.random.Rng;
import lpdm.core.random.Seeds;
import lpdm.envs.EnvRegistry;
import lpdm.lab.run.Json;
import lpdm.lab.run.TrainingRun;
import lpdm.lab.stats.Bootstrap;
import lpdm.lab.stats.ConfidenceInterval;
import lpdm.lab.stats.Reliability;
import lpdm.lab.stats.StudyStatistics;
import lpdm.lab.study.StudySpec;
import lpdm.rl.Algorithms;
import lpdm.rl.EnvSettings;

/**
 * The numbers a study yields, computed once from its run directories: per-env and aggregate
 * statistics ({@link StudyStatistics}), normalisation anchors, learning-curve bands, final returns
 * and per-layer diagnostic series. The renderings ({@link ReportFigures}, {@link ReportContent}
 * for report.md and report.html, {@link ResultsJson}, {@link ConsoleTable}) only read it.
 *
 * <p>What enters the statistics is described on {@link StudyReport}.
 */
final class ReportModel {
    static final double CONFIDENCE = 0.95;

    private static final Pattern DIAGNOSTIC = Pattern.compile("^(critic/)?layer(\\d+)/(local_loss|dist_corr|out_scale|grad_norm)$");
    private static final List<String> DIAGNOSTIC_KINDS = List.of("local_loss", "dist_corr", "out_scale", "grad_norm");

    /** Normalisation anchors of one env (aggregates over several envs only). */
    record Anchor(double random, double upper, String upperSource) {
    }

    /**
     * Pointwise mean over runs with a bootstrap band.
     *
     * @param runs number of runs
     * @param mean mean over runs per grid point
     * @param lower lower end of the 95% bootstrap interval of the mean
     * @param upper upper end
     */
    record Band(int runs, double[] mean, double[] lower, double[] upper) {
    }

    /**
     * One per-layer diagnostic of one env: a progress.csv column kind of one network, binned onto
     * the env's grid and averaged over seeds.
     *
     * @param network actor or critic
     * @param kind local_loss, dist_corr, out_scale or grad_norm
     * @param series variant -> layer -> mean over seeds per grid point (NaN where no seed has a value)
     */
    record Diagnostic(String network, String kind, Map<String, SortedMap<Integer, double[]>> series) {
    }

    final StudySpec study;
    final Path dir;
    final StudyReport.Options options;
    final List<RunData> runs;
    final List<String> variants;
    final String baseline;
    final String gitCommit;
    final String reproduceCommand;
    /** Evaluation grid per env. */
    final Map<String, long[]> grids = new LinkedHashMap<>();
    /** Statistics per env on raw returns; envs without usable runs are absent. */
    final Map<String, StudyStatistics.Report> perEnv = new LinkedHashMap<>();
    /** Variant -> why it has no aggregate. */
    final Map<String, String> excludedFromAggregate = new LinkedHashMap<>();
    /** Statistics over all envs, or null if no variant has usable runs on every env. */
    StudyStatistics.Report aggregate;
    final Map<String, Anchor> anchors = new LinkedHashMap<>();
    /** Why the scores could not be normalised, or null. */
    String normalisationProblem;
    /** Env -> variant -> learning-curve band (variants with usable runs). */
    final Map<String, Map<String, Band>> bands = new LinkedHashMap<>();
    /** Env -> variant -> final returns of its usable runs (variants with usable runs). */
    final Map<String, Map<String, double[]>> finals = new LinkedHashMap<>();
    /** Env -> its diagnostics, by network (actor, critic) then kind. */
    final Map<String, List<Diagnostic>> diagnostics = new LinkedHashMap<>();

    private ReportModel(StudySpec study, Path dir, StudyReport.Options options, List<RunData> runs) {
        this.study = study;
        this.dir = dir;
        this.options = options;
        this.runs = runs;
        this.variants = List.copyOf(study.variants().keySet());
        this.baseline = baselineOf(study);
        this.gitCommit = gitCommit(runs);
        this.reproduceCommand = options.command() != null ? options.command()
                : StudyReport.reconstructCommand(study, dir, options.bootstrapResamples());
    }

    /** Computes every figure of the report from the runs (one entry per planned run, in the study's order). */
    static ReportModel compute(StudySpec study, Path dir, StudyReport.Options options, List<RunData> runs) {
        ReportModel m = new ReportModel(study, dir, options, runs);
        m.computeStatistics();
        m.computeCurves();
        return m;
    }

    /** The variant paired differences are taken against (see {@link StudyReport}). */
    static String baselineOf(StudySpec study) {
        if (study.variants().containsKey("bp")) {
            return "bp";
        }
        for (Map.Entry<String, StudySpec.Variant> v : study.variants().entrySet()) {
            if (v.getValue().learner().equals("bp")) {
                return v.getKey();
            }
        }
        return study.variants().keySet().iterator().next();
    }

    // ---------------------------------------------------------------- queries

    List<RunData> planned(String env, String variant) {
        return runs.stream().filter(r -> r.key().env().equals(env) && r.key().variant().equals(variant)).toList();
    }

    List<RunData> usable(String env, String variant) {
        return planned(env, variant).stream().filter(RunData::usable).toList();
    }

    /** Runs that do not enter the statistics, as {@code env/variant/seedS: reason}. */
    List<String> missingRuns() {
        List<String> out = new ArrayList<>();
        for (RunData r : runs) {
            if (!r.usable()) {
                out.add(r.key().label() + ": " + r.failure());
            }
        }
        return out;
    }

    /** The per-env score summary of a variant, or null if it has no usable run on the env. */
    StudyStatistics.ScoreSummary scores(String env, String variant) {
        StudyStatistics.Report r = perEnv.get(env);
        if (r == null || !r.byVariant().containsKey(variant)) {
            return null;
        }
        return r.byVariant().get(variant).scoresPerEnv().get(env);
    }

    /** Whether the aggregate is over normalised scores (several envs, all with anchors). */
    boolean normalised() {
        return study.envs().size() > 1 && normalisationProblem == null && aggregate != null;
    }

    static StudyStatistics.Improvement improvement(StudyStatistics.Report r, String x, String y) {
        for (StudyStatistics.Improvement i : r.improvements()) {
            if (i.variantX().equals(x) && i.variantY().equals(y)) {
                return i;
            }
        }
        return null;
    }

    static StudyStatistics.PairedSummary paired(StudyStatistics.Report r, String v) {
        if (r == null) {
            return null;
        }
        for (StudyStatistics.PairedSummary p : r.paired()) {
            if (p.variant().equals(v)) {
                return p;
            }
        }
        return null;
    }

    /** Mean of {@code f} over runs, NaN for none. */
    static double mean(List<RunData> runs, ToDoubleFunction<RunData> f) {
        return runs.isEmpty() ? Double.NaN : runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n - 1), NaN for fewer than two values. */
    static double sampleSd(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = 0;
        for (double v : x) {
            m += v;
        }
        m /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** {@code p} relative to the study directory (as given if it is not below it). */
    String relative(Path p) {
        try {
            return dir.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    private static String gitCommit(List<RunData> runs) {
        for (RunData r : runs) {
            Path config = r.directory().resolve(TrainingRun.CONFIG);
            if (Files.isRegularFile(config)) {
                try {
                    JsonNode tree = Json.MAPPER.readTree(config.toFile());
                    return tree.path("git_commit").asText("unknown");
                } catch (IOException e) {
                    // try the next run
                }
            }
        }
        return "unknown";
    }

    // ---------------------------------------------------------------- statistics

    private StudyStatistics.Settings settings(String base, Map<String, StudyStatistics.ScoreRange> normalisation) {
        return new StudyStatistics.Settings(options.bootstrapResamples(), CONFIDENCE, options.bootstrapSeed(), Reliability.Settings.defaults(),
                base, normalisation, 101, 1.0);
    }

    private StudyStatistics.Run statisticsRun(RunData r) {
        long[] grid = grids.get(r.key().env());
        double[] curve = r.binnedReturns(grid);
        List<StudyStatistics.CurvePoint> points = new ArrayList<>();
        for (int i = 0; i < grid.length; i++) {
            points.add(new StudyStatistics.CurvePoint(grid[i], curve[i]));
        }
        return new StudyStatistics.Run(r.key().seed(), r.finalReturn(), points, List.of());
    }

    private void computeStatistics() {
        for (String env : study.envs()) {
            grids.put(env, CurveBinning.grid(study.steps().get(env), options.curvePoints()));
        }
        // Per env: every variant with a usable run there, raw returns.
        Map<String, Map<String, List<StudyStatistics.Run>>> all = new LinkedHashMap<>();
        for (String v : variants) {
            all.put(v, new LinkedHashMap<>());
        }
        for (String env : study.envs()) {
            Map<String, Map<String, List<StudyStatistics.Run>>> cells = new LinkedHashMap<>();
            for (String v : variants) {
                List<StudyStatistics.Run> cell = usable(env, v).stream().map(this::statisticsRun).toList();
                if (!cell.isEmpty()) {
                    cells.put(v, Map.of(env, cell));
                    all.get(v).put(env, cell);
                }
            }
            if (!cells.isEmpty()) {
                perEnv.put(env, StudyStatistics.compute(cells, settings(cells.containsKey(baseline) ? baseline : null, Map.of())));
            }
        }
        // Over envs: variants with usable runs on every env.
        Map<String, Map<String, List<StudyStatistics.Run>>> complete = new LinkedHashMap<>();
        for (String v : variants) {
            List<String> lacking = study.envs().stream().filter(e -> !all.get(v).containsKey(e)).toList();
            if (lacking.isEmpty()) {
                complete.put(v, all.get(v));
            } else {
                excludedFromAggregate.put(v, "no usable run on " + String.join(", ", lacking));
            }
        }
        if (complete.isEmpty()) {
            return;
        }
        String base = complete.containsKey(baseline) ? baseline : null;
        if (study.envs().size() == 1) {
            String env = study.envs().get(0);
            aggregate = complete.size() == perEnv.get(env).variants().size() ? perEnv.get(env)
                    : StudyStatistics.compute(complete, settings(base, Map.of()));
            return;
        }
        Map<String, StudyStatistics.ScoreRange> normalisation = new LinkedHashMap<>();
        for (String env : study.envs()) {
            Set<Map<String, Object>> argumentSets = new LinkedHashSet<>();
            for (String v : complete.keySet()) {
                argumentSets.add(envArguments(env, v));
            }
            if (argumentSets.size() > 1) {
                if (normalisationProblem == null) {
                    normalisationProblem = "cannot normalise " + env + ": its variants run it with different env arguments " + argumentSets
                            + ", so no one random-policy return anchors them; scores are pooled raw, which mixes the envs' scales";
                }
                continue;
            }
            double random = RandomPolicy.meanReturn(env, argumentSets.iterator().next(), RandomPolicy.EPISODES);
            double threshold = EnvRegistry.spec(env).rewardThreshold();
            double upper = threshold;
            String source = "reward threshold";
            if (!(Double.isFinite(threshold) && threshold > random)) {
                upper = Double.NEGATIVE_INFINITY;
                for (Map<String, List<StudyStatistics.Run>> byEnv : complete.values()) {
                    for (StudyStatistics.Run run : byEnv.get(env)) {
                        upper = Math.max(upper, run.finalScore());
                    }
                }
                source = "best final return in this study (the env has no reward threshold above random play)";
            }
            anchors.put(env, new Anchor(random, upper, source));
            if (!(upper > random)) {
                normalisationProblem = "cannot normalise " + env + ": no upper anchor above the random-policy return " + Fmt.number(random)
                        + "; scores are pooled raw, which mixes the envs' scales";
            } else {
                normalisation.put(env, new StudyStatistics.ScoreRange(random, upper));
            }
        }
        aggregate = StudyStatistics.compute(complete, settings(base, normalisationProblem == null ? normalisation : Map.of()));
    }

    /**
     * The env arguments that variant {@code v}'s runs of {@code env} were made with, resolved as a
     * run resolves its settings ({@link Algorithms#resolve}), so that the random-policy anchor
     * plays the same env as the runs.
     */
    private Map<String, Object> envArguments(String env, String v) {
        StudySpec.Variant variant = study.variants().get(v);
        return EnvSettings.arguments(Algorithms.resolve(study.algo(), variant.learner(), env, variant.settings()), env);
    }

    // ---------------------------------------------------------------- curves, final returns, diagnostics

    private void computeCurves() {
        Bootstrap.Settings boot = new Bootstrap.Settings(options.bootstrapResamples(), CONFIDENCE);
        Seeds seeds = new Seeds(options.bootstrapSeed());
        for (String env : study.envs()) {
            long[] grid = grids.get(env);
            Map<String, Band> envBands = new LinkedHashMap<>();
            Map<String, double[]> envFinals = new LinkedHashMap<>();
            for (String v : variants) {
                List<RunData> cell = usable(env, v);
                if (cell.isEmpty()) {
                    continue;
                }
                double[][] curves = cell.stream().map(r -> r.binnedReturns(grid)).toArray(double[][]::new);
                envBands.put(v, band(curves, grid.length, boot, seeds.rng("curve-band/" + v + "/" + env)));
                envFinals.put(v, cell.stream().mapToDouble(RunData::finalReturn).toArray());
            }
            bands.put(env, envBands);
            finals.put(env, envFinals);
            diagnostics.put(env, envBands.isEmpty() ? List.of() : diagnostics(env, grid));
        }
    }

    /** Mean over runs per point with a percentile bootstrap band of the mean (runs resampled). */
    static Band band(double[][] curves, int points, Bootstrap.Settings boot, Rng rng) {
        int n = curves.length;
        ConfidenceInterval[] ci = Bootstrap.stratifiedBands(new int[] {n}, idx -> {
            double[] m = new double[points];
            for (int i : idx[0]) {
                for (int k = 0; k < points; k++) {
                    m[k] += curves[i][k];
                }
            }
            for (int k = 0; k < points; k++) {
                m[k] /= idx[0].length;
            }
            return m;
        }, boot, rng);
        double[] mean = new double[points];
        double[] lo = new double[points];
        double[] hi = new double[points];
        for (int k = 0; k < points; k++) {
            mean[k] = ci[k].estimate();
            lo[k] = ci[k].lower();
            hi[k] = ci[k].upper();
        }
        return new Band(n, mean, lo, hi);
    }

    private List<Diagnostic> diagnostics(String env, long[] grid) {
        // network -> kind -> variant -> layer -> per-seed binned series
        Map<String, Map<String, Map<String, SortedMap<Integer, List<double[]>>>>> found = new TreeMap<>();
        for (String v : variants) {
            for (RunData r : usable(env, v)) {
                if (r.progress() == null) {
                    continue;
                }
                for (String column : r.progress().header()) {
                    Matcher m = DIAGNOSTIC.matcher(column);
                    if (!m.matches()) {
                        continue;
                    }
                    String network = m.group(1) == null ? "actor" : "critic";
                    double[] binned = r.binnedProgress(column, grid);
                    found.computeIfAbsent(network, k -> new TreeMap<>(Comparator.comparingInt(DIAGNOSTIC_KINDS::indexOf)))
                            .computeIfAbsent(m.group(3), k -> new LinkedHashMap<>())
                            .computeIfAbsent(v, k -> new TreeMap<>())
                            .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>())
                            .add(binned);
                }
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, Map<String, SortedMap<Integer, List<double[]>>>>> net : found.entrySet()) {
            for (Map.Entry<String, Map<String, SortedMap<Integer, List<double[]>>>> kind : net.getValue().entrySet()) {
                Map<String, SortedMap<Integer, double[]>> series = new LinkedHashMap<>();
                for (String v : variants) {
                    SortedMap<Integer, List<double[]>> layers = kind.getValue().get(v);
                    if (layers == null) {
                        continue;
                    }
                    SortedMap<Integer, double[]> means = new TreeMap<>();
                    layers.forEach((layer, perSeed) -> means.put(layer, nanMean(perSeed, grid.length)));
                    series.put(v, means);
                }
                out.add(new Diagnostic(net.getKey(), kind.getKey(), series));
            }
        }
        return out;
    }

    private static double[] nanMean(List<double[]> rows, int points) {
        double[] out = new double[points];
        for (int k = 0; k < points; k++) {
            double sum = 0;
            int count = 0;
            for (double[] r : rows) {
                if (!Double.isNaN(r[k])) {
                    sum += r[k];
                    count++;
                }
            }
            out[k] = count == 0 ? Double.NaN : sum / count;
        }
        return out;
    }
}
