package lpdm.rl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import lpdm.core.learn.Signals;
import lpdm.core.optim.OptimizerSpec;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.tensor.Matrix;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.Space;
import lpdm.envs.vector.SyncVectorEnv;
import lpdm.envs.vector.VectorStepResult;
import lpdm.envs.wrappers.ClipAction;
import lpdm.envs.wrappers.RecordEpisodeStatistics;
import lpdm.rl.settings.UsageException;

/**
 * Proximal Policy Optimisation with the clipped surrogate objective (Schulman et al. 2017,
 * "Proximal Policy Optimization Algorithms", arXiv 1707.06347), read like CleanRL's
 * {@code ppo.py} (discrete actions) and {@code ppo_continuous_action.py} (Box actions); see also
 * Huang et al. 2022, "The 37 Implementation Details of Proximal Policy Optimization".
 *
 * <p>Each iteration collects {@code numSteps} steps from each of {@code numEnvs} envs
 * ({@link SyncVectorEnv}, same-step autoreset), computes GAE(lambda) advantages ({@link Gae};
 * with {@code bootstrapTruncation} time-limit truncations bootstrap from the critic's value of the
 * episode's final observation, as Stable-Baselines3 does; without it they end the return like a
 * termination, as CleanRL does (the default for Discrete actions, true for Box actions);
 * terminations never bootstrap, the rollout end bootstraps from the next observation), and runs
 * {@code updateEpochs} passes over {@code numMinibatches} shuffled minibatches minimising
 * <pre>
 *   L = mean_i max(-A_i r_i, -A_i clip(r_i, 1 - c, 1 + c))           r_i = pi(a_i|s_i) / pi_old(a_i|s_i)
 *     - entCoef mean_i H(pi(.|s_i))
 *     + vfCoef  0.5 mean_i max((V_i - R_i)^2, (V_old,i + clip(V_i - V_old,i, -c, c) - R_i)^2)
 * </pre>
 * (the second value term only with {@code clipVloss}; R = A + V_old, the lambda-returns), with
 * advantages normalised per minibatch ({@code normAdv}), the global gradient norm of actor and
 * critic together clipped to {@code maxGradNorm}, the learning rates annealed linearly to 0 over
 * the iterations ({@code annealLr}), and optionally stopping the epochs early when the last
 * minibatch's approximate KL exceeds {@code targetKl} (CleanRL's rule).
 *
 * <p>Continuous actions: a diagonal Gaussian with state-independent log-std; the sample is
 * stored and scored unclipped and clipped to the action space only on its way into the env
 * ({@link ClipAction}). With the continuous defaults the env is wrapped as in CleanRL:
 * observation normalisation, observation clipping, reward normalisation (discounted-return
 * scale, gamma of the run), reward clipping; the normalisers' statistics are part of the
 * checkpoint and are copied, frozen, into {@link #makeEvalEnv()}.
 *
 * <p>The hidden layers of actor and critic learn by the run's learning rule; this class never
 * asks which one. Under a local rule the minibatch {@link Signals} are: {@code value} and
 * {@code return} = the lambda-returns R (the critic's targets), {@code advantage} = the
 * advantages exactly as the policy loss uses them (normalised per minibatch when
 * {@code normAdv} is on), {@code reward} = the stored rewards (after any reward normalisation), {@code td} = the one-step
 * TD errors delta_t of {@link Gae} (with the rollout's values). Every iteration starts by telling
 * the learners the fraction of the budget done ({@code setTrainingProgress}) for their schedules.
 *
 * <p>Sub-env i is seeded with {@code envSeed + i}, where {@code envSeed} is the run's "env"
 * seed stream (62 bits), so runs with consecutive seeds share no env seed (CleanRL's
 * {@code seed + i} would). Reported episode returns are the env's own (raw) rewards.
 *
 * <p>Metrics per iteration: {@code losses/policy_loss}, {@code value_loss}, {@code entropy},
 * {@code approx_kl} (mean((r - 1) - log r)), {@code old_approx_kl} (mean(-log r)), {@code clipfrac},
 * {@code grad_norm} (before clipping) are means over the iteration's minibatch updates (CleanRL
 * logs the last minibatch's values, except clipfrac); {@code losses/explained_variance} is over
 * the rollout's values and returns; {@code charts/learning_rate} is the (annealed) lr of the
 * iteration; {@code charts/update_epochs} the epochs run (fewer with a target KL); then the
 * actor's learner diagnostics as {@code layer{i}/...} and the critic's as {@code critic/layer{i}/...}.
 *
 * <p>A2C is the special case of one epoch, one minibatch and no clipping; see {@link A2c}.
 */
