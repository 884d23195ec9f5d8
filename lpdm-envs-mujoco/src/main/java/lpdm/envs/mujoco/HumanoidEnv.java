package lpdm.envs.mujoco;

import java.util.Map;

/**
 * Humanoid-v5 (Gymnasium 1.3.0 {@code mujoco/humanoid_v5.py}): a 3-D humanoid (torso with a free
 * joint, abdomen, two legs of thigh, shin and foot, two arms of upper and lower arm; 17 actuated
 * hinges, two fixed tendons from hip to knee); walk forward (+x) without falling.
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-0.4, 0.4, (17,))}: the motors' controls (gears 25 to 300). Observation (348),
 * part by part: qpos[2:] (22: torso height, orientation quaternion, 17 joint angles), qvel (23),
 * cinert of bodies 1..13 (130 = 13 x 10: each body's inertia and mass about the centre of mass of
 * its subtree), cvel of bodies 1..13 (78 = 13 x 6), qfrc_actuator[6:] (17: the actuator forces on
 * the hinges; the free joint's 6 are left out), cfrc_ext of bodies 1..13 (78 = 13 x 6), none
 * clipped. Each part after qvel can be left out with its {@code include_*_in_observation} argument.
 *
 * <h2>Reward, episode end</h2>
 * (forward_reward + healthy_reward·[healthy]) - (ctrl_cost + contact_cost), where forward_reward =
 * 1.25·x_velocity, x_velocity being the change of the x of the centre of mass (body masses times
 * xipos, summed body by body, divided by the total mass, as Gymnasium's {@code mass_center}) over
 * dt; healthy_reward 5; ctrl_cost = 0.1·sum(ctrl²) of the action written to ctrl (float64, unclipped);
 * contact_cost = 5e-7·sum(cfrc_ext²) over all 14 bodies, clipped to contact_cost_range (-inf, 10].
 * Healthy: 1 &lt; qpos[2] &lt; 2, strict (Gymnasium's documentation says closed; its code compares
 * strictly). Terminates when not healthy; truncated at 1000 steps by the registry; Gymnasium
 * registers no reward threshold. xipos, cinert, cvel, qfrc_actuator and cfrc_ext are those mj_step
 * and mj_rnePostConstraint left, as in Gymnasium; right after a reset cfrc_ext is zero.
 *
 * <h2>Start</h2>
 * qpos = init_qpos + uniform noise in [-0.01, 0.01), then qvel = init_qvel + uniform noise in
 * [-0.01, 0.01). Model file humanoid.xml (RK4, timestep 0.003 s), frame_skip 5 (dt = 0.015 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (5),
 * {@code forward_reward_weight} (1.25), {@code ctrl_cost_weight} (0.1), {@code contact_cost_weight}
 * (5e-7), {@code contact_cost_range} (-inf, 10), {@code healthy_reward} (5),
 * {@code terminate_when_unhealthy} (true), {@code healthy_z_range} (1, 2), {@code reset_noise_scale}
 * (1e-2), {@code exclude_current_positions_from_observation} (true; false puts qpos[0:2] first),
 * {@code include_cinert_in_observation}, {@code include_cvel_in_observation},
 * {@code include_qfrc_actuator_in_observation}, {@code include_cfrc_ext_in_observation} (all true).
 */
