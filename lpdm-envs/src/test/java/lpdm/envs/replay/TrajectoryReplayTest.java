package lpdm.envs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

class TrajectoryReplayTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void replayAddsOutcomesKeepsOtherFieldsAndStopsAtTheEpisodeEnd() throws Exception {
        JsonNode input = json("{'env_id': 'CartPole-v1', 'note': 'kept', 'episodes': [{'name': 'edge', 'seed_used': 5,"
                + " 'initial_state': [2.39, 0.6, 0.0, 0.0], 'actions': [1, 0, 1]}]}");
        String before = input.toString();
        ObjectNode out = TrajectoryReplay.replay(input);
        assertThat(input.toString()).as("input untouched").isEqualTo(before);
        assertThat(out.get("note").asText()).isEqualTo("kept");
        JsonNode e = out.get("episodes").get(0);
        assertThat(e.get("seed_used").asInt()).isEqualTo(5);
        assertThat(e.get("actions").size()).isEqualTo(3);
        assertThat(e.get("observations").size()).isEqualTo(1);
        assertThat(e.get("rewards").get(0).asDouble()).isEqualTo(1.0);
        assertThat(e.get("terminated").get(0).asBoolean()).isTrue();
        assertThat(e.get("truncated").get(0).asBoolean()).isFalse();
        Env env = EnvRegistry.make("CartPole-v1");
        float[] initial = env.setState(new double[] {2.39, 0.6, 0.0, 0.0});
        StepResult r = env.step(1);
        for (int i = 0; i < 4; i++) {
            assertThat(e.get("initial_observation").get(i).asDouble()).isEqualTo((double) initial[i]);
            assertThat(e.get("observations").get(0).get(i).asDouble()).isEqualTo((double) r.observation()[i]);
        }
    }

    @Test
    void continuousActionsAndTheTextOverload() throws Exception {
        String out = TrajectoryReplay.replay("{\"env_id\": \"Pendulum-v1\", \"episodes\": [{\"name\": \"a\", "
                + "\"initial_state\": [0.5, 0.0], \"actions\": [[3.0], [-1.5]]}]}");
        JsonNode e = MAPPER.readTree(out).get("episodes").get(0);
        Env env = EnvRegistry.make("Pendulum-v1");
        env.setState(new double[] {0.5, 0.0});
        double r0 = env.step(new float[] {3.0f}).reward();
        double r1 = env.step(new float[] {-1.5f}).reward();
        assertThat(e.get("rewards").get(0).asDouble()).isEqualTo(r0);
        assertThat(e.get("rewards").get(1).asDouble()).isEqualTo(r1);
        assertThat(e.get("truncated").get(1).asBoolean()).isFalse();
    }

    @Test
    void timeLimitCountsFromTheStartOfEachReplayedEpisode() throws Exception {
        StringBuilder actions = new StringBuilder();
        for (int t = 0; t < 205; t++) {
            actions.append(t == 0 ? "" : ",").append("[0.0]");
        }
        String episode = "{\"initial_state\": [0.1, 0.0], \"actions\": [" + actions + "]}";
        JsonNode out = TrajectoryReplay.replay(json("{'env_id': 'Pendulum-v1', 'episodes': [" + episode + "," + episode + "]}"));
        for (JsonNode e : out.get("episodes")) {
            assertThat(e.get("observations").size()).isEqualTo(200);
            assertThat(e.get("truncated").get(199).asBoolean()).isTrue();
            assertThat(e.get("truncated").get(198).asBoolean()).isFalse();
        }
    }

    @Test
    void badInputNamesTheEpisodeAndTheField() throws Exception {
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'NoSuchEnv-v0', 'episodes': []}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("env_id").hasMessageContaining("NoSuchEnv-v0");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'episodes': []}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("env_id");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'CartPole-v1'}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("episodes");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'CartPole-v1', 'episodes': [{'name': 'x', 'actions': [0]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("initial_state");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'CartPole-v1', 'episodes': [{'name': 'x', 'initial_state': [0,0,0,0]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("actions");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'CartPole-v1', 'episodes': [{'name': 'x', 'initial_state': [0,0,0], 'actions': [0]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("initial_state");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'CartPole-v1', 'episodes': [{'name': 'x', 'initial_state': [0,0,0,0], 'actions': [0, 0.5]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("actions").hasMessageContaining("[1]");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'CartPole-v1', 'episodes': [{'name': 'x', 'initial_state': [0,0,0,0], 'actions': [0, 2]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x'").hasMessageContaining("actions").hasMessageContaining("Discrete(2)");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'Pendulum-v1', 'episodes': [{'name': 'y', 'initial_state': [0,0], 'actions': [0.5]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'y'").hasMessageContaining("actions");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'Pendulum-v1', 'episodes': [{'name': 'y', 'initial_state': [0,0], 'actions': [['a']]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'y'").hasMessageContaining("actions");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'Pendulum-v1', 'episodes': [{'name': 'y', 'initial_state': [0,0], 'actions': [[1e39]]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'y'").hasMessageContaining("not finite");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'Pendulum-v1', 'episodes': [{'initial_state': [0,0], 'actions': [], 'dispersion': []}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("episode 0").hasMessageContaining("dispersion");
        assertThatThrownBy(() -> TrajectoryReplay.replay("{not json")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
    }

    @Test
    void episodesWithRandomDrawsAreReplayedThroughTheEnvsHook() throws Exception {
        // Run the env naturally and note its draws (it draws uniform(-1, 1) at reset, uniform(0, 1) per step).
        Env env = EnvRegistry.make("test/DrawnWalk-v0");
        float[] initial = env.reset(21);
        lpdm.core.random.Rng draws = new lpdm.core.random.Rng(21);
        double start = draws.uniform(-1, 1);
        int[] actions = {1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        StringBuilder dispersion = new StringBuilder();
        java.util.List<StepResult> natural = new java.util.ArrayList<>();
        for (int t = 0; t < actions.length; t++) {
            dispersion.append(t == 0 ? "" : ",").append('[').append(draws.uniform(0, 1)).append(']');
            StepResult r = env.step(actions[t]);
            natural.add(r);
            if (r.done()) {
                break;
            }
        }
        // Replay with a different reset seed: only the recorded draws may matter.
        JsonNode out = TrajectoryReplay.replay(json("{'env_id': 'test/DrawnWalk-v0', 'episodes': [{'name': 'w', 'reset_seed': 999,"
                + " 'initial_state': [" + start + "], 'actions': " + java.util.Arrays.toString(actions)
                + ", 'dispersion': [" + dispersion + "]}]}"));
        JsonNode e = out.get("episodes").get(0);
        assertThat(e.get("initial_observation").get(0).asDouble()).isEqualTo((double) initial[0]);
        assertThat(e.get("observations").size()).isEqualTo(natural.size());
        for (int t = 0; t < natural.size(); t++) {
            assertThat(e.get("observations").get(t).get(0).asDouble()).isEqualTo((double) natural.get(t).observation()[0]);
            assertThat(e.get("rewards").get(t).asDouble()).isEqualTo(natural.get(t).reward());
            assertThat(e.get("terminated").get(t).asBoolean()).isEqualTo(natural.get(t).terminated());
            assertThat(e.get("truncated").get(t).asBoolean()).isEqualTo(natural.get(t).truncated());
        }
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'test/DrawnWalk-v0', 'episodes': [{'name': 'w',"
                + " 'initial_state': [0.1], 'actions': [1], 'dispersion': [[0.5]]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w'").hasMessageContaining("reset_seed");
        assertThatThrownBy(() -> TrajectoryReplay.replay(json("{'env_id': 'test/DrawnWalk-v0', 'episodes': [{'name': 'w', 'reset_seed': 1,"
                + " 'initial_state': [0.1], 'actions': [1, 1], 'dispersion': [[0.5]]}]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'w'").hasMessageContaining("dispersion");
    }
}
