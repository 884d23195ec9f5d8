package lpdm.envs;

import java.util.Map;
import java.util.function.Function;

/**
 * A registry entry, as Gymnasium's {@code EnvSpec}: the id, how to build the bare env from
 * keyword arguments, the episode limit the registry applies with a {@link TimeLimit} wrapper and
 * the return at which the task counts as solved.
 *
 * @param id Gymnasium's id, unchanged (e.g. {@code CartPole-v1})
 * @param factory builds the unwrapped env from its arguments (may be empty)
 * @param maxEpisodeSteps episode limit, or 0 for none
 * @param rewardThreshold the return at which the task counts as solved, or NaN if none
 * @param defaultArguments the env's arguments when none are given
 */
public record EnvSpec(String id, Function<Map<String, Object>, Env> factory, int maxEpisodeSteps,
                      double rewardThreshold, Map<String, Object> defaultArguments) {

    /**
     * An entry whose env takes no arguments (an empty {@code defaultArguments}).
     *
     * @param id Gymnasium's id
     * @param factory builds the unwrapped env
     * @param maxEpisodeSteps episode limit, or 0 for none
     * @param rewardThreshold the return at which the task counts as solved, or NaN if none
     */
    public EnvSpec(String id, Function<Map<String, Object>, Env> factory, int maxEpisodeSteps, double rewardThreshold) {
        this(id, factory, maxEpisodeSteps, rewardThreshold, Map.of());
    }
}
