package lpdm.envs.wrappers;

import lpdm.envs.Env;
import lpdm.envs.StepResult;
import lpdm.envs.Wrapper;

/**
 * Gymnasium's {@code NormalizeReward}: scales rewards so that their discounted sum has roughly unit
 * variance. Each step updates the discounted return estimate
 * {@code G = G·gamma·(1 - terminated) + r} and, unless frozen, a {@link RunningMeanStd} of
 * {@code G}; the reward returned is {@code r / sqrt(var(G) + epsilon)} (not centred). Defaults:
 * gamma 0.99, epsilon 1e-8.
 *
 * <p>As in Gymnasium, {@code G} is zeroed only by termination: it carries over truncations and
 * resets.
 *
 * <p>State ({@link #saveState()}): [count, mean, var, G].
 */
public final class NormalizeReward extends Wrapper implements StatefulWrapper {
    public static final double DEFAULT_GAMMA = 0.99;
    public static final double DEFAULT_EPSILON = 1e-8;

    private final RunningMeanStd returnStatistics = new RunningMeanStd(1);
    private final double gamma;
    private final double epsilon;
    private double discountedReturn;
    private boolean frozen;

    public NormalizeReward(Env env) {
        this(env, DEFAULT_GAMMA, DEFAULT_EPSILON);
    }

    public NormalizeReward(Env env, double gamma, double epsilon) {
        super(env);
        if (!(gamma >= 0 && gamma <= 1)) {
            throw new IllegalArgumentException("gamma must be in [0, 1], got " + gamma);
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
        this.gamma = gamma;
        this.epsilon = epsilon;
    }

    @Override
    public StepResult step(int action) {
        return normalize(env.step(action));
    }

    @Override
    public StepResult step(float[] action) {
        return normalize(env.step(action));
    }

    private StepResult normalize(StepResult r) {
        discountedReturn = discountedReturn * gamma * (r.terminated() ? 0 : 1) + r.reward();
        if (!frozen) {
            returnStatistics.update(new double[] {discountedReturn});
        }
        return r.withReward(r.reward() / Math.sqrt(returnStatistics.var(0) + epsilon));
    }

    /** The running statistics of the discounted return (live view). */
    public RunningMeanStd statistics() {
        return returnStatistics;
    }

    /** The current discounted return estimate G. */
    public double discountedReturn() {
        return discountedReturn;
    }

    @Override
    public double[] saveState() {
        double[] s = returnStatistics.saveState();
        double[] state = new double[s.length + 1];
        System.arraycopy(s, 0, state, 0, s.length);
        state[s.length] = discountedReturn;
        return state;
    }

    @Override
    public void loadState(double[] state) {
        if (state == null || state.length != 4) {
            throw new IllegalArgumentException("NormalizeReward state is [count, mean, var, G], got "
                    + (state == null ? "null" : state.length + " values"));
        }
        if (!Double.isFinite(state[3])) {
            throw new IllegalArgumentException("NormalizeReward discounted return must be finite, got " + state[3]);
        }
        returnStatistics.loadState(new double[] {state[0], state[1], state[2]});
        discountedReturn = state[3];
    }

    @Override
    public void setFrozen(boolean frozen) {
        this.frozen = frozen;
    }

    @Override
    public boolean isFrozen() {
        return frozen;
    }
}
