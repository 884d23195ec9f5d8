package lpdm.envs;

import java.util.Map;

/**
 * What one {@code step} returns, in Gymnasium's order.
 *
 * @param observation the observation after the step (float32)
 * @param reward the reward of the step
 * @param terminated the MDP reached a terminal state
 * @param truncated a limit outside the MDP (e.g. the time limit) ended the episode
 * @param info extra facts about the step; never null
 */
public record StepResult(float[] observation, double reward, boolean terminated, boolean truncated,
                         Map<String, Object> info) {

    public StepResult(float[] observation, double reward, boolean terminated, boolean truncated) {
        this(observation, reward, terminated, truncated, Map.of());
    }

    /** True if the episode ended by either flag. */
    public boolean done() {
        return terminated || truncated;
    }

    public StepResult withTruncated(boolean newTruncated) {
        return new StepResult(observation, reward, terminated, newTruncated, info);
    }

    public StepResult withObservation(float[] newObservation) {
        return new StepResult(newObservation, reward, terminated, truncated, info);
    }

    public StepResult withReward(double newReward) {
        return new StepResult(observation, newReward, terminated, truncated, info);
    }

    public StepResult withInfo(Map<String, Object> newInfo) {
        return new StepResult(observation, reward, terminated, truncated, newInfo);
    }
}
