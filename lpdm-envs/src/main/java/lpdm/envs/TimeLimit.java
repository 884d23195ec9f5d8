package lpdm.envs;

/**
 * Gymnasium's {@code TimeLimit}: sets {@code truncated} on the step at which the episode's step
 * count reaches {@code maxEpisodeSteps}, whether or not the step also terminated; never changes the
 * reward. After truncation the env must be reset.
 */
public final class TimeLimit extends Wrapper {
    private final int maxEpisodeSteps;
    private int elapsedSteps;
    private boolean needsReset = true;

    /**
     * Wraps {@code env}.
     *
     * @param env the env to limit
     * @param maxEpisodeSteps the episode limit, positive
     */
    public TimeLimit(Env env, int maxEpisodeSteps) {
        super(env);
        if (maxEpisodeSteps <= 0) {
            throw new IllegalArgumentException("maxEpisodeSteps must be positive, got " + maxEpisodeSteps);
        }
        this.maxEpisodeSteps = maxEpisodeSteps;
    }

    /**
     * The limit.
     *
     * @return the number of steps after which an episode is truncated
     */
    public int maxEpisodeSteps() {
        return maxEpisodeSteps;
    }

    /**
     * Steps taken in the current episode.
     *
     * @return the count since the last reset
     */
    public int elapsedSteps() {
        return elapsedSteps;
    }

    @Override
    public float[] reset(long seed) {
        elapsedSteps = 0;
        needsReset = false;
        return env.reset(seed);
    }

    @Override
    public float[] reset() {
        elapsedSteps = 0;
        needsReset = false;
        return env.reset();
    }

    @Override
    public float[] setState(double[] state) {
        elapsedSteps = 0;
        needsReset = false;
        return env.setState(state);
    }

    @Override
    public StepResult step(int action) {
        checkNotTruncated();
        return count(env.step(action));
    }

    @Override
    public StepResult step(float[] action) {
        checkNotTruncated();
        return count(env.step(action));
    }

    @Override
    public void saveState(lpdm.core.state.StateDict state, String prefix) {
        super.saveState(state, prefix);
        state.putLongs(prefix + ".time_limit", new long[] {elapsedSteps, needsReset ? 1 : 0});
    }

    @Override
    public void loadState(lpdm.core.state.StateDict state, String prefix) {
        super.loadState(state, prefix);
        long[] v = state.longs(prefix + ".time_limit");
        elapsedSteps = (int) v[0];
        needsReset = v[1] != 0;
    }

    private void checkNotTruncated() {
        if (needsReset) {
            throw new IllegalStateException(describe() + ": step() called after the episode ended (or before the first reset()); call reset() first");
        }
    }

    private StepResult count(StepResult r) {
        elapsedSteps++;
        if (elapsedSteps >= maxEpisodeSteps) {
            r = r.withTruncated(true);
        }
        if (r.done()) {
            needsReset = true;
        }
        return r;
    }
}
