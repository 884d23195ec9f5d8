package lpdm.envs.box2d;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvReplayer;
import lpdm.envs.StepResult;

/**
 * Replays LunarLander episodes recorded from Gymnasium by feeding the env the recorded numpy draws
 * (trajectory replay format of {@code docs/interfaces.md}; golden-file layout of
 * {@code golden/README.md}).
 *
 * <p>Per episode the input holds {@code initial_state} (the 16 draws of reset: 12 terrain heights
 * uniform(0, H/2), 2 initial-force components uniform(-1000, 1000), 2 dispersion draws uniform(-1,
 * 1) of reset's internal step), {@code dispersion[t]} (the 2 draws of step t), {@code actions} and
 * {@code reset_seed} (kept for reference: with injected draws the seed does not matter). The env is
 * built through the registry (so the 1000-step time limit applies), reset, and the actions applied
 * in order, stopping early only if the episode ends. The output is the input with
 * {@code initial_observation}, {@code observations}, {@code rewards}, {@code terminated} and
 * {@code truncated} set to what the port produced (replacing recorded values if present).
 *
 * <p>If the input also carries recorded observations (a golden file), {@link EpisodeReport} says
 * how far the port follows them: the first step at which any observation component differs by more
 * than 1e-5 and by more than 1e-2. Step t means {@code observations[t]}, the result of
 * {@code actions[t]}; -1 means the initial observation; null means never (over the steps both
 * have).
 */
public final class LunarLanderReplay {
    private LunarLanderReplay() {
    }

    /**
     * How one replayed episode compares with the recording.
     *
     * @param name the episode's name
     * @param recordedSteps number of recorded observations (0 if none were recorded)
     * @param replayedSteps number of steps the port took
     * @param initialMaxAbsDiff largest |difference| over the initial observation's components
     * @param firstStepOver1e5 first step (-1 = initial observation) with a component off by more than 1e-5, or null
     * @param firstStepOver1e2 first step with a component off by more than 1e-2, or null
     * @param maxAbsDiff largest |difference| over all compared observation components
     * @param firstRewardStepOver1e5 first step whose reward differs by more than 1e-5, or null
     * @param maxRewardAbsDiff largest |difference| over the compared rewards
     * @param recordedEnd how the recording ended ("terminated", "truncated" or "open") and at which step
     * @param replayedEnd how the replay ended, likewise
     */
    public record EpisodeReport(String name, int recordedSteps, int replayedSteps, double initialMaxAbsDiff,
                                Integer firstStepOver1e5, Integer firstStepOver1e2, double maxAbsDiff,
                                Integer firstRewardStepOver1e5, double maxRewardAbsDiff, String recordedEnd, String replayedEnd) {

        /** True if the replay ended at the same step and in the same way as the recording. */
        public boolean sameEnding() {
            return recordedEnd.equals(replayedEnd);
        }

        /** One line for logs. */
        public String summary() {
            return String.format(Locale.ROOT,
                    "%-36s steps rec=%4d rep=%4d  init=%.2e  first>1e-5=%5s  first>1e-2=%5s  max|dobs|=%.3g  reward>1e-5=%5s  max|drew|=%.3g  end rec=%s rep=%s",
                    name, recordedSteps, replayedSteps, initialMaxAbsDiff, firstStepOver1e5, firstStepOver1e2, maxAbsDiff,
                    firstRewardStepOver1e5, maxRewardAbsDiff, recordedEnd, replayedEnd);
        }
    }

    /** The output JSON and one report per episode. */
    public record Result(ObjectNode json, List<EpisodeReport> reports) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Replays every episode of {@code input} (not modified). */
    public static Result replay(JsonNode input) {
        String envId = input.path("env_id").asText("LunarLander-v3");
        if (!envId.equals("LunarLander-v3") && !envId.equals("LunarLanderContinuous-v3")) {
            throw new IllegalArgumentException("LunarLanderReplay replays LunarLander-v3 or LunarLanderContinuous-v3, not '" + envId + "'");
        }
        ObjectNode out = input.deepCopy();
        ArrayNode episodes = (ArrayNode) out.path("episodes");
        if (episodes.isMissingNode() || episodes.isEmpty()) {
            throw new IllegalArgumentException("input has no episodes");
        }
        List<EpisodeReport> reports = new ArrayList<>();
        // One env for all episodes: each reset starts from an empty world, so episodes do not
        // influence each other (the test suite checks that the figures match fresh envs).
        Env env = EnvRegistry.make(envId);
        for (JsonNode node : episodes) {
            reports.add(replayEpisode(env, (ObjectNode) node));
        }
        return new Result(out, reports);
    }

    /**
     * The replay as {@code lpdm replay} offers it ({@link Box2dProvider#replayer}): the output and,
     * for episodes that carried recorded observations, one {@link EpisodeReport#summary()} line each.
     */
    static EnvReplayer.Result replayForCli(JsonNode input) {
        Result r = replay(input);
        List<String> lines = new ArrayList<>();
        for (EpisodeReport e : r.reports()) {
            if (e.recordedSteps() > 0) {
                lines.add(e.summary());
            }
        }
        return new EnvReplayer.Result(r.json(), lines);
    }

