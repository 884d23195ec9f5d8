package lpdm.envs.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvReplayer;
import lpdm.envs.Space;
import lpdm.envs.StepResult;

/**
 * Replays recorded episodes open loop, in the trajectory format of {@code docs/interfaces.md}:
 *
 * <pre>
 * {"env_id": "CartPole-v1",
 *  "episodes": [{"name": "...", "initial_state": [...], "actions": [...]}]}
 * </pre>
 *
 * <p>For each episode the env made by {@link EnvRegistry#make(String)} (so its time limit applies,
 * counting from step 0 of the episode) is put into {@code initial_state} with
 * {@link Env#setState(double[])}; the actions are then applied one by one, stopping early if the
 * episode ends (terminated or truncated). The result is a copy of the input in which every episode
 * also holds {@code initial_observation}, {@code observations} (one per step taken),
 * {@code rewards}, {@code terminated} and {@code truncated}; fields of those names in the input
 * are replaced, all other fields are kept. Observations are float32 values written as doubles.
 *
 * <p>Discrete actions are JSON integers; continuous actions are arrays with one number per
 * action dimension (given to the env as float32). Episodes of envs that cannot be set from a
 * state vector carry {@code dispersion} (per-step random draws) and {@code reset_seed}; they need
 * an env implementing {@link RandomDrawReplay}.
 *
 * <p>Bad input (unknown env, a missing or mistyped field, an action of the wrong type or outside
 * the action space, a state of the wrong length) fails with an {@link IllegalArgumentException}
 * whose message names the episode and the field.
 */
public final class TrajectoryReplay {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TrajectoryReplay() {
    }

    /** Parses {@code json}, replays it and returns the result as JSON text. */
    public static String replay(String json) {
        JsonNode input;
        try {
            input = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("trajectory file is not valid JSON: " + e.getOriginalMessage(), e);
        }
        try {
            return MAPPER.writeValueAsString(replay(input));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the replay result", e);
        }
    }

