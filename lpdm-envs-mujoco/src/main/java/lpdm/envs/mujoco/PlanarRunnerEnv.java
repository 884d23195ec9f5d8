package lpdm.envs.mujoco;

import java.util.Map;

/**
 * What HalfCheetah-v5, Hopper-v5 and Walker2d-v5 share (Gymnasium 1.3.0): a planar body whose
 * root joints are rootx (qpos[0], forward), rootz (qpos[1], height) and rooty (qpos[2], pitch).
 *
 * <ul>
 *   <li>Observation: qpos[1:] (the forward position is left out; all of qpos with
 *       {@code exclude_current_positions_from_observation} false) then qvel, clipped to [-10, 10]
 *       when the task clips it.</li>
 *   <li>Reward: (forward_reward_weight·x_velocity + healthy_reward·[healthy]) - ctrl_cost, where
 *       x_velocity = (qpos[0] after - qpos[0] before) / dt and ctrl_cost =
 *       ctrl_cost_weight·sum(action²) in float32 (NumPy 2 keeps float32 there), of the action as
 *       given (not clipped).</li>
 *   <li>Terminates when the task's health check fails (never for HalfCheetah).</li>
 * </ul>
 */
abstract class PlanarRunnerEnv extends MujocoEnv {
    private final double forwardRewardWeight;
    private final float ctrlCostWeight;
    /** {@code healthy_reward} (0 for HalfCheetah, which has no health check). */
    private final double healthyReward;
    /** {@code terminate_when_unhealthy} (false for HalfCheetah). */
    private final boolean terminateWhenUnhealthy;
    private final boolean excludeCurrentPositions;
    private final boolean clipVelocity;

    /**
     * @param observationSize nq - 1 + nv of the model (the size with the x position excluded)
     * @param args the task's arguments: {@code frame_skip}, {@code forward_reward_weight},
     *     {@code ctrl_cost_weight}, {@code reset_noise_scale},
     *     {@code exclude_current_positions_from_observation}, and {@code healthy_reward} and
     *     {@code terminate_when_unhealthy} if the task declares them
     * @param normalVelocityNoise whether qvel's reset noise is normal (else uniform)
     * @param clipVelocity whether the observation clips qvel to [-10, 10]
     */
    PlanarRunnerEnv(String id, String modelFile, int observationSize, TaskArguments args, boolean normalVelocityNoise,
                    boolean clipVelocity) {
        super(id, modelFile, args.frameSkip(), observationSize + (args.bool("exclude_current_positions_from_observation") ? 0 : 1),
                args.number("reset_noise_scale"), normalVelocityNoise);
        this.forwardRewardWeight = args.number("forward_reward_weight");
        this.ctrlCostWeight = (float) args.number("ctrl_cost_weight");
        this.healthyReward = args.declares("healthy_reward") ? args.number("healthy_reward") : 0.0;
        this.terminateWhenUnhealthy = args.declares("terminate_when_unhealthy") && args.bool("terminate_when_unhealthy");
        this.excludeCurrentPositions = args.bool("exclude_current_positions_from_observation");
        this.clipVelocity = clipVelocity;
    }

    /** Whether the current state is healthy (always true for tasks without a health check). */
    protected abstract boolean isHealthy();

    @Override
    protected final float[] observation() {
        int skipped = excludeCurrentPositions ? 1 : 0;
        float[] obs = new float[qpos.length - skipped + qvel.length];
        for (int i = skipped; i < qpos.length; i++) {
            obs[i - skipped] = (float) qpos[i];
        }
        for (int i = 0; i < qvel.length; i++) {
            double v = clipVelocity ? Math.min(Math.max(qvel[i], -10), 10) : qvel[i];
            obs[qpos.length - skipped + i] = (float) v;
        }
        return obs;
    }

    @Override
    final double[] progress() {
        return new double[] {qpos[0]};
    }

    @Override
    final Outcome outcome(float[] action, double[] before) {
        double xBefore = before[0];
        double xAfter = qpos[0];
        double xVelocity = (xAfter - xBefore) / dt;
        double forwardReward = forwardRewardWeight * xVelocity;
        boolean healthy = isHealthy();
        double survive = healthy ? healthyReward : 0;
        float ctrlCost = controlCost(ctrlCostWeight, action);
        double reward = (forwardReward + survive) - ctrlCost;
        boolean terminated = !healthy && terminateWhenUnhealthy;
        return new Outcome(reward, terminated, Map.of("x_position", xAfter, "x_velocity", xVelocity, "reward_forward", forwardReward,
                "reward_ctrl", -(double) ctrlCost, "reward_survive", survive));
    }
}
