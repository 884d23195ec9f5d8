package lpdm.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.TrainingRun;

/**
 * The configuration of one training run, made by {@link Lpdm#training(String, String, String)}:
 * each method corresponds to an option of {@code lpdm train}, and {@link #run()} trains exactly as
 * that command does with the same options (same config.json, checkpoints and tables).
 */
public final class Training {
    private final String env;
    private final String algo;
    private final String learner;
    private Long steps;
    private long seed = 1;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path directory;
    private RunProgress progress = RunProgress.NONE;

    Training(String env, String algo, String learner) {
        this.env = Objects.requireNonNull(env, "env");
        this.algo = Objects.requireNonNull(algo, "algo");
        this.learner = Objects.requireNonNull(learner, "learner");
    }

    /**
     * The environment-step budget ({@code --steps}; default: the budget of the tuned set the run
     * starts from, else 100000, as the command line's). On-policy algorithms round it up to whole
     * rollouts.
     *
     * @param n positive, at most 2^53 (checked by {@link #run()})
     * @return this
     */
    public Training steps(long n) {
        this.steps = n;
        return this;
    }

    /**
     * The run seed ({@code --seed}; default 1): the same seed and settings give a bit-identical
     * run.
     *
     * @param s non-negative (checked by {@link #run()})
     * @return this
     */
    public Training seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * Overrides one setting by its documented name ({@code --set NAME=VALUE}), e.g.
     * {@code set("ppo.lr", "1e-3")}; {@code lpdm train --list-settings} lists the names. A later
     * call for the same name replaces the value.
     *
     * @param name a setting name, e.g. {@code lpdm.pairs}
     * @param value its value as the command line takes it, e.g. {@code sampled:16}
     * @return this
     */
    public Training set(String name, String value) {
        settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * The LPDM guidance weight ({@code --guidance LAMBDA}, the same as
     * {@code set("lpdm.guidance", ...)}).
     *
     * @param lambda the weight
     * @return this
     */
    public Training guidance(double lambda) {
        return set("lpdm.guidance", Double.toString(lambda));
    }

    /**
     * The run directory ({@code --out}); by default {@code runs/ENV_ALGO_LEARNER_seedS} under the
     * working directory (with {@code -2}, {@code -3}, ... appended while it exists). A directory
     * that already holds a run is refused.
     *
     * @param dir the directory to create
     * @return this
     */
    public Training directory(Path dir) {
        this.directory = Objects.requireNonNull(dir, "dir");
        return this;
    }

    /**
     * Where the run reports its progress after every iteration (default: nowhere).
     *
     * @param sink the receiver, called on the training thread
     * @return this
     */
    public Training progress(RunProgress sink) {
        this.progress = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /**
     * Checks every argument and setting, creates the run directory, trains to the end of the
     * budget and writes every file of the run directory (config.json, progress.csv, episodes.csv,
     * summary.json, checkpoint/, curve.png, the TensorBoard event file; docs/interfaces.md).
     *
     * @return the run directory, the hyper-parameter set used and the summary
     * @throws IOException if a file cannot be written
     * @throws lpdm.rl.settings.UsageException for bad arguments or settings, before anything is
     *     written; the message is the command line's
     * @throws lpdm.envs.EnvRegistry.UnknownEnvException for an env id that is not registered
     */
    public TrainedRun run() throws IOException {
        long budget = steps != null ? steps : RunConfig.defaultSteps(env, algo, learner, settings);
        RunConfig config = RunConfig.forTraining(env, algo, learner, seed, budget, settings);
        Path dir = directory != null ? directory : config.defaultDirectory();
        return TrainedRun.train(TrainingRun.create(dir, config), progress);
    }
}