public final class Ppo implements Algorithm {

    /**
     * PPO settings, named as in CleanRL.
     *
     * @param numEnvs parallel envs
     * @param numSteps steps per env per rollout
     * @param numMinibatches minibatches per epoch (must divide numEnvs * numSteps)
     * @param updateEpochs passes over the rollout per iteration
     * @param lr Adam learning rate
     * @param headLr learning rate of the heads and the log-std (the common setting head_lr; defaults to lr)
     * @param gamma discount factor
     * @param gaeLambda GAE lambda
     * @param clipCoef surrogate clipping coefficient c (also the value clipping range); infinity = no clipping
     * @param clipVloss clip the value loss as in the PPO paper's code
     * @param entCoef entropy bonus coefficient
     * @param vfCoef value-loss coefficient
     * @param maxGradNorm global gradient-norm clipping threshold
     * @param targetKl stop the epochs when the approximate KL exceeds this (empty: never)
     * @param normAdv normalise advantages per minibatch
     * @param annealLr anneal the learning rates linearly to 0 over the iterations
     * @param optimizer the optimiser of the RL loss (PPO: Adam; A2C: Adam or RMSprop) and its constants
     * @param normObs wrap each env in observation normalisation
     * @param normReward wrap each env in reward normalisation (by the discounted return's std, gamma of the run)
     * @param clipObs clip (normalised) observations to [-clipObs, clipObs] (empty: no clipping)
     * @param clipReward clip (normalised) rewards to [-clipReward, clipReward] (empty: no clipping)
     * @param bootstrapTruncation bootstrap from V(final observation) where a time limit cut an
     *        episode (true, Stable-Baselines3's handling), or treat the cut like a termination
     *        (false, CleanRL's handling)
     */
    public record Config(int numEnvs, int numSteps, int numMinibatches, int updateEpochs, double lr, double headLr,
                         double gamma, double gaeLambda, double clipCoef, boolean clipVloss, double entCoef,
                         double vfCoef, double maxGradNorm, OptionalDouble targetKl, boolean normAdv, boolean annealLr,
                         OptimizerSpec optimizer, boolean normObs, boolean normReward, OptionalDouble clipObs,
                         OptionalDouble clipReward, boolean bootstrapTruncation) {

        public Config {
            require(numEnvs >= 1 && numSteps >= 1 && numMinibatches >= 1 && updateEpochs >= 1,
                    "num_envs, num_steps, num_minibatches and update_epochs must be >= 1");
            require((long) numEnvs * numSteps <= Integer.MAX_VALUE / 64, "num_envs * num_steps is too large");
            require(numEnvs * numSteps % numMinibatches == 0, "num_minibatches (" + numMinibatches
                    + ") must divide the batch size num_envs * num_steps = " + numEnvs * numSteps);
            require(lr >= 0 && headLr >= 0 && gamma >= 0 && gamma <= 1 && gaeLambda >= 0 && gaeLambda <= 1,
                    "lr >= 0, 0 <= gamma <= 1 and 0 <= gae_lambda <= 1 required");
            require(clipCoef > 0 && vfCoef >= 0 && maxGradNorm > 0 && optimizer != null, "clip_coef, max_grad_norm > 0, vf_coef >= 0 and an optimiser required");
            require(targetKl.isEmpty() || targetKl.getAsDouble() > 0, "target_kl must be > 0 or empty");
            require(clipObs.isEmpty() || clipObs.getAsDouble() > 0, "clip_obs must be > 0 or none");
            require(clipReward.isEmpty() || clipReward.getAsDouble() > 0, "clip_reward must be > 0 or none");
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new UsageException("invalid settings: " + message);
            }
        }

