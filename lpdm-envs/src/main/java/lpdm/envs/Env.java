package lpdm.envs;

import java.awt.image.BufferedImage;

/**
 * A reinforcement-learning environment with Gymnasium's contract and words.
 *
 * <ul>
 *   <li>{@link #reset(long)} seeds the environment's own random generator and returns the first
 *       observation; {@link #reset()} starts a new episode continuing the generator.</li>
 *   <li>{@code step(action)} returns the observation, the reward, {@code terminated} (the MDP
 *       reached a terminal state) and {@code truncated} (a limit outside the MDP, such as the
 *       time limit, cut the episode).</li>
 *   <li>Discrete environments take {@code step(int)}, continuous ones {@code step(float[])};
 *       the other overload fails with an {@link InvalidActionException} naming the space.</li>
 * </ul>
 *
 * <p>Observations are float32 arrays owned by the caller (a new array per call).
 */
public interface Env extends AutoCloseable {

    /** The registry entry this env was made from, or null when built directly. */
    EnvSpec spec();

    Space observationSpace();

    Space actionSpace();

    /** Seeds the env's generator with {@code seed} (must be >= 0) and starts an episode. */
    float[] reset(long seed);

    /** Starts a new episode, continuing the env's generator (seeded from the clock-free default 0 if never seeded). */
    float[] reset();

    /** One step with a discrete action. */
    default StepResult step(int action) {
        throw new InvalidActionException("action " + action + " (an int) is not valid for action space "
                + actionSpace() + " of " + describe());
    }

    /** One step with a continuous action (one value per action dimension). */
    default StepResult step(float[] action) {
        throw new InvalidActionException("action " + java.util.Arrays.toString(action)
                + " (a float array) is not valid for action space " + actionSpace() + " of " + describe());
    }

    /** The internal physical state, in the order of Gymnasium's {@code env.unwrapped.state}. */
    double[] state();

    /**
     * Puts the env into {@code state} (same order as {@link #state()}), as if an episode had just
     * started there, and returns the matching observation.
     */
    float[] setState(double[] state);

    /** Draws the current state as an RGB picture in Gymnasium's style. */
    BufferedImage render();

    /** The innermost env under any wrappers. */
    default Env unwrapped() {
        return this;
    }

    /** A short name for messages: the spec id when known, otherwise the class name. */
    default String describe() {
        EnvSpec s = spec();
        return s != null ? s.id() : getClass().getSimpleName();
    }

    /**
     * Writes everything needed to continue this env bit-exactly (generator, physical state,
     * episode bookkeeping of wrappers) under {@code prefix}. Envs whose state cannot be captured
     * throw {@link UnsupportedOperationException} naming themselves.
     */
    default void saveState(lpdm.core.state.StateDict state, String prefix) {
        throw new UnsupportedOperationException(describe() + " cannot save its state for bit-exact resumption");
    }

    /** Restores what {@link #saveState} wrote. */
    default void loadState(lpdm.core.state.StateDict state, String prefix) {
        throw new UnsupportedOperationException(describe() + " cannot restore its state for bit-exact resumption");
    }

    @Override
    default void close() {
    }
}
