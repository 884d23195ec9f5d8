package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvsReplayEvalTest {
    @TempDir
    Path dir;

    @Test
    void envsListsEveryClassicControlEnv() {
        CliTest.Result r = CliTest.run("envs");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1",
                "Discrete(2)", "475.0", "200");
    }

    @Test
    void replayWritesTheInterfaceFormat() throws Exception {
        Path in = dir.resolve("in.json");
        Files.writeString(in, "{\"env_id\": \"Pendulum-v1\", \"episodes\": [{\"name\": \"e\", \"initial_state\": [3.0, 0.5],"
                + " \"actions\": [[0.5], [3.0], [-2.0]]}]}");
        Path out = dir.resolve("out.json");
        CliTest.Result r = CliTest.run("replay", in.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode ep = Json.MAPPER.readTree(out.toFile()).get("episodes").get(0);
        assertThat(ep.get("name").asText()).isEqualTo("e");
        assertThat(ep.get("initial_observation").size()).isEqualTo(3);
        assertThat(ep.get("observations").size()).isEqualTo(3);
        assertThat(ep.get("rewards").size()).isEqualTo(3);
        assertThat(ep.get("terminated").size()).isEqualTo(3);
        assertThat(ep.get("truncated").size()).isEqualTo(3);
        // reward of step 0: -(norm(3.0)^2 + 0.1 * 0.5^2 + 0.001 * 0.5^2)
        assertThat(ep.get("rewards").get(0).asDouble()).isCloseTo(-(9.0 + 0.025 + 0.00025), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void replayRejectsBadInputWithExitTwo() throws Exception {
        Path in = dir.resolve("bad.json");
        Files.writeString(in, "{\"env_id\": \"CartPole-v1\", \"episodes\": [{\"name\": \"x\", \"initial_state\": [0, 0, 0, 0], \"actions\": [0, 7]}]}");
        CliTest.Result r = CliTest.run("replay", in.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("x").contains("7");
        Files.writeString(in, "{not json");
        assertThat(CliTest.run("replay", in.toString()).code()).isEqualTo(2);
        assertThat(CliTest.run("replay", dir.resolve("missing.json").toString()).code()).isEqualTo(2);
    }

    @Test
    void evalWritesReturnsAndAGif() throws Exception {
        Path run = dir.resolve("run");
        assertThat(CliTest.run("train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp", "--steps", "3000",
                "--quiet", "--set", "reinforce.batch_steps=500", "--out", run.toString()).code()).isZero();
        Path gif = dir.resolve("a.gif");
        CliTest.Result r = CliTest.run("eval", run.toString(), "--episodes", "3", "--gif", gif.toString(), "--max-frames", "30");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("deterministic", "stochastic");
        JsonNode e = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        assertThat(e.get("deterministic").get("returns").size()).isEqualTo(3);
        assertThat(e.get("stochastic").get("returns").size()).isEqualTo(3);
        byte[] g = Files.readAllBytes(gif);
        assertThat(new String(g, 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(javax.imageio.ImageIO.createImageInputStream(gif.toFile()));
        assertThat(reader.getNumImages(true)).isBetween(2, 30);
        // Same seed, same deterministic returns.
        CliTest.run("eval", run.toString(), "--episodes", "3");
        JsonNode again = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        assertThat(again.get("deterministic").get("returns")).isEqualTo(e.get("deterministic").get("returns"));
        assertThat(CliTest.run("eval", dir.resolve("nope").toString()).code()).isEqualTo(2);
        assertThat(e.get("max_episode_steps").asLong()).isEqualTo(100_000);
        assertThat(e.get("deterministic").get("episodes_cut").asInt()).isZero();
    }

    @Test
    void evalEndsEpisodesTheEnvDoesNotEndAtTheStepCapAndSaysSo() throws Exception {
        // CartPole's shortest episode is 8 steps (the pole needs that long to fall), so a cap of 5 cuts every one.
        Path run = dir.resolve("capped");
        assertThat(CliTest.run("train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp", "--steps", "1000",
                "--quiet", "--set", "reinforce.batch_steps=500", "--out", run.toString()).code()).isZero();
        CliTest.Result r = CliTest.run("eval", run.toString(), "--episodes", "3", "--max-episode-steps", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("over 3 episodes; 3 cut at 5 steps (--max-episode-steps), the env had not ended them");
        JsonNode e = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        assertThat(e.get("max_episode_steps").asLong()).isEqualTo(5);
        for (String mode : new String[] {"deterministic", "stochastic"}) {
            assertThat(e.get(mode).get("episodes_cut").asInt()).isEqualTo(3);
            e.get(mode).get("lengths").forEach(l -> assertThat(l.asInt()).isEqualTo(5));
        }
        CliTest.Result bad = CliTest.run("eval", run.toString(), "--max-episode-steps", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("lpdm: --max-episode-steps must be positive, got 0");
    }
}
