package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lpdm train} starts from the tuned set (hparams=tuned), says which, and takes --set hparams=defaults. */
class TrainHparamsTest {
    @TempDir
    Path dir;

    @Test
    void trainUsesTheTunedSetByDefaultAndPrintsIt() throws Exception {
        Path out = dir.resolve("tuned");
        CliTest.Result r = CliTest.run("train", "--env", "MountainCar-v0", "--algo", "ppo", "--learner", "bp", "--steps", "600",
                "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("hyper-parameters: ")).toList())
                .containsExactly("hyper-parameters: ppo/MountainCar-v0 (rl-baselines3-zoo hyperparams/ppo.yml, MountainCar-v0, with update_epochs 10"
                        + " (our tuning, studies/presets-mountaincar-tune.yaml); for 1000000 steps)");
        JsonNode c = Json.MAPPER.readTree(out.resolve("config.json").toFile());
        assertThat(c.path("hparams").path("set").asText()).isEqualTo("ppo/MountainCar-v0");
        assertThat(c.path("settings").path("ppo.num_envs").asText()).isEqualTo("16");
        assertThat(c.path("settings").path("ppo.norm_obs").asText()).isEqualTo("true");
        assertThat(c.path("settings").path("ppo.update_epochs").asText()).isEqualTo("10");
    }

    @Test
    void hparamsDefaultsAndExplicitSettings() throws Exception {
        Path out = dir.resolve("plain");
        CliTest.Result r = CliTest.run("train", "--env", "MountainCar-v0", "--algo", "ppo", "--learner", "bp", "--steps", "600",
                "--quiet", "--set", "hparams=defaults", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("hyper-parameters: defaults (the algorithm's defaults)");
        JsonNode c = Json.MAPPER.readTree(out.resolve("config.json").toFile());
        assertThat(c.path("settings").path("ppo.num_envs").asText()).isEqualTo("4");

        Path over = dir.resolve("over");
        r = CliTest.run("train", "--env", "MountainCar-v0", "--algo", "ppo", "--learner", "bp", "--steps", "600", "--quiet",
                "--set", "ppo.num_envs=8", "--out", over.toString());
        assertThat(r.code()).as(r.err()).isZero();
        c = Json.MAPPER.readTree(over.resolve("config.json").toFile());
        assertThat(c.path("settings").path("ppo.num_envs").asText()).isEqualTo("8");
        assertThat(c.path("settings").path("ppo.num_steps").asText()).isEqualTo("16");
    }

    /** The run's budget when the command line names none (parsed only: the budgets themselves are 1M steps). */
    private static long budget(String... args) throws Exception {
        TrainCommand cmd = new TrainCommand();
        new picocli.CommandLine(cmd).parseArgs(args);
        return cmd.buildConfig().totalSteps();
    }

    @Test
    void withoutStepsTrainTakesTheTunedSetsBudget() throws Exception {
        // lpdm/hparams/ppo.yaml: MountainCar-v0 is tuned for 1000000 steps, CartPole-v1 (CleanRL) for 500000
        assertThat(budget("--env", "MountainCar-v0", "--algo", "ppo", "--learner", "bp")).isEqualTo(1_000_000L);
        assertThat(budget("--env", "CartPole-v1", "--algo", "ppo", "--learner", "lpdm")).isEqualTo(500_000L);
        // explicit budgets win: --steps, then a config file's steps
        assertThat(budget("--env", "MountainCar-v0", "--algo", "ppo", "--learner", "bp", "--steps", "600")).isEqualTo(600L);
        Path config = dir.resolve("run.yaml");
        java.nio.file.Files.writeString(config, "env: MountainCar-v0\nalgo: ppo\nlearner: bp\nsteps: 700\n");
        assertThat(budget("--config", config.toString())).isEqualTo(700L);
        assertThat(budget("--config", config.toString(), "--steps", "800")).isEqualTo(800L);
        // no tuned set in use: the fixed default
        assertThat(budget("--env", "MountainCar-v0", "--algo", "ppo", "--learner", "bp", "--set", "hparams=defaults"))
                .isEqualTo(lpdm.lab.run.RunConfig.DEFAULT_STEPS);
        assertThat(budget("--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp")).isEqualTo(lpdm.lab.run.RunConfig.DEFAULT_STEPS);
    }

    @Test
    void anExplicitBudgetPrintsNoBudgetLine() throws Exception {
        CliTest.Result r = CliTest.run("train", "--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--steps", "600",
                "--quiet", "--out", dir.resolve("explicit").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("the tuned set's budget");
    }

    @Test
    void aBadHparamsValueIsAUsageErrorOfOneLine() {
        Path out = dir.resolve("bad");
        CliTest.Result r = CliTest.run("train", "--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--set", "hparams=zoo",
                "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lpdm: setting hparams: expected defaults or tuned, got 'zoo'");
        assertThat(out).doesNotExist();
    }
}
