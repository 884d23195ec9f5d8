package lpdm.envs;

import lpdm.core.random.Rng;

/**
 * Base of the concrete environments: owns the env's random generator (Gymnasium's
 * {@code np_random}), validates seeds, and refuses {@code step} after the episode ended until
 * {@code reset} is called (Gymnasium warns and returns garbage; we fail loudly instead).
 */
public abstract class AbstractEnv implements Env {
    /** The env's own random generator; reseeded by {@link #reset(long)}. */
    protected Rng rng = new Rng(0);
    private final Space observationSpace;
    private final Space actionSpace;
    private EnvSpec spec;
    private boolean episodeOver = true;

    /** An env that overrides {@link #observationSpace()} and {@link #actionSpace()} itself. */
    protected AbstractEnv() {
        this.observationSpace = null;
        this.actionSpace = null;
    }

    /**
     * An env with fixed observation and action spaces.
     *
     * @param observationSpace what observations look like
     * @param actionSpace which actions {@code step} takes
     */
    protected AbstractEnv(Space observationSpace, Space actionSpace) {
        if (observationSpace == null || actionSpace == null) {
            throw new IllegalArgumentException("an env needs an observation space and an action space");
        }
        this.observationSpace = observationSpace;
        this.actionSpace = actionSpace;
    }

    @Override
    public Space observationSpace() {
        if (observationSpace == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " neither passed its spaces to AbstractEnv nor overrides observationSpace()");
        }
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        if (actionSpace == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " neither passed its spaces to AbstractEnv nor overrides actionSpace()");
        }
        return actionSpace;
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    /** Called by the registry. */
    void setSpec(EnvSpec spec) {
        this.spec = spec;
    }

    @Override
    public final float[] reset(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be a non-negative integer, got " + seed);
        }
        rng = new Rng(seed);
        return reset();
    }

    @Override
    public final float[] reset() {
        episodeOver = false;
        return resetEpisode();
    }

    @Override
    public final float[] setState(double[] state) {
        episodeOver = false;
        return setStateInternal(state);
    }

    /**
     * Saves the generator, whether the episode is over, and the physical state (via
     * {@link #savePhysicalState}, by default the {@link #state()} vector).
     *
     * @param state where to write
     * @param prefix the prefix of every key written
     */
    @Override
    public void saveState(lpdm.core.state.StateDict state, String prefix) {
        savePhysicalState(state, prefix);
        state.putLongs(prefix + ".rng", rng.state());
        state.putLong(prefix + ".episode_over", episodeOver ? 1 : 0);
    }

    /**
     * Restores what {@link #saveState} wrote: first the physical state (which may use the generator
     * freely, e.g. to re-simulate an episode), then the generator and the episode flag.
     *
     * @param state where to read
     * @param prefix the prefix the state was saved under
     */
    @Override
    public void loadState(lpdm.core.state.StateDict state, String prefix) {
        loadPhysicalState(state, prefix);
        rng.restore(state.longs(prefix + ".rng"));
        episodeOver = state.getLong(prefix + ".episode_over") != 0;
    }

    /**
     * Writes the physical state under {@code prefix}; by default the {@link #state()} vector.

     * @param state where to write
     * @param prefix the prefix of every key written
     */
    protected void savePhysicalState(lpdm.core.state.StateDict state, String prefix) {
        state.putDoubles(prefix + ".state", state());
    }

    /**
     * Restores what {@link #savePhysicalState} wrote; by default through {@link #setStateInternal}.

     * @param state where to read
     * @param prefix the prefix the state was saved under
     */
    protected void loadPhysicalState(lpdm.core.state.StateDict state, String prefix) {
        setStateInternal(state.doubles(prefix + ".state"));
    }

    /**
     * Draws a start state from {@link #rng}.
     *
     * @return its observation
     */
    protected abstract float[] resetEpisode();

    /**
     * Sets the physical state.
     *
     * @param state the state, in the order of {@link #state()}
     * @return its observation
     */
    protected abstract float[] setStateInternal(double[] state);

    /** Fails if the episode has ended (or never started); call at the top of {@code step}. */
    protected final void checkCanStep() {
        if (episodeOver) {
            throw new IllegalStateException(describe() + ": step() called after the episode ended (or before the first reset()); call reset() first");
        }
    }

    /**
     * Records the end of the episode if {@code result} ends it.
     *
     * @param result the step's result
     * @return {@code result}, unchanged
     */
    protected final StepResult finish(StepResult result) {
        if (result.terminated()) {
            episodeOver = true;
        }
        return result;
    }

    /**
     * Checks a state vector given to {@link #setState(double[])}: one finite value per name in
     * {@code componentNames} (Gymnasium's {@code env.unwrapped.state} order).
     *
     * @param state the state vector to check
     * @param componentNames the name of each component, for the message
     * @throws IllegalArgumentException naming the env and the first bad component
     */
    protected final void checkStateVector(double[] state, String... componentNames) {
        if (state == null || state.length != componentNames.length) {
            throw new IllegalArgumentException(describe() + " state has " + componentNames.length + " components "
                    + java.util.Arrays.toString(componentNames) + ", got "
                    + (state == null ? "null" : state.length + ": " + java.util.Arrays.toString(state)));
        }
        for (int i = 0; i < state.length; i++) {
            if (!Double.isFinite(state[i])) {
                throw new IllegalArgumentException(describe() + " state component " + componentNames[i] + " must be finite, got "
                        + state[i]);
            }
        }
    }

    /**
     * Checks a discrete action against a {@link Discrete} action space.
     *
     * @param action the action given to {@code step}
     * @throws InvalidActionException if it is out of range
     */
    protected final void checkDiscrete(int action) {
        Discrete d = (Discrete) actionSpace();
        if (!d.contains(action)) {
            throw new InvalidActionException("action " + action + " is not in action space " + d + " of " + describe());
        }
    }

    /**
     * Checks a continuous action's length and that it holds no NaN or infinity.
     *
     * @param action the action given to {@code step}
     * @throws InvalidActionException naming the action and the space
     */
    protected final void checkContinuous(float[] action) {
        Box b = (Box) actionSpace();
        if (action == null || action.length != b.size()) {
            throw new InvalidActionException("action " + java.util.Arrays.toString(action) + " has the wrong shape for action space "
                    + b + " of " + describe());
        }
        for (float v : action) {
            if (!Float.isFinite(v)) {
                throw new InvalidActionException("action " + java.util.Arrays.toString(action) + " is not finite (action space "
                        + b + " of " + describe() + ")");
            }
        }
    }
}
