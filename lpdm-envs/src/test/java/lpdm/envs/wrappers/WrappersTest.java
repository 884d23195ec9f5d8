package lpdm.envs.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.InvalidActionException;
import lpdm.envs.ScriptedEnv;
import lpdm.envs.StepResult;
import lpdm.envs.TimeLimit;
import org.junit.jupiter.api.Test;

class WrappersTest {

    @Test
    void recordEpisodeStatisticsReportsReturnAndLengthOnTheFinalStepOnly() {
        Env env = new RecordEpisodeStatistics(new ScriptedEnv(new Discrete(2), new double[] {1.0, -0.5, 2.0}, 5));
        for (int episode = 0; episode < 3; episode++) {
            env.reset(episode);
            for (int t = 1; t <= 5; t++) {
                StepResult r = env.step(0);
                if (t < 5) {
                    assertThat(r.info()).doesNotContainKeys(RecordEpisodeStatistics.RETURN_KEY, RecordEpisodeStatistics.LENGTH_KEY);
                } else {
                    assertThat(r.terminated()).isTrue();
                    // 1 - 0.5 + 2 + 1 - 0.5
                    assertThat(r.info()).containsEntry(RecordEpisodeStatistics.RETURN_KEY, 3.0)
                            .containsEntry(RecordEpisodeStatistics.LENGTH_KEY, 5)
                            .containsEntry("t", 5); // the inner info is kept
                }
            }
        }
        RecordEpisodeStatistics stats = (RecordEpisodeStatistics) env;
        assertThat(stats.episodeCount()).isEqualTo(3);
        assertThat(stats.returnQueue()).containsExactly(3.0, 3.0, 3.0);
        assertThat(stats.lengthQueue()).containsExactly(5, 5, 5);
    }

    @Test
    void recordEpisodeStatisticsSeesTruncationAndKeepsABoundedQueue() {
        RecordEpisodeStatistics env = new RecordEpisodeStatistics(new TimeLimit(
                new ScriptedEnv(new Discrete(2), new double[] {0.25}, 0), 4), 2);
        for (int episode = 0; episode < 3; episode++) {
            env.reset();
            StepResult r = null;
            for (int t = 0; t < 4; t++) {
                r = env.step(1);
            }
            assertThat(r.truncated()).isTrue();
            assertThat(r.info()).containsEntry(RecordEpisodeStatistics.RETURN_KEY, 1.0).containsEntry(RecordEpisodeStatistics.LENGTH_KEY, 4);
        }
        assertThat(env.returnQueue()).hasSize(2);
        assertThat(env.episodeCount()).isEqualTo(3);
    }

