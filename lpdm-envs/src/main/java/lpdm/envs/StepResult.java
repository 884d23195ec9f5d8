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

    /**
     * A step result without extra facts (an empty {@code info}).
     *
     * @param observation the observation after the step
     * @param reward the reward of the step
     * @param terminated the MDP reached a terminal state
     * @param truncated a limit outside the MDP ended the episode
     */
    public StepResult(float[] observation, double reward, boolean terminated, boolean truncated) {
        this(observation, reward, terminated, truncated, Map.of());
    }

    /**
     * Whether the episode ended.
     *
     * @return true if it ended by either flag
     */
    public boolean done() {
        return terminated || truncated;
    }

    /**
     * This result with another {@code truncated} flag (what a time limit does).
     *
     * @param newTruncated the flag
     * @return a new result
     */
    public StepResult withTruncated(boolean newTruncated) {
        return new StepResult(observation, reward, terminated, newTruncated, info);
    }

    /**
     * This result with another observation (what an observation wrapper does).
     *
     * @param newObservation the observation
     * @return a new result
     */
    public StepResult withObservation(float[] newObservation) {
        return new StepResult(newObservation, reward, terminated, truncated, info);
    }

    /**
     * This result with another reward (what a reward wrapper does).
     *
     * @param newReward the reward
     * @return a new result
     */
    public StepResult withReward(double newReward) {
        return new StepResult(observation, newReward, terminated, truncated, info);
    }

    /**
     * This result with other extra facts.
     *
     * @param newInfo the facts; not null
     * @return a new result
     */
    public StepResult withInfo(Map<String, Object> newInfo) {
        return new StepResult(observation, reward, terminated, truncated, newInfo);
    }
}
