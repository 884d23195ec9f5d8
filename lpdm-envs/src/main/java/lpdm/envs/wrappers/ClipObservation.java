package lpdm.envs.wrappers;

import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.Space;

/**
 * Gymnasium's {@code ClipObservation}: clips every observation into [low, high]; the observation
 * space becomes the intersection of the inner space and [low, high].
 */
public final class ClipObservation extends ObservationWrapper {
    private final float[] low;
    private final float[] high;
    private final Box observationSpace;

    /** The same bounds for every component. */
    public ClipObservation(Env env, float low, float high) {
        this(env, filled(env, low), filled(env, high));
    }

    public ClipObservation(Env env, float[] low, float[] high) {
        super(env);
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException("ClipObservation needs a Box observation space, " + env.describe() + " has "
                    + env.observationSpace());
        }
        if (low.length != box.size() || high.length != box.size()) {
            throw new IllegalArgumentException("ClipObservation bounds need " + box.size() + " components, got " + low.length
                    + " and " + high.length);
        }
        this.low = low.clone();
        this.high = high.clone();
        float[] spaceLow = box.low();
        float[] spaceHigh = box.high();
        float[] newLow = new float[box.size()];
        float[] newHigh = new float[box.size()];
        for (int i = 0; i < newLow.length; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("ClipObservation component " + i + ": low " + low[i] + " > high " + high[i]);
            }
            newLow[i] = Math.max(spaceLow[i], low[i]);
            newHigh[i] = Math.min(spaceHigh[i], high[i]);
        }
        this.observationSpace = new Box(newLow, newHigh, box.shape()); // a grid stays a grid for convolutions
    }

    private static float[] filled(Env env, float value) {
        float[] v = new float[env.observationSpace().flatSize()];
        java.util.Arrays.fill(v, value);
        return v;
    }

    /** The lower bounds (a copy). */
    public float[] low() {
        return low.clone();
    }

    /** The upper bounds (a copy). */
    public float[] high() {
        return high.clone();
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    protected float[] observation(float[] observation) {
        float[] clipped = observation.clone();
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = Math.min(Math.max(clipped[i], low[i]), high[i]);
        }
        return clipped;
    }
}
