package lpdm.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory under long runs, kills and damage (issue 19: defects 6, 8, 9, 10). */
class RunDirectoryTest {
    @TempDir
    Path dir;

    static RunConfig config(long seed) {
        return TrainingRunTest.config(seed);
    }

    private static Object fileKey(Path f) throws Exception {
        return Files.readAttributes(f, BasicFileAttributes.class).fileKey();
    }

    /** Defect 8: the tables grow by appending (same file, old bytes kept), not by rewriting them whole. */
    @Test
    void tablesAreAppendedAtCheckpointsNotRewritten() throws Exception {
        Path run = dir.resolve("run");
        TrainingRun r = TrainingRun.create(run, config(3));
        List<Object> keys = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        r.run((g, t, e, m, s) -> {
            try {
                if (Files.exists(run.resolve("progress.csv"))) {
                    keys.add(List.of(fileKey(run.resolve("progress.csv")), fileKey(run.resolve("episodes.csv"))));
                    contents.add(Files.readAllBytes(run.resolve("progress.csv")));
                }
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
        assertThat(keys).hasSizeGreaterThan(3);
        assertThat(keys).allMatch(k -> k.equals(keys.get(0)));
        byte[] last = Files.readAllBytes(run.resolve("progress.csv"));
        for (byte[] c : contents) {
            assertThat(java.util.Arrays.copyOf(last, c.length)).isEqualTo(c);
        }
    }

    /** Defect 8: a kill while rows are appended leaves rows after the checkpoint, the last one torn; resume cuts them. */
    @Test
    void resumeCutsRowsAfterTheCheckpointIncludingATornOne() throws Exception {
        Path full = dir.resolve("full");
        TrainingRun.create(full, config(5)).run(RunProgress.NONE);

        Path broken = dir.resolve("broken");
        TrainingRun first = TrainingRun.create(broken, config(5));
        int[] calls = {0};
        assertThatThrownBy(() -> first.run((g, t, e, m, s) -> {
            if (++calls[0] == 5) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        Files.writeString(broken.resolve("progress.csv"), "999999,12,3.5,1.0,100,0.1\n12345,6", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(broken.resolve("episodes.csv"), "999999,20,20\n1234", java.nio.file.StandardOpenOption.APPEND);

        TrainingRun.resume(broken).run(RunProgress.NONE);
        assertThat(Files.readAllBytes(broken.resolve("checkpoint/state.bin"))).isEqualTo(Files.readAllBytes(full.resolve("checkpoint/state.bin")));
        assertThat(Files.readString(broken.resolve("episodes.csv"))).isEqualTo(Files.readString(full.resolve("episodes.csv")));
        assertThat(withoutTimings(broken.resolve("progress.csv"))).isEqualTo(withoutTimings(full.resolve("progress.csv")));
    }

    static List<String> withoutTimings(Path progress) throws Exception {
        CsvTable t = CsvTable.read(progress);
        int wall = t.column("wall_seconds");
        int sps = t.column("steps_per_second");
        List<String> rows = new ArrayList<>();
        for (double[] r : t.rows()) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                if (i != wall && i != sps) {
                    sb.append(CsvTable.format(r[i])).append(',');
                }
            }
            rows.add(sb.toString());
        }
        return rows;
    }

    /** The running statistics in constant memory equal those over the whole episode list, to the bit. */
    @Test
    void episodeStatsEqualTheFullLog() {
        java.util.Random rnd = new java.util.Random(4);
        EpisodeLog log = new EpisodeLog();
        EpisodeStats stats = new EpisodeStats();
        for (int n = 0; n < 450; n++) {
            if (n % 37 == 0 || n < 3 || n == 99 || n == 100 || n == 101) {
                assertThat(Double.valueOf(stats.meanReturnLast100())).as("n=" + n).isEqualTo(Double.valueOf(log.meanReturnLast100()));
                assertThat(Double.valueOf(stats.bestMeanReturn100())).as("n=" + n).isEqualTo(Double.valueOf(log.bestMeanReturn100()));
            }
            double r = rnd.nextGaussian() * 50 + n * 0.3;
            log.add(new EpisodeLog.Episode(n, r, 1));
            stats.add(r);
        }
        assertThat(stats.count()).isEqualTo(log.size());
    }

    /** Defect 9: summary.json says completed only after curve.png is written; resume draws a missing curve. */
    @Test
    void completionIsMarkedOnlyAfterEveryFileAndResumeFinishesMissingFiles() throws Exception {
        Path run = dir.resolve("run");
        // curve.png cannot be written (a non-empty directory holds its name): the run fails at its very end
        Files.createDirectories(run.resolve("curve.png").resolve("blocker"));
        TrainingRun r = TrainingRun.create(run, config(6));
        assertThatThrownBy(() -> r.run(RunProgress.NONE)).hasMessageContaining("curve.png");
        JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("completed").asBoolean()).isFalse();

        Files.delete(run.resolve("curve.png").resolve("blocker"));
        Files.delete(run.resolve("curve.png"));
        TrainingRun resumed = TrainingRun.resume(run);
        assertThat(resumed.completed()).isFalse();
        Summary s = resumed.run(RunProgress.NONE);
        assertThat(s.completed()).isTrue();
        assertThat(run.resolve("curve.png")).isRegularFile();
        assertThat(TrainingRun.resume(run).completed()).isTrue();
    }

    /** Defect 10: a deleted checkpoint is not a silent restart; --restart starts again at step 0. */
    @Test
    void missingCheckpointNeedsRestart() throws Exception {
        Path full = dir.resolve("full");
        TrainingRun.create(full, config(8)).run(RunProgress.NONE);
        Path run = dir.resolve("run");
        TrainingRun.create(run, config(8)).run(RunProgress.NONE);
        Files.delete(run.resolve("checkpoint/state.bin"));
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class)
                .hasMessageContaining("checkpoint/state.bin is missing").hasMessageContaining("--restart");
        assertThat(run.resolve("episodes.csv")).isRegularFile();

        TrainingRun restarted = TrainingRun.resume(run, true);
        assertThat(restarted.algorithm().globalStep()).isZero();
        restarted.run(RunProgress.NONE);
        assertThat(Files.readString(run.resolve("episodes.csv"))).isEqualTo(Files.readString(full.resolve("episodes.csv")));
        assertThatThrownBy(() -> TrainingRun.resume(run, true)).isInstanceOf(UsageException.class).hasMessageContaining("--restart");
    }

    /** A kill after the first rows were appended but before the first checkpoint: resume starts again, no --restart needed. */
    @Test
    void runKilledBeforeItsFirstCheckpointResumesFromTheStart() throws Exception {
        Path full = dir.resolve("full");
        TrainingRun.create(full, config(9)).run(RunProgress.NONE);
        Path run = dir.resolve("run");
        TrainingRun.create(run, config(9));
        Files.writeString(run.resolve("episodes.csv"), "global_step,return,length\n12,12,12\n3");
        Files.writeString(run.resolve("progress.csv"), "global_step,episodes\n30");
        TrainingRun resumed = TrainingRun.resume(run);
        assertThat(resumed.algorithm().globalStep()).isZero();
        resumed.run(RunProgress.NONE);
        assertThat(Files.readString(run.resolve("episodes.csv"))).isEqualTo(Files.readString(full.resolve("episodes.csv")));
        assertThat(withoutTimings(run.resolve("progress.csv"))).isEqualTo(withoutTimings(full.resolve("progress.csv")));
    }

    /** Defect 6: no finished episode gives null returns in summary.json (JSON numbers or null), read back as NaN. */
    @Test
    void noFinishedEpisodeWritesNullReturns() throws Exception {
        Path run = dir.resolve("run");
        RunConfig c = new RunConfig("Pendulum-v1", "ppo", "bp", 1, 128, Map.of("ppo.num_envs", "1", "ppo.num_steps", "64",
                "ppo.num_minibatches", "2", "ppo.update_epochs", "1"));
        TrainingRun.create(run, c).run(RunProgress.NONE);
        JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.get("episodes").asLong()).isZero();
        assertThat(summary.get("final_mean_return").isNull()).isTrue();
        assertThat(summary.get("best_mean_return_100").isNull()).isTrue();
        assertThat(Files.readString(run.resolve("summary.json"))).doesNotContain("NaN");
        Summary back = Json.MAPPER.readValue(run.resolve("summary.json").toFile(), Summary.class);
        assertThat(back.final_mean_return()).isNaN();
        assertThat(back.best_mean_return_100()).isNaN();
        assertThat(back.completed()).isTrue();
    }
}
