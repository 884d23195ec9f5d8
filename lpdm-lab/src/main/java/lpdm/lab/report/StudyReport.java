package lpdm.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lpdm.core.random.Seeds;
import lpdm.envs.EnvRegistry;
import lpdm.lab.run.AtomicFiles;
import lpdm.lab.run.BuildInfo;
import lpdm.lab.run.Json;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;
import lpdm.lab.stats.Bootstrap;
import lpdm.lab.stats.ConfidenceInterval;
import lpdm.lab.stats.Reliability;
import lpdm.lab.stats.ReliabilityMetric;
import lpdm.lab.stats.StudyStatistics;
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;

/**
 * The report of a study (see docs/lab.md): reads every run directory, computes the statistics
 * ({@link StudyStatistics}) and renders {@code report.md}, a self-contained {@code report.html},
 * {@code results.json} and the plots (PNG and SVG under {@code plots/}).
 *
 * <p>What enters the statistics:
 * <ul>
 *   <li>Final score of a run: its summary's {@code final_mean_return}. Runs that failed, did not
 *       complete or finished no episode are left out and named in the report.
 *   <li>Learning curve of a run: its episode returns binned onto {@link Options#curvePoints()}
 *       evaluation points per env ({@link CurveBinning}), leading empty bins back-filled.
 *   <li>Per-env figures use raw returns and every variant with at least one usable run on the env.
 *       Figures aggregated over envs use the variants with usable runs on every env; with more than
 *       one env, scores are normalised per env to {@code (x - random) / (upper - random)}
 *       (random-policy mean return; upper = the env's reward threshold, or the best final return
 *       in the study if the env has none).
 *   <li>Paired differences are taken against the baseline variant: the variant named {@code bp},
 *       else the first variant whose learner is {@code bp}, else the first variant.
 * </ul>
 * {@link #build} computes everything; {@link #write} writes the files atomically.
 */
public final class StudyReport {
    public static final String REPORT_MD = "report.md";
    public static final String REPORT_HTML = "report.html";
    public static final String RESULTS_JSON = "results.json";
    public static final String PLOTS = "plots";

    private static final Pattern DIAGNOSTIC = Pattern.compile("^(critic/)?layer(\\d+)/(local_loss|dist_corr|out_scale|grad_norm)$");
    private static final List<String> DIAGNOSTIC_KINDS = List.of("local_loss", "dist_corr", "out_scale", "grad_norm");
    private static final double CONFIDENCE = 0.95;

    /**
     * How to build the report.
     *
     * @param bootstrapResamples bootstrap resamples for every interval (2,000)
     * @param bootstrapSeed seed of all bootstrap draws (0), recorded in results.json
     * @param curvePoints evaluation points per env for the learning curves (50)
     * @param command the command that reproduces the study, shown in the report (null: reconstructed)
     */
    public record Options(int bootstrapResamples, long bootstrapSeed, int curvePoints, String command) {
        public Options {
            if (bootstrapResamples < 1) {
                throw new lpdm.rl.settings.UsageException("--bootstrap must be positive, got " + bootstrapResamples);
            }
            if (curvePoints < 2) {
                throw new IllegalArgumentException("curvePoints must be at least 2, got " + curvePoints);
            }
        }

        public static Options defaults() {
            return new Options(Bootstrap.Settings.DEFAULT_RESAMPLES, 0, CurveBinning.DEFAULT_POINTS, null);
        }

        public Options withBootstrap(int resamples) {
            return new Options(resamples, bootstrapSeed, curvePoints, command);
        }

        public Options withCommand(String newCommand) {
            return new Options(bootstrapResamples, bootstrapSeed, curvePoints, newCommand);
        }
    }

    /** Normalisation anchors of one env (aggregates over several envs only). */
    record Anchor(double random, double upper, String upperSource) {
    }

    private final StudySpec study;
    private final Path dir;
    private final Options options;
    private final List<RunData> runs;
    private final List<String> variants;
    private final String baseline;
    private final Map<String, long[]> grids = new LinkedHashMap<>();
    private final Map<String, StudyStatistics.Report> perEnv = new LinkedHashMap<>();
    private final List<String> aggregateVariants = new ArrayList<>();
    private final Map<String, String> excludedFromAggregate = new LinkedHashMap<>();
    private StudyStatistics.Report aggregate;
    private final Map<String, Anchor> anchors = new LinkedHashMap<>();
    private String normalisationProblem;
    private final Map<String, Map<String, ReportPlots.Band>> bands = new LinkedHashMap<>();
    private final List<ReportPlots.Plot> curvePlots = new ArrayList<>();
    private final List<ReportPlots.Plot> finalPlots = new ArrayList<>();
    private final List<ReportPlots.Plot> aggregatePlots = new ArrayList<>();
    private final List<ReportPlots.Plot> diagnosticPlots = new ArrayList<>();
    private ReportDocument document;
    private ObjectNode results;

    private StudyReport(StudySpec study, Path dir, Options options, List<RunData> runs) {
        this.study = study;
        this.dir = dir;
        this.options = options;
        this.runs = runs;
        this.variants = List.copyOf(study.variants().keySet());
        this.baseline = baselineOf(study);
    }

    /** {@link #build(StudySpec, Path, List, Options)} with default options and {@code bootstrap} resamples. */
    public static StudyReport build(StudySpec study, Path dir, List<StudyRunner.RunOutcome> outcomes, int bootstrap) throws IOException {
        return build(study, dir, outcomes, Options.defaults().withBootstrap(bootstrap));
    }

