package lpdm.lab.report;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import lpdm.core.random.Rng;
import lpdm.core.random.Seeds;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;

/**
 * The mean episode return of the uniform random policy, the lower anchor of the score
 * normalisation used when a report pools several envs (as Atari's random-agent scores in Agarwal et
 * al. 2021). Deterministic: env seed 0 for the first reset, then the env's own generator; actions
 * from the generator {@code Seeds(0).rng("random-policy/" + env)}.
 */
final class RandomPolicy {
    /** Episodes averaged. */
    static final int EPISODES = 100;
    /** Cap on an episode's length, for envs registered without a time limit. */
    static final int MAX_EPISODE_STEPS = 100_000;

    private RandomPolicy() {
    }

    private static final Map<String, Double> CACHE = new ConcurrentHashMap<>();

    /** The mean return over {@code episodes} episodes of the env with its default arguments. */
    static double meanReturn(String envId, int episodes) {
        return meanReturn(envId, Map.of(), episodes);
    }

    /**
     * The mean return over {@code episodes} episodes of the env made with {@code arguments} (those
     * the runs' {@code env.*} settings give, e.g. MinAtar's {@code sticky_action_prob}); deterministic,
     * so computed once per env, arguments and count.
     */
    static double meanReturn(String envId, Map<String, Object> arguments, int episodes) {
        Map<String, Object> args = new TreeMap<>(arguments);
        return CACHE.computeIfAbsent(envId + args + "#" + episodes, k -> compute(envId, args, episodes));
    }

    private static double compute(String envId, Map<String, Object> arguments, int episodes) {
        Rng rng = new Seeds(0).rng("random-policy/" + envId);
        double total = 0;
        try (Env env = EnvRegistry.make(envId, arguments)) {
            for (int e = 0; e < episodes; e++) {
                if (e == 0) {
                    env.reset(0);
                } else {
                    env.reset();
                }
                double ret = 0;
                for (int t = 0; t < MAX_EPISODE_STEPS; t++) {
                    StepResult r = env.actionSpace() instanceof Discrete d ? env.step(d.sample(rng))
                            : env.step(((Box) env.actionSpace()).sample(rng));
                    ret += r.reward();
                    if (r.done()) {
                        break;
                    }
                }
                total += ret;
            }
        }
        return total / episodes;
    }
}
