package lpdm.envs.wrappers;

import lpdm.envs.Env;
import lpdm.envs.StepResult;
import lpdm.envs.Wrapper;

/** A wrapper with one hook, {@link #reward(double)}, applied to every step's reward (Gymnasium's {@code RewardWrapper}). */
public abstract class RewardWrapper extends Wrapper {

    protected RewardWrapper(Env env) {
        super(env);
    }

    /** Maps the inner env's reward to this wrapper's reward. */
    protected abstract double reward(double reward);

    @Override
    public StepResult step(int action) {
        StepResult r = env.step(action);
        return r.withReward(reward(r.reward()));
    }

    @Override
    public StepResult step(float[] action) {
        StepResult r = env.step(action);
        return r.withReward(reward(r.reward()));
    }
}
