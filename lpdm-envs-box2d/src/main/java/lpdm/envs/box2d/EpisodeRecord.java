package lpdm.envs.box2d;

import java.util.Arrays;
import java.util.function.Consumer;
import lpdm.core.state.StateDict;

/**
 * What a Box2D env needs to checkpoint an episode in progress: the generator's state at the start
 * of the episode and every action taken since. A Box2D world (contacts, warm-starting impulses,
 * sleep timers, the broad-phase tree) cannot be written out as a vector, but an episode is a
 * deterministic function of the generator's state at reset and the actions (the worlds are rebuilt
 * as new at every reset, see {@link ReusableWorld}), so loading rebuilds the episode and replays
 * the actions: bit-identical to the saved world, at the cost of re-simulating at most one
 * episode's steps (LunarLander 1000, BipedalWalker 1600 or 2000).
 *
 * <p>Actions are stored as floats ({@code actionDim} per step; a discrete action is one exact
 * float). Names written under the env's prefix: {@code .rng_at_reset} (absent before the first
 * reset) and {@code .actions}.
 */
final class EpisodeRecord {
    private final int actionDim;
    private long[] rngAtReset;
    private float[] actions = new float[256];
    private int steps;

    EpisodeRecord(int actionDim) {
        this.actionDim = actionDim;
    }

    /** A new episode starts from a generator in state {@code rngState}. */
    void start(long[] rngState) {
        rngAtReset = rngState.clone();
        steps = 0;
    }

    /** Forgets the episode (it failed to build, or the env was set to a state it cannot record). */
    void clear() {
        rngAtReset = null;
        steps = 0;
    }

    void record(int action) {
        ensureRoom();
        actions[steps++] = action;
    }

    void record(float[] action) {
        ensureRoom();
        System.arraycopy(action, 0, actions, steps * actionDim, actionDim);
        steps++;
    }

    private void ensureRoom() {
        if ((steps + 1) * actionDim > actions.length) {
            actions = Arrays.copyOf(actions, Math.max(actions.length * 2, (steps + 1) * actionDim));
        }
    }

    /**
     * Writes the record under {@code prefix}.
     *
     * @param ownDraws whether the env draws from its own generator (injected draws cannot be replayed)
     * @param env the env's description, for the error
     */
    void save(StateDict state, String prefix, boolean ownDraws, String env) {
        requireOwnDraws(ownDraws, env, "saved");
        if (rngAtReset != null) {
            state.putLongs(prefix + ".rng_at_reset", rngAtReset);
        }
        state.putFloats(prefix + ".actions", Arrays.copyOf(actions, steps * actionDim));
    }

    private static void requireOwnDraws(boolean ownDraws, String env, String verb) {
        if (!ownDraws) {
            throw new UnsupportedOperationException(env + ": an env fed with injected random draws cannot be " + verb
                    + " as a checkpoint (its episode is not a function of its own generator)");
        }
    }

    /**
     * Rebuilds the saved episode with {@code rebuild} (restore the generator to the given state and
     * build the episode as reset does) and replays every saved action with {@code replay} (one
     * action of actionDim values), then makes this record equal to the saved one. Does nothing but
     * clear the record if the env had never been reset when it was saved.
     *
     * @throws IllegalArgumentException if the saved action log does not fit this env's action size
     */
    void load(StateDict state, String prefix, boolean ownDraws, String env, Consumer<long[]> rebuild, Consumer<float[]> replay) {
        requireOwnDraws(ownDraws, env, "loaded");
        float[] saved = state.floats(prefix + ".actions");
        if (saved.length % actionDim != 0) {
            throw new IllegalArgumentException("checkpoint entry " + prefix + ".actions holds " + saved.length
                    + " values, not a multiple of the action size " + actionDim);
        }
        if (!state.contains(prefix + ".rng_at_reset")) {
            clear();
            return;
        }
        long[] start = state.longs(prefix + ".rng_at_reset");
        rebuild.accept(start);
        start(start);
        float[] one = new float[actionDim];
        for (int t = 0; t < saved.length / actionDim; t++) {
            System.arraycopy(saved, t * actionDim, one, 0, actionDim);
            replay.accept(one);
            record(one);
        }
    }
}
