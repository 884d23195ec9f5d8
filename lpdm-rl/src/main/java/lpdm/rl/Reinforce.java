package lpdm.rl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.learn.Signals;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.tensor.Matrix;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import lpdm.rl.settings.Settings;

/**
 * REINFORCE with a learned value baseline (Williams 1992; Sutton and Barto 2018, section 13.4).
 *
 * <p>Each iteration collects whole episodes from one env until at least {@code batchSteps} steps
 * are gathered, computes the discounted return-to-go of every step (bootstrapping from the
 * critic's value of the final observation when a time limit truncated the episode, and from zero
 * when it terminated), and takes one gradient step per minibatch on
 * <pre>
 *   L = - mean_t [ log pi(a_t | s_t) A_t ] - entCoef mean_t H(pi(.|s_t)) + vfCoef mean_t (V(s_t) - G_t)^2 / 2
 * </pre>
 * with advantages A_t = G_t - V(s_t) normalised over the batch. The hidden layers of actor and
 * critic learn by the run's learning rule; this class never asks which one. Signals for local
 * rules: {@code value} = {@code return} = G_t, {@code advantage} = A_t as the loss uses it,
 * {@code reward} = r_t, {@code td} = r_t + gamma V(s_{t+1}) - V(s_t) (at an episode's last step
 * the bootstrap of the returns replaces V(s_{t+1})).
 */
public final class Reinforce implements Algorithm {

    /**
     * REINFORCE settings.
     *
     * @param batchSteps minimum number of steps (of whole episodes) per update
     * @param numMinibatches gradient steps per batch (one pass over shuffled minibatches)
     * @param gamma discount factor
     * @param lr learning rate of the RL loss (Adam)
     * @param headLr learning rate of the heads (defaults to lr)
     * @param entCoef entropy bonus coefficient
     * @param vfCoef value-loss coefficient
     * @param maxGradNorm global gradient-norm clipping threshold
     * @param normAdvantage normalise advantages over the batch
     * @param annealLr anneal learning rates linearly to 0 over the budget
     * @param adamEps Adam epsilon
     */
    public record Config(int batchSteps, int numMinibatches, double gamma, double lr, double headLr, double entCoef,
                         double vfCoef, double maxGradNorm, boolean normAdvantage, boolean annealLr, double adamEps) {
    }

    private final RunSpec run;
    private final Config config;
    private final Env env;
    private final ActorCritic agent;
    private final Rng samplingRng;
    private final Rng minibatchRng;
    private final int obsSize;
    private final int actSize;
    private long globalStep;
    private long iteration;
    private boolean envSeeded;

    public Reinforce(RunSpec run) {
        this.run = run;
        this.config = ReinforceSettings.config(run.settings());
        this.env = EnvSettings.make(run.envId(), run.settings());
        this.obsSize = env.observationSpace().flatSize();
        this.agent = new ActorCritic(env.observationSpace().shape(), env.actionSpace(), NetworkSettings.from(run.settings()), run.rule(),
                run.seeds(), config.lr(), config.headLr(), config.adamEps());
        this.actSize = agent.policy().actionSize();
        this.samplingRng = run.seeds().rng("sampling");
        this.minibatchRng = run.seeds().rng("minibatch");
    }