    /**
     * Reads the runs of {@code outcomes} (runs of the study without an outcome count as missing),
     * computes the statistics and renders the plots and documents, without writing anything.
     */
    public static StudyReport build(StudySpec study, Path dir, List<StudyRunner.RunOutcome> outcomes, Options options) throws IOException {
        Map<StudySpec.RunKey, StudyRunner.RunOutcome> byKey = new LinkedHashMap<>();
        for (StudyRunner.RunOutcome o : outcomes) {
            byKey.put(o.key(), o);
        }
        List<RunData> runs = new ArrayList<>();
        for (StudySpec.RunKey key : study.runs()) {
            StudyRunner.RunOutcome o = byKey.get(key);
            runs.add(o == null ? RunData.missing(key, dir.resolve(key.relativeDirectory())) : RunData.read(o));
        }
        StudyReport r = new StudyReport(study, dir, options, runs);
        r.computeStatistics();
        r.computePlots();
        r.document = r.buildDocument();
        r.results = r.buildResults();
        return r;
    }

    /** The variant paired differences are taken against (see the class comment). */
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

    // ---------------------------------------------------------------- accessors

    public Path directory() {
        return dir;
    }

    /** Every planned run with what was read of it, in the study's order. */
    public List<RunData> runs() {
        return runs;
    }

    /** Runs that do not enter the statistics, as {@code env/variant/seedS: reason}. */
    public List<String> missingRuns() {
        List<String> out = new ArrayList<>();
        for (RunData r : runs) {
            if (!r.usable()) {
                out.add(r.key().label() + ": " + r.failure());
            }
        }
        return out;
    }

    /** The per-env statistics (raw returns), by env; envs without usable runs are absent. */
    public Map<String, StudyStatistics.Report> perEnvStatistics() {
        return perEnv;
    }

    /** The statistics over all envs (normalised if several envs), or null if no variant has usable runs on every env. */
    public StudyStatistics.Report aggregateStatistics() {
        return aggregate;
    }

    public String markdown() {
        return document.markdown();
    }

    public String html() {
        return document.html();
    }

    /** results.json as a tree. */
    public ObjectNode results() {
        return results;
    }

    /** Writes report.md, report.html, results.json and plots/*.png|svg, each atomically; returns the files written. */
    public List<Path> write() throws IOException {
        List<Path> written = new ArrayList<>();
        for (ReportPlots.Plot p : allPlots()) {
            Path png = dir.resolve(p.pngFile());
            Path svg = dir.resolve(p.svgFile());
            AtomicFiles.write(png, p.png());
            AtomicFiles.write(svg, p.svg());
            written.add(png);
            written.add(svg);
        }
        Path json = dir.resolve(RESULTS_JSON);
        Json.write(json, results);
        Path md = dir.resolve(REPORT_MD);
        AtomicFiles.writeString(md, markdown());
        Path html = dir.resolve(REPORT_HTML);
        AtomicFiles.write(html, html().getBytes(StandardCharsets.UTF_8));
        written.add(json);
        written.add(md);
        written.add(html);
        return written;
    }

