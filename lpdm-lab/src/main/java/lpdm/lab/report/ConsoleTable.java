package lpdm.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lpdm.lab.stats.StudyStatistics;

/** The short plain-text summary {@code lpdm compare} prints at the end of a study. */
final class ConsoleTable {
    private ConsoleTable() {
    }

    /** Variant, env, runs, mean final return, IQM with its interval, steps/s; then how many runs are missing, if any. */
    static String render(ReportModel model) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variant", "env", "runs", "mean final return", "IQM [95% CI]", "steps/s"));
        for (String env : model.study.envs()) {
            for (String v : model.variants) {
                List<RunData> cell = model.usable(env, v);
                StudyStatistics.ScoreSummary s = model.scores(env, v);
                String[] f = s == null ? null : Fmt.common(s.mean().estimate(), s.iqm().estimate(), s.iqm().lower(), s.iqm().upper());
                rows.add(List.of(v, env, cell.size() + "/" + model.planned(env, v).size(),
                        f == null ? Fmt.UNDEFINED : f[0],
                        f == null ? Fmt.UNDEFINED : f[1] + " [" + f[2] + ", " + f[3] + "]",
                        Fmt.number(ReportModel.mean(cell, r -> r.summary().steps_per_second()))));
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
        long bad = model.runs.stream().filter(r -> !r.usable()).count();
        if (bad > 0) {
            sb.append(bad).append(" of ").append(model.runs.size()).append(" runs missing from the statistics (see the report)\n");
        }
        return sb.toString();
    }
}