    @Override
    public void train(TrainingListener listener) {
        while (globalStep < run.totalSteps()) {
            // 1. Learning-rate annealing.
            if (config.annealLr()) {
                agent.setLearningRateFraction(1.0 - (double) globalStep / run.totalSteps());
            }
            agent.setTrainingProgress(Math.min(1.0, (double) globalStep / run.totalSteps())); // schedules of local rules

            // 2. Rollout: whole episodes until the batch holds at least batchSteps steps.
            Batch batch = new Batch(config.batchSteps() + 1024, obsSize, actSize);
            while (batch.size < config.batchSteps()) {
                collectEpisode(batch, listener);
            }

            // 3. Baseline and advantages: A_t = G_t - V(s_t), then normalised over the batch.
            int n = batch.size;
            Matrix observations = new Matrix(n, obsSize, java.util.Arrays.copyOf(batch.observations, n * obsSize));
            float[] values = new float[n];
            agent.values(observations, values);
            double[] advantages = new double[n];
            for (int t = 0; t < n; t++) {
                advantages[t] = batch.returns[t] - values[t];
            }
            if (config.normAdvantage()) {
                Returns.normaliseInPlace(advantages, n);
            }
            // One-step TD errors (the td guidance signal of local rules): within an episode
            // r_t + gamma V(s_{t+1}) - V(s_t); at its last step the bootstrap used for the returns.
            float[] tdErrors = new float[n];
            for (int t = 0; t < n; t++) {
                double next = batch.last[t] ? batch.endValue[t] : values[t + 1];
                tdErrors[t] = (float) (batch.rewards[t] + config.gamma() * next - values[t]);
            }

            // 4. Update: one pass over shuffled minibatches.
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            minibatchRng.shuffleInPlace(order);
            int mbSize = (n + config.numMinibatches() - 1) / config.numMinibatches();
            Map<String, Double> metrics = new LinkedHashMap<>();
            double policyLossSum = 0;
            double valueLossSum = 0;
            double entropySum = 0;
            double gradNormSum = 0;
            int updates = 0;
            // Minibatch buffers: one set for the full minibatches of this iteration, reused (the
            // learners read them within the update); a short last minibatch gets its own.
            MinibatchBuffers full = new MinibatchBuffers(mbSize, obsSize, actSize, agent.policy().outputSize());
            for (int start = 0; start < n; start += mbSize) {
                int m = Math.min(mbSize, n - start);
                MinibatchBuffers buf = m == mbSize ? full : new MinibatchBuffers(m, obsSize, actSize, agent.policy().outputSize());
                Matrix obs = buf.obs;
                float[] actions = buf.actions;
                float[] mbReturns = buf.returns;
                float[] mbAdvantages = buf.advantages;
                float[] mbRewards = buf.rewards;
                float[] mbTd = buf.td;
                for (int i = 0; i < m; i++) {
                    int t = order[start + i];
                    System.arraycopy(batch.observations, t * obsSize, obs.data, i * obsSize, obsSize);
                    System.arraycopy(batch.actions, t * actSize, actions, i * actSize, actSize);
                    mbReturns[i] = (float) batch.returns[t];
                    mbAdvantages[i] = (float) advantages[t];
                    mbRewards[i] = (float) batch.rewards[t];
                    mbTd[i] = tdErrors[t];
                }
                Signals signals = buf.signals;
                agent.zeroGrad();

                // 4a. Policy loss -mean(log pi(a|s) A) - entCoef mean(H).
                Matrix logits = agent.actorLearner().forwardTrain(obs, signals);
                Matrix dLogits = buf.dLogits;
                java.util.Arrays.fill(dLogits.data, 0f); // accumulated into below
                PolicyHead policy = agent.policy();
                for (int i = 0; i < m; i++) {
                    int off = i * logits.cols;
                    policyLossSum -= policy.logProb(logits.data, off, actions, i * actSize) * mbAdvantages[i] / m;
                    entropySum += policy.entropy(logits.data, off) / m;
                    policy.accumulateGradient(logits.data, off, actions, i * actSize,
                            -mbAdvantages[i] / (double) m, -config.entCoef() / m, dLogits.data, off);
                }
                agent.actorLearner().backward(dLogits);

                // 4b. Value loss vfCoef mean((V - G)^2) / 2.
                Matrix v = agent.criticLearner().forwardTrain(obs, signals);
                Matrix dV = buf.dV;
                for (int i = 0; i < m; i++) {
                    double err = v.data[i] - mbReturns[i];
                    valueLossSum += 0.5 * err * err / m;
                    dV.data[i] = (float) (config.vfCoef() * err / m);
                }
                agent.criticLearner().backward(dV);

                // 4c. Clip the global gradient norm and step.
                gradNormSum += agent.clipGradients(config.maxGradNorm());
                agent.step();
                updates++;
            }
            iteration++;

            // 5. Metrics.
            metrics.put("losses/policy_loss", policyLossSum / updates);
            metrics.put("losses/value_loss", valueLossSum / updates);
            metrics.put("losses/entropy", entropySum / updates);
            metrics.put("losses/grad_norm", gradNormSum / updates);
            metrics.put("charts/learning_rate", agent.learningRate());
            agent.actorLearner().diagnostics().forEach(metrics::put);
            agent.criticLearner().diagnostics().forEach((k, val) -> metrics.put("critic/" + k, val));
            if (!listener.onIteration(this, iteration, globalStep, metrics)) {
                return;
            }
        }
    }

    /** The arrays of one minibatch of m samples, and the Signals view of them. */
    private static final class MinibatchBuffers {
        final Matrix obs;
        final float[] actions;
        final float[] returns;
        final float[] advantages;
        final float[] rewards;
        final float[] td;
        final Signals signals;
        final Matrix dLogits;
        final Matrix dV;

        MinibatchBuffers(int m, int obsSize, int actSize, int outputSize) {
            obs = new Matrix(m, obsSize);
            actions = new float[m * actSize];
            returns = new float[m];
            advantages = new float[m];
            rewards = new float[m];
            td = new float[m];
            signals = new Signals(Map.of(Signals.VALUE, returns, Signals.RETURN, returns,
                    Signals.ADVANTAGE, advantages, Signals.REWARD, rewards, Signals.TD, td));
            dLogits = new Matrix(m, outputSize);
            dV = new Matrix(m, 1);
        }
    }

