package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training subprocess with SIGKILL in the middle of a run, resumes it, and checks that it
 * ends with the same checkpoint bytes and summary numbers as an uninterrupted run of the same seed.
 */
class KillAndResumeTest {
    @TempDir
    Path dir;

    private static final String[] TRAIN = {"train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp",
            "--steps", "15000", "--seed", "9", "--quiet", "--set", "reinforce.batch_steps=300", "--set", "run.checkpoint_every=1"};

    static Process launch(Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Djava.awt.headless=true", "lpdm.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("log-" + System.nanoTime() + ".txt").toFile()).start();
    }

    static String[] with(String[] base, String... extra) {
        List<String> l = new ArrayList<>(List.of(base));
        l.addAll(List.of(extra));
        return l.toArray(new String[0]);
    }

    @Test
    void sigkillThenResumeMatchesUninterruptedRun() throws Exception {
        Path full = dir.resolve("full");
        assertThat(CliTest.run(with(TRAIN, "--out", full.toString())).code()).isZero();

        Path killed = dir.resolve("killed");
        Process p = launch(dir, with(TRAIN, "--out", killed.toString()));
        Path ckpt = killed.resolve("checkpoint/state.bin");
        Path progress = killed.resolve("progress.csv");
        // Wait until a few checkpoints have been written, then kill without warning. The wait ends
        // at the run's own progress, however slow or busy the machine; the 10-minute stop is only
        // for a run that hangs (a 60 s limit could pass on a loaded machine before 5 rows, and the
        // test then killed a run that had no checkpoint yet).
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        boolean fiveRows = false;
        while (!fiveRows && p.isAlive() && System.nanoTime() < deadline) {
            fiveRows = Files.exists(progress) && Files.readAllLines(progress).size() > 5;
            if (!fiveRows) {
                Thread.sleep(5);
            }
        }
        assertThat(fiveRows).as("5 progress rows written while the run was going").isTrue();
        assertThat(p.isAlive()).as("the run must still be going when killed").isTrue();
        p.destroyForcibly(); // SIGKILL on Unix
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ckpt).isRegularFile();
        JsonNode partial = Json.MAPPER.readTree(killed.resolve("summary.json").toFile());
        assertThat(partial.get("completed").asBoolean()).isFalse();

        CliTest.Result resumed = CliTest.run("train", "--resume", killed.toString(), "--quiet");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(ckpt)).isEqualTo(Files.readAllBytes(full.resolve("checkpoint/state.bin")));
        JsonNode a = Json.MAPPER.readTree(full.resolve("summary.json").toFile());
        JsonNode b = Json.MAPPER.readTree(killed.resolve("summary.json").toFile());
        for (String key : new String[] {"total_steps", "episodes", "final_mean_return", "best_mean_return_100", "completed"}) {
            assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
        }
        assertThat(Files.readString(killed.resolve("episodes.csv"))).isEqualTo(Files.readString(full.resolve("episodes.csv")));
    }
}
