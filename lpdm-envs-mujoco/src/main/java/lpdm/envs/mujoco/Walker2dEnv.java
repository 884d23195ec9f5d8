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
 * healthy_reward 1. Healthy: the height qpos[1] strictly inside (0.8, 2.0) and the pitch qpos[2]
 * strictly inside (-1, 1). Terminates when not healthy; truncated at 1000 steps by the registry.
 *
 * <h2>Start</h2>
 * init_qpos and init_qvel plus uniform noise in [-0.005, 0.005) per component (qpos drawn first).
 * Model file walker2d_v5.xml (both feet with friction 1.9, unlike v4's), frame_skip 4
 * (dt = 0.008 s).
 *
 * <p>Arguments: {@code frame_skip} (4), {@code forward_reward_weight} (1), {@code ctrl_cost_weight}
 * (1e-3), {@code healthy_reward} (1), {@code terminate_when_unhealthy} (true),
 * {@code reset_noise_scale} (5e-3).
 */
public final class Walker2dEnv extends PlanarRunnerEnv {
    public static final String ID = "Walker2d-v5";
    static final Settings DEFAULTS = new Settings(4, 1.0, 1e-3, 1.0, true, 5e-3);
    static final double MIN_Z = 0.8;
    static final double MAX_Z = 2.0;
    static final double ANGLE_LIMIT = 1.0;

    public Walker2dEnv() {
        this(DEFAULTS);
    }

    Walker2dEnv(Settings settings) {
        super(ID, "walker2d_v5.xml", 17, settings, false, true);
    }

    static Walker2dEnv fromArguments(Map<String, Object> args) {
        return new Walker2dEnv(DEFAULTS.withArguments(ID, args, true));
    }

    @Override
    protected boolean isHealthy() {
        double z = qpos[1];
        double angle = qpos[2];
        return MIN_Z < z && z < MAX_Z && -ANGLE_LIMIT < angle && angle < ANGLE_LIMIT;
    }

    /** Side view (x right, z up) following the torso's x, as Gymnasium's tracking camera does. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.side(480, 160, 0, 1.0, sim.bodyId("torso"));
    }
}