    /** Runs one episode with the current policy, appending its steps and returns to {@code batch}. */
    private void collectEpisode(Batch batch, TrainingListener listener) {
        float[] observation = envSeeded ? env.reset() : env.reset(run.seed());
        envSeeded = true;
        int start = batch.size;
        float[] action = new float[actSize];
        Matrix one = new Matrix(1, obsSize);
        double episodeReturn = 0;
        while (true) {
            checkFinite(observation);
            System.arraycopy(observation, 0, one.data, 0, obsSize);
            Matrix out = agent.actor().forward(one);
            agent.policy().sample(out.data, 0, samplingRng, action);
            StepResult r = act(action);
            globalStep++;
            batch.add(observation, action, r.reward());
            episodeReturn += r.reward();
            observation = r.observation();
            if (r.done()) {
                double bootstrap = 0;
                if (r.truncated() && !r.terminated()) {
                    checkFinite(observation);
                    System.arraycopy(observation, 0, one.data, 0, obsSize);
                    bootstrap = agent.critic().forward(one).data[0];
                }
                Returns.discountedReturns(batch.rewards, start, batch.size - start, config.gamma(), bootstrap, batch.returns);
                batch.endEpisode(bootstrap);
                listener.onEpisode(globalStep, episodeReturn, batch.size - start);
                return;
            }
        }
    }

    private StepResult act(float[] action) {
        if (env.actionSpace() instanceof Box box) {
            // The Gaussian sample is stored unclipped; the env receives it clipped to the space.
            float[] clipped = new float[action.length];
            for (int i = 0; i < action.length; i++) {
                clipped[i] = Math.max(box.low()[i], Math.min(box.high()[i], action[i]));
            }
            return env.step(clipped);
        }
        return env.step((int) action[0]);
    }

    private void checkFinite(float[] observation) {
        for (float v : observation) {
            if (!Float.isFinite(v)) {
                throw new IllegalStateException(run.envId() + " returned a non-finite observation " + java.util.Arrays.toString(observation));
            }
        }
    }

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
        return globalStep >= run.totalSteps();
    }

    @Override
    public ActorCritic agent() {
        return agent;
    }

    @Override
    public Env makeEvalEnv() {
        return EnvSettings.make(run.envId(), run.settings());
    }

    @Override
    public void saveState(StateDict state, String prefix) {
        state.putLongs(prefix + ".counters", new long[] {globalStep, iteration, envSeeded ? 1 : 0});
        state.putLongs(prefix + ".rng.sampling", samplingRng.state());
        state.putLongs(prefix + ".rng.minibatch", minibatchRng.state());
        env.saveState(state, prefix + ".env");
        agent.saveState(state, prefix + ".agent");
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        long[] c = state.longs(prefix + ".counters");
        globalStep = c[0];
        iteration = c[1];
        envSeeded = c[2] != 0;
        samplingRng.restore(state.longs(prefix + ".rng.sampling"));
        minibatchRng.restore(state.longs(prefix + ".rng.minibatch"));
        env.loadState(state, prefix + ".env");
        agent.loadState(state, prefix + ".agent");
    }

    /** Growable storage of whole episodes. */
    private static final class Batch {
        float[] observations;
        float[] actions;
        double[] rewards;
        double[] returns;
        /** Whether step t is the last of its episode, and then the value bootstrapped after it (0 if terminated). */
        boolean[] last;
        double[] endValue;
        int size;
        private final int obsSize;
        private final int actSize;

        Batch(int capacity, int obsSize, int actSize) {
            this.obsSize = obsSize;
            this.actSize = actSize;
            observations = new float[capacity * obsSize];
            actions = new float[capacity * actSize];
            rewards = new double[capacity];
            returns = new double[capacity];
            last = new boolean[capacity];
            endValue = new double[capacity];
        }

        void endEpisode(double bootstrap) {
            last[size - 1] = true;
            endValue[size - 1] = bootstrap;
        }

        void add(float[] observation, float[] action, double reward) {
            if (size == rewards.length) {
                int cap = size * 2;
                observations = java.util.Arrays.copyOf(observations, cap * obsSize);
                actions = java.util.Arrays.copyOf(actions, cap * actSize);
                rewards = java.util.Arrays.copyOf(rewards, cap);
                returns = java.util.Arrays.copyOf(returns, cap);
                last = java.util.Arrays.copyOf(last, cap);
                endValue = java.util.Arrays.copyOf(endValue, cap);
            }
            System.arraycopy(observation, 0, observations, size * obsSize, obsSize);
            System.arraycopy(action, 0, actions, size * actSize, actSize);
            rewards[size] = reward;
            size++;
        }
    }
}
