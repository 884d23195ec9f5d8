package lpdm.lab.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import lpdm.rl.HyperParameters;

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
    /** The budget of a training run given none whose settings come from no tuned set. */
    public static final long DEFAULT_STEPS = 100_000;

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

    /**
     * The run that {@code lpdm train} and the library's {@code lpdm.api.Training} make of these
     * arguments: as the constructor, with {@code hparams=tuned} added unless {@code overrides} name
     * {@code hparams} (a new training run starts from the tuned set of its env and algorithm;
     * interfaces.md).
     *
     * @param env env id
     * @param algo algorithm name
     * @param learner learner name
     * @param seed run seed
     * @param totalSteps environment-step budget
     * @param overrides explicit settings by name
     * @return the run's identity and settings
     */
    public static RunConfig forTraining(String env, String algo, String learner, long seed, long totalSteps,
                                        Map<String, String> overrides) {
        return new RunConfig(env, algo, learner, seed, totalSteps, startingFromTuned(overrides));
    }

    /** {@code overrides} with {@code hparams=tuned} added unless they name {@code hparams}: what a new training run starts from. */
    private static Map<String, String> startingFromTuned(Map<String, String> overrides) {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        o.putIfAbsent(HyperParameters.SETTING, HyperParameters.TUNED);
        return o;
    }

    /**
     * The budget of a training run given none ({@code lpdm train} without {@code --steps}): the
     * budget of the tuned set it starts from, as rl-baselines3-zoo's {@code train.py} takes
     * {@code n_timesteps} from its hyper-parameter file, or {@link #DEFAULT_STEPS} when it starts
     * from the defaults ({@code hparams=defaults}, or no tuned set for the env and algorithm).
     *
     * @param env env id
     * @param algo algorithm name
     * @param learner learner name
     * @param overrides explicit settings by name ({@code hparams} among them, if given)
     * @return a positive budget
     */
    public static long defaultSteps(String env, String algo, String learner, Map<String, String> overrides) {
        long tuned = tunedSteps(env, algo, learner, overrides);
        return tuned > 0 ? tuned : DEFAULT_STEPS;
    }

    /** The budget of the tuned set a new training run starts from, 0 when it starts from the defaults. */
    public static long tunedSteps(String env, String algo, String learner, Map<String, String> overrides) {
        return HyperParameters.choose(algo, env, learner, startingFromTuned(overrides)).steps();
    }

    /**
     * Where {@code lpdm train} writes this run without {@code --out}:
     * {@code runs/ENV_ALGO_LEARNER_seedS} under the working directory, with {@code -2}, {@code -3},
     * ... appended while that name exists.
     *
     * @return a path that does not exist yet
     */
    public Path defaultDirectory() {
        Path base = Path.of("runs", env + "_" + algo + "_" + learner + "_seed" + seed);
        Path dir = base;
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of(base + "-" + i);
        }
        return dir;
    }
}