    /** A small plain-text table for the terminal: variant, env, runs, mean final return, IQM with its interval, steps/s. */
    public String consoleTable() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variant", "env", "runs", "mean final return", "IQM [95% CI]", "steps/s"));
        for (String env : study.envs()) {
            for (String v : variants) {
                List<RunData> cell = usable(env, v);
                StudyStatistics.ScoreSummary s = scores(env, v);
                String[] f = s == null ? null : Fmt.common(s.mean().estimate(), s.iqm().estimate(), s.iqm().lower(), s.iqm().upper());
                rows.add(List.of(v, env, cell.size() + "/" + planned(env, v).size(),
                        f == null ? Fmt.UNDEFINED : f[0],
                        f == null ? Fmt.UNDEFINED : f[1] + " [" + f[2] + ", " + f[3] + "]",
                        Fmt.number(mean(cell, r -> r.summary().steps_per_second()))));
            }
        }
        int[] width = new int[rows.get(0).size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(String.format(Locale.ROOT, i < 2 ? "%-" + width[i] + "s" : "%" + width[i] + "s", r.get(i)));
                if (i + 1 < r.size()) {
                    line.append("  ");
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        long bad = runs.stream().filter(r -> !r.usable()).count();
        if (bad > 0) {
            sb.append(bad).append(" of ").append(runs.size()).append(" runs missing from the statistics (see the report)\n");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- statistics

    private List<RunData> planned(String env, String variant) {
        return runs.stream().filter(r -> r.key().env().equals(env) && r.key().variant().equals(variant)).toList();
    }

    private List<RunData> usable(String env, String variant) {
        return planned(env, variant).stream().filter(RunData::usable).toList();
    }

    private StudyStatistics.ScoreSummary scores(String env, String variant) {
        StudyStatistics.Report r = perEnv.get(env);
        if (r == null || !r.byVariant().containsKey(variant)) {
            return null;
        }
        return r.byVariant().get(variant).scoresPerEnv().get(env);
    }

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
                aggregateVariants.add(v);
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
            double random = RandomPolicy.meanReturn(env, RandomPolicy.EPISODES);
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

    private boolean normalised() {
        return study.envs().size() > 1 && normalisationProblem == null && aggregate != null;
    }

    // ---------------------------------------------------------------- plots

    private List<ReportPlots.Plot> allPlots() {
        List<ReportPlots.Plot> all = new ArrayList<>(curvePlots);
        all.addAll(finalPlots);
        all.addAll(aggregatePlots);
        all.addAll(diagnosticPlots);
        return all;
    }

    static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void computePlots() {
        Bootstrap.Settings boot = new Bootstrap.Settings(options.bootstrapResamples(), CONFIDENCE);
        Seeds seeds = new Seeds(options.bootstrapSeed());
        for (String env : study.envs()) {
            long[] grid = grids.get(env);
            double threshold = EnvRegistry.spec(env).rewardThreshold();
            Map<String, ReportPlots.Band> envBands = new LinkedHashMap<>();
            Map<String, double[]> finals = new LinkedHashMap<>();
            for (String v : variants) {
                List<RunData> cell = usable(env, v);
                if (cell.isEmpty()) {
                    continue;
                }
                double[][] curves = cell.stream().map(r -> r.binnedReturns(grid)).toArray(double[][]::new);
                envBands.put(v, band(curves, grid.length, boot, seeds.rng("curve-band/" + v + "/" + env)));
                finals.put(v, cell.stream().mapToDouble(RunData::finalReturn).toArray());
            }
            bands.put(env, envBands);
            if (envBands.isEmpty()) {
                continue;
            }
            curvePlots.add(ReportPlots.learningCurves("curves_" + fileName(env), env, grid, variants, envBands, threshold));
            finalPlots.add(ReportPlots.finalReturns("final_" + fileName(env), env, variants, finals, threshold));
            diagnosticPlots.addAll(diagnostics(env, grid));
        }
        if (aggregate != null) {
            Map<String, ConfidenceInterval> iqm = new LinkedHashMap<>();
            for (String v : aggregate.variants()) {
                iqm.put(v, aggregate.byVariant().get(v).scores().iqm());
            }
            String axis = normalised() ? "IQM of normalised final scores (0 = random policy, 1 = upper anchor)" : "IQM of final returns";
            String caption = "Interquartile mean of the final scores of all runs"
                    + (study.envs().size() > 1 ? " pooled over " + study.envs().size() + " envs" : "")
                    + " (diamond) with its 95% stratified bootstrap interval (bar), per variant.";
            aggregatePlots.add(ReportPlots.aggregateIqm("aggregate_iqm", "IQM over " + (study.envs().size() > 1 ? "all envs" : study.envs().get(0)),
                    axis, variants, iqm, caption));
        }
    }

    /** Mean over runs per point with a percentile bootstrap band of the mean (runs resampled). */
    static ReportPlots.Band band(double[][] curves, int points, Bootstrap.Settings boot, lpdm.core.random.Rng rng) {
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
        return new ReportPlots.Band(n, mean, lo, hi);
    }

    private List<ReportPlots.Plot> diagnostics(String env, long[] grid) {
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
                    found.computeIfAbsent(network, k -> new TreeMap<>(java.util.Comparator.comparingInt(DIAGNOSTIC_KINDS::indexOf)))
                            .computeIfAbsent(m.group(3), k -> new LinkedHashMap<>())
                            .computeIfAbsent(v, k -> new TreeMap<>())
                            .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>())
                            .add(binned);
                }
            }
        }
        List<ReportPlots.Plot> plots = new ArrayList<>();
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
                plots.add(ReportPlots.diagnostics("diagnostics_" + fileName(env) + "_" + net.getKey() + "_" + kind.getKey(), env, net.getKey(),
                        kind.getKey(), grid, variants, series));
            }
        }
        return plots;
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

    // ---------------------------------------------------------------- helpers

    private static double mean(List<RunData> runs, java.util.function.ToDoubleFunction<RunData> f) {
        return runs.isEmpty() ? Double.NaN : runs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

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

    private String reproduceCommand() {
        if (options.command() != null) {
            return options.command();
        }
        return reconstructCommand(study, dir, options.bootstrapResamples());
    }

    /**
     * A command that reruns {@code study} into {@code dir}: the {@code --env/--learners} form when the
     * study has that shape (one env, seeds 1..K, variants named by their learner without settings),
     * otherwise {@code --study} with the resolved study this directory keeps in study.json.
     */
    public static String reconstructCommand(StudySpec study, Path dir, int bootstrap) {
        boolean simple = study.envs().size() == 1;
        for (int i = 0; i < study.seeds().size(); i++) {
            simple &= study.seeds().get(i) == i + 1;
        }
        for (Map.Entry<String, StudySpec.Variant> v : study.variants().entrySet()) {
            simple &= v.getKey().equals(v.getValue().learner()) && v.getValue().settings().isEmpty();
        }
        String tail = " --out " + shellQuote(dir.toString()) + (bootstrap != Bootstrap.Settings.DEFAULT_RESAMPLES ? " --bootstrap " + bootstrap : "");
        if (simple) {
            String env = study.envs().get(0);
            return "lpdm compare --env " + env + " --algo " + study.algo() + " --learners " + String.join(",", study.variants().keySet())
                    + " --seeds " + study.seeds().size() + " --steps " + study.steps().get(env) + tail;
        }
        return "lpdm compare --study STUDY.yaml" + tail + "   # STUDY.yaml: the study file, resolved in " + dir.resolve(StudyRunner.STUDY_FILE);
    }

    /** {@code word}, single-quoted for a POSIX shell if it holds anything but plain path characters. */
    public static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_./:=,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private String gitCommit() {
        for (RunData r : runs) {
            Path config = r.directory().resolve(TrainingRun.CONFIG);
            if (Files.isRegularFile(config)) {
                try {
                    return Json.MAPPER.readTree(config.toFile()).path("git_commit").asText("unknown");
                } catch (IOException e) {
                    // try the next run
                }
            }
        }
        return "unknown";
    }

    private String relative(Path p) {
        try {
            return dir.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return p.toString();
        }
    }

    private static String metricCell(StudyStatistics.MetricEstimate m) {
        if (m == null || Double.isNaN(m.estimate())) {
            return Fmt.UNDEFINED;
        }
        return Fmt.withInterval(new ConfidenceInterval(m.estimate(), m.lower(), m.upper())) + " #"
                + Fmt.rank(m.rank());
    }

    private static final List<ReliabilityMetric> CURVE_METRICS = List.of(ReliabilityMetric.DT, ReliabilityMetric.SRT, ReliabilityMetric.LRT,
            ReliabilityMetric.DR, ReliabilityMetric.RR);

    private static String metricHeader(ReliabilityMetric m) {
        return m.name() + (m.higherIsBetter() ? " (higher better)" : " (lower better)");
    }

    // ---------------------------------------------------------------- document

    private ReportDocument buildDocument() {
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString() : dir.toAbsolutePath().normalize().getFileName().toString();
        ReportDocument doc = new ReportDocument("Study report: " + name);
        long usableCount = runs.stream().filter(RunData::usable).count();
        doc.text("**" + study.algo() + "** on " + String.join(", ", study.envs()) + "; " + study.variants().size() + " variants x "
                + study.seeds().size() + " seeds (" + study.seeds().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                + "); paired design: seed S gives every variant the same environment seeds and initial weights. "
                + usableCount + " of " + runs.size() + " runs enter the statistics. lpdm " + BuildInfo.lpdmVersion() + ", commit `"
                + gitCommit() + "`, " + options.bootstrapResamples() + " bootstrap resamples (seed " + options.bootstrapSeed() + ").");
        List<List<String>> vrows = new ArrayList<>();
        study.variants().forEach((v, spec) -> vrows.add(List.of(v + (v.equals(baseline) ? " (baseline)" : ""), spec.learner(),
                spec.settings().isEmpty() ? "(defaults)" : spec.settings().entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                        .reduce((a, b) -> a + " " + b).orElse(""))));
        doc.add(new ReportDocument.Table(List.of("variant", "learner", "settings"), vrows));
        List<List<String>> erows = new ArrayList<>();
        for (String env : study.envs()) {
            double t = EnvRegistry.spec(env).rewardThreshold();
            erows.add(List.of(env, String.valueOf(study.steps().get(env)), Double.isFinite(t) ? Fmt.number(t) : "none",
                    String.valueOf(grids.get(env).length)));
        }
        doc.add(new ReportDocument.Table(List.of("env", "step budget", "reward threshold", "curve points"), erows));
        doc.text("Reproduce:");
        doc.add(new ReportDocument.Code(reproduceCommand()));
        List<String> missing = missingRuns();
        if (!missing.isEmpty()) {
            doc.text("**Missing from the statistics (" + missing.size() + " of " + runs.size() + " runs):**");
            doc.add(new ReportDocument.Bullets(missing.stream().map(m -> "`" + m.replaceFirst(": ", "`: ")).toList()));
        }

        finalReturnSection(doc);
        aggregateSection(doc);
        improvementSection(doc);
        pairedSection(doc);
        reliabilitySection(doc);
        diagnosticsSection(doc);
        runsSection(doc);
        doc.heading(1, "How to read this report");
        doc.add(new ReportDocument.Bullets(List.of(
                "Final return of a run: mean return of its last 100 finished training episodes (summary.json `final_mean_return`).",
                "IQM: interquartile mean, the mean of the middle 50% of the runs' final returns (25% trimmed mean); mean, median and IQM "
                        + "carry 95% percentile intervals from a stratified bootstrap over runs (Agarwal et al. 2021).",
                "Learning curves: each run's episode returns binned onto " + options.curvePoints() + " evaluation points per env at budget*k/"
                        + options.curvePoints() + " (mean of the episodes ending in a bin, carried forward over empty bins, leading empty "
                        + "bins take the first value); the bands are bootstrap intervals of the mean over seeds.",
                "Reliability (Chan et al. 2020) is computed on those binned training curves; LRT uses the upper tail (the worst 5% drawdowns).",
                "Full definitions: docs/lab.md in the lpdm repository.")));
        return doc;
    }

    private void finalReturnSection(ReportDocument doc) {
        doc.heading(1, "Final return per env");
        doc.text("Per env and variant: usable runs of those planned; mean ± sample standard deviation of the final returns; IQM and median "
                + "with 95% bootstrap intervals; seeds whose final return reached the env's reward threshold; mean wall time and "
                + "throughput per run. Raw returns.");
        for (String env : study.envs()) {
            double threshold = EnvRegistry.spec(env).rewardThreshold();
            doc.heading(2, env);
            List<List<String>> rows = new ArrayList<>();
            for (String v : variants) {
                List<RunData> cell = usable(env, v);
                double[] finals = cell.stream().mapToDouble(RunData::finalReturn).toArray();
                StudyStatistics.ScoreSummary s = scores(env, v);
                long reached = cell.stream().filter(r -> r.finalReturn() >= threshold).count();
                rows.add(List.of(v, cell.size() + "/" + planned(env, v).size(),
                        s == null ? Fmt.UNDEFINED : Fmt.meanSd(s.mean().estimate(), sampleSd(finals)),
                        s == null ? Fmt.UNDEFINED : Fmt.withInterval(s.iqm()),
                        s == null ? Fmt.UNDEFINED : Fmt.withInterval(s.median()),
                        Double.isFinite(threshold) ? reached + "/" + cell.size() + " (≥ " + Fmt.number(threshold) + ")" : "n/a (no threshold)",
                        Fmt.number(mean(cell, r -> r.summary().wall_seconds())),
                        Fmt.number(mean(cell, r -> r.summary().steps_per_second()))));
            }
            doc.add(new ReportDocument.Table(List.of("variant", "runs", "mean ± sd", "IQM [95% CI]", "median [95% CI]", "reached threshold",
                    "wall time per run (s)", "steps/s"), rows));
        }
        List<ReportPlots.Plot> figures = new ArrayList<>();
        for (int i = 0; i < curvePlots.size(); i++) {
            figures.add(curvePlots.get(i));
            figures.add(finalPlots.get(i));
        }
        if (!figures.isEmpty()) {
            doc.heading(2, "Learning curves and final returns");
            doc.add(new ReportDocument.Figures(figures));
        }
    }

    private void aggregateSection(ReportDocument doc) {
        doc.heading(1, "Aggregate over envs");
        if (aggregate == null) {
            doc.text("No variant has usable runs on every env; nothing to aggregate.");
            return;
        }
        if (study.envs().size() == 1) {
            doc.text("One env: the aggregate is computed on the raw final returns of " + study.envs().get(0) + ".");
        } else if (normalised()) {
            doc.text("Final returns normalised per env to (x − random) / (upper − random) before pooling: 0 is the uniform random policy's "
                    + "mean return over " + RandomPolicy.EPISODES + " episodes, 1 the upper anchor. IQM pools all runs of all envs; mean and "
                    + "median are taken over the per-env means; the optimality gap is the mean shortfall below 1. Intervals: stratified "
                    + "bootstrap (runs resampled within each env).");
        } else {
            doc.text("**Warning:** " + normalisationProblem + ".");
        }
        if (!anchors.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            anchors.forEach((env, a) -> rows.add(List.of(env, Fmt.number(a.random()), Fmt.number(a.upper()), a.upperSource())));
            doc.add(new ReportDocument.Table(List.of("env", "random-policy return (0)", "upper anchor (1)", "upper anchor source"), rows));
        }
        boolean gap = normalised();
        List<List<String>> rows = new ArrayList<>();
        for (String v : aggregate.variants()) {
            StudyStatistics.ScoreSummary s = aggregate.byVariant().get(v).scores();
            List<String> row = new ArrayList<>(List.of(v, String.valueOf(s.runs()), Fmt.withInterval(s.iqm()), Fmt.withInterval(s.mean()),
                    Fmt.withInterval(s.median())));
            if (gap) {
                row.add(Fmt.withInterval(s.optimalityGap()));
            }
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("variant", "runs", "IQM [95% CI]", "mean [95% CI]", "median [95% CI]"));
        if (gap) {
            header.add("optimality gap [95% CI]");
        }
        doc.add(new ReportDocument.Table(header, rows));
        if (!excludedFromAggregate.isEmpty()) {
            doc.text("Left out of the aggregate: " + excludedFromAggregate.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .reduce((a, b) -> a + "; " + b).orElse("") + ".");
        }
        doc.add(new ReportDocument.Figures(aggregatePlots));
    }

    private void improvementSection(ReportDocument doc) {
        doc.heading(1, "Probability of improvement");
        doc.text("P(X > Y): the probability that a run of X has a higher final return than a run of Y (Mann-Whitney U / (n_X n_Y), ties "
                + "count one half), per env and averaged over envs, with 95% bootstrap intervals (runs of X and Y resampled independently "
                + "within each env). P(Y > X) = 1 − P(X > Y).");
        if (variants.size() < 2) {
            doc.text("One variant: no pairs.");
            return;
        }
        List<String> header = new ArrayList<>(List.of("X", "Y"));
        if (study.envs().size() > 1) {
            header.add("P(X > Y), all envs");
        }
        for (String env : study.envs()) {
            header.add("P(X > Y), " + env);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            for (int j = i + 1; j < variants.size(); j++) {
                String x = variants.get(i);
                String y = variants.get(j);
                List<String> row = new ArrayList<>(List.of(x, y));
                if (study.envs().size() > 1) {
                    StudyStatistics.Improvement agg = aggregate == null ? null : improvement(aggregate, x, y);
                    row.add(agg == null ? Fmt.UNDEFINED : Fmt.probabilityWithInterval(agg.aggregate()));
                }
                for (String env : study.envs()) {
                    StudyStatistics.Report r = perEnv.get(env);
                    StudyStatistics.Improvement imp = r == null ? null : improvement(r, x, y);
                    row.add(imp == null ? Fmt.UNDEFINED : Fmt.probabilityWithInterval(imp.perEnv().get(env)));
                }
                rows.add(row);
            }
        }
        doc.add(new ReportDocument.Table(header, rows));
    }

    private static StudyStatistics.Improvement improvement(StudyStatistics.Report r, String x, String y) {
        for (StudyStatistics.Improvement i : r.improvements()) {
            if (i.variantX().equals(x) && i.variantY().equals(y)) {
                return i;
            }
        }
        return null;
    }

    private static StudyStatistics.PairedSummary paired(StudyStatistics.Report r, String v) {
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

    private void pairedSection(ReportDocument doc) {
        doc.heading(1, "Paired differences against " + baseline);
        doc.text("Runs with the same seed share environment seeds and initial weights, so each seed gives a pair. Per seed: final return of "
                + "the variant minus that of the baseline `" + baseline + "`; mean difference with a 95% paired bootstrap interval (pairs "
                + "resampled). Seeds missing on either side are left out." + (normalised()
                ? " The all-envs row averages the per-env mean differences of normalised scores (stratified paired bootstrap)." : ""));
        if (variants.size() < 2) {
            doc.text("One variant: no pairs.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String v : variants) {
            if (v.equals(baseline)) {
                continue;
            }
            for (String env : study.envs()) {
                StudyStatistics.PairedSummary p = paired(perEnv.get(env), v);
                StudyStatistics.PairedEnv pe = p == null ? null : p.perEnv().get(env);
                if (pe == null) {
                    rows.add(List.of(v + " − " + baseline, env, "0", "(no pairs)", Fmt.UNDEFINED));
                    continue;
                }
                List<String> diffs = new ArrayList<>();
                for (int i = 0; i < pe.seeds().size(); i++) {
                    diffs.add("s" + pe.seeds().get(i) + ": " + Fmt.signed(pe.differences().get(i)));
                }
                rows.add(List.of(v + " − " + baseline, env, String.valueOf(pe.seeds().size()), String.join(", ", diffs),
                        Fmt.withInterval(pe.meanDifference())));
            }
            if (study.envs().size() > 1) {
                StudyStatistics.PairedSummary p = paired(aggregate, v);
                rows.add(List.of(v + " − " + baseline, normalised() ? "all envs (normalised)" : "all envs (raw)", "", "",
                        p == null ? Fmt.UNDEFINED : Fmt.withInterval(p.aggregate())));
            }
        }
        doc.add(new ReportDocument.Table(List.of("difference", "env", "pairs", "per-seed differences", "mean difference [95% CI]"), rows));
    }

    private void reliabilitySection(ReportDocument doc) {
        doc.heading(1, "Reliability");
        doc.text("Chan et al. (2020) on the binned training curves: DT (dispersion across time: IQR of the first differences / curve range), "
                + "SRT (short-term risk: lower 5% CVaR of the first differences / curve range), LRT (long-term risk: CVaR of the worst 5% "
                + "drawdowns — **the upper tail** — / curve range), DR (dispersion across runs: IQR across runs of the low-passed curves / "
                + "median curve range, median over points), RR (risk across runs: lower 5% CVaR across runs). Cells: estimate [95% bootstrap "
                + "interval over runs] #rank among the variants (1 = most reliable; all envs: mean rank over the envs where the metric is "
                + "defined). n/a: undefined, e.g. every run's curve stayed at or below its first value (curve range ≤ 0), so the "
                + "range-normalised metrics do not exist. After-learning metrics need evaluation rollouts, which these runs do not record.");
        for (String env : study.envs()) {
            StudyStatistics.Report r = perEnv.get(env);
            if (r != null) {
                doc.heading(2, env);
                doc.add(reliabilityTable(r, v -> r.byVariant().get(v).reliabilityPerEnv().get(env)));
            }
        }
        if (aggregate != null && study.envs().size() > 1) {
            doc.heading(2, "All envs");
            doc.add(reliabilityTable(aggregate, v -> aggregate.byVariant().get(v).reliability()));
        }
    }

    private static ReportDocument.Table reliabilityTable(StudyStatistics.Report r,
                                                        java.util.function.Function<String, Map<String, StudyStatistics.MetricEstimate>> metrics) {
        List<String> header = new ArrayList<>(List.of("variant"));
        CURVE_METRICS.forEach(m -> header.add(metricHeader(m)));
        List<List<String>> rows = new ArrayList<>();
        for (String v : r.variants()) {
            List<String> row = new ArrayList<>(List.of(v));
            Map<String, StudyStatistics.MetricEstimate> m = metrics.apply(v);
            CURVE_METRICS.forEach(metric -> row.add(metricCell(m.get(metric.name()))));
            rows.add(row);
        }
        return new ReportDocument.Table(header, rows);
    }

    private void diagnosticsSection(ReportDocument doc) {
        doc.heading(1, "Per-layer diagnostics");
        if (diagnosticPlots.isEmpty()) {
            doc.text("The runs' progress.csv files have no per-layer diagnostic columns (`layer{i}/local_loss`, `dist_corr`, `out_scale`, "
                    + "`grad_norm`).");
            return;
        }
        doc.text("Per-layer columns of progress.csv, binned onto the evaluation grid and averaged over seeds: `local_loss`, `dist_corr`, "
                + "`out_scale` for local learners, `grad_norm` for back-propagation; actor layers as `layer{i}`, critic layers as "
                + "`critic/layer{i}`.");
        doc.add(new ReportDocument.Figures(diagnosticPlots));
    }

    private void runsSection(ReportDocument doc) {
        doc.heading(1, "Runs");
        doc.text("Wall time and throughput per run. Peak heap is the peak of the whole JVM at the end of the run, so with several "
                + "worker threads it covers the runs that shared the process.");
        List<List<String>> rows = new ArrayList<>();
        for (RunData r : runs) {
            Summary s = r.summary();
            rows.add(List.of(r.key().env(), r.key().variant(), String.valueOf(r.key().seed()), r.status().name().toLowerCase(Locale.ROOT),
                    s == null ? Fmt.UNDEFINED : Fmt.number(s.final_mean_return()),
                    s == null ? Fmt.UNDEFINED : String.valueOf(s.episodes()),
                    s == null ? Fmt.UNDEFINED : String.valueOf(s.total_steps()),
                    s == null ? Fmt.UNDEFINED : Fmt.number(s.wall_seconds()),
                    s == null ? Fmt.UNDEFINED : Fmt.number(s.steps_per_second()),
                    s == null ? Fmt.UNDEFINED : Fmt.megabytes(s.peak_heap_bytes()),
                    "`" + relative(r.directory()) + "`"));
        }
        doc.add(new ReportDocument.Collapsed("All " + runs.size() + " runs", List.of(new ReportDocument.Table(
                List.of("env", "variant", "seed", "status", "final return", "episodes", "steps", "wall time (s)", "steps/s", "peak heap (MB)",
                        "directory"), rows))));
    }

    // ---------------------------------------------------------------- results.json

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static ObjectNode interval(ObjectNode parent, String key, ConfidenceInterval ci) {
        ObjectNode o = parent.putObject(key);
        number(o, "estimate", ci.estimate());
        number(o, "lower", ci.lower());
        number(o, "upper", ci.upper());
        return o;
    }

    private static void scoreSummary(ObjectNode o, StudyStatistics.ScoreSummary s, boolean gap) {
        o.put("runs", s.runs());
        interval(o, "iqm", s.iqm());
        interval(o, "mean", s.mean());
        interval(o, "median", s.median());
        if (gap) {
            interval(o, "optimality_gap", s.optimalityGap());
        }
    }

    private static void reliability(ObjectNode parent, Map<String, StudyStatistics.MetricEstimate> metrics) {
        ObjectNode rel = parent.putObject("reliability");
        metrics.forEach((name, m) -> {
            ObjectNode o = rel.putObject(name);
            number(o, "estimate", m.estimate());
            number(o, "lower", m.lower());
            number(o, "upper", m.upper());
            number(o, "rank", m.rank());
            o.put("higher_is_better", m.higherIsBetter());
            o.put("valid_runs", m.validRuns());
        });
    }

    private static ArrayNode improvements(ObjectNode parent, String key, StudyStatistics.Report r, String env) {
        ArrayNode a = parent.putArray(key);
        for (StudyStatistics.Improvement i : r.improvements()) {
            ObjectNode o = a.addObject();
            o.put("x", i.variantX());
            o.put("y", i.variantY());
            ConfidenceInterval ci = env == null ? i.aggregate() : i.perEnv().get(env);
            number(o, "estimate", ci.estimate());
            number(o, "lower", ci.lower());
            number(o, "upper", ci.upper());
        }
        return a;
    }

    private ObjectNode buildResults() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", "lpdm-study-results/1");
        root.put("lpdm_version", BuildInfo.lpdmVersion());
        root.put("git_commit", gitCommit());
        root.put("directory", dir.toAbsolutePath().normalize().toString());
        root.put("reproduce", reproduceCommand());
        root.set("study", study.toJson());
        ObjectNode settings = root.putObject("settings");
        settings.put("final_score", "summary final_mean_return (mean return of the last 100 finished episodes)");
        settings.put("bootstrap_resamples", options.bootstrapResamples());
        settings.put("bootstrap_seed", options.bootstrapSeed());
        settings.put("confidence", CONFIDENCE);
        settings.put("curve_points", options.curvePoints());
        settings.put("curve_binning", "mean return of the episodes ending in (t_{k-1}, t_k], t_k = round(budget*k/K); empty bins carry the "
                + "previous value forward, leading empty bins take the first value; the last bin also holds episodes past the budget");
        settings.put("baseline", baseline);
        Reliability.Settings rs = Reliability.Settings.defaults();
        ObjectNode rel = settings.putObject("reliability");
        rel.put("alpha", rs.alpha());
        rel.put("lowpass_order", rs.lowpassOrder());
        rel.put("lowpass_cutoff", rs.lowpassCutoff());
        rel.put("lrt_tail", "upper");
        rel.put("curves", "binned training returns");
        ObjectNode grid = settings.putObject("curve_grid");
        grids.forEach((env, g) -> {
            ArrayNode a = grid.putArray(env);
            for (long t : g) {
                a.add(t);
            }
        });

        ArrayNode runsNode = root.putArray("runs");
        for (RunData r : runs) {
            ObjectNode o = runsNode.addObject();
            o.put("env", r.key().env());
            o.put("variant", r.key().variant());
            o.put("seed", r.key().seed());
            o.put("directory", relative(r.directory()));
            o.put("status", r.status().name().toLowerCase(Locale.ROOT));
            o.put("in_statistics", r.usable());
            if (r.failure() == null) {
                o.putNull("failure");
            } else {
                o.put("failure", r.failure());
            }
            JsonNode summary = r.summary() == null ? null : Json.MAPPER.valueToTree(r.summary());
            if (summary instanceof ObjectNode s) {
                for (String k : List.of("final_mean_return", "best_mean_return_100", "wall_seconds", "steps_per_second")) {
                    double v = s.path(k).asDouble(Double.NaN);
                    if (!Double.isFinite(v)) {
                        s.putNull(k);
                    }
                }
            }
            o.set("summary", summary);
        }
        ArrayNode missing = root.putArray("missing_runs");
        missingRuns().forEach(missing::add);

        ObjectNode vs = root.putObject("variants");
        for (String v : variants) {
            ObjectNode vn = vs.putObject(v);
            StudySpec.Variant spec = study.variants().get(v);
            vn.put("learner", spec.learner());
            ObjectNode set = vn.putObject("settings");
            spec.settings().forEach(set::put);
            ObjectNode envs = vn.putObject("envs");
            for (String env : study.envs()) {
                ObjectNode en = envs.putObject(env);
                List<RunData> cell = usable(env, v);
                double[] finals = cell.stream().mapToDouble(RunData::finalReturn).toArray();
                en.put("planned_runs", planned(env, v).size());
                StudyStatistics.ScoreSummary s = scores(env, v);
                if (s != null) {
                    scoreSummary(en, s, false);
                } else {
                    en.put("runs", 0);
                }
                number(en, "sd", sampleSd(finals));
                ArrayNode f = en.putArray("final_returns");
                ArrayNode seedsNode = en.putArray("seeds");
                for (RunData r : cell) {
                    f.add(r.finalReturn());
                    seedsNode.add(r.key().seed());
                }
                double threshold = EnvRegistry.spec(env).rewardThreshold();
                number(en, "reward_threshold", threshold);
                if (Double.isFinite(threshold)) {
                    en.put("threshold_reached", cell.stream().filter(r -> r.finalReturn() >= threshold).count());
                } else {
                    en.putNull("threshold_reached");
                }
                number(en, "wall_seconds_mean", mean(cell, r -> r.summary().wall_seconds()));
                number(en, "steps_per_second_mean", mean(cell, r -> r.summary().steps_per_second()));
                number(en, "peak_heap_bytes_max", cell.stream().mapToDouble(r -> r.summary().peak_heap_bytes()).max().orElse(Double.NaN));
                if (s != null) {
                    reliability(en, perEnv.get(env).byVariant().get(v).reliabilityPerEnv().get(env));
                }
                ReportPlots.Band b = bands.getOrDefault(env, Map.of()).get(v);
                if (b != null) {
                    ObjectNode curve = en.putObject("learning_curve");
                    ArrayNode m = curve.putArray("mean");
                    ArrayNode lo = curve.putArray("lower");
                    ArrayNode hi = curve.putArray("upper");
                    for (int k = 0; k < b.mean().length; k++) {
                        m.add(b.mean()[k]);
                        lo.add(b.lower()[k]);
                        hi.add(b.upper()[k]);
                    }
                }
            }
            if (aggregate != null && aggregate.byVariant().containsKey(v)) {
                ObjectNode agg = vn.putObject("aggregate");
                agg.put("scores", normalised() ? "normalised" : study.envs().size() > 1 ? "raw (normalisation impossible)" : "raw");
                scoreSummary(agg, aggregate.byVariant().get(v).scores(), normalised());
                reliability(agg, aggregate.byVariant().get(v).reliability());
            } else {
                vn.putNull("aggregate");
                if (excludedFromAggregate.containsKey(v)) {
                    vn.put("aggregate_excluded_because", excludedFromAggregate.get(v));
                }
            }
        }
        ObjectNode norm = root.putObject("normalisation");
        norm.put("applied", normalised());
        if (normalisationProblem != null) {
            norm.put("problem", normalisationProblem);
        }
        anchors.forEach((env, a) -> {
            ObjectNode o = norm.putObject(env);
            number(o, "random_policy_return", a.random());
            number(o, "upper", a.upper());
            o.put("upper_source", a.upperSource());
        });

        ObjectNode poi = root.putObject("probability_of_improvement");
        if (aggregate != null) {
            improvements(poi, "aggregate", aggregate, null);
        }
        ObjectNode poiEnv = poi.putObject("per_env");
        perEnv.forEach((env, r) -> improvements(poiEnv, env, r, env));

        ObjectNode pairedNode = root.putObject("paired_differences");
        pairedNode.put("baseline", baseline);
        ArrayNode pairedEnv = pairedNode.putArray("per_env");
        perEnv.forEach((env, r) -> {
            for (StudyStatistics.PairedSummary p : r.paired()) {
                StudyStatistics.PairedEnv pe = p.perEnv().get(env);
                ObjectNode o = pairedEnv.addObject();
                o.put("variant", p.variant());
                o.put("env", env);
                ArrayNode s = o.putArray("seeds");
                pe.seeds().forEach(s::add);
                ArrayNode d = o.putArray("differences");
                pe.differences().forEach(d::add);
                interval(o, "mean_difference", pe.meanDifference());
            }
        });
        ArrayNode pairedAgg = pairedNode.putArray("aggregate");
        if (aggregate != null) {
            for (StudyStatistics.PairedSummary p : aggregate.paired()) {
                ObjectNode o = pairedAgg.addObject();
                o.put("variant", p.variant());
                o.put("scores", normalised() ? "normalised" : "raw");
                interval(o, "mean_difference", p.aggregate());
            }
        }
        ArrayNode plots = root.putArray("plots");
        for (ReportPlots.Plot p : allPlots()) {
            plots.add(p.pngFile());
            plots.add(p.svgFile());
        }
        return root;
    }
}
