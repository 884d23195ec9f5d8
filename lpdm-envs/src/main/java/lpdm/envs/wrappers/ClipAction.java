package lpdm.envs.wrappers;

import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.Space;
import lpdm.envs.StepResult;
import lpdm.envs.Wrapper;

/**
 * Gymnasium's {@code ClipAction}: clips every continuous action into the inner env's
 * {@link Box} action space before passing it on; this wrapper's action space is therefore
 * unbounded. NaN is not clipped (the inner env rejects it).
 */
public final class ClipAction extends Wrapper {
    private final Box innerSpace;
    private final Box actionSpace;

    public ClipAction(Env env) {
        super(env);
        if (!(env.actionSpace() instanceof Box box)) {
            throw new IllegalArgumentException("ClipAction needs a Box action space, " + env.describe() + " has " + env.actionSpace());
        }
        this.innerSpace = box;
        this.actionSpace = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, box.size());
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    public StepResult step(float[] action) {
        if (action == null) {
            return env.step((float[]) null);
        }
        float[] low = innerSpace.low();
        float[] high = innerSpace.high();
        float[] clipped = action.clone();
        for (int i = 0; i < clipped.length && i < low.length; i++) {
            clipped[i] = Math.min(Math.max(clipped[i], low[i]), high[i]);
        }
        return env.step(clipped);
    }
}
