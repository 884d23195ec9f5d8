package lpdm.lab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lpdm.lab.run.CsvTable;
import lpdm.lab.run.EpisodeLog;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;

/**
 * What a report knows about one run of a study: its outcome and the files it left.
 *
 * @param key env, variant and seed
 * @param directory the run directory
 * @param status whether the run can enter the statistics
 * @param failure why not (null for {@link Status#COMPLETED})
 * @param summary summary.json, null if the run failed
 * @param episodes episodes.csv rows (empty if the run failed)
 * @param progress progress.csv, null if absent or the run failed
 */
public record RunData(StudySpec.RunKey key, Path directory, Status status, String failure, Summary summary,
                      List<EpisodeLog.Episode> episodes, CsvTable progress) {

    /** Whether a run enters the statistics. */
    public enum Status {
        /** Finished its budget with at least one finished episode. */
        COMPLETED,
        /** Failed, or its files could not be read. */
        FAILED,
        /** Finished but no episode ended, so it has no final return. */
        NO_EPISODES,
        /** The study planned it but no outcome was given. */
        MISSING
    }

    public RunData {
        episodes = List.copyOf(episodes);
    }

    /** Whether the run enters the statistics. */
    public boolean usable() {
        return status == Status.COMPLETED;
    }

    /** The final return (summary {@code final_mean_return}), NaN if there is none. */
    public double finalReturn() {
        return summary == null ? Double.NaN : summary.final_mean_return();
    }

    /** A planned run for which no outcome exists. */
    static RunData missing(StudySpec.RunKey key, Path directory) {
        return new RunData(key, directory, Status.MISSING, "no outcome: the study did not run it", null, List.of(), null);
    }

    /** Reads a run's files according to its outcome. */
    static RunData read(StudyRunner.RunOutcome outcome) {
        StudySpec.RunKey key = outcome.key();
        Path dir = outcome.directory();
        if (outcome.failure() != null || outcome.summary() == null) {
            String why = outcome.failure() != null ? outcome.failure() : "no summary";
            return new RunData(key, dir, Status.FAILED, why, null, List.of(), null);
        }
        Summary summary = outcome.summary();
        if (!summary.completed()) {
            return new RunData(key, dir, Status.FAILED, "did not complete its budget", summary, List.of(), null);
        }
        List<EpisodeLog.Episode> episodes = new ArrayList<>();
        CsvTable progress = null;
        try {
            Path eps = dir.resolve(TrainingRun.EPISODES);
            if (Files.exists(eps)) {
                CsvTable t = CsvTable.read(eps);
                int step = t.column("global_step");
                int ret = t.column("return");
                int len = t.column("length");
                for (double[] r : t.rows()) {
                    episodes.add(new EpisodeLog.Episode((long) r[step], r[ret], (int) r[len]));
                }
            }
            Path prog = dir.resolve(TrainingRun.PROGRESS);
            if (Files.exists(prog)) {
                progress = CsvTable.read(prog);
            }
        } catch (IOException | IllegalArgumentException e) {
            return new RunData(key, dir, Status.FAILED, "unreadable run files: " + e.getMessage(), summary, List.of(), null);
        }
        if (episodes.isEmpty() || !Double.isFinite(summary.final_mean_return())) {
            return new RunData(key, dir, Status.NO_EPISODES, "no episode finished within the budget", summary, episodes, progress);
        }
        return new RunData(key, dir, Status.COMPLETED, null, summary, episodes, progress);
    }

    /** The run's episode returns binned onto {@code grid} ({@link CurveBinning}), leading empty bins back-filled. */
    double[] binnedReturns(long[] grid) {
        long[] steps = new long[episodes.size()];
        double[] values = new double[episodes.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = episodes.get(i).globalStep();
            values[i] = episodes.get(i).episodeReturn();
        }
        return CurveBinning.backfill(CurveBinning.bin(steps, values, grid));
    }

    /** A progress.csv column binned onto {@code grid} (empty bins NaN, no carrying forward), or null if the column is absent. */
    double[] binnedProgress(String column, long[] grid) {
        if (progress == null || !progress.header().contains(column)) {
            return null;
        }
        int stepColumn = progress.column("global_step");
        int c = progress.column(column);
        long[] steps = new long[progress.rows().size()];
        double[] values = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            double[] r = progress.rows().get(i);
            steps[i] = (long) r[stepColumn];
            values[i] = r[c];
        }
        return CurveBinning.bin(steps, values, grid, false);
    }
}
