package lpdm.envs.minatar;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lpdm.core.state.StateDict;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvSpec;
import lpdm.envs.InvalidActionException;
import lpdm.envs.Space;
import lpdm.envs.StepResult;

/**
 * A MinAtar game (Young and Tian, 2019) with MinAtar 1.0.15's environment wrapper and Gymnasium
 * registration: {@code MinAtar/<Game>-v0} (all six actions) and {@code -v1} (the game's minimal
 * action set). Same seed and actions give the same observations, rewards and terminal flags as the
 * original (checked against recordings of it).
 *
 * <h2>Action space</h2>
 * {@code Discrete(6)} for v0: 0 no-op, 1 left, 2 up, 3 right, 4 down, 5 fire (a game ignores the
 * actions it does not use). {@code Discrete(k)} for v1: index i means the full action
 * {@code minimal[i]}: Asterix 0 1 2 3 4, Breakout 0 1 3, Freeway 0 2 4, Seaquest 0 1 2 3 4 5,
 * SpaceInvaders 0 1 3 5.
 *
 * <h2>Observation space</h2>
 * {@code Box(0, 1, (10, 10, C))}: a 10 x 10 grid (row 0 at the top, column 0 at the left) with C
 * 0/1 channels (Asterix 4, Breakout 4, Freeway 7, Seaquest 10, SpaceInvaders 6), flattened
 * channels last: value {@code [(row * 10 + column) * C + channel]}, the C-order flattening of the
 * original's {@code [row][column][channel]} array. A cell may have several channels set.
 *
 * <h2>Rewards</h2>
 * Non-negative integers, by game (a brick, an alien, a crossing, a gold piece, a shot enemy; a
 * Seaquest surfacing with six divers gives a bonus from the oxygen left).
 *
 * <h2>Starting state and randomness</h2>
 * One numpy {@code RandomState} (MT19937) drives both sticky actions and the game, as in the
 * original after seeding: {@link #reset(long)} installs {@code RandomState(seed)} and resets the
 * game; {@link #reset()} continues the stream. Before the first seed the generator is
 * {@code RandomState(0)} (the original uses operating-system entropy there).
 *
 * <h2>Step</h2>
 * Every step first draws u = rand(); if u &lt; {@code sticky_action_prob} the previous applied
 * action is repeated instead of the given one. The applied action ({@link #lastAction()}) starts at
 * no-op when the env is built and survives resets and re-seeding.
 *
 * <h2>Episode end</h2>
 * Terminated by the game's own rules; Freeway ends itself after 2501 steps. Never truncated (no
 * registry time limit, as in the original).
 *
 * <h2>Arguments</h2>
 * {@code sticky_action_prob} (default 0.1, in [0, 1]) and {@code difficulty_ramping} (default
 * true; Asterix, Seaquest and SpaceInvaders speed up during an episode; Breakout and Freeway have
 * no ramping).
 */
public final class MinAtarEnv implements Env {
    /** Argument names of {@link lpdm.envs.EnvRegistry#make(String, Map)}. */
    public static final String STICKY_ACTION_PROB = "sticky_action_prob";
    public static final String DIFFICULTY_RAMPING = "difficulty_ramping";
    private static final Set<String> ARGUMENTS = Set.of(STICKY_ACTION_PROB, DIFFICULTY_RAMPING);
    private static final String[] ACTION_NAMES = {"no-op", "left", "up", "right", "down", "fire"};
    private static final int CELL = 24;

    private final MinAtarGame which;
    private final String id;
    private final int[] actionSet;
    private final double stickyActionProb;
    private final boolean difficultyRamping;
    private final Game game;
    private final Box observationSpace;
    private final Discrete actionSpace;
    private NumpyRandomState rng = new NumpyRandomState(0);
    private int lastAction = Game.NOOP;
    private boolean episodeOver = true;

