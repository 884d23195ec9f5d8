package lpdm.envs.mujoco;

import java.util.Map;

/**
 * Hopper-v5 (Gymnasium 1.3.0 {@code mujoco/hopper_v5.py}): a planar one-legged hopper (torso,
 * thigh, leg, foot); hop forward without falling.
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-1, 1, (3,))}: torques of the thigh, leg and foot joints. Observation (11):
 * qpos[1:] (5: rootz, rooty, three joint angles) then qvel (6) clipped to [-10, 10].
 *
 * <h2>Reward, episode end</h2>
 * (x_velocity + healthy_reward·[healthy]) - 1e-3·sum(action²) (see {@link PlanarRunnerEnv}), with
 * healthy_reward 1. Healthy: every value of qpos[2:] and qvel strictly inside healthy_state_range
 * (-100, 100), the height qpos[1] strictly inside healthy_z_range (0.7, inf) and the pitch qpos[2]
 * strictly inside healthy_angle_range (-0.2, 0.2). Terminates when not healthy; truncated at 1000
 * steps by the registry.
 *
 * <h2>Start</h2>
 * init_qpos and init_qvel plus uniform noise in [-0.005, 0.005) per component (qpos drawn first).
 * Model file hopper.xml (RK4 integrator), frame_skip 4 (dt = 0.008 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (4),
 * {@code forward_reward_weight} (1), {@code ctrl_cost_weight} (1e-3), {@code healthy_reward} (1),
 * {@code terminate_when_unhealthy} (true), {@code healthy_state_range} (-100, 100),
 * {@code healthy_z_range} (0.7, inf), {@code healthy_angle_range} (-0.2, 0.2),
 * {@code reset_noise_scale} (5e-3), {@code exclude_current_positions_from_observation} (true; false
 * puts qpos[0] first: 12 values).
 */
public final class HopperEnv extends PlanarRunnerEnv {
    public static final String ID = "Hopper-v5";
    /** Gymnasium 1.3.0's arguments of Hopper-v5 that lpdm takes, with their defaults (ranges as [low, high]). */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 4, "forward_reward_weight", 1.0,
            "ctrl_cost_weight", 1e-3, "healthy_reward", 1.0, "terminate_when_unhealthy", true,
            "healthy_state_range", TaskArguments.range(-100, 100), "healthy_z_range", TaskArguments.range(0.7, Double.POSITIVE_INFINITY),
            "healthy_angle_range", TaskArguments.range(-0.2, 0.2), "reset_noise_scale", 5e-3,
            "exclude_current_positions_from_observation", true);

    private final double[] stateRange;
    private final double[] zRange;
    private final double[] angleRange;

    public HopperEnv() {
        this(Map.of());
    }

    /** Hopper-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public HopperEnv(Map<String, Object> arguments) {
        this(TaskArguments.read(ID, DEFAULTS, arguments));
    }

    private HopperEnv(TaskArguments args) {
        super(ID, "hopper.xml", 11, args, false, true);
        this.stateRange = args.range("healthy_state_range");
        this.zRange = args.range("healthy_z_range");
        this.angleRange = args.range("healthy_angle_range");
    }

    @Override
    protected boolean isHealthy() {
        for (int i = 2; i < qpos.length; i++) {
            if (!(stateRange[0] < qpos[i] && qpos[i] < stateRange[1])) {
                return false;
            }
        }
        for (double v : qvel) {
            if (!(stateRange[0] < v && v < stateRange[1])) {
                return false;
            }
        }
        double z = qpos[1];
        double angle = qpos[2];
        return zRange[0] < z && z < zRange[1] && angleRange[0] < angle && angle < angleRange[1];
    }

    /** Side view (x right, z up) following the torso's x, as Gymnasium's tracking camera does. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.side(480, 160, 0, 1.0, sim.bodyId("torso"));
    }
}
