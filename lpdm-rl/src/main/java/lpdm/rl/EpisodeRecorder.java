package lpdm.rl;

import java.util.LinkedHashMap;
import java.util.Map;
import lpdm.core.state.StateDict;
import lpdm.envs.Env;
import lpdm.envs.StepResult;
import lpdm.envs.Wrapper;
import lpdm.envs.wrappers.RecordEpisodeStatistics;

/**
 * Adds up each episode's rewards and steps and, on the step that ends it, puts the return (a
 * Double) and length (an Integer) into the step's info under {@link RecordEpisodeStatistics}'s
 * keys. Unlike {@link RecordEpisodeStatistics} it saves the running sums of the current episode
 * in {@link #saveState}, so that a resumed run reports the same episodes as an uninterrupted one.
 * Placed directly around the registry's env, inside every reward-changing wrapper, it records the
 * env's own returns.
 */
public final class EpisodeRecorder extends Wrapper {
    private double episodeReturn;
    private int episodeLength;

    public EpisodeRecorder(Env env) {
        super(env);
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

    private void startEpisode() {
        episodeReturn = 0;
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
        Map<String, Object> info = new LinkedHashMap<>(r.info());
        info.put(RecordEpisodeStatistics.RETURN_KEY, episodeReturn);
        info.put(RecordEpisodeStatistics.LENGTH_KEY, episodeLength);
        return r.withInfo(info);
    }

    @Override
    public void saveState(StateDict state, String prefix) {
        env.saveState(state, prefix);
        state.putDoubles(prefix + ".episode_recorder", new double[] {episodeReturn, episodeLength});
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        env.loadState(state, prefix);
        double[] v = state.doubles(prefix + ".episode_recorder");
        episodeReturn = v[0];
        episodeLength = (int) v[1];
    }
}
