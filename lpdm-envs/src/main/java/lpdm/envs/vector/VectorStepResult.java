package lpdm.envs.vector;

import java.util.List;
import java.util.Map;

/**
 * What one {@link SyncVectorEnv#step} returns, one entry per sub-env, with the
 * {@link SyncVectorEnv.AutoresetMode#SAME_STEP SAME_STEP} autoreset convention: for a sub-env whose
 * episode ended in this step, {@code rewards}, {@code terminated} and {@code truncated} are those of
 * the final step, {@code observations[i]} is already the first observation of the next episode and
 * the final step's observation and info are in {@code finalObservations[i]} and
 * {@code finalInfos.get(i)}.
 *
 * @param observations per sub-env: the observation after the step, or after the autoreset
 * @param rewards per sub-env: the step's reward
 * @param terminated per sub-env: the step reached a terminal state
 * @param truncated per sub-env: a limit outside the MDP cut the episode
 * @param finalObservations per sub-env: the last observation of the episode that ended, null where
 *     the episode goes on
 * @param infos per sub-env: the step's info, or the reset's (empty) info after an autoreset
 * @param finalInfos per sub-env: the final step's info, null where the episode goes on
 */
public record VectorStepResult(float[][] observations, double[] rewards, boolean[] terminated, boolean[] truncated,
                               float[][] finalObservations, List<Map<String, Object>> infos,
                               List<Map<String, Object>> finalInfos) {

    public int numEnvs() {
        return rewards.length;
    }

    /** True if sub-env {@code i}'s episode ended in this step (and it was reset). */
    public boolean done(int i) {
        return terminated[i] || truncated[i];
    }
}
