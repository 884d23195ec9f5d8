package lpdm.envs.classic;

import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.StepResult;

/**
 * MountainCarContinuous-v0, a port of Gymnasium 1.x
 * {@code classic_control/continuous_mountain_car.py} (Moore, 1990; version of Arnaud de
 * Broissia): the mountain car with a continuous engine force and an energy cost.
 *
 * <h2>Action space</h2>
 * {@code Box(-1, 1, (1,))} float32: the engine force. Actions outside [-1, 1] are accepted and the
 * force is clipped to [-1, 1], as Gymnasium does; NaN and infinite actions are rejected.
 *
 * <h2>Observation space</h2>
 * {@code Box(2)} float32: position in [-1.2, 0.6] and velocity in [-0.07, 0.07]. The observation
 * is the state itself.
 *
 * <h2>Rewards</h2>
 * -0.1·a² per step with the <em>unclipped</em> action a (an action of 3.0 costs 0.9 although it
 * pushes like 1.0), plus 100 on the step that reaches the goal.
 *
 * <h2>Starting state</h2>
 * Position uniform in [-0.6, -0.4], velocity 0.
 *
 * <h2>Episode end</h2>
 * Terminated when position >= 0.45 and velocity >= {@code goal_velocity} after a step. Truncated at
 * 999 steps by the registry's time limit.
 *
 * <h2>Arguments</h2>
 * {@code goal_velocity} (default 0): the smallest velocity that counts at the goal.
 * Dynamics, in this order: force = clip(a, -1, 1); v += force·0.0015 - 0.0025·cos(3x); v clipped to
 * ±0.07; x += v; x clipped to [-1.2, 0.6]; if x = -1.2 and v < 0 then v = 0.
 *
 * <h2>Precision</h2>
 * Gymnasium stores the state as float32 after every step and, under NumPy 2's promotion rules
 * (NEP 50), a float32 value combined with a Python float is computed in float32 (the Python float
 * is rounded to float32 first), comparisons included, while float32 combined with float64 is
 * computed in float64. This port follows those rules operation by operation: the state right
 * after {@code reset}/{@code setState} is float64 (as in Gymnasium), the force term is a float32
 * product unless the action was clipped (then the force is the Python float ±1.0), the cosine is
 * taken in double of the float32 {@code 3·x} and rounded to float32 before it is subtracted, and
 * the goal test compares against float32(0.45).
 */
