package lpdm.envs.mujoco;

import java.util.Map;

/**
 * InvertedDoublePendulum-v5 (Gymnasium 1.3.0 {@code mujoco/inverted_double_pendulum_v5.py}): a
 * cart with two poles hinged end to end; keep the tip of the upper pole high.
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-1, 1, (1,))}: the force on the cart. Observation (9): cart position qpos[0];
 * sin of the two hinge angles qpos[1], qpos[2]; their cosines; qvel (3 values) clipped to [-10, 10];
 * qfrc_constraint[0] (the constraint force on the cart's slider) clipped to [-10, 10].
 *
 * <h2>Reward, episode end</h2>
 * With (x, _, y) = site_xpos of site 0 (the pole tip; "y" is the height): reward =
 * healthy_reward·[not terminated] - (0.01·x² + (y - 2)²) - (1e-3·qvel[1]² + 5e-3·qvel[2]²).
 * Terminates when y &lt;= 1; truncated at 1000 steps by the registry. The site position is what
 * mj_step left, computed before the last integration step, as in Gymnasium.
 *
 * <h2>Start</h2>
 * qpos = init_qpos + uniform noise in [-0.1, 0.1), then qvel = init_qvel + 0.1·standard normal.
 * Model file inverted_double_pendulum.xml, frame_skip 5 (dt = 0.05 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (5),
 * {@code healthy_reward} (10), {@code reset_noise_scale} (0.1).
 */
public final class InvertedDoublePendulumEnv extends MujocoEnv {
    public static final String ID = "InvertedDoublePendulum-v5";

    private final double healthyReward;
    private final double[] siteXpos;
    private final double[] constraintForce;

    /** Gymnasium 1.3.0's arguments of InvertedDoublePendulum-v5 that lpdm takes, with their defaults. */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 5, "healthy_reward", 10.0, "reset_noise_scale", 0.1);

    public InvertedDoublePendulumEnv() {
        this(Map.of());
    }

    /** InvertedDoublePendulum-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public InvertedDoublePendulumEnv(Map<String, Object> arguments) {
        this(TaskArguments.read(ID, DEFAULTS, arguments));
    }

    private InvertedDoublePendulumEnv(TaskArguments args) {
        super(ID, "inverted_double_pendulum.xml", args.frameSkip(), 9, args.number("reset_noise_scale"), true);
        this.healthyReward = args.number("healthy_reward");
        this.siteXpos = new double[sim.size(MujocoNative.SITE_XPOS)];
        this.constraintForce = new double[sim.nv()];
    }

    @Override
    protected float[] observation() {
        sim.get(MujocoNative.QFRC_CONSTRAINT, constraintForce);
        return new float[] {(float) qpos[0], (float) Math.sin(qpos[1]), (float) Math.sin(qpos[2]), (float) Math.cos(qpos[1]),
            (float) Math.cos(qpos[2]), (float) clip(qvel[0]), (float) clip(qvel[1]), (float) clip(qvel[2]),
            (float) clip(constraintForce[0])};
    }

    static double clip(double v) {
        return Math.min(Math.max(v, -10), 10);
    }

    @Override
    Outcome outcome(float[] action, double[] before) {
        sim.get(MujocoNative.SITE_XPOS, siteXpos);
        double x = siteXpos[0];
        double y = siteXpos[2];
        boolean terminated = y <= 1;
        double distancePenalty = 0.01 * (x * x) + (y - 2) * (y - 2);
        double velocityPenalty = 1e-3 * (qvel[1] * qvel[1]) + 5e-3 * (qvel[2] * qvel[2]);
        double alive = terminated ? 0 : healthyReward;
        double reward = alive - distancePenalty - velocityPenalty;
        return new Outcome(reward, terminated,
                Map.of("reward_survive", alive, "distance_penalty", -distancePenalty, "velocity_penalty", -velocityPenalty));
    }

    /** Side view (x right, z up), fixed: the rail, the cart and both poles (the floor, 3 m below, is out of view). */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.side(480, 180, 0, 0.55, -1);
    }
}
