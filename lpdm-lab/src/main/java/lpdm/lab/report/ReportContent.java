package lpdm.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import lpdm.envs.EnvRegistry;
import lpdm.lab.run.BuildInfo;
import lpdm.lab.run.Summary;
import lpdm.lab.stats.ConfidenceInterval;
import lpdm.lab.stats.ReliabilityMetric;
import lpdm.lab.stats.StudyStatistics;

/**
 * The report's text, tables and figures in reading order, as a {@link ReportDocument} that
 * {@link MarkdownRendering} turns into report.md and {@link HtmlRendering} into report.html. Reads
 * the numbers from a {@link ReportModel}; computes none.
 */
final class ReportContent {
    private final ReportModel model;
    private final ReportFigures plots;

    private ReportContent(ReportModel model, ReportFigures plots) {
        this.model = model;
        this.plots = plots;
    }

    /** The report of {@code model} with its {@code plots}. */
    static ReportDocument document(ReportModel model, ReportFigures plots) {
        return new ReportContent(model, plots).build();
    }

    private ReportDocument build() {
        String name = model.dir.toAbsolutePath().normalize().getFileName() == null ? model.dir.toString() : model.dir.toAbsolutePath().normalize().getFileName().toString();
        ReportDocument doc = new ReportDocument("Study report: " + name);
        long usableCount = model.runs.stream().filter(RunData::usable).count();
        doc.text("**" + model.study.algo() + "** on " + String.join(", ", model.study.envs()) + "; " + model.study.variants().size() + " variants x "
                + model.study.seeds().size() + " seeds (" + model.study.seeds().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
                + "); paired design: seed S gives every variant the same environment seeds and initial weights. "
                + usableCount + " of " + model.runs.size() + " runs enter the statistics. lpdm " + BuildInfo.lpdmVersion() + ", commit `"
                + model.gitCommit + "`, " + model.options.bootstrapResamples() + " bootstrap resamples (seed " + model.options.bootstrapSeed() + ").");
        List<List<String>> vrows = new ArrayList<>();
        model.study.variants().forEach((v, spec) -> vrows.add(List.of(v + (v.equals(model.baseline) ? " (baseline)" : ""), spec.learner(),
                spec.settings().isEmpty() ? "(defaults)" : spec.settings().entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                        .reduce((a, b) -> a + " " + b).orElse(""))));
        doc.add(new ReportDocument.Table(List.of("variant", "learner", "settings"), vrows));
        List<List<String>> erows = new ArrayList<>();
        for (String env : model.study.envs()) {
            double t = EnvRegistry.spec(env).rewardThreshold();
            erows.add(List.of(env, String.valueOf(model.study.steps().get(env)), Double.isFinite(t) ? Fmt.number(t) : "none",
                    String.valueOf(model.grids.get(env).length)));
        }
        doc.add(new ReportDocument.Table(List.of("env", "step budget", "reward threshold", "curve points"), erows));
        doc.text("Reproduce:");
        doc.add(new ReportDocument.Code(model.reproduceCommand));
        List<String> missing = model.missingRuns();
        if (!missing.isEmpty()) {
            doc.text("**Missing from the statistics (" + missing.size() + " of " + model.runs.size() + " runs):**");
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
                "Learning curves: each run's episode returns binned onto " + model.options.curvePoints() + " evaluation points per env at budget*k/"
                        + model.options.curvePoints() + " (mean of the episodes ending in a bin, carried forward over empty bins, leading empty "
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
        for (String env : model.study.envs()) {
            double threshold = EnvRegistry.spec(env).rewardThreshold();
            doc.heading(2, env);
            List<List<String>> rows = new ArrayList<>();
            for (String v : model.variants) {
                List<RunData> cell = model.usable(env, v);
                double[] finals = cell.stream().mapToDouble(RunData::finalReturn).toArray();
                StudyStatistics.ScoreSummary s = model.scores(env, v);
                long reached = cell.stream().filter(r -> r.finalReturn() >= threshold).count();
                rows.add(List.of(v, cell.size() + "/" + model.planned(env, v).size(),
                        s == null ? Fmt.UNDEFINED : Fmt.meanSd(s.mean().estimate(), ReportModel.sampleSd(finals)),
                        s == null ? Fmt.UNDEFINED : Fmt.withInterval(s.iqm()),
                        s == null ? Fmt.UNDEFINED : Fmt.withInterval(s.median()),
                        Double.isFinite(threshold) ? reached + "/" + cell.size() + " (≥ " + Fmt.number(threshold) + ")" : "n/a (no threshold)",
                        Fmt.number(ReportModel.mean(cell, r -> r.summary().wall_seconds())),
                        Fmt.number(ReportModel.mean(cell, r -> r.summary().steps_per_second()))));
            }
            doc.add(new ReportDocument.Table(List.of("variant", "runs", "mean ± sd", "IQM [95% CI]", "median [95% CI]", "reached threshold",
                    "wall time per run (s)", "steps/s"), rows));
        }
        List<ReportPlots.Plot> figures = new ArrayList<>();
        for (int i = 0; i < plots.curves.size(); i++) {
            figures.add(plots.curves.get(i));
            figures.add(plots.finals.get(i));
        }
        if (!figures.isEmpty()) {
            doc.heading(2, "Learning curves and final returns");
            doc.add(new ReportDocument.Figures(figures));
        }
    }

    private void aggregateSection(ReportDocument doc) {
        doc.heading(1, "Aggregate over envs");
        if (model.aggregate == null) {
            doc.text("No variant has usable runs on every env; nothing to aggregate.");
            return;
        }
        if (model.study.envs().size() == 1) {
            doc.text("One env: the aggregate is computed on the raw final returns of " + model.study.envs().get(0) + ".");
        } else if (model.normalised()) {
            doc.text("Final returns normalised per env to (x − random) / (upper − random) before pooling: 0 is the uniform random policy's "
                    + "mean return over " + RandomPolicy.EPISODES + " episodes, 1 the upper anchor. IQM pools all runs of all envs; mean and "
                    + "median are taken over the per-env means; the optimality gap is the mean shortfall below 1. Intervals: stratified "
                    + "bootstrap (runs resampled within each env).");
        } else {
            doc.text("**Warning:** " + model.normalisationProblem + ".");
        }
        if (!model.anchors.isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            model.anchors.forEach((env, a) -> rows.add(List.of(env, Fmt.number(a.random()), Fmt.number(a.upper()), a.upperSource())));
            doc.add(new ReportDocument.Table(List.of("env", "random-policy return (0)", "upper anchor (1)", "upper anchor source"), rows));
        }
        boolean gap = model.normalised();
        List<List<String>> rows = new ArrayList<>();
        for (String v : model.aggregate.variants()) {
            StudyStatistics.ScoreSummary s = model.aggregate.byVariant().get(v).scores();
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
        if (!model.excludedFromAggregate.isEmpty()) {
            doc.text("Left out of the aggregate: " + model.excludedFromAggregate.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .reduce((a, b) -> a + "; " + b).orElse("") + ".");
        }
        doc.add(new ReportDocument.Figures(plots.aggregate));
    }

    private void improvementSection(ReportDocument doc) {
        doc.heading(1, "Probability of improvement");
        doc.text("P(X > Y): the probability that a run of X has a higher final return than a run of Y (Mann-Whitney U / (n_X n_Y), ties "
                + "count one half), per env and averaged over envs, with 95% bootstrap intervals (runs of X and Y resampled independently "
                + "within each env). P(Y > X) = 1 − P(X > Y).");
        if (model.variants.size() < 2) {
            doc.text("One variant: no pairs.");
            return;
        }
        List<String> header = new ArrayList<>(List.of("X", "Y"));
        if (model.study.envs().size() > 1) {
            header.add("P(X > Y), all envs");
        }
        for (String env : model.study.envs()) {
            header.add("P(X > Y), " + env);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < model.variants.size(); i++) {
            for (int j = i + 1; j < model.variants.size(); j++) {
                String x = model.variants.get(i);
                String y = model.variants.get(j);
                List<String> row = new ArrayList<>(List.of(x, y));
                if (model.study.envs().size() > 1) {
                    StudyStatistics.Improvement agg = model.aggregate == null ? null : ReportModel.improvement(model.aggregate, x, y);
                    row.add(agg == null ? Fmt.UNDEFINED : Fmt.probabilityWithInterval(agg.aggregate()));
                }
                for (String env : model.study.envs()) {
                    StudyStatistics.Report r = model.perEnv.get(env);
                    StudyStatistics.Improvement imp = r == null ? null : ReportModel.improvement(r, x, y);
                    row.add(imp == null ? Fmt.UNDEFINED : Fmt.probabilityWithInterval(imp.perEnv().get(env)));
                }
                rows.add(row);
            }
        }
        doc.add(new ReportDocument.Table(header, rows));
    }

    private void pairedSection(ReportDocument doc) {
        doc.heading(1, "Paired differences against " + model.baseline);
        doc.text("Runs with the same seed share environment seeds and initial weights, so each seed gives a pair. Per seed: final return of "
                + "the variant minus that of the baseline `" + model.baseline + "`; mean difference with a 95% paired bootstrap interval (pairs "
                + "resampled). Seeds missing on either side are left out." + (model.normalised()
                ? " The all-envs row averages the per-env mean differences of normalised scores (stratified paired bootstrap)." : ""));
        if (model.variants.size() < 2) {
            doc.text("One variant: no pairs.");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (String v : model.variants) {
            if (v.equals(model.baseline)) {
                continue;
            }
            for (String env : model.study.envs()) {
                StudyStatistics.PairedSummary p = ReportModel.paired(model.perEnv.get(env), v);
                StudyStatistics.PairedEnv pe = p == null ? null : p.perEnv().get(env);
                if (pe == null) {
                    rows.add(List.of(v + " − " + model.baseline, env, "0", "(no pairs)", Fmt.UNDEFINED));
                    continue;
                }
                List<String> diffs = new ArrayList<>();
                for (int i = 0; i < pe.seeds().size(); i++) {
                    diffs.add("s" + pe.seeds().get(i) + ": " + Fmt.signed(pe.differences().get(i)));
                }
                rows.add(List.of(v + " − " + model.baseline, env, String.valueOf(pe.seeds().size()), String.join(", ", diffs),
                        Fmt.withInterval(pe.meanDifference())));
            }
            if (model.study.envs().size() > 1) {
                StudyStatistics.PairedSummary p = ReportModel.paired(model.aggregate, v);
                rows.add(List.of(v + " − " + model.baseline, model.normalised() ? "all envs (normalised)" : "all envs (raw)", "", "",
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
        for (String env : model.study.envs()) {
            StudyStatistics.Report r = model.perEnv.get(env);
            if (r != null) {
                doc.heading(2, env);
                doc.add(reliabilityTable(r, v -> r.byVariant().get(v).reliabilityPerEnv().get(env)));
            }
        }
        if (model.aggregate != null && model.study.envs().size() > 1) {
            doc.heading(2, "All envs");
            doc.add(reliabilityTable(model.aggregate, v -> model.aggregate.byVariant().get(v).reliability()));
        }
    }

    private static ReportDocument.Table reliabilityTable(StudyStatistics.Report r,
                                                        Function<String, Map<String, StudyStatistics.MetricEstimate>> metrics) {
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

    private void diagnosticsSection(ReportDocument doc) {
        doc.heading(1, "Per-layer diagnostics");
        if (plots.diagnostics.isEmpty()) {
            doc.text("The runs' progress.csv files have no per-layer diagnostic columns (`layer{i}/local_loss`, `dist_corr`, `out_scale`, "
                    + "`grad_norm`).");
            return;
        }
        doc.text("Per-layer columns of progress.csv, binned onto the evaluation grid and averaged over seeds: `local_loss`, `dist_corr`, "
                + "`out_scale` for local learners, `grad_norm` for back-propagation; actor layers as `layer{i}`, critic layers as "
                + "`critic/layer{i}`.");
        doc.add(new ReportDocument.Figures(plots.diagnostics));
    }

    private void runsSection(ReportDocument doc) {
        doc.heading(1, "Runs");
        doc.text("Wall time and throughput per run. Peak heap is the peak of the whole JVM at the end of the run, so with several "
                + "worker threads it covers the runs that shared the process.");
        List<List<String>> rows = new ArrayList<>();
        for (RunData r : model.runs) {
            Summary s = r.summary();
            rows.add(List.of(r.key().env(), r.key().variant(), String.valueOf(r.key().seed()), r.status().name().toLowerCase(Locale.ROOT),
                    s == null ? Fmt.UNDEFINED : Fmt.number(s.final_mean_return()),
                    s == null ? Fmt.UNDEFINED : String.valueOf(s.episodes()),
                    s == null ? Fmt.UNDEFINED : String.valueOf(s.total_steps()),
                    s == null ? Fmt.UNDEFINED : Fmt.number(s.wall_seconds()),
                    s == null ? Fmt.UNDEFINED : Fmt.number(s.steps_per_second()),
                    s == null ? Fmt.UNDEFINED : Fmt.megabytes(s.peak_heap_bytes()),
                    "`" + model.relative(r.directory()) + "`"));
        }
        doc.add(new ReportDocument.Collapsed("All " + model.runs.size() + " runs", List.of(new ReportDocument.Table(
                List.of("env", "variant", "seed", "status", "final return", "episodes", "steps", "wall time (s)", "steps/s", "peak heap (MB)",
                        "directory"), rows))));
    }
}