public final class MountainCarContinuousEnv extends AbstractEnv {
    static final double MIN_ACTION = -1.0;
    static final double MAX_ACTION = 1.0;
    static final double MIN_POSITION = -1.2;
    static final double MAX_POSITION = 0.6;
    static final double MAX_SPEED = 0.07;
    static final double GOAL_POSITION = 0.45;
    static final double POWER = 0.0015;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) MIN_POSITION, (float) -MAX_SPEED},
            new float[] {(float) MAX_POSITION, (float) MAX_SPEED});
    private static final Box ACTION_SPACE = Box.uniform((float) MIN_ACTION, (float) MAX_ACTION, 1);

    /** The NumPy type of an intermediate value, which decides how it combines with others. */
    private enum Kind {
        /** {@code np.float32}. */
        FLOAT32,
        /** {@code np.float64}: combined with float32 it computes in float64. */
        FLOAT64,
        /** A Python float (or int): weak, takes the other operand's precision. */
        PYTHON
    }

    private final double goalVelocity;
    private double position;
    private double velocity;
    /** True after a step (Gymnasium stores float32), false after reset/setState (float64). */
    private boolean float32State;

    public MountainCarContinuousEnv() {
        this(0.0);
    }

    /** @param goalVelocity the smallest velocity that counts as reaching the goal (Gymnasium's default 0) */
    public MountainCarContinuousEnv(double goalVelocity) {
        super(OBSERVATION_SPACE, ACTION_SPACE);
        this.goalVelocity = goalVelocity;
    }

    /** Builds the env from registry arguments ({@code goal_velocity}). */
    static MountainCarContinuousEnv fromArguments(Map<String, Object> arguments) {
        EnvArguments.checkKnown("MountainCarContinuous-v0", arguments, Set.of("goal_velocity"));
        return new MountainCarContinuousEnv(EnvArguments.number("MountainCarContinuous-v0", arguments, "goal_velocity", 0.0));
    }

    @Override
    protected float[] resetEpisode() {
        position = rng.uniform(-0.6, -0.4);
        velocity = 0.0;
        float32State = false;
        return observation();
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        checkStateVector(state, "position", "velocity");
        position = state[0];
        velocity = state[1];
        float32State = false;
        return observation();
    }

    /**
     * Like {@link #setState(double[])}, but the state is taken to be float32, as Gymnasium holds it
     * after any step (after {@code setState} it is float64, as after {@code reset}); so
     * {@code setStateAsFloat32(state())} taken after a step continues bit-identically. Every
     * component must be exactly representable as a float32.
     */
    public float[] setStateAsFloat32(double[] state) {
        checkStateVector(state, "position", "velocity");
        for (int i = 0; i < state.length; i++) {
            if ((double) (float) state[i] != state[i]) {
                throw new IllegalArgumentException(describe() + " state component " + i + " is not a float32 value: " + state[i]);
            }
        }
        float[] observation = setState(state);
        float32State = true;
        return observation;
    }

    @Override
    public double[] state() {
        return new double[] {position, velocity};
    }

    @Override
    public StepResult step(float[] action) {
        checkContinuous(action);
        checkCanStep();
        float a = action[0];
        Kind stateKind = float32State ? Kind.FLOAT32 : Kind.FLOAT64;

        // force = min(max(a, -1.0), 1.0): Python's max/min keep the float32 action unless a bound wins.
        double force = a;
        Kind forceKind = Kind.FLOAT32;
        if (MIN_ACTION > a) {
            force = MIN_ACTION;
            forceKind = Kind.PYTHON;
        }
        if (MAX_ACTION < force) {
            force = MAX_ACTION;
            forceKind = Kind.PYTHON;
        }

        // v += force * power - 0.0025 * cos(3 * x)
        double forceTerm = forceKind == Kind.FLOAT32 ? (double) (a * (float) POWER) : force * POWER;
        double threeX = stateKind == Kind.FLOAT32 ? (double) (3f * (float) position) : 3 * position;
        double cosTerm = 0.0025 * Math.cos(threeX);
        double change = forceKind == Kind.FLOAT32 ? (double) ((float) forceTerm - (float) cosTerm) : forceTerm - cosTerm;
        double v = stateKind == Kind.FLOAT32 ? (double) ((float) velocity + (float) change) : velocity + change;
        Kind vKind = stateKind;

        if (greater(v, vKind, MAX_SPEED)) {
            v = MAX_SPEED;
            vKind = Kind.PYTHON;
        }
        if (greater(-MAX_SPEED, vKind, v)) {
            v = -MAX_SPEED;
            vKind = Kind.PYTHON;
        }

        // x += v: a float32 position stays float32, a float64 one stays float64.
        double x = stateKind == Kind.FLOAT32 ? (double) ((float) position + (float) v) : position + v;
        Kind xKind = stateKind;
        if (greater(x, xKind, MAX_POSITION)) {
            x = MAX_POSITION;
            xKind = Kind.PYTHON;
        }
        if (greater(MIN_POSITION, xKind, x)) {
            x = MIN_POSITION;
            xKind = Kind.PYTHON;
        }
        if (equal(x, xKind, MIN_POSITION) && v < 0) {
            v = 0.0;
            vKind = Kind.PYTHON;
        }

        boolean terminated = !greater(GOAL_POSITION, xKind, x) && !greater(goalVelocity, vKind, v);
        double reward = terminated ? 100.0 : 0.0;
        reward -= Math.pow(a, 2) * 0.1;

        position = (float) x;
        velocity = (float) v;
        float32State = true;
        return finish(new StepResult(observation(), reward, terminated, false));
    }

    /**
     * {@code left > right} where one side is a NumPy value of kind {@code kind} and the other a
     * Python float: a float32 value compares in float32.
     */
    private static boolean greater(double left, Kind kind, double right) {
        if (kind == Kind.FLOAT32) {
            return (float) left > (float) right;
        }
        return left > right;
    }

    /** {@code value == constant} with NumPy's rule (float32 values compare in float32). */
    private static boolean equal(double value, Kind kind, double constant) {
        if (kind == Kind.FLOAT32) {
            return (float) value == (float) constant;
        }
        return value == constant;
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
