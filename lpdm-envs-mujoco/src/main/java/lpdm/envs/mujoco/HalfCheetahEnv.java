package lpdm.envs.mujoco;

import java.util.Map;

/**
 * HalfCheetah-v5 (Gymnasium 1.3.0 {@code mujoco/half_cheetah_v5.py}): a planar two-legged cheetah
 * with six actuated joints; run forward.
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-1, 1, (6,))}: torques of bthigh, bshin, bfoot, fthigh, fshin, ffoot.
 * Observation (17): qpos[1:] (8: rootz, rooty, six joint angles) then qvel (9), not clipped.
 *
 * <h2>Reward, episode end</h2>
 * x_velocity - 0.1·sum(action²) (see {@link PlanarRunnerEnv}). Never terminates; truncated at 1000
 * steps by the registry.
 *
 * <h2>Start</h2>
 * qpos = init_qpos + uniform noise in [-0.1, 0.1), then qvel = init_qvel + 0.1·standard normal.
 * Model file half_cheetah.xml, frame_skip 5 (dt = 0.05 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (5),
 * {@code forward_reward_weight} (1), {@code ctrl_cost_weight} (0.1), {@code reset_noise_scale} (0.1),
 * {@code exclude_current_positions_from_observation} (true; false puts qpos[0] first: 18 values).
 */
public final class HalfCheetahEnv extends PlanarRunnerEnv {
    public static final String ID = "HalfCheetah-v5";
    /** Gymnasium 1.3.0's arguments of HalfCheetah-v5 that lpdm takes, with their defaults. */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 5, "forward_reward_weight", 1.0,
            "ctrl_cost_weight", 0.1, "reset_noise_scale", 0.1, "exclude_current_positions_from_observation", true);

    public HalfCheetahEnv() {
        this(Map.of());
    }

    /** HalfCheetah-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public HalfCheetahEnv(Map<String, Object> arguments) {
        super(ID, "half_cheetah.xml", 17, TaskArguments.read(ID, DEFAULTS, arguments), true, false);
    }

    @Override
    protected boolean isHealthy() {
        return true;
    }

    /** Side view (x right, z up) following the torso's x, as Gymnasium's tracking camera does. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.side(480, 160, 0, 0.5, sim.bodyId("torso"));
    }
}