    private static EpisodeReport replayEpisode(Env env, ObjectNode ep) {
        String name = ep.path("name").asText("?");
        JsonNode init = ep.path("initial_state");
        if (!init.isArray() || init.size() != 16) {
            throw new IllegalArgumentException("episode " + name + ": initial_state must hold the 16 reset draws, got "
                    + (init.isArray() ? init.size() + " numbers" : init.getNodeType().toString()));
        }
        JsonNode actions = ep.path("actions");
        JsonNode dispersion = ep.path("dispersion");
        if (!actions.isArray() || !dispersion.isArray()) {
            throw new IllegalArgumentException("episode " + name + ": needs 'actions' and 'dispersion' arrays");
        }
        List<Double> values = new ArrayList<>();
        init.forEach(v -> values.add(v.asDouble()));
        for (JsonNode pair : dispersion) {
            if (!pair.isArray() || pair.size() != 2) {
                throw new IllegalArgumentException("episode " + name + ": each dispersion entry must hold 2 draws");
            }
            pair.forEach(v -> values.add(v.asDouble()));
        }
        RecordedDraws draws = new RecordedDraws(values.stream().mapToDouble(Double::doubleValue).toArray());

        // Recorded values, read before they are overwritten.
        double[][] recObs = readMatrix(ep.path("observations"));
        double[] recInit = ep.path("initial_observation").isArray() ? readVector(ep.path("initial_observation")) : null;
        double[] recRewards = ep.path("rewards").isArray() ? readVector(ep.path("rewards")) : null;
        String recordedEnd = describeEnd(ep.path("terminated"), ep.path("truncated"));

        LunarLanderEnv lander = (LunarLanderEnv) env.unwrapped();
        lander.setRandomDraws(draws);
        long seed = ep.path("reset_seed").asLong(0);
        float[] obs0 = env.reset(seed);

        ArrayNode observations = MAPPER.createArrayNode();
        ArrayNode rewards = MAPPER.createArrayNode();
        ArrayNode terminated = MAPPER.createArrayNode();
        ArrayNode truncated = MAPPER.createArrayNode();
        List<float[]> ours = new ArrayList<>();
        List<Double> ourRewards = new ArrayList<>();
        String replayedEnd = "open";
        for (int t = 0; t < actions.size(); t++) {
            JsonNode a = actions.get(t);
            StepResult r;
            if (lander.continuous()) {
                float[] act = new float[a.size()];
                for (int k = 0; k < act.length; k++) {
                    act[k] = (float) a.get(k).asDouble();
                }
                r = env.step(act);
            } else {
                r = env.step(a.asInt());
            }
            ours.add(r.observation());
            ourRewards.add(r.reward());
            observations.add(floats(r.observation()));
            rewards.add(r.reward());
            terminated.add(r.terminated());
            truncated.add(r.truncated());
            if (r.done()) {
                replayedEnd = (r.terminated() ? "terminated" : "truncated") + "@" + t;
                break;
            }
        }
        ep.set("initial_observation", floats(obs0));
        ep.set("observations", observations);
        ep.set("rewards", rewards);
        ep.set("terminated", terminated);
        ep.set("truncated", truncated);

        double initDiff = recInit == null ? Double.NaN : maxAbsDiff(obs0, recInit);
        Integer first5 = recInit != null && initDiff > 1e-5 ? Integer.valueOf(-1) : null;
        Integer first2 = recInit != null && initDiff > 1e-2 ? Integer.valueOf(-1) : null;
        double maxDiff = recInit == null ? 0 : initDiff;
        Integer firstReward = null;
        double maxRewardDiff = 0;
        int common = recObs == null ? 0 : Math.min(recObs.length, ours.size());
        for (int t = 0; t < common; t++) {
            double d = maxAbsDiff(ours.get(t), recObs[t]);
            maxDiff = Math.max(maxDiff, d);
            if (first5 == null && d > 1e-5) {
                first5 = t;
            }
            if (first2 == null && d > 1e-2) {
                first2 = t;
            }
            if (recRewards != null && t < recRewards.length) {
                double dr = Math.abs(ourRewards.get(t) - recRewards[t]);
                maxRewardDiff = Math.max(maxRewardDiff, dr);
                if (firstReward == null && dr > 1e-5) {
                    firstReward = t;
                }
            }
        }
        return new EpisodeReport(name, recObs == null ? 0 : recObs.length, ours.size(), initDiff, first5, first2, maxDiff,
                firstReward, maxRewardDiff, recordedEnd, replayedEnd);
    }

    private static String describeEnd(JsonNode terminated, JsonNode truncated) {
        if (!terminated.isArray() || terminated.isEmpty()) {
            return "none";
        }
        int last = terminated.size() - 1;
        if (terminated.get(last).asBoolean()) {
            return "terminated@" + last;
        }
        if (truncated.isArray() && truncated.size() > last && truncated.get(last).asBoolean()) {
            return "truncated@" + last;
        }
        return "open";
    }

    private static ArrayNode floats(float[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (float f : v) {
            a.add((double) f);
        }
        return a;
    }

    private static double[] readVector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static double[][] readMatrix(JsonNode n) {
        if (!n.isArray()) {
            return null;
        }
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = readVector(n.get(i));
        }
        return m;
    }

    private static double maxAbsDiff(float[] ours, double[] recorded) {
        if (ours.length != recorded.length) {
            return Double.POSITIVE_INFINITY;
        }
        double m = 0;
        for (int i = 0; i < ours.length; i++) {
            m = Math.max(m, Math.abs(ours[i] - recorded[i]));
        }
        return m;
    }
}
