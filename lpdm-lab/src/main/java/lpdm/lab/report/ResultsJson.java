package lpdm.lab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lpdm.envs.EnvRegistry;
import lpdm.lab.run.BuildInfo;
import lpdm.lab.run.Json;
import lpdm.lab.stats.ConfidenceInterval;
import lpdm.lab.stats.Reliability;
import lpdm.lab.stats.StudyStatistics;
import lpdm.lab.study.StudySpec;

/**
 * results.json: every figure of a {@link ReportModel}, machine-readable (format
 * {@code lpdm-study-results/1}, described in docs/lab.md), with the file names of its figures.
 */
final class ResultsJson {
    private ResultsJson() {
    }

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

    /** results.json of {@code model} and its {@code figures}, as a tree. */
    static ObjectNode of(ReportModel model, ReportFigures figures) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", "lpdm-study-results/1");
        root.put("lpdm_version", BuildInfo.lpdmVersion());
        root.put("git_commit", model.gitCommit);
        root.put("directory", model.dir.toAbsolutePath().normalize().toString());
        root.put("reproduce", model.reproduceCommand);
        root.set("study", model.study.toJson());
        ObjectNode settings = root.putObject("settings");
        settings.put("final_score", "summary final_mean_return (mean return of the last 100 finished episodes)");
        settings.put("bootstrap_resamples", model.options.bootstrapResamples());
        settings.put("bootstrap_seed", model.options.bootstrapSeed());
        settings.put("confidence", ReportModel.CONFIDENCE);
        settings.put("curve_points", model.options.curvePoints());
        settings.put("curve_binning", "mean return of the episodes ending in (t_{k-1}, t_k], t_k = round(budget*k/K); empty bins carry the "
                + "previous value forward, leading empty bins take the first value; the last bin also holds episodes past the budget");
        settings.put("baseline", model.baseline);
        Reliability.Settings rs = Reliability.Settings.defaults();
        ObjectNode rel = settings.putObject("reliability");
        rel.put("alpha", rs.alpha());
        rel.put("lowpass_order", rs.lowpassOrder());
        rel.put("lowpass_cutoff", rs.lowpassCutoff());
        rel.put("lrt_tail", "upper");
        rel.put("curves", "binned training returns");
        ObjectNode grid = settings.putObject("curve_grid");
        model.grids.forEach((env, g) -> {
            ArrayNode a = grid.putArray(env);
            for (long t : g) {
                a.add(t);
            }
        });

        ArrayNode runsNode = root.putArray("runs");
        for (RunData r : model.runs) {
            ObjectNode o = runsNode.addObject();
            o.put("env", r.key().env());
            o.put("variant", r.key().variant());
            o.put("seed", r.key().seed());
            o.put("directory", model.relative(r.directory()));
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
        model.missingRuns().forEach(missing::add);

        ObjectNode vs = root.putObject("variants");
        for (String v : model.variants) {
            ObjectNode vn = vs.putObject(v);
            StudySpec.Variant spec = model.study.variants().get(v);
            vn.put("learner", spec.learner());
            ObjectNode set = vn.putObject("settings");
            spec.settings().forEach(set::put);
            ObjectNode envs = vn.putObject("envs");
            for (String env : model.study.envs()) {
                ObjectNode en = envs.putObject(env);
                List<RunData> cell = model.usable(env, v);
                double[] finals = cell.stream().mapToDouble(RunData::finalReturn).toArray();
                en.put("planned_runs", model.planned(env, v).size());
                StudyStatistics.ScoreSummary s = model.scores(env, v);
                if (s != null) {
                    scoreSummary(en, s, false);
                } else {
                    en.put("runs", 0);
                }
                number(en, "sd", ReportModel.sampleSd(finals));
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
                number(en, "wall_seconds_mean", ReportModel.mean(cell, r -> r.summary().wall_seconds()));
                number(en, "steps_per_second_mean", ReportModel.mean(cell, r -> r.summary().steps_per_second()));
                number(en, "peak_heap_bytes_max", cell.stream().mapToDouble(r -> r.summary().peak_heap_bytes()).max().orElse(Double.NaN));
                if (s != null) {
                    reliability(en, model.perEnv.get(env).byVariant().get(v).reliabilityPerEnv().get(env));
                }
                ReportModel.Band b = model.bands.getOrDefault(env, Map.of()).get(v);
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
            if (model.aggregate != null && model.aggregate.byVariant().containsKey(v)) {
                ObjectNode agg = vn.putObject("aggregate");
                agg.put("scores", model.normalised() ? "normalised" : model.study.envs().size() > 1 ? "raw (normalisation impossible)" : "raw");
                scoreSummary(agg, model.aggregate.byVariant().get(v).scores(), model.normalised());
                reliability(agg, model.aggregate.byVariant().get(v).reliability());
            } else {
                vn.putNull("aggregate");
                if (model.excludedFromAggregate.containsKey(v)) {
                    vn.put("aggregate_excluded_because", model.excludedFromAggregate.get(v));
                }
            }
        }
        ObjectNode norm = root.putObject("normalisation");
        norm.put("applied", model.normalised());
        if (model.normalisationProblem != null) {
            norm.put("problem", model.normalisationProblem);
        }
        model.anchors.forEach((env, a) -> {
            ObjectNode o = norm.putObject(env);
            number(o, "random_policy_return", a.random());
            number(o, "upper", a.upper());
            o.put("upper_source", a.upperSource());
        });

        ObjectNode poi = root.putObject("probability_of_improvement");
        if (model.aggregate != null) {
            improvements(poi, "aggregate", model.aggregate, null);
        }
        ObjectNode poiEnv = poi.putObject("per_env");
        model.perEnv.forEach((env, r) -> improvements(poiEnv, env, r, env));

        ObjectNode pairedNode = root.putObject("paired_differences");
        pairedNode.put("baseline", model.baseline);
        ArrayNode pairedEnv = pairedNode.putArray("per_env");
        model.perEnv.forEach((env, r) -> {
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
        if (model.aggregate != null) {
            for (StudyStatistics.PairedSummary p : model.aggregate.paired()) {
                ObjectNode o = pairedAgg.addObject();
                o.put("variant", p.variant());
                o.put("scores", model.normalised() ? "normalised" : "raw");
                interval(o, "mean_difference", p.aggregate());
            }
        }
        ArrayNode plots = root.putArray("plots");
        for (ReportPlots.Plot p : figures.all()) {
            plots.add(p.pngFile());
            plots.add(p.svgFile());
        }
        return root;
    }
}
