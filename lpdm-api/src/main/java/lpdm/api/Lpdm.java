package lpdm.api;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.lab.eval.Evaluator;
import lpdm.lab.run.BuildInfo;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.TrainingRun;

/**
 * Entry point of the library: environments, training runs and their evaluation, as the
 * {@code lpdm} command line offers them (docs/library.md).
 *
 * <pre>{@code
 * TrainedRun run = Lpdm.training("CartPole-v1", "ppo", "lpdm").steps(20_000).seed(1).directory(dir).run();
 * double finalReturn = run.summary().final_mean_return();
 * Evaluation eval = run.evaluate(10, 1_000_000);
 * }</pre>
 */
public final class Lpdm {
    private Lpdm() {
    }

    /**
     * The version of lpdm on the class path, as config.json records it ({@code versions.lpdm}).
     *
     * @return the version, e.g. {@code 0.1.0-SNAPSHOT}
     */
    public static String version() {
        return BuildInfo.lpdmVersion();
    }

    /**
     * Every registered environment id in registration order, as {@code lpdm envs} lists them: the
     * classic-control envs, and those of lpdm-envs-box2d and lpdm-envs-minatar (dependencies of
     * this module).
     *
     * @return the ids, e.g. {@code CartPole-v1}
     */
    public static List<String> envIds() {
        return EnvRegistry.ids();
    }

    /**
     * Builds the registered environment {@code id} with its default arguments and its registered
     * time limit, as Gymnasium's {@code gymnasium.make(id)}.
     *
     * @param id a registered env id, e.g. {@code CartPole-v1}
     * @return a new env; close it when done
     * @throws EnvRegistry.UnknownEnvException if {@code id} is not registered (the message lists
     *     the registered ids)
     */
    public static Env makeEnv(String id) {
        return EnvRegistry.make(id);
    }

    /**
     * A new training run, configured as {@code lpdm train --env ENV --algo ALGO --learner LEARNER}
     * with the command line's defaults (seed 1, the tuned settings of the env and algorithm and
     * the budget they were tuned for, 100000 steps without them); change them with the
     * {@link Training} methods, then call {@link Training#run()}.
     *
     * @param env a registered env id, e.g. {@code CartPole-v1}
     * @param algo {@code reinforce}, {@code a2c} or {@code ppo}
     * @param learner the hidden layers' learning rule: {@code bp}, {@code lpdm} or {@code frozen}
     * @return the run's configuration, not yet checked (that happens in {@link Training#run()})
     */
    public static Training training(String env, String algo, String learner) {
        return new Training(env, algo, learner);
    }

    /**
     * Continues an interrupted run from its last checkpoint, bit-exactly, as
     * {@code lpdm train --resume RUN_DIR}; a finished run is left as it is (its summary is read
     * back).
     *
     * @param runDirectory a run directory written by {@link Training#run()} or {@code lpdm train}
     * @param progress receives the progress after every iteration ({@link RunProgress#NONE}: none)
     * @return the run and its summary
     * @throws IOException if a file of the run cannot be read or written
     * @throws lpdm.rl.settings.UsageException if the directory cannot be resumed (the message says
     *     why, as the command line's)
     */
    public static TrainedRun resume(Path runDirectory, RunProgress progress) throws IOException {
        return TrainedRun.train(TrainingRun.resume(runDirectory), progress);
    }

    /**
     * Evaluates the last checkpoint of a run as {@code lpdm eval RUN_DIR --episodes N --seed S}
     * does, without writing eval.json ({@link Evaluation#write(Path)} does).
     *
     * @param runDirectory a run directory with a checkpoint
     * @param episodes episodes per mode (deterministic and stochastic), positive
     * @param seed episode {@code i} is reset with seed {@code seed + i}; non-negative
     * @return the returns and lengths of both modes
     * @throws IOException if the run's files cannot be read
     * @throws lpdm.rl.settings.UsageException for a non-positive {@code episodes}, a negative
     *     {@code seed} or a directory without checkpoint
     */
    public static Evaluation evaluate(Path runDirectory, int episodes, long seed) throws IOException {
        return Evaluation.of(runDirectory, episodes, seed, null, 0, Evaluator.DEFAULT_MAX_EPISODE_STEPS);
    }

    /**
     * As {@link #evaluate(Path, int, long)}, also recording the rendered frames of the first
     * deterministic episode (what {@code lpdm eval --gif} draws).
     *
     * @param runDirectory a run directory with a checkpoint
     * @param episodes episodes per mode, positive
     * @param seed episode {@code i} is reset with seed {@code seed + i}; non-negative
     * @param frames receives the frames of the first deterministic episode
     * @param maxFrames the most frames to record
     * @return the returns and lengths of both modes
     * @throws IOException if the run's files cannot be read
     * @throws lpdm.rl.settings.UsageException for a non-positive {@code episodes}, a negative
     *     {@code seed} or a directory without checkpoint
     */
    public static Evaluation evaluate(Path runDirectory, int episodes, long seed, List<BufferedImage> frames, int maxFrames)
            throws IOException {
        return Evaluation.of(runDirectory, episodes, seed, frames, maxFrames, Evaluator.DEFAULT_MAX_EPISODE_STEPS);
    }

    /**
     * As {@link #evaluate(Path, int, long, List, int)}, ending every episode after at most
     * {@code maxEpisodeSteps} steps (for envs without a time limit; the default is
     * {@link Evaluator#DEFAULT_MAX_EPISODE_STEPS}); episodes ended so are counted in each result's
     * {@code cut()}.
     *
     * @param runDirectory a run directory with a checkpoint
     * @param episodes episodes per mode, positive
     * @param seed episode {@code i} is reset with seed {@code seed + i}; non-negative
     * @param frames receives the frames of the first deterministic episode, or null
     * @param maxFrames the most frames to record
     * @param maxEpisodeSteps the step cap of an episode, positive
     * @return the returns and lengths of both modes
     * @throws IOException if the run's files cannot be read
     * @throws lpdm.rl.settings.UsageException for a non-positive {@code episodes} or
     *     {@code maxEpisodeSteps}, a negative {@code seed} or a directory without checkpoint
     */
    public static Evaluation evaluate(Path runDirectory, int episodes, long seed, List<BufferedImage> frames, int maxFrames,
                                      long maxEpisodeSteps) throws IOException {
        return Evaluation.of(runDirectory, episodes, seed, frames, maxFrames, maxEpisodeSteps);
    }
}
