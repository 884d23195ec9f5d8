package lpdm.lab.eval;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.StepResult;
import lpdm.rl.ActorCritic;
import lpdm.rl.Algorithm;

/**
 * Evaluates a trained agent: deterministic (argmax / Gaussian mean) or stochastic (sampled)
 * actions, on the algorithm's evaluation env (same observation pipeline as training, with any
 * normalisation frozen). Episode i is reset with seed {@code seed + i}, so evaluations are
 * repeatable and both modes see the same start states.
 */
public final class Evaluator {
    /**
     * Returns and lengths of the evaluated episodes.
     *
     * @param mode {@code deterministic} or {@code stochastic}
     * @param returns the return of each episode, in order
     * @param lengths the length of each episode, in order
     * @param cut how many of the episodes the evaluation ended at its step cap (the env neither
     *     terminated nor truncated them by then), counted in returns and lengths as they stood
     */
    public record Result(String mode, List<Double> returns, List<Integer> lengths, int cut) {
        /**
         * A result with no episode cut.
         *
         * @param mode {@code deterministic} or {@code stochastic}
         * @param returns the return of each episode
         * @param lengths the length of each episode
         */
        public Result(String mode, List<Double> returns, List<Integer> lengths) {
            this(mode, returns, lengths, 0);
        }

        /**
         * The mean return.
         *
         * @return the mean, NaN for no episode
         */
        public double mean() {
            return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /**
         * The population standard deviation of the returns (divided by the number of episodes).
         *
         * @return the standard deviation, 0 for no episode
         */
        public double std() {
            double m = mean();
            return Math.sqrt(returns.stream().mapToDouble(r -> (r - m) * (r - m)).sum() / Math.max(1, returns.size()));
        }

        /**
         * The smallest return.
         *
         * @return the minimum, NaN for no episode
         */
        public double min() {
            return returns.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        /**
         * The largest return.
         *
         * @return the maximum, NaN for no episode
         */
        public double max() {
            return returns.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }
    }

    /**
     * The default step cap of an evaluated episode. Some envs have no time limit (most MinAtar
     * games, as in the original), and a policy can keep an episode going for ever there (e.g. a
     * Seaquest submarine that never dives); the cap ends such an episode. It is far above any time
     * limit of the registered envs and any finished episode seen in training.
     */
    public static final int DEFAULT_MAX_EPISODE_STEPS = 100_000;

    private Evaluator() {
    }

    /**
     * Plays {@code episodes} episodes with the algorithm's current policy on its evaluation env.
     *
     * @param algorithm the trained algorithm (e.g. {@code TrainingRun.resume(dir).algorithm()})
     * @param episodes the number of episodes
     * @param seed episode {@code i} is reset with seed {@code seed + i}
     * @param deterministic argmax or Gaussian-mean actions if true, sampled ones if false
     * @param frames if not null, the rendered frames of the first episode are appended (up to maxFrames)
     * @param maxFrames the most frames to append
     * @return the returns and lengths
     */
    public static Result evaluate(Algorithm algorithm, int episodes, long seed, boolean deterministic,
                                  List<BufferedImage> frames, int maxFrames) {
        return evaluate(algorithm, episodes, seed, deterministic, frames, maxFrames, DEFAULT_MAX_EPISODE_STEPS);
    }

    /**
     * As {@link #evaluate(Algorithm, int, long, boolean, List, int)}, ending an episode after at
     * most {@code maxEpisodeSteps} steps (counted in {@link Result#cut()} when the env had not
     * ended it).
     *
     * @param algorithm the trained algorithm
     * @param episodes the number of episodes
     * @param seed episode {@code i} is reset with seed {@code seed + i}
     * @param deterministic argmax or Gaussian-mean actions if true, sampled ones if false
     * @param frames if not null, the rendered frames of the first episode are appended (up to maxFrames)
     * @param maxFrames the most frames to append
     * @param maxEpisodeSteps the step cap of an episode, positive
     * @return the returns, lengths and the number of episodes cut
     */
    public static Result evaluate(Algorithm algorithm, int episodes, long seed, boolean deterministic,
                                  List<BufferedImage> frames, int maxFrames, long maxEpisodeSteps) {
        if (maxEpisodeSteps < 1) {
            throw new IllegalArgumentException("maxEpisodeSteps must be positive, got " + maxEpisodeSteps);
        }
        int cut = 0;
        ActorCritic agent = algorithm.agent();
        Rng rng = new Rng(seed ^ 0x5DEECE66DL);
        List<Double> returns = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        try (Env env = algorithm.makeEvalEnv()) {
            int obsSize = env.observationSpace().flatSize();
            float[] action = new float[agent.policy().actionSize()];
            Matrix one = new Matrix(1, obsSize);
            for (int e = 0; e < episodes; e++) {
                float[] obs = env.reset(seed + e);
                double total = 0;
                int length = 0;
                boolean record = frames != null && e == 0;
                if (record) {
                    frames.add(env.render());
                }
                while (true) {
                    System.arraycopy(obs, 0, one.data, 0, obsSize);
                    Matrix out = agent.actor().forward(one);
                    if (deterministic) {
                        agent.policy().mode(out.data, 0, action);
                    } else {
                        agent.policy().sample(out.data, 0, rng, action);
                    }
                    StepResult r = step(env, action);
                    total += r.reward();
                    length++;
                    obs = r.observation();
                    if (record && frames.size() < maxFrames) {
                        frames.add(env.render());
                    }
                    if (r.done()) {
                        break;
                    }
                    if (length >= maxEpisodeSteps) {
                        cut++;
                        break;
                    }
                }
                returns.add(total);
                lengths.add(length);
            }
        }
        return new Result(deterministic ? "deterministic" : "stochastic", returns, lengths, cut);
    }

    private static StepResult step(Env env, float[] action) {
        if (env.actionSpace() instanceof Box box) {
            float[] lo = box.low();
            float[] hi = box.high();
            float[] clipped = new float[action.length];
            for (int i = 0; i < action.length; i++) {
                clipped[i] = Math.max(lo[i], Math.min(hi[i], action[i]));
            }
            return env.step(clipped);
        }
        return env.step((int) action[0]);
    }
}
