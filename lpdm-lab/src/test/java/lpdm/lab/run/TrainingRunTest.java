package lpdm.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingRunTest {
    @TempDir
    Path dir;

    static RunConfig config(long seed) {
        return new RunConfig("CartPole-v1", "reinforce", "bp", seed, 4000,
                Map.of("reinforce.batch_steps", "300", "run.checkpoint_every", "2"));
    }

    @Test
    void writesEveryFileOfTheRunDirectory() throws Exception {
        Path run = dir.resolve("run");
        Summary s = TrainingRun.create(run, config(1)).run(RunProgress.NONE);
        for (String f : new String[] {"config.json", "progress.csv", "episodes.csv", "summary.json", "checkpoint/state.bin", "curve.png"}) {
            assertThat(run.resolve(f)).isRegularFile();
        }
        JsonNode summary = Json.MAPPER.readTree(run.resolve("summary.json").toFile());
        for (String key : new String[] {"env", "algo", "learner", "seed", "total_steps", "episodes", "final_mean_return",
                "best_mean_return_100", "wall_seconds", "steps_per_second", "completed"}) {
            assertThat(summary.has(key)).as(key).isTrue();
        }
        assertThat(summary.get("completed").asBoolean()).isTrue();
        assertThat(summary.get("total_steps").asLong()).isGreaterThanOrEqualTo(4000);
        assertThat(s.final_mean_return()).isGreaterThan(5);
        JsonNode config = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertThat(config.get("settings").get("reinforce.batch_steps").asText()).isEqualTo("300");
        assertThat(config.get("seed").asLong()).isEqualTo(1);
        assertThat(config.has("git_commit")).isTrue();
        CsvTable progress = CsvTable.read(run.resolve("progress.csv"));
        assertThat(progress.header()).startsWith("global_step", "episodes", "mean_return_100", "wall_seconds", "steps_per_second");
        assertThat(progress.header()).contains("layer0/grad_norm", "layer0/weight_norm", "layer0/update_norm");
        CsvTable episodes = CsvTable.read(run.resolve("episodes.csv"));
        assertThat(episodes.rows()).hasSize((int) summary.get("episodes").asLong());
        assertThat(Files.readAllBytes(run.resolve("curve.png"))).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void refusesToOverwriteARun() throws Exception {
        Path run = dir.resolve("run");
        TrainingRun.create(run, config(1));
        assertThatThrownBy(() -> TrainingRun.create(run, config(1))).isInstanceOf(UsageException.class).hasMessageContaining("--resume");
    }

    @Test
    void interruptedRunResumesToTheSameBytes() throws Exception {
        Path full = dir.resolve("full");
        Summary a = TrainingRun.create(full, config(5)).run(RunProgress.NONE);

        Path broken = dir.resolve("broken");
        TrainingRun first = TrainingRun.create(broken, config(5));
        int[] calls = {0};
        assertThatThrownBy(() -> first.run((g, t, e, m, s) -> {
            if (++calls[0] == 6) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        JsonNode partial = Json.MAPPER.readTree(broken.resolve("summary.json").toFile());
        assertThat(partial.get("completed").asBoolean()).isFalse();

        Summary b = TrainingRun.resume(broken).run(RunProgress.NONE);
        assertThat(Files.readAllBytes(broken.resolve("checkpoint/state.bin"))).isEqualTo(Files.readAllBytes(full.resolve("checkpoint/state.bin")));
        assertThat(b.final_mean_return()).isEqualTo(a.final_mean_return());
        assertThat(b.best_mean_return_100()).isEqualTo(a.best_mean_return_100());
        assertThat(b.episodes()).isEqualTo(a.episodes());
        assertThat(b.total_steps()).isEqualTo(a.total_steps());
        assertThat(Files.readString(broken.resolve("episodes.csv"))).isEqualTo(Files.readString(full.resolve("episodes.csv")));
    }

    /** Box2D worlds are checkpointed as reset state + actions; a resumed run must still match byte for byte. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"LunarLander-v3", "BipedalWalker-v3"})
    void interruptedBox2dRunResumesToTheSameBytes(String env) throws Exception {
        RunConfig config = new RunConfig(env, "ppo", "lpdm", 3, 1024, Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
                "ppo.num_minibatches", "2", "ppo.update_epochs", "2", "run.checkpoint_every", "1"));
        assertCrashedRunResumesToTheSameBytes(config, "");
    }

    /**
     * A MuJoCo task's whole simulation state is saved and restored: a crashed and resumed run on
     * Hopper (planar, contacts) and Ant (3-D, contact forces in the observation) equals the
     * uninterrupted run. Skips on a developer's machine without MuJoCo, saying why; fails under CI,
     * which installs it.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"Hopper-v5", "Ant-v5", "Humanoid-v5"})
    void interruptedMujocoRunResumesToTheSameBytes(String env) throws Exception {
        requireMujoco(env);
        RunConfig config = new RunConfig(env, "ppo", "lpdm", 3, 1024, Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
                "ppo.num_minibatches", "2", "ppo.update_epochs", "2", "run.checkpoint_every", "1"));
        assertCrashedRunResumesToTheSameBytes(config, "");
    }

    /** Skips the calling test on a developer's machine without MuJoCo, saying why; fails under CI, which installs it. */
    static void requireMujoco(String env) {
        try {
            lpdm.envs.EnvRegistry.make(env).close();
        } catch (lpdm.envs.EnvUnavailableException missing) {
            if ("true".equals(System.getenv("CI"))) {
                throw missing;
            }
            System.err.println("SKIPPED MuJoCo test: " + missing.getMessage());
            org.junit.jupiter.api.Assumptions.abort(missing.getMessage());
        }
    }

    /**
     * A MuJoCo run with env arguments (an observation with the x position, frame_skip 2, no control
     * cost): config.json records them and the defaults of the others as the task's values, and
     * the run resumes to the same bytes (resume derives the same settings).
     */
    @Test
    void mujocoEnvArgumentsAreRecordedAndResumeToTheSameBytes() throws Exception {
        requireMujoco("Hopper-v5");
        RunConfig config = new RunConfig("Hopper-v5", "ppo", "bp", 3, 1024, Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
                "ppo.num_minibatches", "2", "ppo.update_epochs", "2", "run.checkpoint_every", "1",
                "env.exclude_current_positions_from_observation", "false", "env.frame_skip", "2", "env.ctrl_cost_weight", "0"));
        Path full = assertCrashedRunResumesToTheSameBytes(config, "-args");
        JsonNode settings = Json.MAPPER.readTree(full.resolve("config.json").toFile()).path("settings");
        assertThat(settings.path("env.exclude_current_positions_from_observation").asText()).isEqualTo("false");
        assertThat(settings.path("env.frame_skip").asText()).isEqualTo("2");
        assertThat(settings.path("env.ctrl_cost_weight").asText()).isEqualTo("0");
        // Not set: Hopper-v5's own defaults (Gymnasium v5's); arguments Hopper does not take stay auto.
        assertThat(settings.path("env.healthy_z_range").asText()).isEqualTo("0.7,inf");
        assertThat(settings.path("env.healthy_reward").asText()).isEqualTo("1.0");
        assertThat(settings.path("env.reset_noise_scale").asText()).isEqualTo("0.005");
        assertThat(settings.path("env.contact_cost_weight").asText()).isEqualTo("auto");
        assertThat(settings.path("env.sticky_actions").asText()).isEqualTo("0.1");
    }

    /** Runs {@code config} once through, and once crashed after the 5th report and resumed: the same checkpoint and episodes. */
    private Path assertCrashedRunResumesToTheSameBytes(RunConfig config, String name) throws Exception {
        Path full = dir.resolve("full" + name);
        Summary a = TrainingRun.create(full, config).run(RunProgress.NONE);

        Path broken = dir.resolve("broken" + name);
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
        return full;
    }

    /**
     * A convolutional network (MinAtar's baseline shape, smaller) on a MinAtar grid, for every
     * learner: the checkpoint of an interrupted and resumed run equals the uninterrupted run's byte
     * for byte (convolution weights, their Adam state, the learners' state).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"bp", "frozen", "lpdm"})
    void interruptedConvolutionalRunResumesToTheSameBytes(String learner) throws Exception {
        RunConfig config = new RunConfig("MinAtar/Breakout-v1", "ppo", learner, 3, 1024, Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
                "ppo.num_minibatches", "2", "ppo.update_epochs", "2", "run.checkpoint_every", "1", "net.conv", "4x3", "net.hidden", "16",
                "net.activation", "relu"));
        Path full = assertCrashedRunResumesToTheSameBytes(config, "-" + learner);
        assertThat(Files.readString(full.resolve("config.json"))).contains("\"net.conv\"").contains("4x3").contains("\"env.sticky_actions\"");
    }

    /** Convolutions on observations that are not a grid they fit, and env settings an env does not take: one line, nothing written. */
    @Test
    void convolutionsAndEnvSettingsTheEnvCannotTakeAreRefusedBeforeTheRun() {
        Path run = dir.resolve("refused");
        assertThatThrownBy(() -> TrainingRun.create(run, new RunConfig("CartPole-v1", "ppo", "bp", 1, 1000, Map.of("net.conv", "16x3"))))
                .isInstanceOf(UsageException.class)
                .hasMessage("net.conv=16x3 (padding valid) needs grid observations (height x width x channels), but the env's observations have shape (4);"
                        + " use a grid env (e.g. MinAtar) or drop net.conv");
        assertThatThrownBy(() -> lpdm.rl.Algorithms.check("ppo", "lpdm", "MinAtar/Breakout-v1", Map.of("net.conv", "8x3,8x9")))
                .isInstanceOf(UsageException.class)
                .hasMessage("net.conv=8x3,8x9 (padding valid): convolution 1 (8x9, kernel 9x9) does not fit its input grid 8x8x8 (observations (10, 10, 4));"
                        + " use smaller kernels or net.conv_padding=same");
        lpdm.rl.Algorithms.check("ppo", "lpdm", "MinAtar/Breakout-v1", Map.of("net.conv", "8x3,8x9", "net.conv_padding", "same"));
        assertThatThrownBy(() -> TrainingRun.create(run, new RunConfig("CartPole-v1", "ppo", "bp", 1, 1000, Map.of("env.ramping", "false"))))
                .isInstanceOf(UsageException.class)
                .hasMessage("env.ramping=false: CartPole-v1 has no argument difficulty_ramping (only envs that take it, e.g. MinAtar's, use this setting)");
        assertThat(run).doesNotExist();
    }

    /** A run recorded by an older lpdm: a default changed since, and a setting was added since. */
    @Test
    void runsRecordedBeforeADefaultChangedResumeWithTheirOwnValues() throws Exception {
        Path run = dir.resolve("old");
        RunConfig config = new RunConfig("CartPole-v1", "ppo", "lpdm", 4, 2048, Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
                "ppo.num_minibatches", "2", "ppo.update_epochs", "1"));
        TrainingRun.create(run, config).run(RunProgress.NONE);
        Path cfg = run.resolve("config.json");
        com.fasterxml.jackson.databind.node.ObjectNode c = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(cfg.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode settings = (com.fasterxml.jackson.databind.node.ObjectNode) c.get("settings");
        settings.put("lpdm.guidance", "0");               // the default of an older lpdm
        settings.put("lpdm.actor_signal", "value");       // idem
        settings.put("lpdm.lr_schedule", "constant");     // idem (follow since issue 18's point 5)
        settings.put("net.activation", "tanh");           // idem (exact tanh)
        settings.remove("ppo.bootstrap_truncation");     // added later; older runs bootstrapped
        settings.put("run.threads", "1");                // the default of an older lpdm (auto since)
        Json.write(cfg, c);
        Files.delete(run.resolve(TrainingRun.RECORD));   // older runs kept no copy of config.json with the checkpoint
        TrainingRun resumed = TrainingRun.resume(run);
        assertThat(resumed.settingValues()).containsEntry("lpdm.guidance", "0").containsEntry("lpdm.actor_signal", "value")
                .containsEntry("lpdm.lr_schedule", "constant")
                .containsEntry("ppo.bootstrap_truncation", "true").containsEntry("run.threads", "1")
                .containsEntry("net.activation", "tanh");
        assertThat(((lpdm.rl.Ppo) resumed.algorithm()).config().bootstrapTruncation()).isTrue();
        assertThat(((lpdm.rl.Ppo) resumed.algorithm()).agent().activation()).isEqualTo(lpdm.core.nn.Activation.TANH);

        settings.put("lpdm.guidance", "7"); // never a default: an edited record
        Json.write(cfg, c);
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class)
                .hasMessageContaining("settings differ").hasMessageContaining("lpdm.guidance");
        settings.put("lpdm.guidance", "0");
        settings.put("ppo.frobnicate", "1");
        Json.write(cfg, c);
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class).hasMessageContaining("'ppo.frobnicate'");
    }

    @Test
    void resumeRefusesChangedConfigAndCorruptCheckpoint() throws Exception {
        Path run = dir.resolve("run");
        TrainingRun.create(run, config(2)).run(RunProgress.NONE);
        Path cfg = run.resolve("config.json");
        String text = Files.readString(cfg);
        Files.writeString(cfg, text.replace("\"reinforce.gamma\" : \"0.99\"", "\"reinforce.gamma\" : \"0.5\""));
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class).hasMessageContaining("settings differ");
        Files.writeString(cfg, text);
        byte[] ck = Files.readAllBytes(run.resolve("checkpoint/state.bin"));
        ck[ck.length / 2] ^= 1;
        Files.write(run.resolve("checkpoint/state.bin"), ck);
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(CheckpointFile.CorruptCheckpointException.class)
                .hasMessageContaining("state.bin");
    }
}
