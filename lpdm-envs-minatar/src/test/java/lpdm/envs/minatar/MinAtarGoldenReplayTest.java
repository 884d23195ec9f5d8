package lpdm.envs.minatar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import lpdm.envs.EnvReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every golden trajectory recorded from MinAtar 1.0.15 (test resources {@code golden/*.json.gz},
 * gzipped copies of the recordings; format in docs/minatar.md) replays identically: the replay is
 * given the file without the recorded results and must reproduce, step by step, the applied
 * (post-sticky) action, the observation bits, the reward and the terminal flag, and end at the
 * recorded step.
 */
class MinAtarGoldenReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] COMPUTED = {"initial_obs", "applied_actions", "rewards", "terminals", "obs"};

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = MinAtarGoldenReplayTest.class.getResourceAsStream("/golden/" + name + ".json.gz")) {
            assertThat(in).as("test resource golden/" + name + ".json.gz").isNotNull();
            return MAPPER.readTree(new GZIPInputStream(in));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Asterix", "Breakout", "Freeway", "Seaquest", "SpaceInvaders",
            "Asterix-v0-sticky0", "Breakout-v0-sticky0", "Freeway-v0-sticky0", "Seaquest-v0-sticky0", "SpaceInvaders-v0-sticky0"})
    void replaysEveryStepIdentically(String name) throws IOException {
        JsonNode recorded = golden(name);
        ObjectNode stripped = recorded.deepCopy();
        for (JsonNode episode : stripped.get("episodes")) {
            ((ObjectNode) episode).remove(java.util.List.of(COMPUTED));
        }
        JsonNode pristine = stripped.deepCopy();
        EnvReplayer.Result result = MinAtarReplay.replay(stripped);
        assertThat(stripped).as("the input is not modified").isEqualTo(pristine);
        assertThat(result.report()).as("nothing recorded, nothing reported").isEmpty();

        JsonNode ours = result.document().get("episodes");
        JsonNode theirs = recorded.get("episodes");
        assertThat(ours.size()).isEqualTo(theirs.size()).isEqualTo(6);
        int steps = 0;
        for (int e = 0; e < theirs.size(); e++) {
            JsonNode o = ours.get(e);
            JsonNode t = theirs.get(e);
            String where = name + " episode " + e;
            assertThat(o.get("initial_obs")).as(where + " initial_obs").isEqualTo(t.get("initial_obs"));
            assertThat(o.get("obs").size()).as(where + " length").isEqualTo(t.get("obs").size()).isEqualTo(t.get("actions").size());
            for (int s = 0; s < t.get("obs").size(); s++) {
                for (String field : new String[] {"applied_actions", "obs", "rewards", "terminals"}) {
                    assertThat(o.get(field).get(s).asText()).as(where + " step " + s + " " + field).isEqualTo(t.get(field).get(s).asText());
                }
            }
            steps += t.get("obs").size();
        }
        assertThat(steps).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Seaquest", "Freeway-v0-sticky0"})
    void reportSaysIdenticalWhenTheInputCarriesTheRecording(String name) throws IOException {
        EnvReplayer.Result result = MinAtarReplay.replay(golden(name));
        assertThat(result.report()).hasSize(6).allSatisfy(line -> assertThat(line).endsWith("identical to the recording"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Breakout"})
    void reportNamesTheFirstDifference(String name) throws IOException {
        ObjectNode changed = golden(name).deepCopy();
        ObjectNode episode = (ObjectNode) changed.get("episodes").get(2);
        ((com.fasterxml.jackson.databind.node.ArrayNode) episode.get("rewards")).set(100, 7);
        EnvReplayer.Result result = MinAtarReplay.replay(changed);
        assertThat(result.report().get(2)).contains("episode 2").contains("differs at step 100 in 'rewards'");
        assertThat(result.report().get(1)).endsWith("identical to the recording");
    }

    @org.junit.jupiter.api.Test
    void badInputFailsWithOneLineNamingEpisodeAndField() throws IOException {
        ObjectNode doc = golden("Breakout").deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) doc.get("episodes").get(1).get("actions")).set(4, 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MinAtarReplay.replay(doc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MinAtar/Breakout-v1 episode 1: field 'actions' [4]: 3 is not an action of Discrete(3) (0 no-op, 1 left, 2 right)");
        ObjectNode seed = golden("Breakout").deepCopy();
        ((ObjectNode) seed.get("episodes").get(0)).put("reset_seed", -4);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MinAtarReplay.replay(seed)).hasMessageContaining("episode 0: field 'reset_seed'");
        ObjectNode sticky = golden("Breakout").deepCopy();
        sticky.remove("sticky_action_prob");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MinAtarReplay.replay(sticky)).hasMessageContaining("'sticky_action_prob' is missing");
        ObjectNode id = golden("Breakout").deepCopy();
        id.put("env_id", "MinAtar/Breakout-v7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MinAtarReplay.replay(id)).hasMessageContaining("registered MinAtar envs");
    }
}