    /**
     * @param game which game
     * @param minimalActionSet true for v1 (the minimal action set), false for v0 (all six actions)
     * @param stickyActionProb probability of repeating the previous action, in [0, 1]
     * @param difficultyRamping whether the difficulty ramps up during an episode
     */
    public MinAtarEnv(MinAtarGame game, boolean minimalActionSet, double stickyActionProb, boolean difficultyRamping) {
        this.which = game;
        this.id = game.id(minimalActionSet ? 1 : 0);
        if (!(stickyActionProb >= 0 && stickyActionProb <= 1)) {
            throw new IllegalArgumentException(id + ": argument '" + STICKY_ACTION_PROB + "' must be in [0, 1], got " + stickyActionProb);
        }
        this.stickyActionProb = stickyActionProb;
        this.difficultyRamping = difficultyRamping;
        this.game = game.create(difficultyRamping);
        this.actionSet = minimalActionSet ? this.game.minimalActions() : new int[] {0, 1, 2, 3, 4, 5};
        this.observationSpace = Box.uniform(0f, 1f, new int[] {10, 10, this.game.channels()});
        this.actionSpace = new Discrete(actionSet.length);
    }

    /** Builds {@code game} from registry arguments ({@value #STICKY_ACTION_PROB}, {@value #DIFFICULTY_RAMPING}). */
    static MinAtarEnv fromArguments(MinAtarGame game, boolean minimalActionSet, Map<String, Object> arguments) {
        String id = game.id(minimalActionSet ? 1 : 0);
        for (String key : new TreeSet<>(arguments.keySet())) {
            if (!ARGUMENTS.contains(key)) {
                throw new IllegalArgumentException(id + ": unknown argument '" + key + "'; valid arguments: "
                        + String.join(", ", new TreeSet<>(ARGUMENTS)));
            }
        }
        Object sticky = arguments.getOrDefault(STICKY_ACTION_PROB, 0.1);
        if (!(sticky instanceof Number n)) {
            throw new IllegalArgumentException(id + ": argument '" + STICKY_ACTION_PROB + "' must be a number in [0, 1], got " + sticky);
        }
        Object ramping = arguments.getOrDefault(DIFFICULTY_RAMPING, true);
        if (!(ramping instanceof Boolean b)) {
            throw new IllegalArgumentException(id + ": argument '" + DIFFICULTY_RAMPING + "' must be true or false, got " + ramping);
        }
        return new MinAtarEnv(game, minimalActionSet, n.doubleValue(), b);
    }

    /** Which game this is. */
    public MinAtarGame game() {
        return which;
    }

    /** The full-set action behind each action index (v0: 0..5; v1: the minimal set). */
    public int[] actionSet() {
        return actionSet.clone();
    }

    /** The full-set action applied at the last step, after the sticky-action rule (no-op before any step). */
    public int lastAction() {
        return lastAction;
    }

    public double stickyActionProb() {
        return stickyActionProb;
    }

    public boolean difficultyRamping() {
        return difficultyRamping;
    }

    @Override
    public EnvSpec spec() {
        return EnvRegistry.spec(id);
    }

