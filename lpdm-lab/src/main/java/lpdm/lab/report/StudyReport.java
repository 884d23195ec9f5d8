package lpdm.lab.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lpdm.lab.run.AtomicFiles;
import lpdm.lab.run.Json;
import lpdm.lab.stats.Bootstrap;
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
 * {@link #build} computes everything once: the numbers ({@link ReportModel}), the figures
 * ({@link ReportFigures}), the document ({@link ReportContent}, rendered by {@link MarkdownRendering}
 * and {@link HtmlRendering}) and results.json ({@link ResultsJson}); {@link #write} writes the files
 * atomically.
 */
public final class StudyReport {
    public static final String REPORT_MD = "report.md";
    public static final String REPORT_HTML = "report.html";
    public static final String RESULTS_JSON = "results.json";
    public static final String PLOTS = "plots";

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

    private final ReportModel model;
    private final ReportFigures figures;
    private final ReportDocument document;
    private final ObjectNode results;

    private StudyReport(ReportModel model) {
        this.model = model;
        this.figures = ReportFigures.draw(model);
        this.document = ReportContent.document(model, figures);
        this.results = ResultsJson.of(model, figures);
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
        return new StudyReport(ReportModel.compute(study, dir, options, runs));
    }

    // ---------------------------------------------------------------- accessors

    public Path directory() {
        return model.dir;
    }

    /** Every planned run with what was read of it, in the study's order. */
    public List<RunData> runs() {
        return model.runs;
    }

    /** Runs that do not enter the statistics, as {@code env/variant/seedS: reason}. */
    public List<String> missingRuns() {
        return model.missingRuns();
    }

    /** The per-env statistics (raw returns), by env; envs without usable runs are absent. */
    public Map<String, StudyStatistics.Report> perEnvStatistics() {
        return model.perEnv;
    }

    /** The statistics over all envs (normalised if several envs), or null if no variant has usable runs on every env. */
    public StudyStatistics.Report aggregateStatistics() {
        return model.aggregate;
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

    /** A small plain-text table for the terminal: variant, env, runs, mean final return, IQM with its interval, steps/s. */
    public String consoleTable() {
        return ConsoleTable.render(model);
    }

    /** Writes report.md, report.html, results.json and plots/*.png|svg, each atomically; returns the files written. */
    public List<Path> write() throws IOException {
        Path dir = model.dir;
        List<Path> written = new ArrayList<>();
        for (ReportPlots.Plot p : figures.all()) {
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

    // ---------------------------------------------------------------- the command that reruns a study

    /**
     * A command that reruns {@code study} into {@code dir}: the {@code --env/--learners} form when the
     * study has that shape (one env, seeds 1..K, variants named by their learner, all with the same
     * settings, given as {@code --set}),
     * otherwise {@code --study} with the resolved study this directory keeps in study.json.
     */
    public static String reconstructCommand(StudySpec study, Path dir, int bootstrap) {
        boolean simple = study.envs().size() == 1;
        for (int i = 0; i < study.seeds().size(); i++) {
            simple &= study.seeds().get(i) == i + 1;
        }
        Map<String, String> common = study.variants().values().iterator().next().settings();
        for (Map.Entry<String, StudySpec.Variant> v : study.variants().entrySet()) {
            simple &= v.getKey().equals(v.getValue().learner()) && v.getValue().settings().equals(common);
        }
        String tail = " --out " + shellQuote(dir.toString()) + (bootstrap != Bootstrap.Settings.DEFAULT_RESAMPLES ? " --bootstrap " + bootstrap : "");
        if (simple) {
            String env = study.envs().get(0);
            return "lpdm compare --env " + env + " --algo " + study.algo() + " --learners " + String.join(",", study.variants().keySet())
                    + " --seeds " + study.seeds().size() + " --steps " + study.steps().get(env)
                    + new TreeMap<>(common).entrySet().stream().map(e -> " --set " + shellQuote(e.getKey() + "=" + e.getValue()))
                            .collect(Collectors.joining())
                    + tail;
        }
        return "lpdm compare --study STUDY.yaml" + tail + "   # STUDY.yaml: the study file, resolved in " + dir.resolve(StudyRunner.STUDY_FILE);
    }

    /**
     * The command a report shows for rerunning the study into {@code dir}: {@code lpdm compare
     * --study FILE} when the study came from a file, else {@link #reconstructCommand}. Every way of
     * running a study (compare, gather, the Spark job) shows the same one.
     */
    public static String compareCommand(Path studyFile, StudySpec study, Path dir, int bootstrap) {
        String tail = " --out " + shellQuote(dir.toString())
                + (bootstrap != Options.defaults().bootstrapResamples() ? " --bootstrap " + bootstrap : "");
        return studyFile != null ? "lpdm compare --study " + shellQuote(studyFile.toString()) + tail
                : reconstructCommand(study, dir, bootstrap);
    }

    /** {@code word}, single-quoted for a POSIX shell if it holds anything but plain path characters. */
    public static String shellQuote(String word) {
        return word.matches("[A-Za-z0-9_./:=,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
