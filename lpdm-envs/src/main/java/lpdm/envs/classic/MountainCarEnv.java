package lpdm.envs.classic;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.StepResult;

/**
 * MountainCar-v0, a port of Gymnasium 1.x {@code classic_control/mountain_car.py} (Moore, 1990):
 * an under-powered car sits in a sinusoidal valley and must rock back and forth to build up
 * enough momentum to reach the flag on top of the right hill.
 *
 * <h2>Action space</h2>
 * {@code Discrete(3)}: 0 accelerates left, 1 does nothing, 2 accelerates right (force 0.001).
 *
 * <h2>Observation space</h2>
 * {@code Box(2)} float32: position in [-1.2, 0.6] and velocity in [-0.07, 0.07].
 *
 * <h2>Rewards</h2>
 * -1 for every step, including the one that reaches the goal.
 *
 * <h2>Starting state</h2>
 * Position uniform in [-0.6, -0.4], velocity 0.
 *
 * <h2>Episode end</h2>
 * Terminated when position >= 0.5 and velocity >= {@code goal_velocity} after a step. Truncated at
 * 200 steps by the registry's time limit.
 *
 * <h2>Arguments</h2>
 * {@code goal_velocity} (default 0): the smallest velocity that counts at the goal.
 * Dynamics, in this order: v += (a - 1)·0.001 - 0.0025·cos(3x); v clipped to ±0.07;
 * x += v; x clipped to [-1.2, 0.6]; if x = -1.2 and v < 0 then v = 0 (an inelastic wall on the left
 * only). The state [position, velocity] is kept in double precision; observations are its float32
 * cast.
 */
public final class MountainCarEnv extends AbstractEnv {
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.5;
    static final double FORCE = 0.001;
    static final double GRAVITY = 0.0025;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new float[] {(float) MAX_POSITION, (float) MAX_SPEED});
    private static final Discrete ACTION_SPACE = new Discrete(3);

    private final double goalVelocity;
    private double position;
    private double velocity;

    public MountainCarEnv() {
        this(0.0);
    }

    /** @param goalVelocity the smallest velocity that counts as reaching the goal (Gymnasium's default 0) */
    public MountainCarEnv(double goalVelocity) {
        super(OBSERVATION_SPACE, ACTION_SPACE);
        this.goalVelocity = goalVelocity;
    }

    /** Builds the env from registry arguments ({@code goal_velocity}). */
    static MountainCarEnv fromArguments(Map<String, Object> arguments) {
        EnvArguments.checkKnown("MountainCar-v0", arguments, Set.of("goal_velocity"));
        return new MountainCarEnv(EnvArguments.number("MountainCar-v0", arguments, "goal_velocity", 0.0));
    }

    @Override
    protected float[] resetEpisode() {
        position = rng.uniform(-0.6, -0.4);
        velocity = 0.0;
        return observation();
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        checkStateVector(state, "position", "velocity");
        position = state[0];
        velocity = state[1];
        return observation();
    }

    @Override
    public double[] state() {
        return new double[] {position, velocity};
    }

    @Override
    public StepResult step(int action) {
        checkDiscrete(action);
        checkCanStep();
        velocity += (action - 1) * FORCE + Math.cos(3 * position) * (-GRAVITY);
        velocity = Math.min(Math.max(velocity, -MAX_SPEED), MAX_SPEED);
        position += velocity;
        position = Math.min(Math.max(position, MIN_POSITION), MAX_POSITION);
        if (position == MIN_POSITION && velocity < 0) {
            velocity = 0.0;
        }
        boolean terminated = position >= GOAL_POSITION && velocity >= goalVelocity;
        return finish(new StepResult(observation(), -1.0, terminated, false));
    }

    private float[] observation() {
        return new float[] {(float) position, (float) velocity};
    }

    /** 600 x 400 picture: the valley, the car and the flag at the goal. */
    @Override
    public BufferedImage render() {
        return MountainCarPicture.draw(position, GOAL_POSITION);
    }
}
