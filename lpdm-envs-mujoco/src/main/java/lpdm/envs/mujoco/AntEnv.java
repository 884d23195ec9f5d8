package lpdm.envs.mujoco;

import java.util.Map;

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
 * not healthy; truncated at 1000 steps by the registry (reward threshold 6000). The clipping range
 * [-1, 1] of the contact forces (observation and cost) is contact_force_range, the height range
 * healthy_z_range. xpos and
 * cfrc_ext are those mj_step and mj_rnePostConstraint left, as in Gymnasium; right after a reset
 * cfrc_ext is zero (mj_resetData clears it and mj_forward does not compute it).
 *
 * <h2>Start</h2>
 * qpos = init_qpos + uniform noise in [-0.1, 0.1), then qvel = init_qvel + 0.1·standard normal.
 * Model file ant.xml, frame_skip 5 (dt = 0.05 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (5),
 * {@code forward_reward_weight} (1), {@code ctrl_cost_weight} (0.5), {@code contact_cost_weight}
 * (5e-4), {@code healthy_reward} (1), {@code terminate_when_unhealthy} (true),
 * {@code healthy_z_range} (0.2, 1.0), {@code contact_force_range} (-1, 1), {@code reset_noise_scale}
 * (0.1), {@code exclude_current_positions_from_observation} (true; false puts qpos[0:2] first),
 * {@code include_cfrc_ext_in_observation} (true; false leaves out the 78 contact forces). Not taken:
 * {@code main_body} (the torso, body 1, is the main body) and {@code xml_file}.
 */
public final class AntEnv extends MujocoEnv {
    public static final String ID = "Ant-v5";
    /** Gymnasium 1.3.0's arguments of Ant-v5 that lpdm takes, with their defaults (ranges as [low, high]). */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 5, "forward_reward_weight", 1.0,
            "ctrl_cost_weight", 0.5, "contact_cost_weight", 5e-4, "healthy_reward", 1.0, "terminate_when_unhealthy", true,
            "healthy_z_range", TaskArguments.range(0.2, 1.0), "contact_force_range", TaskArguments.range(-1.0, 1.0),
            "reset_noise_scale", 0.1, "exclude_current_positions_from_observation", true, "include_cfrc_ext_in_observation", true);
    private static final int MAIN_BODY = 1;
    /** qpos 15 - 2 + qvel 14 + cfrc_ext of bodies 1..13 (78): the default observation size. */
    private static final int OBSERVATION_SIZE = 105;
    private static final int CONTACT_VALUES = 78;

    private final double forwardRewardWeight;
    private final float ctrlCostWeight;
    private final double contactCostWeight;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final double[] zRange;
    private final double[] contactForceRange;
    private final boolean excludeCurrentPositions;
    private final boolean includeContactForces;
    private final double[] xpos;
    private final double[] cfrcExt;

    public AntEnv() {
        this(Map.of());
    }

    /** Ant-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public AntEnv(Map<String, Object> arguments) {
        this(TaskArguments.read(ID, DEFAULTS, arguments));
    }

    private AntEnv(TaskArguments args) {
        super(ID, "ant.xml", args.frameSkip(), OBSERVATION_SIZE + (args.bool("exclude_current_positions_from_observation") ? 0 : 2)
                - (args.bool("include_cfrc_ext_in_observation") ? 0 : CONTACT_VALUES), args.number("reset_noise_scale"), true);
        this.forwardRewardWeight = args.number("forward_reward_weight");
        this.ctrlCostWeight = (float) args.number("ctrl_cost_weight");
        this.contactCostWeight = args.number("contact_cost_weight");
        this.healthyReward = args.number("healthy_reward");
        this.terminateWhenUnhealthy = args.bool("terminate_when_unhealthy");
        this.zRange = args.range("healthy_z_range");
        this.contactForceRange = args.range("contact_force_range");
        this.excludeCurrentPositions = args.bool("exclude_current_positions_from_observation");
        this.includeContactForces = args.bool("include_cfrc_ext_in_observation");
        this.xpos = new double[sim.size(MujocoNative.XPOS)];
        this.cfrcExt = new double[sim.size(MujocoNative.CFRC_EXT)];
    }

    /** cfrc_ext of every body, each value clipped to contact_force_range. */
    private double[] clippedContactForces() {
        sim.get(MujocoNative.CFRC_EXT, cfrcExt);
        double[] clipped = new double[cfrcExt.length];
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.min(Math.max(cfrcExt[i], contactForceRange[0]), contactForceRange[1]);
        }
        return clipped;
    }

    @Override
    protected float[] observation() {
        float[] obs = new float[observationSpace().flatSize()];
        int k = 0;
        for (int i = excludeCurrentPositions ? 2 : 0; i < qpos.length; i++) {
            obs[k++] = (float) qpos[i];
        }
        for (double v : qvel) {
            obs[k++] = (float) v;
        }
        if (includeContactForces) {
            double[] contact = clippedContactForces();
            for (int i = 6; i < contact.length; i++) {
                obs[k++] = (float) contact[i];
            }
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
        return zRange[0] <= qpos[2] && qpos[2] <= zRange[1];
    }

    /** The torso's x and y (xpos of the main body), as the last mj_step or mj_forward left them. */
    @Override
    double[] progress() {
        sim.get(MujocoNative.XPOS, xpos);
        return new double[] {xpos[3 * MAIN_BODY], xpos[3 * MAIN_BODY + 1]};
    }

    @Override
    Outcome outcome(float[] action, double[] before) {
        double xBefore = before[0];
        double yBefore = before[1];
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
        return new Outcome(reward, terminated, Map.of("x_position", qpos[0], "y_position", qpos[1], "x_velocity", xVelocity,
                "y_velocity", yVelocity, "reward_forward", forwardReward, "reward_ctrl", -(double) ctrlCost, "reward_contact", -contactCost,
                "reward_survive", survive));
    }

    /** Oblique view from the side (-y), raised 30 degrees and looking down, following the torso's x and y. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.oblique(480, 120, 30, 0.4, sim.bodyId("torso"));
    }
}
