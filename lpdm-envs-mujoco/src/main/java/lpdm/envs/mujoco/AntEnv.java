package lpdm.envs.mujoco;

import java.util.Map;
import java.util.Set;
import lpdm.envs.StepResult;
import lpdm.envs.classic.EnvArguments;

/**
 * Ant-v5 (Gymnasium 1.3.0 {@code mujoco/ant_v5.py}) with its default arguments: a four-legged
 * ant (a torso with a free joint and four two-joint legs); walk forward (+x).
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-1, 1, (8,))}: hip and ankle torques of the four legs. Observation (105):
 * qpos[2:] (13: torso height, orientation quaternion, eight joint angles), qvel (14), then the
 * contact forces cfrc_ext of bodies 1..13 clipped to [-1, 1] (78 = 13 x 6, body by body).
 *
 * <h2>Reward, episode end</h2>
 * (x_velocity·forward_reward_weight + healthy_reward·[healthy]) - (ctrl_cost + contact_cost), where
 * x_velocity is the torso's (body 1's) xpos[0] change over dt, ctrl_cost =
 * 0.5·sum(action²) in float32 and contact_cost = 5e-4·sum(clip(cfrc_ext, -1, 1)²) over all 14
 * bodies (the world body included), both sums in NumPy's pairwise order. Healthy: every qpos and
 * qvel value finite and 0.2 &lt;= qpos[2] &lt;= 1.0 (inclusive, unlike Hopper's ranges). Terminates when
 * not healthy; truncated at 1000 steps by the registry (reward threshold 6000). xpos and
 * cfrc_ext are those mj_step and mj_rnePostConstraint left, as in Gymnasium; right after a reset
 * cfrc_ext is zero (mj_resetData clears it and mj_forward does not compute it).
 *
 * <h2>Start</h2>
 * qpos = init_qpos + uniform noise in [-0.1, 0.1), then qvel = init_qvel + 0.1·standard normal.
 * Model file ant.xml, frame_skip 5 (dt = 0.05 s).
 *
 * <p>Arguments: {@code frame_skip} (5), {@code forward_reward_weight} (1), {@code ctrl_cost_weight}
 * (0.5), {@code contact_cost_weight} (5e-4), {@code healthy_reward} (1),
 * {@code terminate_when_unhealthy} (true), {@code reset_noise_scale} (0.1).
 */
public final class AntEnv extends MujocoEnv {
    public static final String ID = "Ant-v5";
    static final double MIN_Z = 0.2;
    static final double MAX_Z = 1.0;
    static final double CONTACT_FORCE_LIMIT = 1.0;
    private static final int MAIN_BODY = 1;

    private final double forwardRewardWeight;
    private final float ctrlCostWeight;
    private final double contactCostWeight;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final double[] xpos;
    private final double[] cfrcExt;

    public AntEnv() {
        this(5, 1.0, 0.5, 5e-4, 1.0, true, 0.1);
    }

    public AntEnv(int frameSkip, double forwardRewardWeight, double ctrlCostWeight, double contactCostWeight, double healthyReward,
                  boolean terminateWhenUnhealthy, double resetNoiseScale) {
        super(ID, "ant.xml", frameSkip, 105, resetNoiseScale, true);
        this.forwardRewardWeight = forwardRewardWeight;
        this.ctrlCostWeight = (float) ctrlCostWeight;
        this.contactCostWeight = contactCostWeight;
        this.healthyReward = healthyReward;
        this.terminateWhenUnhealthy = terminateWhenUnhealthy;
        this.xpos = new double[sim.size(MujocoNative.XPOS)];
        this.cfrcExt = new double[sim.size(MujocoNative.CFRC_EXT)];
    }

    static AntEnv fromArguments(Map<String, Object> args) {
        EnvArguments.checkKnown(ID, args, Set.of("frame_skip", "forward_reward_weight", "ctrl_cost_weight", "contact_cost_weight",
                "healthy_reward", "terminate_when_unhealthy", "reset_noise_scale"));
        return new AntEnv(EnvArguments.positiveInt(ID, args, "frame_skip", 5),
                EnvArguments.number(ID, args, "forward_reward_weight", 1.0), EnvArguments.number(ID, args, "ctrl_cost_weight", 0.5),
                EnvArguments.number(ID, args, "contact_cost_weight", 5e-4), EnvArguments.number(ID, args, "healthy_reward", 1.0),
                EnvArguments.bool(ID, args, "terminate_when_unhealthy", true), EnvArguments.number(ID, args, "reset_noise_scale", 0.1));
    }

    /** cfrc_ext of every body, each value clipped to [-1, 1]. */
    private double[] clippedContactForces() {
        sim.get(MujocoNative.CFRC_EXT, cfrcExt);
        double[] clipped = new double[cfrcExt.length];
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.min(Math.max(cfrcExt[i], -CONTACT_FORCE_LIMIT), CONTACT_FORCE_LIMIT);
        }
        return clipped;
    }

    @Override
    protected float[] observation() {
        double[] contact = clippedContactForces();
        float[] obs = new float[105];
        int k = 0;
        for (int i = 2; i < qpos.length; i++) {
            obs[k++] = (float) qpos[i];
        }
        for (double v : qvel) {
            obs[k++] = (float) v;
        }
        for (int i = 6; i < contact.length; i++) {
            obs[k++] = (float) contact[i];
        }
        return obs;
    }

    boolean isHealthy() {
        for (double v : qpos) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        for (double v : qvel) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return MIN_Z <= qpos[2] && qpos[2] <= MAX_Z;
    }

    @Override
    public StepResult step(float[] action) {
        checkContinuous(action);
        checkCanStep();
        sim.get(MujocoNative.XPOS, xpos);
        double xBefore = xpos[3 * MAIN_BODY];
        double yBefore = xpos[3 * MAIN_BODY + 1];
        doSimulation(action);
        sim.get(MujocoNative.XPOS, xpos);
        double xVelocity = (xpos[3 * MAIN_BODY] - xBefore) / dt;
        double yVelocity = (xpos[3 * MAIN_BODY + 1] - yBefore) / dt;
        double forwardReward = xVelocity * forwardRewardWeight;
        boolean healthy = isHealthy();
        double survive = healthy ? healthyReward : 0;
        float ctrlCost = controlCost(ctrlCostWeight, action);
        double[] contact = clippedContactForces();
        for (int i = 0; i < contact.length; i++) {
            contact[i] = contact[i] * contact[i];
        }
        double contactCost = contactCostWeight * pairwiseSum(contact, false);
        double reward = (forwardReward + survive) - (ctrlCost + contactCost);
        boolean terminated = !healthy && terminateWhenUnhealthy;
        return finish(new StepResult(observation(), reward, terminated, false, Map.of("x_position", qpos[0], "y_position", qpos[1],
                "x_velocity", xVelocity, "y_velocity", yVelocity, "reward_forward", forwardReward, "reward_ctrl", -(double) ctrlCost,
                "reward_contact", -contactCost, "reward_survive", survive)));
    }

    /** Oblique view from the side (-y), raised 30 degrees and looking down, following the torso's x and y. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.oblique(480, 120, 30, 0.4, sim.bodyId("torso"));
    }
}
