package lpdm.envs.mujoco;

import java.util.Map;

/**
 * Reacher-v5 (Gymnasium 1.3.0 {@code mujoco/reacher_v5.py}): a two-joint arm in the plane; move its
 * fingertip to a random target.
 *
 * <h2>Spaces</h2>
 * Action {@code Box(-1, 1, (2,))}: torques of joint0 and joint1. Observation (10): cos and sin of
 * the two joint angles (cos θ0, cos θ1, sin θ0, sin θ1); the target's position qpos[2:4]; the joint
 * velocities qvel[0:2]; (fingertip - target)[0:2] of the bodies' positions (xpos).
 *
 * <h2>Reward, episode end</h2>
 * -|fingertip - target|·reward_dist_weight (the 3-D distance of the two bodies' xpos) plus
 * -sum(action²)·reward_control_weight in float32 as NumPy 2 computes it. Never terminates;
 * truncated at 50 steps by the registry (reward threshold -3.75). The body positions are those
 * that mj_step left (computed before the last integration step), as in Gymnasium.
 *
 * <h2>Start</h2>
 * qpos = init_qpos plus uniform noise in [-0.1, 0.1) on all four values; then a goal drawn uniformly
 * in [-0.2, 0.2)² until its norm is below 0.2 replaces qpos[2:4]; qvel = init_qvel plus uniform
 * noise in [-0.005, 0.005), with the target's two velocities then set to 0. Model file reacher.xml,
 * frame_skip 2 (dt = 0.02 s).
 *
 * <p>Arguments ({@link #DEFAULTS}, Gymnasium's names and defaults): {@code frame_skip} (2),
 * {@code reward_dist_weight} (1), {@code reward_control_weight} (1). The reset noise scales (0.1 and
 * 0.005) are fixed in Gymnasium's Reacher-v5, not arguments.
 */
public final class ReacherEnv extends MujocoEnv {
    public static final String ID = "Reacher-v5";

    private final double distWeight;
    private final float controlWeight;
    private final int fingertip;
    private final int target;
    private final double[] xpos;

    /** Gymnasium 1.3.0's arguments of Reacher-v5 that lpdm takes, with their defaults. */
    static final Map<String, Object> DEFAULTS = TaskArguments.defaults("frame_skip", 2, "reward_dist_weight", 1.0,
            "reward_control_weight", 1.0);

    public ReacherEnv() {
        this(Map.of());
    }

    /** Reacher-v5 with {@code arguments} (Gymnasium's names; the others at their defaults). */
    public ReacherEnv(Map<String, Object> arguments) {
        this(TaskArguments.read(ID, DEFAULTS, arguments));
    }

    private ReacherEnv(TaskArguments args) {
        super(ID, "reacher.xml", args.frameSkip(), 10, 0.1, false);
        this.distWeight = args.number("reward_dist_weight");
        this.controlWeight = (float) args.number("reward_control_weight");
        this.fingertip = sim.bodyId("fingertip");
        this.target = sim.bodyId("target");
        this.xpos = new double[sim.size(MujocoNative.XPOS)];
    }

    @Override
    protected void resetModel() {
        double[] q = plusUniformNoise(initQpos, 0.1);
        double goalX;
        double goalY;
        do {
            goalX = rng.uniform(-0.2, 0.2);
            goalY = rng.uniform(-0.2, 0.2);
        } while (!(Math.sqrt(goalX * goalX + goalY * goalY) < 0.2));
        q[2] = goalX;
        q[3] = goalY;
        double[] v = plusUniformNoise(initQvel, 0.005);
        v[2] = 0;
        v[3] = 0;
        setQposQvel(q, v);
    }

    /** fingertip - target (x, y, z) from the current body positions. */
    private double[] fingertipMinusTarget() {
        sim.get(MujocoNative.XPOS, xpos);
        return new double[] {xpos[3 * fingertip] - xpos[3 * target], xpos[3 * fingertip + 1] - xpos[3 * target + 1],
            xpos[3 * fingertip + 2] - xpos[3 * target + 2]};
    }

    @Override
    protected float[] observation() {
        double[] d = fingertipMinusTarget();
        return new float[] {(float) Math.cos(qpos[0]), (float) Math.cos(qpos[1]), (float) Math.sin(qpos[0]), (float) Math.sin(qpos[1]),
            (float) qpos[2], (float) qpos[3], (float) qvel[0], (float) qvel[1], (float) d[0], (float) d[1]};
    }

    @Override
    Outcome outcome(float[] action, double[] before) {
        double[] d = fingertipMinusTarget();
        double rewardDist = -Math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) * distWeight;
        float rewardCtrl = -sumOfSquares(action) * controlWeight;
        double reward = rewardDist + rewardCtrl;
        return new Outcome(reward, false, Map.of("reward_dist", rewardDist, "reward_ctrl", (double) rewardCtrl));
    }

    /** Top view (x right, y up), fixed: the arena, the two-link arm, the fingertip and the target. */
    @Override
    MujocoPicture camera() {
        return MujocoPicture.top(480, 600, 0, 0);
    }
}
