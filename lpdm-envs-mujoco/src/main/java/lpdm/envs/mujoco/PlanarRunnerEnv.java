package lpdm.envs.mujoco;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import lpdm.envs.StepResult;
import lpdm.envs.classic.EnvArguments;

/**
 * What HalfCheetah-v5, Hopper-v5 and Walker2d-v5 share (Gymnasium 1.3.0): a planar body whose
 * root joints are rootx (qpos[0], forward), rootz (qpos[1], height) and rooty (qpos[2], pitch).
 *
 * <ul>
 *   <li>Observation: qpos[1:] (the forward position is left out) then qvel, clipped to [-10, 10]
 *       when the task clips it.</li>
 *   <li>Reward: (forward_reward_weight·x_velocity + healthy_reward·[healthy]) - ctrl_cost, where
 *       x_velocity = (qpos[0] after - qpos[0] before) / dt and ctrl_cost =
 *       ctrl_cost_weight·sum(action²) in float32 (NumPy 2 keeps float32 there), of the action as
 *       given (not clipped).</li>
 *   <li>Terminates when the task's health check fails (never for HalfCheetah).</li>
 * </ul>
 */
abstract class PlanarRunnerEnv extends MujocoEnv {
    /**
     * The arguments these tasks share, with Gymnasium's names.
     *
     * @param frameSkip {@code frame_skip}
     * @param forwardRewardWeight {@code forward_reward_weight}
     * @param ctrlCostWeight {@code ctrl_cost_weight}
     * @param healthyReward {@code healthy_reward} (0 for HalfCheetah)
     * @param terminateWhenUnhealthy {@code terminate_when_unhealthy} (false for HalfCheetah)
     * @param resetNoiseScale {@code reset_noise_scale}
     */
    record Settings(int frameSkip, double forwardRewardWeight, double ctrlCostWeight, double healthyReward,
                    boolean terminateWhenUnhealthy, double resetNoiseScale) {

        /** These settings overridden by the registry arguments; the health arguments only if {@code withHealth}. */
        Settings withArguments(String id, Map<String, Object> args, boolean withHealth) {
            Set<String> known = new HashSet<>(Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight", "reset_noise_scale"));
            if (withHealth) {
                known.addAll(Set.of("healthy_reward", "terminate_when_unhealthy"));
            }
            EnvArguments.checkKnown(id, args, known);
            return new Settings(EnvArguments.positiveInt(id, args, "frame_skip", frameSkip),
                    EnvArguments.number(id, args, "forward_reward_weight", forwardRewardWeight),
                    EnvArguments.number(id, args, "ctrl_cost_weight", ctrlCostWeight),
                    EnvArguments.number(id, args, "healthy_reward", healthyReward),
                    EnvArguments.bool(id, args, "terminate_when_unhealthy", terminateWhenUnhealthy),
                    EnvArguments.number(id, args, "reset_noise_scale", resetNoiseScale));
        }
    }

    private final Settings settings;
    private final float ctrlCostWeight;
    private final boolean clipVelocity;

    /**
     * @param observationSize nq - 1 + nv of the model
     * @param normalVelocityNoise whether qvel's reset noise is normal (else uniform)
     * @param clipVelocity whether the observation clips qvel to [-10, 10]
     */
    PlanarRunnerEnv(String id, String modelFile, int observationSize, Settings settings, boolean normalVelocityNoise,
                    boolean clipVelocity) {
        super(id, modelFile, settings.frameSkip(), observationSize, settings.resetNoiseScale(), normalVelocityNoise);
        this.settings = settings;
        this.ctrlCostWeight = (float) settings.ctrlCostWeight();
        this.clipVelocity = clipVelocity;
    }

    /** Whether the current state is healthy (always true for tasks without a health check). */
    protected abstract boolean isHealthy();

    @Override
    protected final float[] observation() {
        float[] obs = new float[qpos.length - 1 + qvel.length];
        for (int i = 1; i < qpos.length; i++) {
            obs[i - 1] = (float) qpos[i];
        }
        for (int i = 0; i < qvel.length; i++) {
            double v = clipVelocity ? Math.min(Math.max(qvel[i], -10), 10) : qvel[i];
            obs[qpos.length - 1 + i] = (float) v;
        }
        return obs;
    }

    @Override
    public final StepResult step(float[] action) {
        checkContinuous(action);
        checkCanStep();
        double xBefore = qpos[0];
        doSimulation(action);
        double xAfter = qpos[0];
        double xVelocity = (xAfter - xBefore) / dt;
        double forwardReward = settings.forwardRewardWeight() * xVelocity;
        boolean healthy = isHealthy();
        double survive = healthy ? settings.healthyReward() : 0;
        float ctrlCost = controlCost(ctrlCostWeight, action);
        double reward = (forwardReward + survive) - ctrlCost;
        boolean terminated = !healthy && settings.terminateWhenUnhealthy();
        return finish(new StepResult(observation(), reward, terminated, false, Map.of("x_position", xAfter, "x_velocity",
                xVelocity, "reward_forward", forwardReward, "reward_ctrl", -(double) ctrlCost, "reward_survive", survive)));
    }
}
