package lpdm.envs.box2d;

import lpdm.core.state.StateDict;
import lpdm.envs.AbstractEnv;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.World;

/**
 * What the Box2D environments share: a jbox2d world reused from episode to episode
 * ({@link ReusableWorld}), a replaceable source of random draws, and checkpoints of an episode in
 * progress as its reset state plus the actions since ({@link EpisodeRecord}): loading rebuilds
 * the world and replays them, which gives back the same world bit for bit. Not available while
 * random draws are injected.
 *
 * <p>A subclass builds an episode in {@link #buildEpisode()} (starting from {@link #freshWorld}),
 * calls {@link #recordAction} in {@code step} once the action is validated, and replays one
 * recorded action in {@link #replayAction}.
 */
abstract class Box2dEnv extends AbstractEnv {
    /** The env's own generator as a source of draws. */
    protected final RandomDraws ownDraws = RandomDraws.from(() -> rng);
    /** Where random numbers come from: {@link #ownDraws}, or injected ones (replays of recordings). */
    protected RandomDraws draws = ownDraws;
    /** The world of the episode in progress; null before the first reset or after a failed one. */
    protected World world;

    /** jbox2d's object pool, shared by every episode's fresh world; its contacts start enabled (see Box2dWorldPool). */
    private final Box2dWorldPool worldPool = new Box2dWorldPool();
    private ReusableWorld reusableWorld;
    /** The episode in progress as reset state + actions, for checkpoints. */
    private final EpisodeRecord record;

    /** @param actionDim floats per recorded action (1 for a discrete action) */
    Box2dEnv(lpdm.envs.Space observationSpace, lpdm.envs.Space actionSpace, int actionDim) {
        super(observationSpace, actionSpace);
        this.record = new EpisodeRecord(actionDim);
    }

    /**
     * Replaces the source of random numbers; {@code null} restores the env's own generator. Takes
     * effect from the next draw.
     */
    public void setRandomDraws(RandomDraws source) {
        this.draws = source == null ? ownDraws : source;
    }

    /** The reused world, emptied to the state of a new one with this gravity, as {@link #world}. */
    protected final World freshWorld(Vec2 gravity) {
        if (reusableWorld == null) {
            reusableWorld = new ReusableWorld(gravity, worldPool);
        } else {
            reusableWorld.clear();
        }
        world = reusableWorld;
        return world;
    }

    /** Builds a new episode (drawing from {@link #draws}) and returns its first observation. */
    protected abstract float[] buildEpisode();

    /** Steps the episode with one recorded action ({@code actionDim} floats), as {@code step} would. */
    protected abstract void replayAction(float[] action);

    @Override
    protected final float[] resetEpisode() {
        record.start(rng.state());
        try {
            return buildEpisode();
        } catch (RuntimeException e) {
            world = null; // a half-built episode must not be stepped
            record.clear();
            throw e;
        }
    }

    protected final void recordAction(int action) {
        record.record(action);
    }

    protected final void recordAction(float[] action) {
        record.record(action);
    }

    /** Forgets the episode in progress (its world and its record). */
    protected void dropEpisode() {
        world = null;
        record.clear();
    }

    @Override
    protected final void savePhysicalState(StateDict state, String prefix) {
        record.save(state, prefix, draws == ownDraws, describe());
    }

    @Override
    protected final void loadPhysicalState(StateDict state, String prefix) {
        world = null;
        record.load(state, prefix, draws == ownDraws, describe(), start -> {
            rng.restore(start);
            resetEpisode();
        }, this::replayAction);
    }
}
