package lpdm.envs.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.InvalidActionException;
import lpdm.envs.ScriptedEnv;
import lpdm.envs.StepResult;
import lpdm.envs.TimeLimit;
import lpdm.envs.wrappers.RecordEpisodeStatistics;
import org.junit.jupiter.api.Test;

class SyncVectorEnvTest {

    @Test
    void resetSeedsSubEnvIWithSeedPlusI() {
        try (SyncVectorEnv envs = SyncVectorEnv.make("CartPole-v1", 3)) {
            float[][] observations = envs.reset(100);
            for (int i = 0; i < 3; i++) {
                assertThat(observations[i]).containsExactly(EnvRegistry.make("CartPole-v1").reset(100 + i));
            }
            assertThat(envs.autoresetMode()).isEqualTo(SyncVectorEnv.AutoresetMode.SAME_STEP);
            assertThat(envs.singleActionSpace()).isEqualTo(new Discrete(2));
        }
    }

    @Test
    void unseededResetStillGivesDistinctSubEnvs() {
        SyncVectorEnv envs = SyncVectorEnv.make("Pendulum-v1", 2);
        float[][] observations = envs.reset();
        assertThat(observations[0]).isNotEqualTo(observations[1]);
        assertThat(observations[1]).containsExactly(EnvRegistry.make("Pendulum-v1").reset(1));
        float[][] next = envs.reset();
        assertThat(next[0]).isNotEqualTo(observations[0]);
    }

    @Test
    void terminatedSubEnvIsResetInTheSameStepAndKeepsItsFinalObservation() {
        // Sub-env 0 terminates at step 3, sub-env 1 at step 5.
        SyncVectorEnv envs = new SyncVectorEnv(List.of(
                new ScriptedEnv(new Discrete(2), new double[] {1, 2, 3}, 3),
                new ScriptedEnv(new Discrete(2), new double[] {1, 2, 3, 4, 5}, 5)));
        envs.reset(7);
        VectorStepResult r = null;
        for (int t = 1; t <= 3; t++) {
            r = envs.step(new int[] {0, 1});
        }
        assertThat(r.terminated()).containsExactly(true, false);
        assertThat(r.truncated()).containsExactly(false, false);
        assertThat(r.rewards()).containsExactly(3.0, 3.0);
        // The final observation is step 3 of episode 0; the returned one is the reset of episode 1.
        assertThat(r.finalObservations()[0]).containsExactly(0f, 3f, 9f);
        assertThat(r.observations()[0][0]).isEqualTo(1f);
        assertThat(r.observations()[0][1]).isEqualTo(0f);
        assertThat(r.finalObservations()[1]).isNull();
        assertThat(r.observations()[1]).containsExactly(0f, 3f, 9f);
        assertThat(r.finalInfos().get(0)).containsEntry("t", 3);
        assertThat(r.finalInfos().get(1)).isNull();
        assertThat(r.infos().get(0)).isEmpty();
        assertThat(envs.finalObservation(0)).containsExactly(0f, 3f, 9f);
        assertThat(envs.finalObservation(1)).isNull();
        // Next step: sub-env 0 carries on in its new episode.
        r = envs.step(new int[] {0, 0});
        assertThat(r.observations()[0]).containsExactly(1f, 1f, 1f);
        assertThat(r.finalObservations()[0]).isNull();
        assertThat(envs.finalObservation(0)).isNull();
        assertThat(r.terminated()).containsExactly(false, false);
        r = envs.step(new int[] {0, 0});
        assertThat(r.terminated()).containsExactly(false, true);
        assertThat(r.finalObservations()[1]).containsExactly(0f, 5f, 25f);
    }