    @Test
    void clipActionClipsIntoTheInnerSpaceAndWidensItsOwn() {
        ScriptedEnv inner = new ScriptedEnv(new Box(new float[] {-2f, 0f}, new float[] {2f, 1f}), new double[] {0}, 0);
        ClipAction env = new ClipAction(inner);
        assertThat(env.actionSpace()).isEqualTo(Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 2));
        env.reset(0);
        env.step(new float[] {5f, -3f});
        env.step(new float[] {-1.5f, 0.25f});
        assertThat((float[]) inner.actions().get(0)).containsExactly(2f, 0f);
        assertThat((float[]) inner.actions().get(1)).containsExactly(-1.5f, 0.25f);
        assertThatThrownBy(() -> env.step(new float[] {Float.NaN, 0f})).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> new ClipAction(EnvRegistry.make("CartPole-v1"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clipActionOnPendulumEqualsTheEnvsOwnClipping() {
        Env clipped = new ClipAction(EnvRegistry.make("Pendulum-v1"));
        Env plain = EnvRegistry.make("Pendulum-v1");
        clipped.reset(3);
        plain.reset(3);
        for (int t = 0; t < 20; t++) {
            float a = (t % 2 == 0 ? 7f : -9f);
            assertThat(clipped.step(new float[] {a}).observation()).containsExactly(plain.step(new float[] {Math.signum(a) * 2f}).observation());
        }
    }

    /** Observations fed to a NormalizeObservation: reset of episode 0 then steps 1..n of the ScriptedEnv. */
    private static double[][] scriptedObservations(double start, int n) {
        double[][] x = new double[n + 1][];
        x[0] = new double[] {0, 0, (float) start};
        for (int t = 1; t <= n; t++) {
            x[t] = new double[] {0, t, t * t};
        }
        return x;
    }

    @Test
    void normalizeObservationMatchesTheClosedFormRunningMoments() {
        ScriptedEnv inner = new ScriptedEnv(new Discrete(2), new double[] {0}, 0);
        NormalizeObservation env = new NormalizeObservation(inner);
        float[] first = env.reset(42);
        int n = 30;
        float[] last = first;
        for (int t = 0; t < n; t++) {
            last = env.step(0).observation();
        }
        double start = new ScriptedEnv(new Discrete(2), new double[] {0}, 0).reset(42)[2];
        double[][] x = scriptedObservations(start, n);
        // The running moments equal those of the samples pooled with the prior (count 1e-4, mean 0, var 1).
        double prior = RunningMeanStd.INITIAL_COUNT;
        for (int i = 0; i < 3; i++) {
            double sum = 0;
            for (double[] row : x) {
                sum += row[i];
            }
            double count = prior + x.length;
            double mean = sum / count;
            double m2 = prior * 1.0 + prior * mean * mean;
            for (double[] row : x) {
                m2 += (row[i] - mean) * (row[i] - mean);
            }
            double var = m2 / count;
            assertThat(env.statistics().count()).isCloseTo(count, within(1e-12));
            assertThat(env.statistics().mean(i)).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean))));
            assertThat(env.statistics().var(i)).isCloseTo(var, within(1e-9 * Math.max(1, var)));
            assertThat((double) last[i]).isCloseTo((x[n][i] - mean) / Math.sqrt(var + 1e-8), within(1e-5));
        }
        assertThat(env.observationSpace()).isEqualTo(Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 3));
    }

    @Test
    void normalizeObservationFreezesAndRestoresItsStatistics() {
        NormalizeObservation a = new NormalizeObservation(EnvRegistry.make("CartPole-v1"));
        a.reset(1);
        for (int t = 0; t < 10; t++) {
            a.step(t % 2);
        }
        double[] saved = a.saveState();
        assertThat(saved).hasSize(1 + 2 * 4);
        a.setFrozen(true);
        assertThat(a.isFrozen()).isTrue();
        float[] frozenObservation = a.step(1).observation();
        assertThat(a.saveState()).containsExactly(saved);
        // A fresh wrapper given the saved statistics, frozen, normalises the same raw observation identically.
        NormalizeObservation b = new NormalizeObservation(EnvRegistry.make("CartPole-v1"));
        b.loadState(saved);
        b.setFrozen(true);
        b.setState(a.unwrapped().state());
        assertThat(b.setState(a.unwrapped().state())).containsExactly(frozenObservation);
        assertThat(b.saveState()).containsExactly(saved);
        a.setFrozen(false);
        a.step(0);
        assertThat(a.saveState()).isNotEqualTo(saved);
        assertThatThrownBy(() -> b.loadState(new double[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalizeRewardUsesTheDiscountedReturnsVariance() {
        double gamma = 0.9;
        // Episode of 3 steps that terminates, rewards 1, 2, 3 (repeating).
        NormalizeReward env = new NormalizeReward(new ScriptedEnv(new Discrete(2), new double[] {1, 2, 3}, 3), gamma, 1e-8);
        RunningMeanStd reference = new RunningMeanStd(1);
        double g = 0;
        for (int episode = 0; episode < 3; episode++) {
            env.reset(episode);
            for (int t = 1; t <= 3; t++) {
                StepResult r = env.step(0);
                double raw = t;
                g = g * gamma * (r.terminated() ? 0 : 1) + raw;
                reference.update(new double[] {g});
                assertThat(r.reward()).isCloseTo(raw / Math.sqrt(reference.var(0) + 1e-8), within(1e-12));
                assertThat(env.discountedReturn()).isEqualTo(g);
            }
            assertThat(env.discountedReturn()).as("termination zeroes the return").isEqualTo(3.0);
        }
        assertThat(env.saveState()).containsExactly(reference.count(), reference.mean(0), reference.var(0), 3.0);
    }

    @Test
    void normalizeRewardCarriesTheReturnOverTruncationAndReset() {
        NormalizeReward env = new NormalizeReward(new TimeLimit(new ScriptedEnv(new Discrete(2), new double[] {1}, 0), 2), 0.5, 1e-8);
        env.reset(0);
        env.step(0);
        StepResult r = env.step(0);
        assertThat(r.truncated()).isTrue();
        assertThat(env.discountedReturn()).isEqualTo(1.5);
        env.reset();
        env.step(0);
        assertThat(env.discountedReturn()).isEqualTo(1.75);
    }

    @Test
    void normalizeRewardFreezesAndRestores() {
        NormalizeReward a = new NormalizeReward(EnvRegistry.make("Pendulum-v1"));
        a.reset(0);
        for (int t = 0; t < 20; t++) {
            a.step(new float[] {0.5f});
        }
        double[] saved = a.saveState();
        NormalizeReward b = new NormalizeReward(EnvRegistry.make("Pendulum-v1"));
        b.loadState(saved);
        b.setState(a.unwrapped().state());
        a.setFrozen(true);
        b.setFrozen(true);
        for (int t = 0; t < 5; t++) {
            assertThat(b.step(new float[] {-1f}).reward()).isEqualTo(a.step(new float[] {-1f}).reward());
        }
        double[] afterFrozen = a.saveState();
        assertThat(new double[] {afterFrozen[0], afterFrozen[1], afterFrozen[2]}).containsExactly(saved[0], saved[1], saved[2]);
        assertThatThrownBy(() -> b.loadState(new double[] {1, 0, -1, 0})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clipObservationClipsAndIntersectsTheSpace() {
        Env env = new ClipObservation(EnvRegistry.make("MountainCar-v0"), new float[] {-1f, -0.01f}, new float[] {1f, 0.01f});
        assertThat(env.observationSpace()).isEqualTo(new Box(new float[] {-1f, -0.01f}, new float[] {0.6f, 0.01f}));
        env.setState(new double[] {-1.19, -0.05});
        assertThat(env.setState(new double[] {-1.19, -0.05})).containsExactly(-1f, -0.01f);
        assertThat(env.step(2).observation()[1]).isBetween(-0.01f, 0.01f);
    }

    /** A grid observation space (e.g. MinAtar's, for convolutions) stays a grid under normalisation and clipping, as in Gymnasium. */
    @Test
    void normalizeAndClipObservationKeepTheShape() {
        Box grid = Box.uniform(-1e9f, 1e9f, new int[] {1, 3, 1});
        Env env = new TransformObservation(new ScriptedEnv(new Discrete(2), new double[] {0}, 0), o -> o, grid);
        Env normalised = new NormalizeObservation(env);
        assertThat(normalised.observationSpace()).isEqualTo(Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, new int[] {1, 3, 1}));
        assertThat(new ClipObservation(normalised, -5f, 5f).observationSpace()).isEqualTo(Box.uniform(-5f, 5f, new int[] {1, 3, 1}));
        assertThat(new ClipObservation(env, -5f, 5f).observationSpace().toString()).contains("(1, 3, 1)");
    }

    @Test
    void clipRewardAndTransformsApplyTheirFunctions() {
        Env clipped = new ClipReward(new ScriptedEnv(new Discrete(2), new double[] {-5, 0.5, 5}, 0), -1, 1);
        clipped.reset(0);
        assertThat(new double[] {clipped.step(0).reward(), clipped.step(0).reward(), clipped.step(0).reward()}).containsExactly(-1, 0.5, 1);
        Env scaled = new TransformReward(new ScriptedEnv(new Discrete(2), new double[] {3}, 0), r -> r * 0.1);
        scaled.reset(0);
        assertThat(scaled.step(1).reward()).isCloseTo(0.3, within(1e-15));
        Box space = Box.uniform(-1e9f, 1e9f, 1);
        Env projected = new TransformObservation(new ScriptedEnv(new Discrete(2), new double[] {0}, 0), o -> new float[] {o[1] + o[2]}, space);
        assertThat(projected.observationSpace()).isEqualTo(space);
        projected.reset(0);
        assertThat(projected.step(0).observation()).containsExactly(2f);
        assertThat(projected.step(0).observation()).containsExactly(6f);
    }

    @Test
    void statefulWrappersAreCollectedOutermostFirstAndRestoredTogether() {
        Env chain = new NormalizeReward(new ClipReward(new NormalizeObservation(new RecordEpisodeStatistics(EnvRegistry.make("CartPole-v1"))), -10, 10));
        List<StatefulWrapper> found = StatefulWrapper.collect(chain);
        assertThat(found).hasSize(2);
        assertThat(found.get(0)).isInstanceOf(NormalizeReward.class);
        assertThat(found.get(1)).isInstanceOf(NormalizeObservation.class);
        chain.reset(0);
        for (int t = 0; t < 8; t++) {
            chain.step(1);
        }
        List<double[]> saved = StatefulWrapper.saveAll(chain);
        Env copy = new NormalizeReward(new ClipReward(new NormalizeObservation(new RecordEpisodeStatistics(EnvRegistry.make("CartPole-v1"))), -10, 10));
        StatefulWrapper.loadAll(copy, saved);
        List<double[]> restored = StatefulWrapper.saveAll(copy);
        for (int i = 0; i < saved.size(); i++) {
            assertThat(restored.get(i)).containsExactly(saved.get(i));
        }
        StatefulWrapper.setFrozenAll(copy, true);
        assertThat(StatefulWrapper.collect(copy)).allMatch(StatefulWrapper::isFrozen);
        assertThatThrownBy(() -> StatefulWrapper.loadAll(EnvRegistry.make("CartPole-v1"), saved))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 state(s)");
    }

    @Test
    void episodeStatisticsInsideRewardNormalisationRecordTheRawReturn() {
        Env env = new NormalizeReward(new RecordEpisodeStatistics(EnvRegistry.make("CartPole-v1")));
        env.reset(5);
        StepResult r;
        List<Double> normalised = new ArrayList<>();
        int steps = 0;
        do {
            r = env.step(steps % 2);
            normalised.add(r.reward());
            steps++;
        } while (!r.done());
        assertThat(r.info()).containsEntry(RecordEpisodeStatistics.RETURN_KEY, (double) steps);
        assertThat(normalised).allMatch(x -> x != 1.0);
    }
}
