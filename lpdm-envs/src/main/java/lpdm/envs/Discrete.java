package lpdm.envs;

import lpdm.core.random.Rng;

/** The integers {0, ..., n - 1}. */
public record Discrete(int n) implements Space {

    /**
     * The integers {0, ..., n - 1}.
     *
     * @param n the number of actions, positive
     * @throws IllegalArgumentException if {@code n <= 0}
     */
    public Discrete {
        if (n <= 0) {
            throw new IllegalArgumentException("Discrete space needs n > 0, got " + n);
        }
    }

    /**
     * Whether {@code action} is an element of this space.
     *
     * @param action a candidate action
     * @return true if {@code 0 <= action < n}
     */
    public boolean contains(int action) {
        return action >= 0 && action < n;
    }

    /**
     * A uniformly random element.
     *
     * @param rng the generator to draw from
     * @return an action in {@code [0, n)}
     */
    public int sample(Rng rng) {
        return rng.nextInt(n);
    }

    @Override
    public int[] shape() {
        return new int[0];
    }

    @Override
    public int flatSize() {
        return 1;
    }

    @Override
    public String toString() {
        return "Discrete(" + n + ")";
    }
}
