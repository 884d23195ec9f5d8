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
 * healthy_reward 1. Healthy: every value of qpos[2:] and qvel strictly inside (-100, 100), the
 * height qpos[1] &gt; 0.7 and the pitch qpos[2] strictly inside (-0.2, 0.2). Terminates when not
 * healthy; truncated at 1000 steps by the registry.
 *
 * <h2>Start</h2>
 * init_qpos and init_qvel plus uniform noise in [-0.005, 0.005) per component (qpos drawn first).
 * Model file hopper.xml (RK4 integrator), frame_skip 4 (dt = 0.008 s).
 *
 * <p>Arguments: {@code frame_skip} (4), {@code forward_reward_weight} (1), {@code ctrl_cost_weight}
 * (1e-3), {@code healthy_reward} (1), {@code terminate_when_unhealthy} (true),
 * {@code reset_noise_scale} (5e-3).
 */
public final class HopperEnv extends PlanarRunnerEnv {
    public static final String ID = "Hopper-v5";
    static final Settings DEFAULTS = new Settings(4, 1.0, 1e-3, 1.0, true, 5e-3);
    static final double STATE_LIMIT = 100;
    static final double MIN_Z = 0.7;
    static final double ANGLE_LIMIT = 0.2;

    public HopperEnv() {
        this(DEFAULTS);
    }

    HopperEnv(Settings settings) {
        super(ID, "hopper.xml", 11, settings, false, true);
    }

    static HopperEnv fromArguments(Map<String, Object> args) {
        return new HopperEnv(DEFAULTS.withArguments(ID, args, true));
    }

    @Override
    protected boolean isHealthy() {
        for (int i = 2; i < qpos.length; i++) {
            if (!(-STATE_LIMIT < qpos[i] && qpos[i] < STATE_LIMIT)) {
                return false;
            }
        }
        for (double v : qvel) {
            if (!(-STATE_LIMIT < v && v < STATE_LIMIT)) {
                return false;
            }
        }
        double z = qpos[1];
        double angle = qpos[2];
        return MIN_Z < z && -ANGLE_LIMIT < angle && angle < ANGLE_LIMIT;
    }

    /** Side view (x right, z up) following the torso's x, as Gymnasium's tracking camera does. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.side(480, 160, 0, 1.0, sim.bodyId("torso"));
    }
}
