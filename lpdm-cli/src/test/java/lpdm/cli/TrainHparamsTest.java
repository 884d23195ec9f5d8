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
