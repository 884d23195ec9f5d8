package lpdm.envs.box2d;

import java.util.function.Supplier;
import lpdm.core.random.Rng;

/**
 * Where a Box2D env takes its random numbers from, named after the numpy calls Gymnasium makes on
 * {@code np_random}. The default source is the env's own {@link Rng}; a replay injects a source
 * that returns numbers recorded from Gymnasium (see {@link RecordedDraws}), so that the physics
 * can be compared without depending on numpy's generator.
 */
public interface RandomDraws {

    /** numpy's {@code uniform(low, high)}: a double in [low, high). */
    double uniform(double low, double high);

    /** numpy's {@code integers(low, high)}: an integer in [low, high). */
    long integers(long low, long high);

    /** numpy's {@code random()}: a double in [0, 1). */
    default double random() {
        return uniform(0.0, 1.0);
    }

    /** Draws from whatever generator {@code rng} supplies at the time of each call. */
    static RandomDraws from(Supplier<Rng> rng) {
        return new RandomDraws() {
            @Override
            public double uniform(double low, double high) {
                return rng.get().uniform(low, high);
            }

            @Override
            public long integers(long low, long high) {
                if (high <= low) {
                    throw new IllegalArgumentException("integers(" + low + ", " + high + "): empty range");
                }
                long span = high - low;
                if (span > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("integers(" + low + ", " + high + "): range too wide");
                }
                return low + rng.get().nextInt((int) span);
            }

            @Override
            public double random() {
                return rng.get().nextDouble();
            }
        };
    }
}
