package lpdm.envs.wrappers;

import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.Space;

/**
 * Gymnasium's {@code NormalizeObservation}: every observation (from {@code reset} and
 * {@code step}) first updates a {@link RunningMeanStd} of the observations, unless frozen, and is
 * then returned as {@code (obs - mean) / sqrt(var + epsilon)} (epsilon 1e-8 by default). The
 * observation space becomes unbounded and keeps its shape (a grid stays a grid for convolutions).
 *
 * <p>Gymnasium keeps these statistics in float32; they are kept in double here, which differs
 * only by float32 rounding of the statistics.
 *
 * <p>State ({@link #saveState()}): [count, mean_0 .. mean_{n-1}, var_0 .. var_{n-1}].
 */
public final class NormalizeObservation extends ObservationWrapper implements StatefulWrapper {
    public static final double DEFAULT_EPSILON = 1e-8;

    private final RunningMeanStd statistics;
    private final double epsilon;
    private final Box observationSpace;
    private boolean frozen;

    public NormalizeObservation(Env env) {
        this(env, DEFAULT_EPSILON);
    }

    public NormalizeObservation(Env env, double epsilon) {
        super(env);
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("NormalizeObservation needs a Box observation space, " + env.describe() + " has "
                    + env.observationSpace());
        }
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0, got " + epsilon);
        }
        this.statistics = new RunningMeanStd(box.size());
        this.epsilon = epsilon;
        this.observationSpace = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, box.shape());
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    protected float[] observation(float[] observation) {
        double[] x = new double[observation.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = observation[i];
        }
        if (!frozen) {
            statistics.update(x);
        }
        float[] normalized = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            normalized[i] = (float) ((x[i] - statistics.mean(i)) / Math.sqrt(statistics.var(i) + epsilon));
        }
        return normalized;
    }

    /** The epsilon added to the variance before its square root. */
    public double epsilon() {
        return epsilon;
    }

    /** The running statistics (live view; do not modify unless you mean it). */
    public RunningMeanStd statistics() {
        return statistics;
    }

    @Override
    public double[] saveState() {
        return statistics.saveState();
    }

    @Override
    public void loadState(double[] state) {
        statistics.loadState(state);
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
