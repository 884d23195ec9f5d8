package lpdm.core.random;

import java.nio.charset.StandardCharsets;

/**
 * One seed per run, split into independent streams per named component ("env", "init",
 * "sampling", ...). The same run seed and component name always give the same stream, and
 * different names give unrelated streams, so adding a component never shifts another's draws.
 */
public final class Seeds {
    private final long runSeed;

    public Seeds(long runSeed) {
        this.runSeed = runSeed;
    }

    public long runSeed() {
        return runSeed;
    }

    /** A 64-bit seed for {@code component}, derived from the run seed by hashing the name. */
    public long seedFor(String component) {
        long h = Rng.mix(runSeed ^ 0x6A09E667F3BCC909L);
        for (byte b : component.getBytes(StandardCharsets.UTF_8)) {
            h = Rng.mix(h ^ (b & 0xFF));
        }
        return h;
    }

    /** A fresh generator for {@code component}. */
    public Rng rng(String component) {
        return new Rng(seedFor(component));
    }
}
