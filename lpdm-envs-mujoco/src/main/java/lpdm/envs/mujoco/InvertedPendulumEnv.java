package lpdm.envs.mujoco;

import java.util.Map;

/**
 * InvertedPendulum-v5 (Gymnasium 1.3.0 {@code mujoco/inverted_pendulum_v5.py}): a cart on a rail
 * with a hinged pole; push the cart to keep the pole upright.
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-3, 3, (1,))}: the force on the cart. Observation (4): qpos (cart position,
 * pole angle) then qvel (their velocities).
 *
 * <h2>Reward, episode end</h2>
 * Reward 1 per step while the pole stands, 0 on the step that ends the episode. Terminates when
 * |pole angle| &gt; 0.2 rad or an observation value is not finite; truncated at 1000 steps by the
 * registry.
 *
 * <h2>Start</h2>
 * init_qpos and init_qvel plus uniform noise in [-0.01, 0.01) per component (qpos drawn first).
 * Model file inverted_pendulum.xml, frame_skip 2 (dt = 0.04 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (2),
 * {@code reset_noise_scale} (0.01).
 */
public final class InvertedPendulumEnv extends MujocoEnv {
    public static final String ID = "InvertedPendulum-v5";
    static final double MAX_ANGLE = 0.2;

    /** Gymnasium 1.3.0's arguments of InvertedPendulum-v5 that lpdm takes, with their defaults. */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 2, "reset_noise_scale", 0.01);

    public InvertedPendulumEnv() {
        this(Map.of());
    }

    /** InvertedPendulum-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public InvertedPendulumEnv(Map<String, Object> arguments) {
        this(TaskArguments.read(ID, DEFAULTS, arguments));
    }

    private InvertedPendulumEnv(TaskArguments args) {
        super(ID, "inverted_pendulum.xml", args.frameSkip(), 4, args.number("reset_noise_scale"), false);
    }

    @Override
    protected float[] observation() {
        return new float[] {(float) qpos[0], (float) qpos[1], (float) qvel[0], (float) qvel[1]};
    }

    @Override
    Outcome outcome(float[] action, double[] before) {
        boolean finite = Double.isFinite(qpos[0]) && Double.isFinite(qpos[1]) && Double.isFinite(qvel[0]) && Double.isFinite(qvel[1]);
        boolean terminated = !finite || Math.abs(qpos[1]) > MAX_ANGLE;
        double reward = terminated ? 0 : 1;
        return new Outcome(reward, terminated, Map.of("reward_survive", reward));
    }

    /** Side view (x right, z up), fixed: the rail, the cart and the pole. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.side(480, 200, 0, 0.25, -1);
    }
}
