package lpdm.rl;

/**
 * Generalised advantage estimation, GAE(lambda) (Schulman et al. 2016, "High-Dimensional
 * Continuous Control Using Generalized Advantage Estimation"), over a rollout of
 * {@code numSteps} steps of {@code numEnvs} envs stored step-major: index {@code t * numEnvs + e}
 * is step t of env e (CleanRL's {@code [num_steps, num_envs]} layout).
 *
 * <p>For step t of one env, with V the critic's values of the stored observations:
 * <pre>
 *   terminated at t:            delta_t = r_t                      - V(s_t),   A_t = delta_t
 *   truncated (not terminated): delta_t = r_t + gamma V(final_t)   - V(s_t),   A_t = delta_t
 *   otherwise:                  delta_t = r_t + gamma V(s_{t+1})   - V(s_t),   A_t = delta_t + gamma lambda A_{t+1}
 * </pre>
 * where {@code final_t} is the final observation of the episode that a time limit cut at t (the
 * MDP did not end there, so its value is bootstrapped, as Stable-Baselines3 does; CleanRL treats
 * truncation as termination), and for the last stored step {@code s_{t+1}} is the observation the
 * next rollout starts from ({@code nextValues}) and {@code A_{t+1} = 0}. A step that both
 * terminated and was truncated counts as terminated. Returns (the value targets) are
 * {@code R_t = A_t + V(s_t)}, the lambda-return.
 */
public final class Gae {
    private Gae() {
    }

    /**
     * Computes advantages and returns, writing {@code advantages} and {@code returns} (both modified;
     * every other argument is read only).
     *
     * @param numSteps steps per env in the rollout
     * @param numEnvs number of envs
     * @param rewards r_t per index
     * @param values V(s_t) per index
     * @param terminated the episode reached a terminal state at step t
     * @param truncated a limit outside the MDP cut the episode at step t
     * @param finalValues V(final observation) per index, read only where {@code truncated && !terminated}
     * @param nextValues V of the observation after the last step, one per env
     * @param gamma discount factor
     * @param gaeLambda GAE lambda (1: Monte-Carlo returns bootstrapped at the rollout end; 0: one-step TD)
     * @param advantages output A_t per index
     * @param returns output R_t = A_t + V(s_t) per index
     */
    public static void compute(int numSteps, int numEnvs, float[] rewards, float[] values, boolean[] terminated,
                               boolean[] truncated, float[] finalValues, float[] nextValues, double gamma,
                               double gaeLambda, float[] advantages, float[] returns) {
        compute(numSteps, numEnvs, rewards, values, terminated, truncated, finalValues, nextValues, gamma, gaeLambda, advantages,
                returns, null);
    }

    /**
     * As {@link #compute(int, int, float[], float[], boolean[], boolean[], float[], float[], double, double, float[], float[])},
     * also writing the one-step TD errors delta_t into {@code deltas} when it is not null (the
     * {@code td} guidance signal of local rules).
     */
    public static void compute(int numSteps, int numEnvs, float[] rewards, float[] values, boolean[] terminated,
                               boolean[] truncated, float[] finalValues, float[] nextValues, double gamma,
                               double gaeLambda, float[] advantages, float[] returns, float[] deltas) {
        int n = numSteps * numEnvs;
        if (rewards.length < n || values.length < n || terminated.length < n || truncated.length < n
                || finalValues.length < n || advantages.length < n || returns.length < n || nextValues.length < numEnvs
                || deltas != null && deltas.length < n) {
            throw new IllegalArgumentException("GAE arrays shorter than numSteps * numEnvs = " + n);
        }
        for (int e = 0; e < numEnvs; e++) {
            double nextAdvantage = 0;
            double nextValue = nextValues[e];
            for (int t = numSteps - 1; t >= 0; t--) {
                int i = t * numEnvs + e;
                double delta;
                double advantage;
                if (terminated[i]) {
                    delta = rewards[i] - values[i];
                    advantage = delta;
                } else if (truncated[i]) {
                    delta = rewards[i] + gamma * finalValues[i] - values[i];
                    advantage = delta;
                } else {
                    delta = rewards[i] + gamma * nextValue - values[i];
                    advantage = delta + gamma * gaeLambda * nextAdvantage;
                }
                advantages[i] = (float) advantage;
                if (deltas != null) {
                    deltas[i] = (float) delta;
                }
                returns[i] = (float) (advantage + values[i]);
                nextAdvantage = advantage;
                nextValue = values[i];
            }
        }
    }
}
