package lpdm.rl;

import static lpdm.rl.RlTestSupport.assertSameState;
import static lpdm.rl.RlTestSupport.make;
import static lpdm.rl.RlTestSupport.parameters;
import static lpdm.rl.RlTestSupport.state;
import static lpdm.rl.RlTestSupport.trainUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.NetworkLearner;
import lpdm.core.learn.NetworkRole;
import lpdm.core.learn.Signals;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.tensor.Matrix;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.wrappers.NormalizeObservation;
import lpdm.rl.RlTestSupport.Recorder;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;

class PpoTest {
    /** A small discrete configuration: 2 envs x 64 steps, 2 minibatches, 2 epochs. */
    private static final Map<String, String> SMALL_DISCRETE = Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
            "ppo.num_minibatches", "2", "ppo.update_epochs", "2");
    /** Continuous defaults (normalisation wrappers on) with a short rollout: 1 env x 64 steps, 4 minibatches, 2 epochs. */
    private static final Map<String, String> SMALL_CONTINUOUS = Map.of("ppo.num_steps", "64", "ppo.num_minibatches", "4",
            "ppo.update_epochs", "2");

    // ---- settings ----

    @Test
    void autoSettingsResolveByActionSpaceIntoTheRecordedValues() {
        Algorithm discrete = make("ppo", "CartPole-v1", 10_000, 1, Map.of());
        Ppo.Config d = ((Ppo) discrete).config();
        assertThat(List.of(d.numEnvs(), d.numSteps(), d.numMinibatches(), d.updateEpochs())).containsExactly(4, 128, 4, 4);
        assertThat(d.lr()).isEqualTo(2.5e-4);
        assertThat(d.entCoef()).isEqualTo(0.01);
        assertThat(d.normObs() || d.normReward() || d.clipObs().isPresent() || d.clipReward().isPresent()).isFalse();

        Algorithm continuous = make("ppo", "Pendulum-v1", 10_000, 1, Map.of());
        Ppo.Config c = ((Ppo) continuous).config();
        assertThat(List.of(c.numEnvs(), c.numSteps(), c.numMinibatches(), c.updateEpochs())).containsExactly(1, 2048, 32, 10);
        assertThat(c.lr()).isEqualTo(3e-4);
        assertThat(c.entCoef()).isEqualTo(0.0);
        assertThat(c.normObs() && c.normReward()).isTrue();
        assertThat(c.clipObs().getAsDouble()).isEqualTo(10.0);
        assertThat(c.clipReward().getAsDouble()).isEqualTo(10.0);
        // shared defaults
        for (Ppo.Config x : List.of(d, c)) {
            assertThat(List.of(x.gamma(), x.gaeLambda(), x.clipCoef(), x.vfCoef(), x.maxGradNorm(), x.optimizer().eps()))
                    .containsExactly(0.99, 0.95, 0.2, 0.5, 0.5, 1e-5);
            assertThat(x.clipVloss() && x.normAdv() && x.annealLr()).isTrue();
            assertThat(x.optimizer().kind()).isEqualTo(lpdm.core.optim.OptimizerSpec.Kind.ADAM);
            assertThat(x.targetKl()).isEmpty();
            assertThat(x.headLr()).isEqualTo(x.lr());
        }
    }

    @Test
    void recordedSettingsShowResolvedValuesAndKeepExplicitOnes() {
        Settings declared = RlTestSupport.settings("ppo", Map.of("ppo.num_envs", "2", "head_lr", "1e-3"));
        Ppo pendulum = Ppo.create(new RunSpec("Pendulum-v1", 4096, 3, new BackpropRule(), declared));
        Settings s = PpoSettings.resolveAuto(declared, "Pendulum-v1"); // what config.json records
        assertThat(pendulum.config().headLr()).isEqualTo(1e-3);
        assertThat(pendulum.config().lr()).isEqualTo(3e-4);
        assertThat(s.values()).containsEntry("ppo.num_envs", "2").containsEntry("ppo.num_steps", "2048")
                .containsEntry("ppo.norm_obs", "true").containsEntry("ppo.clip_reward", "10").containsEntry("ppo.lr", "3e-4");
        // Every "auto" is resolved, except run.threads: what it resolves to depends on the machine and on
        // how many runs share it when training starts, not on the run (results are identical either way);
        // and the MuJoCo tasks' env arguments (env.frame_skip, ...), which Pendulum-v1 does not take.
        Map<String, String> recorded = new java.util.HashMap<>(s.values());
        assertThat(recorded.remove(RunThreads.SETTING)).isEqualTo(Settings.AUTO);
        assertThat(recorded.remove("env.frame_skip")).isEqualTo(Settings.AUTO);
        recorded.keySet().removeIf(name -> name.startsWith("env.") && Settings.AUTO.equals(s.declaration(name).defaultValue()));
        assertThat(recorded.values()).doesNotContain(Settings.AUTO);
        assertThat(s.overrides()).containsOnlyKeys("ppo.num_envs", "head_lr");

        Settings cartDeclared = RlTestSupport.settings("ppo", Map.of());
        Ppo p = Ppo.create(new RunSpec("CartPole-v1", 4096, 3, new BackpropRule(), cartDeclared));
        Settings cart = PpoSettings.resolveAuto(cartDeclared, "CartPole-v1");
        assertThat(cart.values()).containsEntry("ppo.clip_obs", "none").containsEntry("ppo.norm_reward", "false")
                .containsEntry("ppo.bootstrap_truncation", "false");
        assertThat(p.config().bootstrapTruncation()).isFalse();
        assertThat(pendulum.config().bootstrapTruncation()).isTrue();
        assertThat(p.config().headLr()).isEqualTo(2.5e-4);
    }

    @Test
    void invalidSettingsAreUsageErrors() {
        assertThatThrownBy(() -> make("ppo", "CartPole-v1", 1000, 1, Map.of("ppo.num_minibatches", "3")))
                .isInstanceOf(UsageException.class).hasMessageContaining("num_minibatches");
        assertThatThrownBy(() -> make("ppo", "CartPole-v1", 1000, 1, Map.of("ppo.target_kl", "-1")))
                .isInstanceOf(UsageException.class).hasMessageContaining("ppo.target_kl");
        assertThatThrownBy(() -> make("ppo", "CartPole-v1", 1000, 1, Map.of("ppo.clip_obs", "abc")))
                .isInstanceOf(UsageException.class).hasMessageContaining("ppo.clip_obs");
    }

    @Test
    void a2cIsOneEpochOneMinibatchWithoutClipping() {
        Settings s = RlTestSupport.settings("a2c", Map.of());
        Ppo.Config c = A2cSettings.config(s);
        assertThat(List.of(c.numEnvs(), c.numSteps(), c.numMinibatches(), c.updateEpochs())).containsExactly(8, 5, 1, 1);
        assertThat(c.clipCoef()).isInfinite();
        assertThat(c.clipVloss() || c.normAdv() || c.annealLr()).isFalse();
        assertThat(List.of(c.lr(), c.gamma(), c.gaeLambda(), c.entCoef(), c.vfCoef(), c.maxGradNorm()))
                .containsExactly(7e-4, 0.99, 1.0, 0.0, 0.5, 0.5);
        assertThat(Algorithms.names()).contains("ppo", "a2c");
        assertThat(Algorithms.settingsFor("a2c")).extracting(x -> x.name()).allMatch(n -> !n.startsWith("ppo."));
    }

    @Test
    void a2cTrainsWithRmsPropWhenAsked() {
        Ppo.Config adam = A2cSettings.config(RlTestSupport.settings("a2c", Map.of()));
        assertThat(adam.optimizer()).isEqualTo(lpdm.core.optim.OptimizerSpec.adam(1e-5));
        Ppo.Config rms = A2cSettings.config(RlTestSupport.settings("a2c", Map.of("a2c.optimizer", "rmsprop")));
        assertThat(rms.optimizer()).isEqualTo(lpdm.core.optim.OptimizerSpec.rmsProp(0.99, 1e-5));
        Ppo.Config tuned = A2cSettings.config(RlTestSupport.settings("a2c",
                Map.of("a2c.optimizer", "RMSprop", "a2c.rmsprop_alpha", "0.9", "a2c.rmsprop_eps", "1e-8")));
        assertThat(tuned.optimizer()).isEqualTo(lpdm.core.optim.OptimizerSpec.rmsProp(0.9, 1e-8));
        assertThatThrownBy(() -> A2cSettings.config(RlTestSupport.settings("a2c", Map.of("a2c.optimizer", "sgd"))))
                .hasMessageContaining("a2c.optimizer").hasMessageContaining("adam or rmsprop");
        assertThatThrownBy(() -> A2cSettings.config(RlTestSupport.settings("a2c", Map.of("a2c.rmsprop_alpha", "1"))))
                .hasMessageContaining("a2c.rmsprop_alpha");

        // the same seed trains differently, and the checkpoint names the optimiser's state
        Algorithm a = make("a2c", "CartPole-v1", 1_000_000, 5, Map.of());
        Algorithm b = make("a2c", "CartPole-v1", 1_000_000, 5, Map.of("a2c.optimizer", "rmsprop"));
        trainUntil(a, 3);
        trainUntil(b, 3);
        assertThat(parameters(b)).isNotEqualTo(parameters(a));
        assertThat(state(b).entries().keySet()).anyMatch(k -> k.contains(".rmsprop_heads.square_avg."))
                .noneMatch(k -> k.contains(".adam_"));
        assertThat(state(a).entries().keySet()).anyMatch(k -> k.contains(".adam_heads.m."));
    }

    // ---- bit-exact resumption and determinism ----

    private static void assertResumesBitExactly(String algo, String env, Map<String, String> overrides, int first, int more) {
        Algorithm a = make(algo, env, 1_000_000, 5, overrides);
        trainUntil(a, first);
        StateDict checkpoint = state(a);
        Recorder continued = trainUntil(a, first + more);

        Algorithm b = make(algo, env, 1_000_000, 5, overrides);
        b.loadState(checkpoint, "algo");
        assertThat(b.iteration()).isEqualTo(first);
        Recorder resumed = trainUntil(b, first + more);

        assertThat(b.iteration()).isEqualTo(first + more);
        assertThat(parameters(b)).containsExactly(parameters(a));
        assertSameState(state(a), state(b));
        assertThat(resumed.episodes).hasSameSizeAs(continued.episodes);
        for (int i = 0; i < continued.episodes.size(); i++) {
            assertThat(resumed.episodes.get(i)).containsExactly(continued.episodes.get(i));
        }
        assertThat(resumed.metrics).isEqualTo(continued.metrics);
    }

    @Test
    void discreteRunResumesBitExactly() {
        assertResumesBitExactly("ppo", "CartPole-v1", SMALL_DISCRETE, 3, 3);
    }

    @Test
    void continuousRunWithNormalisationResumesBitExactlyAcrossATimeLimit() {
        // Pendulum's 200-step limit falls in iteration 4 (steps 193..256): after the checkpoint.
        assertResumesBitExactly("ppo", "Pendulum-v1", SMALL_CONTINUOUS, 2, 3);
    }

    @Test
    void a2cResumesBitExactly() {
        assertResumesBitExactly("a2c", "CartPole-v1", Map.of(), 10, 10);
    }

    @Test
    void a2cWithRmsPropResumesBitExactly() {
        assertResumesBitExactly("a2c", "Pendulum-v1", Map.of("a2c.optimizer", "rmsprop", "a2c.norm_obs", "true"), 10, 10);
    }

    @Test
    void sameSeedSameRunOtherSeedOtherRun() {
        Algorithm a = make("ppo", "Pendulum-v1", 1_000_000, 11, SMALL_CONTINUOUS);
        Algorithm b = make("ppo", "Pendulum-v1", 1_000_000, 11, SMALL_CONTINUOUS);
        Algorithm c = make("ppo", "Pendulum-v1", 1_000_000, 12, SMALL_CONTINUOUS);
        Recorder ra = trainUntil(a, 4);
        Recorder rb = trainUntil(b, 4);
        trainUntil(c, 4);
        assertSameState(state(a), state(b));
        assertThat(rb.metrics).isEqualTo(ra.metrics);
        assertThat(parameters(c)).isNotEqualTo(parameters(a));
    }

    @Test
    void sameSeedSameDiscreteRun() {
        Algorithm a = make("ppo", "CartPole-v1", 1_000_000, 3, SMALL_DISCRETE);
        Algorithm b = make("ppo", "CartPole-v1", 1_000_000, 3, SMALL_DISCRETE);
        trainUntil(a, 3);
        trainUntil(b, 3);
        assertSameState(state(a), state(b));
    }

    // ---- smoke runs ----

    private static final List<String> REQUIRED_METRICS = List.of("losses/policy_loss", "losses/value_loss", "losses/entropy",
            "losses/approx_kl", "losses/old_approx_kl", "losses/clipfrac", "losses/explained_variance", "charts/learning_rate",
            "layer0/weight_norm", "layer1/weight_norm", "critic/layer0/weight_norm", "critic/layer1/grad_norm");

    private static Recorder smoke(String algo, String env, long steps) {
        Algorithm a = make(algo, env, steps, 1, Map.of());
        Recorder r = trainUntil(a, Long.MAX_VALUE);
        assertThat(a.finished()).isTrue();
        assertThat(a.globalStep()).isGreaterThanOrEqualTo(steps);
        assertThat(r.metrics).isNotEmpty();
        for (Map<String, Double> m : r.metrics) {
            assertThat(m).containsKeys(REQUIRED_METRICS.toArray(String[]::new));
            m.forEach((k, v) -> assertThat(v.isNaN() && !k.equals("losses/explained_variance")).as(k).isFalse());
        }
        assertThat(r.episodes).isNotEmpty();
        return r;
    }

    @Test
    void ppoSmokeCartPole() {
        Recorder r = smoke("ppo", "CartPole-v1", 2048);
        assertThat(r.metrics).hasSize(4);
        // Linear annealing: lr * (1 - (k - 1) / 4) in iteration k.
        assertThat(r.metrics).extracting(m -> m.get("charts/learning_rate"))
                .containsExactly(2.5e-4, 2.5e-4 * 0.75, 2.5e-4 * 0.5, 2.5e-4 * 0.25);
        assertThat(r.episodes).allMatch(e -> e[1] == e[2]); // CartPole: return = length (raw rewards of 1)
    }

    @Test
    void ppoSmokePendulumReportsRawReturns() {
        Recorder r = smoke("ppo", "Pendulum-v1", 4096);
        // 4096 steps of one env: 20 full episodes of 200 steps; Pendulum's raw return per episode lies in [-16.3 * 200, 0].
        assertThat(r.episodes).hasSize(20);
        assertThat(r.episodes).allMatch(e -> e[2] == 200 && e[1] < -50 && e[1] > -16.3 * 200);
        assertThat(r.metrics).allMatch(m -> m.get("charts/update_epochs") == 10.0);
    }

    @Test
    void a2cSmokeCartPole() {
        Recorder r = smoke("a2c", "CartPole-v1", 2000);
        assertThat(r.metrics).hasSize(50);
        // One update per rollout: the ratio is 1 up to float rounding, so approx_kl ~ 0 and nothing is clipped.
        assertThat(r.metrics).allMatch(m -> Math.abs(m.get("losses/approx_kl")) < 1e-6 && m.get("losses/clipfrac") == 0.0);
        assertThat(r.metrics).allMatch(m -> m.get("charts/learning_rate") == 7e-4);
    }

    @Test
    void a2cSmokePendulum() {
        Recorder r = smoke("a2c", "Pendulum-v1", 2000);
        assertThat(r.episodes).hasSize(8); // 8 envs x 250 steps: one 200-step episode each
    }

    // ---- behaviour ----

    @Test
    void targetKlStopsTheEpochsEarly() {
        Map<String, String> o = new HashMap<>(SMALL_DISCRETE);
        o.put("ppo.update_epochs", "5");
        o.put("ppo.target_kl", "1e-12");
        Recorder r = trainUntil(make("ppo", "CartPole-v1", 1_000_000, 1, o), 3);
        assertThat(r.metrics).allMatch(m -> m.get("charts/update_epochs") == 1.0);
        o.remove("ppo.target_kl");
        Recorder full = trainUntil(make("ppo", "CartPole-v1", 1_000_000, 1, o), 3);
        assertThat(full.metrics).allMatch(m -> m.get("charts/update_epochs") == 5.0);
    }

    @Test
    void nonFiniteObservationIsAClearError() {
        Algorithm a = make("ppo", "NanAfter10-v0", 10_000, 1, Map.of("ppo.num_envs", "1", "ppo.num_steps", "16",
                "ppo.num_minibatches", "1"));
        assertThatThrownBy(() -> a.train(TrainingListener.NONE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NanAfter10-v0").hasMessageContaining("sub-env 0").hasMessageContaining("global step 10")
                .hasMessageContaining("NaN");
    }

    @Test
    void evalEnvUsesTheTrainedObservationStatisticsFrozen() {
        Algorithm a = make("ppo", "Pendulum-v1", 1_000_000, 2, SMALL_CONTINUOUS);
        trainUntil(a, 1);
        Env eval = a.makeEvalEnv();
        assertThat(eval.actionSpace()).isInstanceOf(Box.class);
        float[] first = eval.reset(0);
        assertThat(first).hasSize(3);
        Env e = eval;
        NormalizeObservation norm = null;
        while (e instanceof lpdm.envs.Wrapper w) {
            if (w instanceof NormalizeObservation n) {
                norm = n;
            }
            e = w.inner();
        }
        assertThat(norm).isNotNull();
        assertThat(norm.isFrozen()).isTrue();
        assertThat(norm.statistics().count()).isGreaterThan(64);
        double[] before = norm.saveState();
        eval.step(new float[] {0.5f});
        assertThat(norm.saveState()).containsExactly(before);
    }

    // ---- the learning rule only sees what it is given ----

    /** Backprop that records the signals of every training pass. */
    private static final class RecordingRule implements LearningRule {
        final List<Signals> actorSignals = new ArrayList<>();
        final List<Signals> criticSignals = new ArrayList<>();
        private final BackpropRule bp = new BackpropRule();

        @Override
        public String name() {
            return "recording-bp";
        }

        @Override
        public NetworkLearner bind(Network network, NetworkRole role, Rng rng) {
            NetworkLearner inner = bp.bind(network, role, rng);
            List<Signals> sink = role == NetworkRole.ACTOR ? actorSignals : criticSignals;
            return new NetworkLearner() {
                @Override
                public Network network() {
                    return inner.network();
                }

                @Override
                public List<Parameter> rlParameters() {
                    return inner.rlParameters();
                }

                @Override
                public Matrix forwardTrain(Matrix input, Signals signals) {
                    sink.add(signals);
                    return inner.forwardTrain(input, signals);
                }

                @Override
                public void backward(Matrix outputGradient) {
                    inner.backward(outputGradient);
                }

                @Override
                public Map<String, Double> diagnostics() {
                    return inner.diagnostics();
                }

                @Override
                public void saveState(StateDict state, String prefix) {
                    inner.saveState(state, prefix);
                }

                @Override
                public void loadState(StateDict state, String prefix) {
                    inner.loadState(state, prefix);
                }
            };
        }
    }

    @Test
    void minibatchSignalsAreReturnsNormalisedAdvantagesAndRewards() {
        RecordingRule rule = new RecordingRule();
        Algorithm a = make("ppo", "CartPole-v1", 1_000_000, 1, rule, SMALL_DISCRETE);
        trainUntil(a, 2);
        // 2 iterations x 2 epochs x 2 minibatches
        assertThat(rule.actorSignals).hasSize(8);
        assertThat(rule.criticSignals).hasSize(8);
        for (int k = 0; k < 8; k++) {
            Signals s = rule.actorSignals.get(k);
            assertThat(rule.criticSignals.get(k)).isSameAs(s);
            assertThat(s.byName()).containsOnlyKeys(Signals.VALUE, Signals.RETURN, Signals.ADVANTAGE, Signals.REWARD, Signals.TD);
            assertThat(s.get(Signals.TD)).hasSize(64); // its values: GaeTest
            for (float x : s.get(Signals.TD)) {
                assertThat(Float.isFinite(x)).isTrue();
            }
            assertThat(s.get(Signals.VALUE)).hasSize(64).containsExactly(s.get(Signals.RETURN));
            assertThat(s.get(Signals.REWARD)).containsOnly(1f); // CartPole
            float[] adv = s.get(Signals.ADVANTAGE);
            double mean = 0;
            for (float x : adv) {
                mean += x / 64.0;
            }
            double var = 0;
            for (float x : adv) {
                var += (x - mean) * (x - mean) / 63.0;
            }
            assertThat(mean).isCloseTo(0.0, within(1e-5));
            assertThat(Math.sqrt(var)).isCloseTo(1.0, within(1e-4));
        }
    }

    @Test
    void truncationIsBootstrappedUnlessCleanRlHandlingIsAsked() {
        // Pendulum's episodes all end by the 200-step time limit, so the two handlings must differ;
        // with no truncation in the first rollout (CartPole, 64 steps x 2 envs from reset, episodes
        // far shorter than 500) they must not.
        Map<String, String> cleanrl = new java.util.HashMap<>(SMALL_CONTINUOUS);
        cleanrl.put("ppo.bootstrap_truncation", "false");
        Algorithm a = make("ppo", "Pendulum-v1", 1_000_000, 2, SMALL_CONTINUOUS);
        Algorithm b = make("ppo", "Pendulum-v1", 1_000_000, 2, cleanrl);
        trainUntil(a, 4); // 256 steps: one truncation at step 200
        trainUntil(b, 4);
        assertThat(parameters(b)).isNotEqualTo(parameters(a));
        Map<String, String> cartCleanrl = new java.util.HashMap<>(SMALL_DISCRETE);
        cartCleanrl.put("ppo.bootstrap_truncation", "false");
        Map<String, String> cartBootstrap = new java.util.HashMap<>(SMALL_DISCRETE);
        cartBootstrap.put("ppo.bootstrap_truncation", "true");
        Algorithm c = make("ppo", "CartPole-v1", 1_000_000, 2, cartBootstrap);
        Algorithm d = make("ppo", "CartPole-v1", 1_000_000, 2, cartCleanrl);
        trainUntil(c, 1);
        trainUntil(d, 1);
        assertThat(parameters(d)).containsExactly(parameters(c));
    }

    @Test
    void twoThreadsGiveBitIdenticalRunsUnderEveryRule() {
        for (String learner : new String[] {"bp", "lpdm", "frozen"}) {
            Map<String, String> one = new java.util.HashMap<>(SMALL_DISCRETE);
            one.put("run.threads", "1");
            Algorithm a = make("ppo", "CartPole-v1", 1_000_000, 3, LearningRules.create(learner, RlTestSupport.settings("ppo", one)), one);
            assertThat(a.trainingThreads()).isEqualTo(1);
            Recorder ra = trainUntil(a, 4);
            for (String threads : new String[] {"2", "auto"}) {
                Map<String, String> other = new java.util.HashMap<>(SMALL_DISCRETE);
                other.put("run.threads", threads);
                Algorithm b = make("ppo", "CartPole-v1", 1_000_000, 3, LearningRules.create(learner, RlTestSupport.settings("ppo", other)), other);
                if (threads.equals("2")) {
                    assertThat(b.trainingThreads()).isEqualTo(2);
                }
                Recorder rb = trainUntil(b, 4);
                assertThat(parameters(b)).as(learner + " " + threads).containsExactly(parameters(a));
                assertThat(rb.metrics).as(learner + " " + threads).isEqualTo(ra.metrics);
            }
        }
        for (String bad : new String[] {"3", "0", "two", ""}) {
            Map<String, String> m = new java.util.HashMap<>(SMALL_DISCRETE);
            m.put("run.threads", bad);
            assertThatThrownBy(() -> make("ppo", "CartPole-v1", 1000, 1, m)).as(bad)
                    .isInstanceOf(UsageException.class).hasMessageContaining("run.threads").hasMessageContaining("'" + bad + "'");
        }
    }

    /** lpdm.lr_schedule=follow (the default) is linear_decay under ppo.anneal_lr and constant without it, to the bit. */
    @Test
    void followAnnealsTheHiddenLayersExactlyWhenTheAlgorithmAnnealsItsLr() {
        java.util.function.BiFunction<String, String, float[]> run = (schedule, anneal) -> {
            Map<String, String> m = new java.util.HashMap<>(SMALL_DISCRETE);
            m.put("lpdm.lr_schedule", schedule);
            m.put("ppo.anneal_lr", anneal);
            m.put("lpdm.lr", "0.01"); // large enough for the schedules to part within four iterations
            Algorithm a = make("ppo", "CartPole-v1", 8 * 128, 3, LearningRules.create("lpdm", RlTestSupport.settings("ppo", m)), m);
            trainUntil(a, 4);
            return parameters(a);
        };
        assertThat(LearningRules.create("lpdm", RlTestSupport.settings("ppo", Map.of())))
                .extracting(r -> ((lpdm.core.learn.LpdmRule) r).config().lrSchedule()).isEqualTo(lpdm.core.learn.LpdmConfig.Schedule.FOLLOW);
        float[] followAnnealed = run.apply("follow", "true");
        assertThat(followAnnealed).containsExactly(run.apply("linear_decay", "true"));
        assertThat(followAnnealed).isNotEqualTo(run.apply("constant", "true"));
        float[] followConstant = run.apply("follow", "false");
        assertThat(followConstant).containsExactly(run.apply("constant", "false"));
        assertThat(followConstant).isNotEqualTo(run.apply("linear_decay", "false"));
    }

    @Test
    void theCriticThreadsFailureReachesTheCaller() {
        // A critic whose update throws on its second thread: train() rethrows it as it is, and ends the thread.
        Map<String, String> two = new java.util.HashMap<>(SMALL_DISCRETE);
        two.put("run.threads", "2");
        LearningRule failing = new LearningRule() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public NetworkLearner bind(Network network, NetworkRole role, Rng rng) {
                NetworkLearner inner = new BackpropRule().bind(network, role, rng);
                if (role != NetworkRole.CRITIC) {
                    return inner;
                }
                return (NetworkLearner) java.lang.reflect.Proxy.newProxyInstance(NetworkLearner.class.getClassLoader(),
                        new Class<?>[] {NetworkLearner.class}, (proxy, method, args) -> {
                            if (method.getName().equals("forwardTrain")) {
                                throw new IllegalStateException("critic update failed on purpose");
                            }
                            try {
                                return method.invoke(inner, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        Algorithm a = make("ppo", "CartPole-v1", 1_000_000, 3, failing, two);
        long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ppo-critic")).count();
        assertThatThrownBy(() -> trainUntil(a, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("critic update failed on purpose");
        long after = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("ppo-critic")).count();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void discreteAndBoxSpacesPickTheirHeads() {
        assertThat(make("ppo", "CartPole-v1", 1000, 1, SMALL_DISCRETE).agent().policy())
                .isInstanceOf(PolicyHead.CategoricalHead.class);
        assertThat(make("ppo", "Pendulum-v1", 1000, 1, SMALL_CONTINUOUS).agent().policy())
                .isInstanceOf(PolicyHead.GaussianHead.class);
        assertThat(new Discrete(2)).isNotNull();
    }
}
