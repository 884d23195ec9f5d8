package lpdm.core.learn;

import java.util.Map;

/**
 * Per-sample scalar signals of a minibatch that a local rule may use for guidance, by name:
 * {@code value} (the critic's value target), {@code advantage}, {@code return} (return-to-go),
 * {@code reward}, {@code td} (the one-step TD error r + gamma V(s') - V(s) of the critic that
 * collected the rollout). Arrays are aligned with the minibatch rows. Back-propagation ignores them.
 */
public record Signals(Map<String, float[]> byName) {
    public static final String VALUE = "value";
    public static final String ADVANTAGE = "advantage";
    public static final String RETURN = "return";
    public static final String REWARD = "reward";
    public static final String TD = "td";

    public static final Signals NONE = new Signals(Map.of());

    public Signals {
        byName = Map.copyOf(byName);
    }

    /**
     * Synthetic signals for benchmarks and probes: every name ({@code value}, {@code advantage},
     * {@code return}, {@code reward}, {@code td}) with n standard-normal draws from {@code rng}, so
     * that a guided rule does its full work.
     */
    public static Signals synthetic(int n, lpdm.core.random.Rng rng) {
        Map<String, float[]> m = new java.util.LinkedHashMap<>();
        for (String name : new String[] {VALUE, ADVANTAGE, RETURN, REWARD, TD}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) rng.nextGaussian();
            }
            m.put(name, v);
        }
        return new Signals(m);
    }

    /** The signal {@code name}; fails naming the available ones if absent. */
    public float[] get(String name) {
        float[] s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException("guidance signal '" + name + "' is not provided by this algorithm; available: " + byName.keySet());
        }
        return s;
    }
}