    @Test
    void terminationMatchesASingleEnvAndAutoresetContinuesItsGenerator() {
        try (SyncVectorEnv envs = SyncVectorEnv.make("CartPole-v1", 2)) {
            Env reference = EnvRegistry.make("CartPole-v1");
            envs.reset(3);
            reference.reset(3);
            for (int t = 0; t < 600; t++) {
                VectorStepResult r = envs.step(new int[] {1, 0});
                StepResult single = reference.step(1);
                assertThat(r.rewards()[0]).isEqualTo(single.reward());
                if (single.done()) {
                    assertThat(r.terminated()[0]).isTrue();
                    assertThat(r.finalObservations()[0]).containsExactly(single.observation());
                    assertThat(r.observations()[0]).containsExactly(reference.reset());
                    return;
                }
                assertThat(r.observations()[0]).containsExactly(single.observation());
            }
            throw new AssertionError("always pushing right should end a CartPole episode within 600 steps");
        }
    }

    @Test
    void truncatedSubEnvsAreResetAndFinalInfosKeptWithWrappers() {
        SyncVectorEnv envs = SyncVectorEnv.of(() -> new RecordEpisodeStatistics(EnvRegistry.make("Pendulum-v1")), 3);
        float[][] first = envs.reset(0);
        VectorStepResult r = null;
        for (int t = 1; t <= 200; t++) {
            r = envs.step(new float[][] {{0f}, {1f}, {-1f}});
            if (t < 200) {
                assertThat(java.util.Arrays.asList(r.finalObservations())).containsOnlyNulls();
            }
        }
        for (int i = 0; i < 3; i++) {
            assertThat(r.truncated()[i]).isTrue();
            assertThat(r.terminated()[i]).isFalse();
            assertThat(r.finalObservations()[i]).isNotNull().hasSize(3);
            assertThat(r.finalInfos().get(i)).containsEntry(RecordEpisodeStatistics.LENGTH_KEY, 200);
            assertThat(r.observations()[i]).isNotEqualTo(r.finalObservations()[i]).isNotEqualTo(first[i]);
        }
        // The next step works without an explicit reset.
        r = envs.step(new float[][] {{0f}, {0f}, {0f}});
        assertThat(r.truncated()).containsExactly(false, false, false);
    }

    @Test
    void truncationByTimeLimitOfAScriptedEnv() {
        SyncVectorEnv envs = new SyncVectorEnv(List.of(
                new TimeLimit(new ScriptedEnv(new Discrete(2), new double[] {1}, 0), 2),
                new TimeLimit(new ScriptedEnv(new Discrete(2), new double[] {1}, 2), 4)));
        envs.reset(0);
        envs.step(new int[] {0, 0});
        VectorStepResult r = envs.step(new int[] {0, 0});
        assertThat(r.truncated()).containsExactly(true, false);
        assertThat(r.terminated()).containsExactly(false, true);
        assertThat(r.finalObservations()[0]).containsExactly(0f, 2f, 4f);
        assertThat(r.finalObservations()[1]).containsExactly(0f, 2f, 4f);
        assertThat(r.observations()[0][1]).isEqualTo(0f);
        assertThat(r.observations()[1][1]).isEqualTo(0f);
    }

    @Test
    void badBatchesAreRejected() {
        SyncVectorEnv envs = SyncVectorEnv.make("CartPole-v1", 2);
        assertThatThrownBy(() -> envs.step(new int[] {0, 1})).isInstanceOf(IllegalStateException.class);
        envs.reset(0);
        assertThatThrownBy(() -> envs.step(new int[] {0})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2)");
        assertThatThrownBy(() -> envs.step(new float[][] {{0f}, {0f}})).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> envs.reset(-3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SyncVectorEnv(List.of(EnvRegistry.make("CartPole-v1"), EnvRegistry.make("Acrobot-v1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sub-env 1");
        // After a rejected batch the vector env must be reset.
        assertThatThrownBy(() -> envs.step(new int[] {0, 1})).isInstanceOf(IllegalStateException.class);
        envs.reset(1);
        envs.step(new int[] {0, 1});
    }
}
