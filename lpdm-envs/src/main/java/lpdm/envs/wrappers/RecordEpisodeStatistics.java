package lpdm.envs.wrappers;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.envs.Env;
import lpdm.envs.StepResult;
import lpdm.envs.Wrapper;

/**
 * Gymnasium's {@code RecordEpisodeStatistics}: adds up each episode's rewards and steps and, on the
 * step that ends it (terminated or truncated), puts {@value #RETURN_KEY} (a Double) and
 * {@value #LENGTH_KEY} (an Integer) into the step's info. It also keeps the last
 * {@code bufferLength} episodes' returns and lengths. It records the rewards it sees, so place it
 * inside any reward-changing wrapper to record the env's own returns.
 */
public final class RecordEpisodeStatistics extends Wrapper {
    public static final String RETURN_KEY = "episode_return";
    public static final String LENGTH_KEY = "episode_length";

    private final int bufferLength;
    private final Deque<Double> returnQueue = new ArrayDeque<>();
    private final Deque<Integer> lengthQueue = new ArrayDeque<>();
    private double episodeReturn;
    private int episodeLength;
    private long episodeCount;

    public RecordEpisodeStatistics(Env env) {
        this(env, 100);
    }

    public RecordEpisodeStatistics(Env env, int bufferLength) {
        super(env);
        if (bufferLength <= 0) {
            throw new IllegalArgumentException("bufferLength must be positive, got " + bufferLength);
        }
        this.bufferLength = bufferLength;
    }

    @Override
    public float[] reset(long seed) {
        float[] observation = env.reset(seed);
        startEpisode();
        return observation;
    }

    @Override
    public float[] reset() {
        float[] observation = env.reset();
        startEpisode();
        return observation;
    }

    @Override
    public float[] setState(double[] state) {
        float[] observation = env.setState(state);
        startEpisode();
        return observation;
    }

    /** Also saves the running episode's return and length (the recent-episode queues are not kept). */
    @Override
    public void saveState(lpdm.core.state.StateDict state, String prefix) {
        super.saveState(state, prefix);
        state.putDoubles(prefix + ".episode", new double[] {episodeReturn, episodeLength, episodeCount});
    }

    @Override
    public void loadState(lpdm.core.state.StateDict state, String prefix) {
        super.loadState(state, prefix);
        double[] e = state.doubles(prefix + ".episode");
        episodeReturn = e[0];
        episodeLength = (int) e[1];
        episodeCount = (long) e[2];
    }

    private void startEpisode() {
        episodeReturn = 0.0;
        episodeLength = 0;
    }

    @Override
    public StepResult step(int action) {
        return record(env.step(action));
    }

    @Override
    public StepResult step(float[] action) {
        return record(env.step(action));
    }

    private StepResult record(StepResult r) {
        episodeReturn += r.reward();
        episodeLength++;
        if (!r.done()) {
            return r;
        }
        if (r.info().containsKey(RETURN_KEY) || r.info().containsKey(LENGTH_KEY)) {
            throw new IllegalStateException("info already holds episode statistics: is RecordEpisodeStatistics applied twice?");
        }
        Map<String, Object> info = new LinkedHashMap<>(r.info());
        info.put(RETURN_KEY, episodeReturn);
        info.put(LENGTH_KEY, episodeLength);
        returnQueue.addLast(episodeReturn);
        lengthQueue.addLast(episodeLength);
        if (returnQueue.size() > bufferLength) {
            returnQueue.removeFirst();
            lengthQueue.removeFirst();
        }
        episodeCount++;
        return r.withInfo(info);
    }

    /** Number of episodes finished. */
    public long episodeCount() {
        return episodeCount;
    }

    /** The returns of the last (up to bufferLength) finished episodes, oldest first. */
    public List<Double> returnQueue() {
        return new ArrayList<>(returnQueue);
    }

    /** The lengths of the last (up to bufferLength) finished episodes, oldest first. */
    public List<Integer> lengthQueue() {
        return new ArrayList<>(lengthQueue);
    }
}
