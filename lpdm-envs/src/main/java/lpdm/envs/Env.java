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

    /**
     * The registry entry this env was made from.
     *
     * @return the entry, or null when the env was built directly
     */
    EnvSpec spec();

    /**
     * What observations look like.
     *
     * @return the observation space
     */
    Space observationSpace();

    /**
     * Which actions {@code step} takes: {@link Discrete} for {@link #step(int)}, {@link Box} for
     * {@link #step(float[])}.
     *
     * @return the action space
     */
    Space actionSpace();

    /**
     * Seeds the env's generator with {@code seed} and starts an episode.
     *
     * @param seed the seed, {@code >= 0}
     * @return the first observation
     */
    float[] reset(long seed);

    /**
     * Starts a new episode, continuing the env's generator (seeded from the clock-free default 0
     * if never seeded).
     *
     * @return the first observation
     */
    float[] reset();

    /**
     * One step with a discrete action.
     *
     * @param action the action, in {@code [0, n)} of the {@link Discrete} action space
     * @return observation, reward, terminated, truncated
     * @throws InvalidActionException for an env with continuous actions, or an action out of range
     */
    default StepResult step(int action) {
        throw new InvalidActionException("action " + action + " (an int) is not valid for action space "
                + actionSpace() + " of " + describe());
    }

    /**
     * One step with a continuous action.
     *
     * @param action one value per dimension of the {@link Box} action space
     * @return observation, reward, terminated, truncated
     * @throws InvalidActionException for an env with discrete actions, or an action of the wrong size
     */
    default StepResult step(float[] action) {
        throw new InvalidActionException("action " + java.util.Arrays.toString(action)
                + " (a float array) is not valid for action space " + actionSpace() + " of " + describe());
    }

    /**
     * The internal physical state.
     *
     * @return the state, in the order of Gymnasium's {@code env.unwrapped.state}
     */
    double[] state();

    /**
     * Puts the env into {@code state}, as if an episode had just started there.
     *
     * @param state the state, in the order of {@link #state()}
     * @return the matching observation
     */
    float[] setState(double[] state);

    /**
     * Draws the current state in Gymnasium's style.
     *
     * @return an RGB picture
     */
    BufferedImage render();

    /**
     * The innermost env under any wrappers.
     *
     * @return the unwrapped env (this env if it wraps none)
     */
    default Env unwrapped() {
        return this;
    }

    /**
     * A short name for messages.
     *
     * @return the spec id when known, otherwise the class name
     */
    default String describe() {
        EnvSpec s = spec();
        return s != null ? s.id() : getClass().getSimpleName();
    }

    /**
     * Writes everything needed to continue this env bit-exactly (generator, physical state,
     * episode bookkeeping of wrappers) under {@code prefix}. Envs whose state cannot be captured
     * throw {@link UnsupportedOperationException} naming themselves.
     *
     * @param state where to write
     * @param prefix the prefix of every key written
     */
    default void saveState(lpdm.core.state.StateDict state, String prefix) {
        throw new UnsupportedOperationException(describe() + " cannot save its state for bit-exact resumption");
    }

    /**
     * Restores what {@link #saveState} wrote.
     *
     * @param state where to read
     * @param prefix the prefix {@link #saveState} was given
     */
    default void loadState(lpdm.core.state.StateDict state, String prefix) {
        throw new UnsupportedOperationException(describe() + " cannot restore its state for bit-exact resumption");
    }

    @Override
    default void close() {
    }
}
