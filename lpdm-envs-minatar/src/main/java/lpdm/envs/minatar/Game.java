package lpdm.envs.minatar;

/**
 * One MinAtar game on its 10 x 10 grid: its state, its reset and step rules, and its observation.
 * The wrapper ({@link MinAtarEnv}) owns the generator, sticky actions and the action sets; a game
 * only draws from the generator it is given, in the order the behaviour specification lists.
 *
 * <p>Actions are full-set indices: 0 no-op, 1 left, 2 up, 3 right, 4 down, 5 fire; an action a
 * game does not use acts as no-op.
 */
abstract class Game {
    static final int NOOP = 0;
    static final int LEFT = 1;
    static final int UP = 2;
    static final int RIGHT = 3;
    static final int DOWN = 4;
    static final int FIRE = 5;

    /** Whether the difficulty ramps up during an episode (Asterix, Seaquest, SpaceInvaders). */
    final boolean ramping;
    /** Set by the rules of a step; the rest of that step still runs. */
    boolean terminal;

    Game(boolean ramping) {
        this.ramping = ramping;
    }

    /** The number of observation channels C. */
    abstract int channels();

    /** The full-set actions of the minimal action set, in the order of the -v1 indices. */
    abstract int[] minimalActions();

    /** Re-initialises every part of the state (Breakout and Freeway draw from {@code rng}). */
    abstract void reset(NumpyRandomState rng);

    /** One step with full-set action {@code action} when not terminal; returns the reward. */
    abstract int act(int action, NumpyRandomState rng);

    /** Sets the cells of the current state in {@code grid} (all zero, length 100 C, channels last). */
    abstract void observe(float[] grid);

    /** Appends the whole game state to {@code out}. */
    abstract void write(IntState.Writer out);

    /** Reads back what {@link #write} wrote. */
    abstract void read(IntState.Reader in);

    /** The game's step: (0, terminal) without any change once terminal, else {@link #act}. */
    final int step(int action, NumpyRandomState rng) {
        return terminal ? 0 : act(action, rng);
    }

    /** Sets channel {@code channel} of cell (row, column) in a channels-last grid. */
    final void set(float[] grid, int row, int column, int channel) {
        grid[(row * 10 + column) * channels() + channel] = 1f;
    }
}