    /**
     * What {@code lpdm replay} does with a document: the replayer the env's provider offers for
     * its own format ({@link EnvRegistry#replayer}) if there is one, else {@link #replay(JsonNode)}
     * (with an empty report).
     */
    public static EnvReplayer.Result replayAny(JsonNode input) {
        JsonNode idNode = input == null ? null : input.get("env_id");
        if (idNode != null && idNode.isTextual()) {
            java.util.Optional<EnvReplayer> own;
            try {
                own = EnvRegistry.replayer(idNode.asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trajectory document: field 'env_id': " + e.getMessage(), e);
            }
            if (own.isPresent()) {
                return own.get().replay(input);
            }
        }
        return new EnvReplayer.Result(replay(input), List.of());
    }

    /** Replays every episode of {@code input}; returns a new document (the input is not modified). */
    public static ObjectNode replay(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("trajectory document must be a JSON object with 'env_id' and 'episodes'");
        }
        JsonNode idNode = input.get("env_id");
        if (idNode == null || !idNode.isTextual()) {
            throw new IllegalArgumentException("trajectory document: field 'env_id' is missing or not a string");
        }
        String envId = idNode.asText();
        JsonNode episodes = input.get("episodes");
        if (episodes == null || !episodes.isArray()) {
            throw new IllegalArgumentException("trajectory document for " + envId + ": field 'episodes' is missing or not an array");
        }
        Env env;
        try {
            env = EnvRegistry.make(envId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trajectory document: field 'env_id': " + e.getMessage(), e);
        }
        ObjectNode output = input.deepCopy();
        ArrayNode outEpisodes = (ArrayNode) output.get("episodes");
        try (env) {
            for (int i = 0; i < outEpisodes.size(); i++) {
                JsonNode episode = outEpisodes.get(i);
                String label = label(episode, i);
                if (!episode.isObject()) {
                    throw new IllegalArgumentException(label + ": must be a JSON object");
                }
                replayEpisode(env, (ObjectNode) episode, label);
            }
        }
        return output;
    }

    private static String label(JsonNode episode, int index) {
        JsonNode name = episode.get("name");
        if (name != null && name.isTextual()) {
            return "episode " + index + " ('" + name.asText() + "')";
        }
        return "episode " + index;
    }

    private static void replayEpisode(Env env, ObjectNode episode, String label) {
        double[] initialState = numbers(episode, "initial_state", label);
        JsonNode actions = episode.get("actions");
        if (actions == null || !actions.isArray()) {
            throw new IllegalArgumentException(label + ": field 'actions' is missing or not an array");
        }
        Space actionSpace = env.actionSpace();
        // Parse every action before stepping, so a bad action fails even past the episode's end.
        List<Object> parsed = new ArrayList<>(actions.size());
        for (int t = 0; t < actions.size(); t++) {
            parsed.add(parseAction(actions.get(t), actionSpace, label, t));
        }

        JsonNode dispersion = episode.get("dispersion");
        double[][] stepDraws = null;
        float[] initialObservation;
        if (dispersion != null) {
            if (!(env.unwrapped() instanceof RandomDrawReplay drawEnv)) {
                throw new IllegalArgumentException(label + ": field 'dispersion' given but " + env.describe()
                        + " is not replayed from random draws; give 'initial_state' only");
            }
            stepDraws = drawRows(dispersion, label);
            JsonNode seedNode = episode.get("reset_seed");
            if (seedNode == null || !seedNode.canConvertToLong() || !seedNode.isIntegralNumber() || seedNode.asLong() < 0) {
                throw new IllegalArgumentException(label + ": field 'reset_seed' is missing or not a non-negative integer");
            }
            env.reset(seedNode.asLong());
            initialObservation = drawEnv.resetFromDraws(initialState);
        } else {
            try {
                initialObservation = env.setState(initialState);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": field 'initial_state': " + e.getMessage(), e);
            }
        }

        ArrayNode observations = episode.arrayNode();
        ArrayNode rewards = episode.arrayNode();
        ArrayNode terminated = episode.arrayNode();
        ArrayNode truncated = episode.arrayNode();
        for (int t = 0; t < parsed.size(); t++) {
            if (stepDraws != null) {
                if (t >= stepDraws.length) {
                    throw new IllegalArgumentException(label + ": field 'dispersion' has " + stepDraws.length
                            + " rows but the episode goes on to step " + t + " (one row is needed per step taken)");
                }
                ((RandomDrawReplay) env.unwrapped()).setNextStepDraws(stepDraws[t]);
            }
            Object action = parsed.get(t);
            StepResult r;
            try {
                r = action instanceof Integer a ? env.step(a) : env.step((float[]) action);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": field 'actions' [" + t + "]: " + e.getMessage(), e);
            }
            observations.add(floats(episode, r.observation()));
            rewards.add(r.reward());
            terminated.add(r.terminated());
            truncated.add(r.truncated());
            if (r.done()) {
                break;
            }
        }
        episode.set("initial_observation", floats(episode, initialObservation));
        episode.set("observations", observations);
        episode.set("rewards", rewards);
        episode.set("terminated", terminated);
        episode.set("truncated", truncated);
    }

    private static Object parseAction(JsonNode node, Space space, String label, int t) {
        if (space instanceof Discrete d) {
            if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
                throw new IllegalArgumentException(label + ": field 'actions' [" + t + "]: " + node
                        + " is not an integer action for action space " + d);
            }
            return node.intValue();
        }
        Box box = (Box) space;
        if (node == null || !node.isArray() || node.size() != box.size()) {
            throw new IllegalArgumentException(label + ": field 'actions' [" + t + "]: " + node
                    + " is not an array of " + box.size() + " number(s) for action space " + box);
        }
        float[] action = new float[node.size()];
        for (int i = 0; i < action.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isNumber()) {
                throw new IllegalArgumentException(label + ": field 'actions' [" + t + "]: " + node
                        + " holds a non-number for action space " + box);
            }
            action[i] = (float) v.doubleValue();
        }
        return action;
    }

    private static double[] numbers(JsonNode episode, String field, String label) {
        JsonNode node = episode.get(field);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException(label + ": field '" + field + "' is missing or not an array of numbers");
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isNumber()) {
                throw new IllegalArgumentException(label + ": field '" + field + "' [" + i + "] is not a number: " + node.get(i));
            }
            values[i] = node.get(i).doubleValue();
        }
        return values;
    }

    private static double[][] drawRows(JsonNode dispersion, String label) {
        if (!dispersion.isArray()) {
            throw new IllegalArgumentException(label + ": field 'dispersion' must be an array with one row of numbers per step");
        }
        int steps = dispersion.size();
        double[][] rows = new double[steps][];
        for (int t = 0; t < steps; t++) {
            JsonNode row = dispersion.get(t);
            if (!row.isArray()) {
                throw new IllegalArgumentException(label + ": field 'dispersion' [" + t + "] is not an array of numbers");
            }
            rows[t] = new double[row.size()];
            for (int i = 0; i < row.size(); i++) {
                if (!row.get(i).isNumber()) {
                    throw new IllegalArgumentException(label + ": field 'dispersion' [" + t + "][" + i + "] is not a number");
                }
                rows[t][i] = row.get(i).doubleValue();
            }
        }
        return rows;
    }

    private static ArrayNode floats(JsonNode factory, float[] values) {
        ArrayNode node = ((ObjectNode) factory).arrayNode(values.length);
        for (float v : values) {
            node.add((double) v);
        }
        return node;
    }
}
