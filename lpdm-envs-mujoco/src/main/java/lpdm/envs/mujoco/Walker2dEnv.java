package lpdm.envs.mujoco;

import java.util.Map;

/**
 * Walker2d-v5 (Gymnasium 1.3.0 {@code mujoco/walker2d_v5.py}): a planar two-legged walker; walk
 * forward without falling.
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-1, 1, (6,))}: torques of the right and left thigh, leg and foot joints.
 * Observation (17): qpos[1:] (8) then qvel (9) clipped to [-10, 10].
 *
 * <h2>Reward, episode end</h2>
 * (x_velocity + healthy_reward·[healthy]) - 1e-3·sum(action²) (see {@link PlanarRunnerEnv}), with
 * healthy_reward 1. Healthy: the height qpos[1] strictly inside healthy_z_range (0.8, 2.0) and the
 * pitch qpos[2] strictly inside healthy_angle_range (-1, 1). Terminates when not healthy; truncated
 * at 1000 steps by the registry.
 *
 * <h2>Start</h2>
 * init_qpos and init_qvel plus uniform noise in [-0.005, 0.005) per component (qpos drawn first).
 * Model file walker2d_v5.xml (both feet with friction 1.9, unlike v4's), frame_skip 4
 * (dt = 0.008 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (4),
 * {@code forward_reward_weight} (1), {@code ctrl_cost_weight} (1e-3), {@code healthy_reward} (1),
 * {@code terminate_when_unhealthy} (true), {@code healthy_z_range} (0.8, 2.0),
 * {@code healthy_angle_range} (-1, 1), {@code reset_noise_scale} (5e-3),
 * {@code exclude_current_positions_from_observation} (true; false puts qpos[0] first: 18 values).
 */
public final class Walker2dEnv extends PlanarRunnerEnv {
    public static final String ID = "Walker2d-v5";
    /** Gymnasium 1.3.0's arguments of Walker2d-v5 that lpdm takes, with their defaults (ranges as [low, high]). */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 4, "forward_reward_weight", 1.0,
            "ctrl_cost_weight", 1e-3, "healthy_reward", 1.0, "terminate_when_unhealthy", true,
            "healthy_z_range", TaskArguments.range(0.8, 2.0), "healthy_angle_range", TaskArguments.range(-1.0, 1.0),
            "reset_noise_scale", 5e-3, "exclude_current_positions_from_observation", true);

    private final double[] zRange;
    private final double[] angleRange;

    public Walker2dEnv() {
        this(Map.of());
    }

    /** Walker2d-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public Walker2dEnv(Map<String, Object> arguments) {
        this(TaskArguments.read(ID, DEFAULTS, arguments));
    }

    private Walker2dEnv(TaskArguments args) {
        super(ID, "walker2d_v5.xml", 17, args, false, true);
        this.zRange = args.range("healthy_z_range");
        this.angleRange = args.range("healthy_angle_range");
    }

    @Override
    protected boolean isHealthy() {
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
