package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MinAtar through the CLI: replay in the golden format, bad input, and a short run evaluated with a GIF. */
class MinAtarCliTest {
    @TempDir
    Path dir;

    private Path trajectory(String actions) throws Exception {
        Path in = dir.resolve("breakout.json");
        Files.writeString(in, "{\"format\": \"minatar-golden/1\", \"env_id\": \"MinAtar/Breakout-v1\", \"sticky_action_prob\": 0.1,"
                + " \"difficulty_ramping\": true, \"episodes\": [{\"new_env\": true, \"reset_seed\": 0, \"actions\": " + actions + "},"
                + " {\"new_env\": false, \"reset_seed\": null, \"actions\": [1, 1, 1, 1, 1, 1, 1, 1, 1]}]}");
        return in;
    }

    @Test
    void replayWritesTheGoldenFormat() throws Exception {
        Path out = dir.resolve("out.json");
        CliTest.Result r = CliTest.run("replay", trajectory("[2, 2, 2, 0, 0, 0, 0, 0]").toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("replayed 2 episodes").contains("MinAtar/Breakout-v1");
        JsonNode episodes = Json.MAPPER.readTree(out.toFile()).get("episodes");
        for (JsonNode ep : episodes) {
            int n = ep.get("obs").size();
            assertThat(n).isPositive().isLessThanOrEqualTo(ep.get("actions").size());
            assertThat(ep.get("rewards").size()).isEqualTo(n);
            assertThat(ep.get("terminals").size()).isEqualTo(n);
            assertThat(ep.get("applied_actions").size()).isEqualTo(n);
            assertThat(ep.get("terminals").get(n - 1).asBoolean() || n == ep.get("actions").size()).isTrue();
            assertThat(ep.get("initial_obs").asText()).hasSize(100).matches("[0-9a-f]+");
        }
    }

    @Test
    void badActionsAndIdsAreUsageErrorsOfOneLine() throws Exception {
        CliTest.Result bad = CliTest.run("replay", trajectory("[0, 3]").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip().lines().count()).isOne();
        assertThat(bad.err()).contains("episode 0").contains("'actions' [1]: 3 is not an action of Discrete(3) (0 no-op, 1 left, 2 right)");

        CliTest.Result unknown = CliTest.run("train", "--env", "MinAtar/Pong-v1", "--algo", "ppo", "--learner", "bp",
                "--out", dir.resolve("a").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown env 'MinAtar/Pong-v1' (registered MinAtar envs: MinAtar/Asterix-v0")
                .contains("MinAtar/SpaceInvaders-v1").doesNotContain("CartPole");
        CliTest.Result version = CliTest.run("train", "--env", "MinAtar/Breakout-v2", "--algo", "ppo", "--learner", "bp",
                "--out", dir.resolve("b").toString());
        assertThat(version.code()).isEqualTo(2);
        assertThat(version.err()).contains("unknown env 'MinAtar/Breakout-v2'; did you mean 'MinAtar/Breakout-v0'? "
                + "(registered MinAtar envs: MinAtar/Asterix-v0").doesNotContain("CartPole");
    }

    @Test
    void envsListsTheGridShape() {
        CliTest.Result r = CliTest.run("envs");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("MinAtar/Seaquest-v1").contains("Box(0.0, 1.0, (10, 10, 10))").contains("Discrete(6)");
    }

    @Test
    void aShortRunIsEvaluatedWithAGifOfColouredCells() throws Exception {
        Path run = dir.resolve("run");
        CliTest.Result train = CliTest.run("train", "--env", "MinAtar/SpaceInvaders-v1", "--algo", "ppo", "--learner", "bp", "--steps",
                "1024", "--quiet", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path gif = dir.resolve("si.gif");
        CliTest.Result r = CliTest.run("eval", run.toString(), "--episodes", "1", "--gif", gif.toString(), "--max-frames", "20");
        assertThat(r.code()).as(r.err()).isZero();
        javax.imageio.ImageReader reader = javax.imageio.ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(javax.imageio.ImageIO.createImageInputStream(gif.toFile()));
        assertThat(reader.getNumImages(true)).isBetween(2, 20);
        assertThat(reader.getWidth(0)).isEqualTo(240);
    }
}
