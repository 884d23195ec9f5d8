package lpdm.envs;

import lpdm.core.random.Rng;

/** The integers {0, ..., n - 1}. */
public record Discrete(int n) implements Space {

    public Discrete {
        if (n <= 0) {
            throw new IllegalArgumentException("Discrete space needs n > 0, got " + n);
        }
    }

    public boolean contains(int action) {
        return action >= 0 && action < n;
    }

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
