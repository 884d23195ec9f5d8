package lpdm.lab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.envs.EnvRegistry;
import lpdm.lab.stats.ConfidenceInterval;

/**
 * The report's figures, drawn from a {@link ReportModel} ({@link ReportPlots} does the drawing):
 * per env the learning curves, the final returns and the per-layer diagnostics; over all envs the
 * IQM per variant.
 */
final class ReportFigures {
    /** Learning curves, one per env with usable runs. */
    final List<ReportPlots.Plot> curves = new ArrayList<>();
    /** Final-return distributions, one per env with usable runs (same order as {@link #curves}). */
    final List<ReportPlots.Plot> finals = new ArrayList<>();
    /** The aggregate IQM (none if there is no aggregate). */
    final List<ReportPlots.Plot> aggregate = new ArrayList<>();
    /** Per-layer diagnostics, by env, network and kind. */
    final List<ReportPlots.Plot> diagnostics = new ArrayList<>();

    private ReportFigures() {
    }

    static ReportFigures draw(ReportModel m) {
        ReportFigures f = new ReportFigures();
        for (String env : m.study.envs()) {
            Map<String, ReportModel.Band> bands = m.bands.get(env);
            if (bands.isEmpty()) {
                continue;
            }
            long[] grid = m.grids.get(env);
            double threshold = EnvRegistry.spec(env).rewardThreshold();
            f.curves.add(ReportPlots.learningCurves("curves_" + fileName(env), env, grid, m.variants, bands, threshold));
            f.finals.add(ReportPlots.finalReturns("final_" + fileName(env), env, m.variants, m.finals.get(env), threshold));
            for (ReportModel.Diagnostic d : m.diagnostics.get(env)) {
                f.diagnostics.add(ReportPlots.diagnostics("diagnostics_" + fileName(env) + "_" + d.network() + "_" + d.kind(), env,
                        d.network(), d.kind(), grid, m.variants, d.series()));
            }
        }
        if (m.aggregate != null) {
            Map<String, ConfidenceInterval> iqm = new LinkedHashMap<>();
            for (String v : m.aggregate.variants()) {
                iqm.put(v, m.aggregate.byVariant().get(v).scores().iqm());
            }
            int envs = m.study.envs().size();
            String axis = m.normalised() ? "IQM of normalised final scores (0 = random policy, 1 = upper anchor)" : "IQM of final returns";
            String caption = "Interquartile mean of the final scores of all runs"
                    + (envs > 1 ? " pooled over " + envs + " envs" : "")
                    + " (diamond) with its 95% stratified bootstrap interval (bar), per variant.";
            f.aggregate.add(ReportPlots.aggregateIqm("aggregate_iqm", "IQM over " + (envs > 1 ? "all envs" : m.study.envs().get(0)),
                    axis, m.variants, iqm, caption));
        }
        return f;
    }

    /** Every figure, in the order results.json lists them and write() writes them. */
    List<ReportPlots.Plot> all() {
        List<ReportPlots.Plot> all = new ArrayList<>(curves);
        all.addAll(finals);
        all.addAll(aggregate);
        all.addAll(diagnostics);
        return all;
    }

    static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
