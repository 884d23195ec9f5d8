package lpdm.envs.wrappers;

import lpdm.envs.Env;
import lpdm.envs.StepResult;
import lpdm.envs.Wrapper;

/**
 * A wrapper with one hook, {@link #observation(float[])}, applied to every observation the inner
 * env returns: from {@code reset}, {@code setState} and {@code step} (Gymnasium's
 * {@code ObservationWrapper}).
 */
public abstract class ObservationWrapper extends Wrapper {

    protected ObservationWrapper(Env env) {
        super(env);
    }

    /** Maps an observation of the inner env to this wrapper's observation (may modify its argument). */
    protected abstract float[] observation(float[] observation);

    @Override
    public float[] reset(long seed) {
        return observation(env.reset(seed));
    }

    @Override
    public float[] reset() {
        return observation(env.reset());
    }

    @Override
    public float[] setState(double[] state) {
        return observation(env.setState(state));
    }

    @Override
    public StepResult step(int action) {
        StepResult r = env.step(action);
        return r.withObservation(observation(r.observation()));
    }

    @Override
    public StepResult step(float[] action) {
        StepResult r = env.step(action);
        return r.withObservation(observation(r.observation()));
    }
}
