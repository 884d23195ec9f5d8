package lpdm.lab.run;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the user asked for: the identity of a run. Written to config.json (with every effective
 * setting) and read back by {@code --resume}.
 *
 * @param env env id
 * @param algo algorithm name
 * @param learner learner name (bp, lpdm, frozen)
 * @param seed run seed
 * @param totalSteps environment-step budget
 * @param overrides settings given by the user (config file and --set), by name
 */
public record RunConfig(String env, String algo, String learner, long seed, long totalSteps, Map<String, String> overrides) {
    /** Largest step budget: every step count up to it is exact as a double (the tables' number type). */
    public static final long MAX_STEPS = 1L << 53;

    public RunConfig {
        if (totalSteps <= 0) {
            throw new lpdm.rl.settings.UsageException("--steps must be positive, got " + totalSteps);
        }
        if (totalSteps > MAX_STEPS) {
            throw new lpdm.rl.settings.UsageException("--steps must be at most 2^53 = " + MAX_STEPS
                    + " (progress.csv and episodes.csv record steps as floating-point numbers), got " + totalSteps);
        }
        if (seed < 0) {
            throw new lpdm.rl.settings.UsageException("--seed must be a non-negative integer, got " + seed);
        }
        overrides = new TreeMap<>(overrides);
    }
}