public final class HumanoidEnv extends MujocoEnv {
    public static final String ID = "Humanoid-v5";
    /** Gymnasium 1.3.0's arguments of Humanoid-v5 that lpdm takes, with their defaults (ranges as [low, high]). */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 5, "forward_reward_weight", 1.25,
            "ctrl_cost_weight", 0.1, "contact_cost_weight", 5e-7, "contact_cost_range", TaskArguments.range(Double.NEGATIVE_INFINITY, 10.0),
            "healthy_reward", 5.0, "terminate_when_unhealthy", true, "healthy_z_range", TaskArguments.range(1.0, 2.0),
            "reset_noise_scale", 1e-2, "exclude_current_positions_from_observation", true, "include_cinert_in_observation", true,
            "include_cvel_in_observation", true, "include_qfrc_actuator_in_observation", true, "include_cfrc_ext_in_observation", true);
    /** Bodies of humanoid.xml, the world body included. */
    private static final int BODIES = 14;
    private static final int NQ = 24;
    private static final int NV = 23;
    /** The free joint's degrees of freedom, left out of qfrc_actuator in the observation. */
    private static final int FREE_DOFS = 6;

    private final double forwardRewardWeight;
    private final double ctrlCostWeight;
    private final double contactCostWeight;
    private final double[] contactCostRange;
    private final double healthyReward;
    private final boolean terminateWhenUnhealthy;
    private final double[] zRange;
    private final boolean excludeCurrentPositions;
    private final boolean includeCinert;
    private final boolean includeCvel;
    private final boolean includeQfrcActuator;
    private final boolean includeCfrcExt;
    private final double[] bodyMass;
    private final double totalMass;
    private final double[] xipos;
    private final double[] ctrl;

    public HumanoidEnv() {
        this(Map.of());
    }

    /** Humanoid-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public HumanoidEnv(Map<String, Object> arguments) {
        this(TaskArguments.read(ID, DEFAULTS, arguments));
    }

    private HumanoidEnv(TaskArguments args) {
        super(ID, "humanoid.xml", args.frameSkip(), observationSize(args), args.number("reset_noise_scale"), false);
        this.forwardRewardWeight = args.number("forward_reward_weight");
        this.ctrlCostWeight = args.number("ctrl_cost_weight");
        this.contactCostWeight = args.number("contact_cost_weight");
        this.contactCostRange = args.range("contact_cost_range");
        this.healthyReward = args.number("healthy_reward");
        this.terminateWhenUnhealthy = args.bool("terminate_when_unhealthy");
        this.zRange = args.range("healthy_z_range");
        this.excludeCurrentPositions = args.bool("exclude_current_positions_from_observation");
        this.includeCinert = args.bool("include_cinert_in_observation");
        this.includeCvel = args.bool("include_cvel_in_observation");
        this.includeQfrcActuator = args.bool("include_qfrc_actuator_in_observation");
        this.includeCfrcExt = args.bool("include_cfrc_ext_in_observation");
        if (sim.nq() != NQ || sim.nv() != NV || sim.size(MujocoNative.XPOS) != 3 * BODIES) {
            throw new IllegalStateException(ID + ": humanoid.xml should have nq 24, nv 23 and 14 bodies");
        }
        this.bodyMass = sim.get(MujocoNative.BODY_MASS);
        this.totalMass = pairwiseSum(bodyMass, false);
        this.xipos = new double[3 * BODIES];
        this.ctrl = new double[sim.nu()];
    }

    private static int observationSize(TaskArguments args) {
        int bodies = BODIES - 1;
        return NQ - (args.bool("exclude_current_positions_from_observation") ? 2 : 0) + NV
                + (args.bool("include_cinert_in_observation") ? 10 * bodies : 0)
                + (args.bool("include_cvel_in_observation") ? 6 * bodies : 0)
                + (args.bool("include_qfrc_actuator_in_observation") ? NV - FREE_DOFS : 0)
                + (args.bool("include_cfrc_ext_in_observation") ? 6 * bodies : 0);
    }

    /**
     * The x and y of the centre of mass: Gymnasium's {@code mass_center}, {@code
     * np.einsum("b,bj->j", body_mass, xipos) / body_mass.sum()}. NumPy's einsum adds the products
     * body by body from 0 (checked against NumPy 2.4.6 on 20,000 random 14-body inputs); the
     * denominator is np.sum's pairwise order.
     */
    double[] massCentre() {
        sim.get(MujocoNative.XIPOS, xipos);
        double x = 0;
        double y = 0;
        for (int b = 0; b < BODIES; b++) {
            x += bodyMass[b] * xipos[3 * b];
            y += bodyMass[b] * xipos[3 * b + 1];
        }
        return new double[] {x / totalMass, y / totalMass};
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
        if (includeCinert) {
            k = appendFrom(obs, k, data(MujocoNative.CINERT), 10);
        }
        if (includeCvel) {
            k = appendFrom(obs, k, data(MujocoNative.CVEL), 6);
        }
        if (includeQfrcActuator) {
            k = appendFrom(obs, k, data(MujocoNative.QFRC_ACTUATOR), FREE_DOFS);
        }
        if (includeCfrcExt) {
            k = appendFrom(obs, k, data(MujocoNative.CFRC_EXT), 6);
        }
        return obs;
    }

    /** Appends {@code values[from:]} rounded to float32 at {@code k}; returns the next index. */
    private static int appendFrom(float[] obs, int k, double[] values, int from) {
        for (int i = from; i < values.length; i++) {
            obs[k++] = (float) values[i];
        }
        return k;
    }

    boolean isHealthy() {
        return zRange[0] < qpos[2] && qpos[2] < zRange[1];
    }

    /** The centre of mass's x and y, from xipos as the last mj_step or mj_forward left it. */
    @Override
    double[] progress() {
        return massCentre();
    }

    @Override
    Outcome outcome(float[] action, double[] before) {
        double[] after = massCentre();
        double xVelocity = (after[0] - before[0]) / dt;
        double yVelocity = (after[1] - before[1]) / dt;
        double forwardReward = forwardRewardWeight * xVelocity;
        boolean healthy = isHealthy();
        double survive = healthy ? healthyReward : 0;
        // Gymnasium charges data.ctrl: the action as written, in float64 (MuJoCo clamps a copy, not ctrl).
        sim.get(MujocoNative.CTRL, ctrl);
        double ctrlCost = ctrlCostWeight * squaredSum(ctrl);
        double contactCost = contactCostWeight * squaredSum(data(MujocoNative.CFRC_EXT));
        contactCost = Math.min(Math.max(contactCost, contactCostRange[0]), contactCostRange[1]);
        double reward = (forwardReward + survive) - (ctrlCost + contactCost);
        boolean terminated = !healthy && terminateWhenUnhealthy;
        return new Outcome(reward, terminated, Map.of("x_position", qpos[0], "y_position", qpos[1], "x_velocity", xVelocity,
                "y_velocity", yVelocity, "reward_survive", survive, "reward_forward", forwardReward, "reward_ctrl", -ctrlCost,
                "reward_contact", -contactCost));
    }

    /** {@code np.sum(np.square(values))} in float64, NumPy's pairwise order. */
    private static double squaredSum(double[] values) {
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            squares[i] = values[i] * values[i];
        }
        return pairwiseSum(squares, false);
    }

    /** Oblique view from the side (-y), raised 20 degrees (Gymnasium's camera elevation) and following the torso. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.oblique(480, 140, 20, 1.0, sim.bodyId("torso"));
    }
}
