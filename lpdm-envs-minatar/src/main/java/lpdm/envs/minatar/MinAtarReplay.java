package lpdm.envs.minatar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvReplayer;
import lpdm.envs.StepResult;

/**
 * Replays MinAtar trajectories in the golden format ({@code minatar-golden/1}, described in
 * docs/minatar.md): per episode, a new env when {@code new_env} is true (with the file's
 * {@code sticky_action_prob} and {@code difficulty_ramping}), a reset with {@code reset_seed} when
 * it is not null (else a reset continuing the random stream), then the {@code actions} in order,
 * stopping at the first terminal step. The output is the input with {@code initial_obs},
 * {@code applied_actions}, {@code rewards}, {@code terminals} and {@code obs} replaced by what the
 * port computed; observations are bit-packed hex strings (bit {@code (row * 10 + col) * C + channel},
 * most significant bit first, the last byte padded with zeros).
 *
 * <p>Where the input holds recorded values, the report has one line per episode: the steps
 * replayed and either "identical" or the first step and field that differ.
 */
public final class MinAtarReplay {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private MinAtarReplay() {
    }

    /** Replays {@code input} (not modified). */
    public static EnvReplayer.Result replay(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("MinAtar trajectory document must be a JSON object with 'env_id' and 'episodes'");
        }
        String envId = input.path("env_id").asText("");
        EnvRegistry.spec(envId); // an unknown id fails here, naming the registered MinAtar ids
        JsonNode sticky = input.get("sticky_action_prob");
        JsonNode ramping = input.get("difficulty_ramping");
        if (sticky == null || !sticky.isNumber()) {
            throw new IllegalArgumentException(envId + " trajectory document: field 'sticky_action_prob' is missing or not a number");
        }
        if (ramping == null || !ramping.isBoolean()) {
            throw new IllegalArgumentException(envId + " trajectory document: field 'difficulty_ramping' is missing or not true/false");
        }
        Map<String, Object> arguments = Map.of(MinAtarEnv.STICKY_ACTION_PROB, sticky.doubleValue(),
                MinAtarEnv.DIFFICULTY_RAMPING, ramping.booleanValue());
        JsonNode episodes = input.get("episodes");
        if (episodes == null || !episodes.isArray() || episodes.isEmpty()) {
            throw new IllegalArgumentException(envId + " trajectory document: field 'episodes' is missing, empty or not an array");
        }
        ObjectNode output = input.deepCopy();
        List<String> report = new ArrayList<>();
        Env env = null;
        for (int i = 0; i < episodes.size(); i++) {
            JsonNode episode = episodes.get(i);
            String label = envId + " episode " + i;
            if (!episode.isObject()) {
                throw new IllegalArgumentException(label + ": must be a JSON object");
            }
            boolean newEnv = episode.path("new_env").asBoolean(false);
            if (newEnv || env == null) {
                env = EnvRegistry.make(envId, arguments);
            }
            ObjectNode out = (ObjectNode) output.get("episodes").get(i);
            replayEpisode(env, (MinAtarEnv) env.unwrapped(), episode, out, label);
            String line = compare(episode, out, label);
            if (line != null) {
                report.add(line);
            }
        }
        return new EnvReplayer.Result(output, report);
    }

    private static void replayEpisode(Env env, MinAtarEnv minatar, JsonNode episode, ObjectNode out, String label) {
        JsonNode seed = episode.get("reset_seed");
        JsonNode actions = episode.get("actions");
        if (actions == null || !actions.isArray()) {
            throw new IllegalArgumentException(label + ": field 'actions' is missing or not an array");
        }
        int n = ((lpdm.envs.Discrete) env.actionSpace()).n();
        for (int t = 0; t < actions.size(); t++) {
            JsonNode a = actions.get(t);
            if (!a.isIntegralNumber() || a.asLong() < 0 || a.asLong() >= n) {
                throw new IllegalArgumentException(label + ": field 'actions' [" + t + "]: " + a + " is not an action of "
                        + env.actionSpace() + " (" + minatar.describeActions() + ")");
            }
        }
        float[] first;
        if (seed == null || seed.isNull()) {
            first = env.reset();
        } else if (seed.isIntegralNumber() && seed.canConvertToLong() && seed.asLong() >= 0 && seed.asLong() <= 0xffffffffL) {
            first = env.reset(seed.asLong());
        } else {
            throw new IllegalArgumentException(label + ": field 'reset_seed' must be null or an integer in [0, 2^32 - 1], got " + seed);
        }
        int channels = env.observationSpace().shape()[2];
        ArrayNode applied = out.arrayNode();
        ArrayNode rewards = out.arrayNode();
        ArrayNode terminals = out.arrayNode();
        ArrayNode observations = out.arrayNode();
        for (int t = 0; t < actions.size(); t++) {
            StepResult r = env.step(actions.get(t).asInt());
            applied.add(minatar.lastAction());
            rewards.add((long) r.reward());
            terminals.add(r.terminated());
            observations.add(hex(r.observation(), channels));
            if (r.done()) {
                break;
            }
        }
        out.put("initial_obs", hex(first, channels));
        out.set("applied_actions", applied);
        out.set("rewards", rewards);
        out.set("terminals", terminals);
        out.set("obs", observations);
    }

    /** The golden files' observation encoding: bits packed most significant first, as lowercase hex. */
    static String hex(float[] grid, int channels) {
        int bits = 100 * channels;
        byte[] bytes = new byte[(bits + 7) / 8];
        for (int k = 0; k < bits; k++) {
            if (grid[k] != 0f) {
                bytes[k / 8] |= (byte) (1 << (7 - k % 8));
            }
        }
        char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            text[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            text[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(text);
    }

    /** The first difference from values recorded in {@code recorded}, "identical", or null if none were recorded. */
    private static String compare(JsonNode recorded, ObjectNode ours, String label) {
        JsonNode recObs = recorded.get("obs");
        if (recObs == null || !recObs.isArray()) {
            return null;
        }
        int steps = ours.get("obs").size();
        String prefix = label + ": " + steps + " steps replayed, ";
        if (!recorded.path("initial_obs").equals(ours.get("initial_obs"))) {
            return prefix + "differs at the initial observation";
        }
        int common = Math.max(steps, recObs.size());
        for (int t = 0; t < common; t++) {
            for (String field : new String[] {"applied_actions", "obs", "rewards", "terminals"}) {
                JsonNode rec = recorded.path(field);
                if (!rec.isArray()) {
                    continue;
                }
                JsonNode a = rec.get(t);
                JsonNode b = ours.get(field).get(t);
                if (a == null || b == null || !(a.isNumber() && b.isNumber() ? a.asLong() == b.asLong() : a.equals(b))) {
                    return prefix + "differs at step " + t + " in '" + field + "' (recorded " + a + ", replayed " + b + ")";
                }
            }
        }
        return prefix + "identical to the recording";
    }
}
