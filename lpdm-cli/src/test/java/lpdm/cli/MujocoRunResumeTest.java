package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvUnavailableException;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A PPO run on a MuJoCo task, crashed after its 5th report and resumed from its checkpoint, ends
 * with the same checkpoint bytes and episode table as the uninterrupted run (the MuJoCo envs save
 * and restore their whole simulation state).
 */
class MujocoRunResumeTest {
    @TempDir
    Path dir;

    /** Skips on a developer's machine without MuJoCo (saying why); fails under CI, which installs it. */
    @BeforeAll
    static void mujoco() {
        try {
            EnvRegistry.make("Hopper-v5").close();
        } catch (EnvUnavailableException missing) {
            if ("true".equals(System.getenv("CI"))) {
                throw missing;
            }
            System.err.println("SKIPPED MuJoCo resume test: " + missing.getMessage());
            Assumptions.abort(missing.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hopper-v5", "Ant-v5"})
    void anInterruptedRunResumesToTheSameBytes(String env) throws Exception {
        RunConfig config = new RunConfig(env, "ppo", "lpdm", 3, 1024, Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
                "ppo.num_minibatches", "2", "ppo.update_epochs", "2", "run.checkpoint_every", "1"));
        Path full = dir.resolve("full");
        Summary a = TrainingRun.create(full, config).run(RunProgress.NONE);
        Path broken = dir.resolve("broken");
        TrainingRun first = TrainingRun.create(broken, config);
        int[] calls = {0};
        assertThatThrownBy(() -> first.run((g, t, e, m, s) -> {
            if (++calls[0] == 5) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        Summary b = TrainingRun.resume(broken).run(RunProgress.NONE);
        assertThat(Files.readAllBytes(broken.resolve("checkpoint/state.bin"))).isEqualTo(Files.readAllBytes(full.resolve("checkpoint/state.bin")));
        assertThat(b.total_steps()).isEqualTo(a.total_steps());
        assertThat(Files.readString(broken.resolve("episodes.csv"))).isEqualTo(Files.readString(full.resolve("episodes.csv")));
    }
}