    @Override
    public String describe() {
        return id;
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    /**
     * Installs {@code RandomState(seed)} as the one generator and resets the game (the original's
     * {@code reset(seed=seed)}). Seeds up to 2^32 - 1 are numpy's; larger ones see
     * {@link NumpyRandomState#NumpyRandomState(long)}.
     */
    @Override
    public float[] reset(long seed) {
        rng = new NumpyRandomState(seed);
        return reset();
    }

    @Override
    public float[] reset() {
        game.reset(rng);
        episodeOver = false;
        return observation();
    }

    @Override
    public StepResult step(int action) {
        if (action < 0 || action >= actionSet.length) {
            throw new InvalidActionException("action " + action + " is not in action space " + actionSpace + " of " + id
                    + " (" + describeActions() + ")");
        }
        if (episodeOver) {
            throw new IllegalStateException(id + ": step() called after the episode ended (or before the first reset()); call reset() first");
        }
        int applied = actionSet[action];
        if (rng.rand() < stickyActionProb) {
            applied = lastAction;
        }
        lastAction = applied;
        int reward = game.step(applied, rng);
        episodeOver = game.terminal;
        return new StepResult(observation(), reward, game.terminal, false);
    }

    /** The action indices with the full actions they mean, e.g. {@code 0 no-op, 1 left, 2 right}. */
    String describeActions() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < actionSet.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(i).append(' ').append(ACTION_NAMES[actionSet[i]]);
        }
        return sb.toString();
    }

    private float[] observation() {
        float[] grid = new float[100 * game.channels()];
        game.observe(grid);
        return grid;
    }

    /**
     * The whole game state as integers (positions, timers, counters, object lists; the layout is
     * the game's own and not Gymnasium's, which has no state vector for MinAtar). The generator
     * and the last action are not part of it; {@link #saveState} saves them too.
     */
    @Override
    public double[] state() {
        IntState.Writer w = new IntState.Writer();
        game.write(w);
        long[] values = w.toArray();
        double[] state = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            state[i] = values[i];
        }
        return state;
    }

    @Override
    public float[] setState(double[] state) {
        long[] values = new long[state.length];
        for (int i = 0; i < state.length; i++) {
            if (state[i] != Math.rint(state[i]) || Math.abs(state[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(id + " state component " + i + " must be an integer, got " + state[i]);
            }
            values[i] = (long) state[i];
        }
        readGame(values);
        episodeOver = game.terminal;
        return observation();
    }

    private void readGame(long[] values) {
        IntState.Reader r = new IntState.Reader(values);
        game.read(r);
        r.end();
    }

    @Override
    public void saveState(StateDict state, String prefix) {
        IntState.Writer w = new IntState.Writer();
        game.write(w);
        state.putLongs(prefix + ".game", w.toArray());
        state.putLongs(prefix + ".rng", rng.state());
        state.putLong(prefix + ".last_action", lastAction);
        state.putLong(prefix + ".episode_over", episodeOver ? 1 : 0);
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        readGame(state.longs(prefix + ".game"));
        NumpyRandomState restored = new NumpyRandomState(0);
        restored.restore(state.longs(prefix + ".rng"));
        rng = restored;
        lastAction = Math.toIntExact(state.getLong(prefix + ".last_action"));
        episodeOver = state.getLong(prefix + ".episode_over") != 0;
    }

    /**
     * The grid as coloured cells, {@value #CELL} pixels each, on black: each cell takes the colour
     * of its highest-priority set channel (legend and priorities in docs/minatar.md); a second set
     * channel shows as a centred square of half the cell's size.
     */
    @Override
    public BufferedImage render() {
        int size = 10 * CELL;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, size, size);
        float[] grid = observation();
        int c = game.channels();
        int[] priority = which.drawPriority();
        for (int row = 0; row < 10; row++) {
            for (int col = 0; col < 10; col++) {
                int drawn = 0;
                for (int channel : priority) {
                    if (grid[(row * 10 + col) * c + channel] == 0f) {
                        continue;
                    }
                    g.setColor(which.channels().get(channel).color());
                    if (drawn == 0) {
                        g.fillRect(col * CELL, row * CELL, CELL, CELL);
                    } else {
                        g.fillRect(col * CELL + CELL / 4, row * CELL + CELL / 4, CELL / 2, CELL / 2);
                    }
                    if (++drawn == 2) {
                        break;
                    }
                }
            }
        }
        g.setColor(new Color(0x30, 0x30, 0x30));
        for (int k = 1; k < 10; k++) {
            g.drawLine(k * CELL, 0, k * CELL, size);
            g.drawLine(0, k * CELL, size, k * CELL);
        }
        g.dispose();
        return image;
    }
}