        /** Samples per rollout. */
        public int batchSize() {
            return numEnvs * numSteps;
        }

        public int minibatchSize() {
            return batchSize() / numMinibatches;
        }

        /** Iterations that spend a budget of {@code totalSteps} env steps (rounded up: the budget is always spent). */
        public long numIterations(long totalSteps) {
            return (totalSteps + batchSize() - 1) / batchSize();
        }
    }

    private final RunSpec run;
    private final Config config;
    private final CriticExecution criticExecution;
    private final Space actionSpace;
    private final SyncVectorEnv envs;
    private final ActorCritic agent;
    private final Rng samplingRng;
    private final Rng minibatchRng;
    private final int obsSize;
    private final int actSize;
    private final long numIterations;
    private long globalStep;
    private long iteration;

    // Rollout storage, index t * numEnvs + e (CleanRL's [num_steps, num_envs] layout).
    private final float[] observations;
    private final float[] actions;
    private final float[] logprobs;
    private final float[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final float[] values;
    private final float[] finalValues;
    private final float[] advantages;
    private final float[] returns;
    /** One-step TD errors of the rollout (the {@code td} guidance signal). */
    private final float[] tdErrors;
    /** terminated || truncated, for {@code bootstrapTruncation = false}. */
    private final boolean[] endsReturn;
    /** The observation each env is in now (the next step's input), numEnvs x obsSize. */
    private final Matrix nextObs;
    /** The discrete actions of one vector step (reused). */
    private final int[] discreteActions;
    /** One sampled action (scratch of the rollout). */
    private final float[] rolloutAction;

    /**
     * PPO with the settings of {@code run} (ppo.*), its critic run where {@code run.threads} says
     * ({@link RunThreads}); a malformed setting fails here, before anything is built.
     */
    public static Ppo create(RunSpec run) {
        Config config = PpoSettings.config(run.settings(), ActorCriticEnvs.actionSpaceOf(run.envId()));
        return new Ppo(run, config, RunThreads.criticExecution(run, config.minibatchSize()));
    }

    /**
     * An actor-critic run of {@code run}'s env and learning rule with {@code config} (A2C builds one
     * too), the critic's part of each minibatch update run as {@code criticExecution} says.
     */
    public Ppo(RunSpec run, Config config, CriticExecution criticExecution) {
        this.run = run;
        this.config = config;
        this.criticExecution = criticExecution;
        this.numIterations = config.numIterations(run.totalSteps());

        // 1. Envs: numEnvs copies, wrapped as the config says, seeded with envSeed + i.
        this.envs = SyncVectorEnv.of(() -> ActorCriticEnvs.make(run.envId(), run.settings(), config), config.numEnvs());
        this.actionSpace = ActorCriticEnvs.actionSpaceOf(run.envId());
        this.obsSize = envs.singleObservationSpace().flatSize();
        float[][] first = envs.reset(envSeed());

        // 2. Agent: actor and critic bound to the run's learning rule; sampling and minibatch streams.
        this.agent = new ActorCritic(envs.singleObservationSpace().shape(), actionSpace, NetworkSettings.from(run.settings()), run.rule(), run.seeds(),
                config.lr(), config.headLr(), config.optimizer());
        this.actSize = agent.policy().actionSize();
        this.samplingRng = run.seeds().rng("sampling");
        this.minibatchRng = run.seeds().rng("minibatch");

        // 3. Storage.
        int n = config.batchSize();
        observations = new float[n * obsSize];
        actions = new float[n * actSize];
        logprobs = new float[n];
        rewards = new float[n];
        terminated = new boolean[n];
        truncated = new boolean[n];
        values = new float[n];
        finalValues = new float[n];
        advantages = new float[n];
        returns = new float[n];
        tdErrors = new float[n];
        endsReturn = new boolean[n];
        nextObs = new Matrix(config.numEnvs(), obsSize);
        discreteActions = new int[config.numEnvs()];
        rolloutAction = new float[actSize];
        setNextObservations(first);
    }

    public Config config() {
        return config;
    }

    @Override
    public int trainingThreads() {
        return criticExecution.threads();
    }

    /**
     * Trains until the budget is spent or the listener stops: one iteration per pass of the loop.
     * Each phase is a method of its own (so is each minibatch update): besides reading like the
     * algorithm, this keeps HotSpot's C2 from compiling the whole loop with everything inlined as one
     * on-stack-replacement method (docs/notes/performance-notebook.md, session 4).
     */
    @Override
    public void train(TrainingListener listener) {
        try (CriticExecution.Worker critic = criticExecution.open("ppo-critic")) {
            while (iteration < numIterations) {
                // 1. Learning-rate annealing: fraction 1 - iteration / numIterations (CleanRL's (iteration - 1) with 1-based iterations).
                if (config.annealLr()) {
                    agent.setLearningRateFraction(1.0 - (double) iteration / numIterations);
                }
                agent.setTrainingProgress((double) iteration / numIterations); // schedules of local rules
                double learningRate = agent.learningRate();

                // 2. Rollout: numSteps steps of every env with the current policy.
                rollout(listener);

                // 3. Bootstrap from the next observation and compute GAE(lambda) advantages and returns.
                computeAdvantages();

                // 4. Update: updateEpochs passes over shuffled minibatches.
                Sums sums = update(critic);
                iteration++;

                // 5. Metrics (means over the iteration's minibatch updates).
                if (!listener.onIteration(this, iteration, globalStep, metrics(sums, learningRate))) {
                    return;
                }
            }
        }
    }

    /** Step 2: numSteps steps of every env with the current policy, stored in the rollout buffers. */
    private void rollout(TrainingListener listener) {
        int numEnvs = config.numEnvs();
        PolicyHead policy = agent.policy();
        float[] action = rolloutAction;
        for (int step = 0; step < config.numSteps(); step++) {
            int base = step * numEnvs;
            System.arraycopy(nextObs.data, 0, observations, base * obsSize, numEnvs * obsSize);
            Matrix out = agent.actor().forward(nextObs);
            for (int e = 0; e < numEnvs; e++) {
                double logprob = policy.sample(out.data, e * out.cols, samplingRng, action);
                System.arraycopy(action, 0, actions, (base + e) * actSize, actSize);
                logprobs[base + e] = (float) logprob;
            }
            Matrix v = agent.critic().forward(nextObs);
            System.arraycopy(v.data, 0, values, base, numEnvs);

            VectorStepResult r = stepEnvs(base);
            globalStep += numEnvs;
            for (int e = 0; e < numEnvs; e++) {
                rewards[base + e] = (float) r.rewards()[e];
                terminated[base + e] = r.terminated()[e];
                truncated[base + e] = r.truncated()[e];
                if (r.done(e)) {
                    Map<String, Object> info = r.finalInfos().get(e);
                    if (info != null && info.get(RecordEpisodeStatistics.RETURN_KEY) instanceof Double ret) {
                        listener.onEpisode(globalStep, ret, (Integer) info.get(RecordEpisodeStatistics.LENGTH_KEY));
                    }
                }
            }
            // A time limit cut an episode: keep V(final observation) to bootstrap from (Gae).
            storeFinalValues(r, base);
            setNextObservations(r.observations());
        }
    }

    /**
     * finalValues of step {@code base / numEnvs}: V(final observation) for every env a time limit
     * cut (truncated, not terminated), 0 for the others.
     */
    private void storeFinalValues(VectorStepResult r, int base) {
        int numEnvs = config.numEnvs();
        boolean anyTruncation = false;
        for (int e = 0; e < numEnvs; e++) {
            anyTruncation |= r.truncated()[e] && !r.terminated()[e];
        }
        if (!anyTruncation) {
            java.util.Arrays.fill(finalValues, base, base + numEnvs, 0f);
            return;
        }
        Matrix finals = new Matrix(numEnvs, obsSize);
        for (int e = 0; e < numEnvs; e++) {
            if (r.truncated()[e] && !r.terminated()[e]) {
                float[] fin = r.finalObservations()[e];
                checkFinite(fin, e, "final observation");
                System.arraycopy(fin, 0, finals.data, e * obsSize, obsSize);
            }
        }
        Matrix fv = agent.critic().forward(finals);
        for (int e = 0; e < numEnvs; e++) {
            finalValues[base + e] = r.truncated()[e] && !r.terminated()[e] ? fv.data[e] : 0f;
        }
    }

    /** Step 3: the values of the next observations, then GAE(lambda) advantages, returns and TD errors. */
    private void computeAdvantages() {
        int numEnvs = config.numEnvs();
        int batchSize = config.batchSize();
        float[] nextValues = new float[numEnvs];
        agent.values(nextObs, nextValues);
        if (!config.bootstrapTruncation()) {
            // CleanRL's handling: a time-limit cut ends the return like a termination.
            for (int i = 0; i < batchSize; i++) {
                endsReturn[i] = terminated[i] || truncated[i];
            }
        }
        Gae.compute(config.numSteps(), numEnvs, rewards, values, config.bootstrapTruncation() ? terminated : endsReturn, truncated,
                finalValues, nextValues,
                config.gamma(), config.gaeLambda(), advantages, returns, tdErrors);
    }

    /** The buffers of one minibatch, refilled for every minibatch (the learners read them within the update). */
    private final class Minibatch {
        final int m = config.minibatchSize();
        final Matrix obs = new Matrix(m, obsSize);
        final float[] actions = new float[m * actSize];
        final double[] advantages = new double[m];
        final float[] returns = new float[m];
        final float[] rewards = new float[m];
        final float[] td = new float[m];
        final float[] advSignal = new float[m];
        final Signals signals = new Signals(Map.of(Signals.VALUE, returns, Signals.RETURN, returns,
                Signals.ADVANTAGE, advSignal, Signals.REWARD, rewards, Signals.TD, td));
        final Matrix dOut = new Matrix(m, agent.actor().outputSize());
        final Matrix dV = new Matrix(m, 1);
        /** The policy metrics of the last {@link #actorUpdate}. */
        double policyLoss;
        double entropy;
        double oldApproxKl;
        double approxKl;
        double clipfrac;
    }

    /** Step 4: updateEpochs passes over shuffled minibatches (stopping early past target_kl); the sums of their metrics. */
    private Sums update(CriticExecution.Worker critic) {
        int batchSize = config.batchSize();
        int[] order = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            order[i] = i;
        }
        Minibatch mb = new Minibatch();
        Sums sums = new Sums();
        for (int epoch = 0; epoch < config.updateEpochs(); epoch++) {
            minibatchRng.shuffleInPlace(order);
            double lastApproxKl = 0;
            for (int start = 0; start < batchSize; start += mb.m) {
                lastApproxKl = minibatchUpdate(mb, order, start, critic, sums);
            }
            sums.epochs++;
            if (config.targetKl().isPresent() && lastApproxKl > config.targetKl().getAsDouble()) {
                break;
            }
        }
        return sums;
    }

    /** Steps 4a-4d for the minibatch order[start .. start + m); adds its metrics to {@code sums} and returns its approx_kl. */
    private double minibatchUpdate(Minibatch mb, int[] order, int start, CriticExecution.Worker critic, Sums sums) {
        // 4a. Gather the minibatch; normalise its advantages.
        fillMinibatch(mb, order, start);
        agent.zeroGrad();

        // 4b. Clipped surrogate and entropy bonus through the actor; 4c. value loss through the critic
        // (handed to the critic's worker first, which runs it now on a second thread or when joined).
        critic.start(() -> criticUpdate(mb, order, start));
        actorUpdate(mb, order, start);
        double valueLoss = critic.join();

        // 4d. Clip the global gradient norm and step.
        double gradNorm = agent.clipGradients(config.maxGradNorm());
        agent.step();
        sums.add(mb.policyLoss, valueLoss, mb.entropy, mb.oldApproxKl, mb.approxKl, mb.clipfrac, gradNorm);
        return mb.approxKl;
    }

    /** Step 4a: copies the samples order[start .. start + m) into the minibatch buffers; normalises the advantages. */
    private void fillMinibatch(Minibatch mb, int[] order, int start) {
        final int m = mb.m;
        for (int i = 0; i < m; i++) {
            int t = order[start + i];
            System.arraycopy(observations, t * obsSize, mb.obs.data, i * obsSize, obsSize);
            System.arraycopy(actions, t * actSize, mb.actions, i * actSize, actSize);
            mb.advantages[i] = advantages[t];
            mb.returns[i] = returns[t];
            mb.rewards[i] = rewards[t];
            mb.td[i] = tdErrors[t];
        }
        if (config.normAdv()) {
            Returns.normaliseInPlace(mb.advantages, m);
        }
        for (int i = 0; i < m; i++) {
            mb.advSignal[i] = (float) mb.advantages[i];
        }
    }

    /**
     * Step 4b: the clipped surrogate and the entropy bonus through the actor (its gradient into the
     * actor's parameters); the minibatch's policy metrics into {@code mb}.
     */
    private void actorUpdate(Minibatch mb, int[] order, int start) {
        final int m = mb.m;
        PolicyHead policy = agent.policy();
        Matrix out = agent.actorLearner().forwardTrain(mb.obs, mb.signals);
        java.util.Arrays.fill(mb.dOut.data, 0f); // accumulated into below
        double policyLoss = 0;
        double entropy = 0;
        double oldApproxKl = 0;
        double approxKl = 0;
        double clipped = 0;
        for (int i = 0; i < m; i++) {
            int t = order[start + i];
            int off = i * out.cols;
            double logratio = policy.logProb(out.data, off, mb.actions, i * actSize) - logprobs[t];
            double ratio = Math.exp(logratio);
            // CleanRL's estimators (http://joschu.net/blog/kl-approx.html): mean(-log r) and mean((r - 1) - log r).
            oldApproxKl += -logratio / m;
            approxKl += ((ratio - 1) - logratio) / m;
            if (Math.abs(ratio - 1) > config.clipCoef()) {
                clipped += 1.0 / m;
            }
            double a = mb.advantages[i];
            policyLoss += PpoLosses.clippedSurrogate(a, logratio, config.clipCoef()) / m;
            entropy += policy.entropy(out.data, off) / m;
            double dLogprob = PpoLosses.clippedSurrogateGradient(a, logratio, config.clipCoef()) / m;
            policy.accumulateGradient(out.data, off, mb.actions, i * actSize, dLogprob, -config.entCoef() / m,
                    mb.dOut.data, off);
        }
        agent.actorLearner().backward(mb.dOut);
        mb.policyLoss = policyLoss;
        mb.entropy = entropy;
        mb.oldApproxKl = oldApproxKl;
        mb.approxKl = approxKl;
        mb.clipfrac = clipped;
    }

    /** Step 5: the iteration's metrics (means over its minibatch updates) and the learners' diagnostics. */
    private Map<String, Double> metrics(Sums sums, double learningRate) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("losses/policy_loss", sums.policyLoss / sums.updates);
        metrics.put("losses/value_loss", sums.valueLoss / sums.updates);
        metrics.put("losses/entropy", sums.entropy / sums.updates);
        metrics.put("losses/old_approx_kl", sums.oldApproxKl / sums.updates);
        metrics.put("losses/approx_kl", sums.approxKl / sums.updates);
        metrics.put("losses/clipfrac", sums.clipfrac / sums.updates);
        metrics.put("losses/explained_variance", PpoLosses.explainedVariance(values, returns, config.batchSize()));
        metrics.put("losses/grad_norm", sums.gradNorm / sums.updates);
        metrics.put("charts/update_epochs", (double) sums.epochs);
        metrics.put("charts/learning_rate", learningRate);
        agent.actorLearner().diagnostics().forEach(metrics::put);
        agent.criticLearner().diagnostics().forEach((k, val) -> metrics.put("critic/" + k, val));
        return metrics;
    }

    /**
     * Step 4c of one minibatch: the value loss (optionally clipped around the rollout's values) and
     * its gradient through the critic. Returns the loss.
     */
    private double criticUpdate(Minibatch mb, int[] order, int start) {
        final int m = mb.m;
        Matrix v = agent.criticLearner().forwardTrain(mb.obs, mb.signals);
        double valueLoss = 0;
        for (int i = 0; i < m; i++) {
            int t = order[start + i];
            valueLoss += PpoLosses.valueLoss(v.data[i], values[t], mb.returns[i], config.clipCoef(), config.clipVloss()) / m;
            double grad = PpoLosses.valueLossGradient(v.data[i], values[t], mb.returns[i], config.clipCoef(), config.clipVloss());
            mb.dV.data[i] = (float) (config.vfCoef() * grad / m);
        }
        agent.criticLearner().backward(mb.dV);
        return valueLoss;
    }

    /** Sends the stored actions of step {@code base / numEnvs} to the envs (Box actions are clipped by {@link ClipAction}). */
    private VectorStepResult stepEnvs(int base) {
        int numEnvs = config.numEnvs();
        if (actionSpace instanceof Discrete) {
            int[] a = discreteActions;
            for (int e = 0; e < numEnvs; e++) {
                a[e] = (int) actions[base + e];
            }
            return envs.step(a);
        }
        float[][] a = new float[numEnvs][actSize];
        for (int e = 0; e < numEnvs; e++) {
            System.arraycopy(actions, (base + e) * actSize, a[e], 0, actSize);
        }
        return envs.step(a);
    }

    private void setNextObservations(float[][] obs) {
        for (int e = 0; e < obs.length; e++) {
            checkFinite(obs[e], e, "observation");
            System.arraycopy(obs[e], 0, nextObs.data, e * obsSize, obsSize);
        }
    }

    private void checkFinite(float[] observation, int env, String what) {
        for (float x : observation) {
            if (!Float.isFinite(x)) {
                throw new IllegalStateException(run.envId() + " (sub-env " + env + ") returned a non-finite " + what + " "
                        + java.util.Arrays.toString(observation) + " at global step " + globalStep + " (iteration " + (iteration + 1) + ")");
            }
        }
    }

    /** Running sums of the per-minibatch metrics. */
    private static final class Sums {
        double policyLoss;
        double valueLoss;
        double entropy;
        double oldApproxKl;
        double approxKl;
        double clipfrac;
        double gradNorm;
        int updates;
        /** Epochs run (fewer than update_epochs when target_kl stopped them). */
        int epochs;

        void add(double pl, double vl, double ent, double okl, double kl, double cf, double gn) {
            policyLoss += pl;
            valueLoss += vl;
            entropy += ent;
            oldApproxKl += okl;
            approxKl += kl;
            clipfrac += cf;
            gradNorm += gn;
            updates++;
        }
    }

    /** The seed of sub-env 0 (sub-env i gets envSeed + i): the run's "env" stream, 62 bits. */
    private long envSeed() {
        return run.seeds().seedFor("env") >>> 2;
    }

    /** The evaluation env: the training observation pipeline with sub-env 0's statistics, frozen, and the raw rewards. */
    @Override
    public Env makeEvalEnv() {
        return ActorCriticEnvs.makeEval(run.envId(), run.settings(), config, envs.env(0));
    }

    // ---- Algorithm ----

    @Override
    public long globalStep() {
        return globalStep;
    }

    @Override
    public long iteration() {
        return iteration;
    }

    @Override
    public boolean finished() {
        return iteration >= numIterations;
    }

    @Override
    public ActorCritic agent() {
        return agent;
    }

    @Override
    public void saveState(StateDict state, String prefix) {
        state.putLongs(prefix + ".counters", new long[] {globalStep, iteration});
        state.putLongs(prefix + ".rng.sampling", samplingRng.state());
        state.putLongs(prefix + ".rng.minibatch", minibatchRng.state());
        envs.saveState(state, prefix + ".envs");
        state.putFloats(prefix + ".next_obs", nextObs.data);
        agent.saveState(state, prefix + ".agent");
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        long[] c = state.longs(prefix + ".counters");
        globalStep = c[0];
        iteration = c[1];
        samplingRng.restore(state.longs(prefix + ".rng.sampling"));
        minibatchRng.restore(state.longs(prefix + ".rng.minibatch"));
        envs.loadState(state, prefix + ".envs");
        state.copyFloatsInto(prefix + ".next_obs", nextObs.data);
        agent.loadState(state, prefix + ".agent");
    }
}
