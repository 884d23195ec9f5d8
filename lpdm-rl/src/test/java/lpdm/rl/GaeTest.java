package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * GAE on hand-built rollouts. Unless a test says otherwise: gamma = 0.5, lambda = 0.5 (so
 * gamma * lambda = 0.25), one env of three steps with rewards r = [1, 2, 3] and values
 * V = [0.5, 1.0, 1.5]. Every expected number is worked out in the comment beside it.
 */
class GaeTest {
    private static final float[] R = {1, 2, 3};
    private static final float[] V = {0.5f, 1.0f, 1.5f};
    private static final double GAMMA = 0.5;
    private static final double LAMBDA = 0.5;

    private record Out(float[] advantages, float[] returns) {
    }

    private static Out gae(int numSteps, int numEnvs, float[] rewards, float[] values, boolean[] terminated,
                           boolean[] truncated, float[] finalValues, float[] nextValues, double gamma, double lambda) {
        float[] adv = new float[numSteps * numEnvs];
        float[] ret = new float[numSteps * numEnvs];
        Gae.compute(numSteps, numEnvs, rewards, values, terminated, truncated, finalValues, nextValues, gamma, lambda, adv, ret);
        return new Out(adv, ret);
    }

    private static Out oneEnv(boolean[] terminated, boolean[] truncated, float[] finalValues, float nextValue) {
        return gae(3, 1, R, V, terminated, truncated, finalValues, new float[] {nextValue}, GAMMA, LAMBDA);
    }

    private static final boolean[] NONE = {false, false, false};
    private static final float[] NO_FINAL = {Float.NaN, Float.NaN, Float.NaN}; // must never be read

    @Test
    void noEpisodeEndBootstrapsFromTheNextObservationAtTheRolloutEnd() {
        // V(next observation) = 2.
        // t=2: delta = 3 + 0.5*2   - 1.5 = 2.5;   A = 2.5;                      R = 2.5 + 1.5 = 4.0
        // t=1: delta = 2 + 0.5*1.5 - 1.0 = 1.75;  A = 1.75 + 0.25*2.5   = 2.375;   R = 3.375
        // t=0: delta = 1 + 0.5*1.0 - 0.5 = 1.0;   A = 1.0  + 0.25*2.375 = 1.59375; R = 2.09375
        Out o = oneEnv(NONE, NONE, NO_FINAL, 2f);
        assertThat(o.advantages()).containsExactly(new float[] {1.59375f, 2.375f, 2.5f}, within(1e-6f));
        assertThat(o.returns()).containsExactly(new float[] {2.09375f, 3.375f, 4.0f}, within(1e-6f));
    }

    @Test
    void terminationDoesNotBootstrapAndCutsTheTrace() {
        // Episode terminates at t=1; t=2 is the first step of the next episode.
        // t=2: as above, A = 2.5, R = 4.0
        // t=1: delta = 2 - 1.0 = 1.0 (no bootstrap, no trace from t=2); A = 1.0; R = 2.0
        // t=0: delta = 1 + 0.5*1.0 - 0.5 = 1.0; A = 1.0 + 0.25*1.0 = 1.25; R = 1.75
        Out o = oneEnv(new boolean[] {false, true, false}, NONE, NO_FINAL, 2f);
        assertThat(o.advantages()).containsExactly(new float[] {1.25f, 1.0f, 2.5f}, within(1e-6f));
        assertThat(o.returns()).containsExactly(new float[] {1.75f, 2.0f, 4.0f}, within(1e-6f));
    }

    @Test
    void truncationBootstrapsFromTheFinalObservationNotTheResetObservation() {
        // A time limit cuts the episode at t=1; V(final observation of that episode) = 4.
        // V[2] = 1.5 is the value of the reset observation (next episode) and must not be used.
        // t=2: A = 2.5, R = 4.0
        // t=1: delta = 2 + 0.5*4.0 - 1.0 = 3.0; A = 3.0 (no trace from t=2); R = 4.0
        //      (bootstrapping from the reset observation would give delta = 2 + 0.75 - 1 = 1.75,
        //       treating truncation as termination would give delta = 1.0)
        // t=0: delta = 1.0; A = 1.0 + 0.25*3.0 = 1.75; R = 2.25
        float[] finalValues = {Float.NaN, 4f, Float.NaN};
        Out o = oneEnv(NONE, new boolean[] {false, true, false}, finalValues, 2f);
        assertThat(o.advantages()).containsExactly(new float[] {1.75f, 3.0f, 2.5f}, within(1e-6f));
        assertThat(o.returns()).containsExactly(new float[] {2.25f, 4.0f, 4.0f}, within(1e-6f));
    }

    @Test
    void truncationAtTheLastStepUsesTheFinalObservationNotTheNextRolloutsFirst() {
        // Truncated at t=2 with V(final) = 6; nextValue = 2 is the reset observation's value.
        // t=2: delta = 3 + 0.5*6 - 1.5 = 4.5; A = 4.5; R = 6.0
        // t=1: delta = 1.75; A = 1.75 + 0.25*4.5 = 2.875; R = 3.875
        // t=0: delta = 1.0;  A = 1.0 + 0.25*2.875 = 1.71875; R = 2.21875
        float[] finalValues = {Float.NaN, Float.NaN, 6f};
        Out o = oneEnv(NONE, new boolean[] {false, false, true}, finalValues, 2f);
        assertThat(o.advantages()).containsExactly(new float[] {1.71875f, 2.875f, 4.5f}, within(1e-6f));
        assertThat(o.returns()).containsExactly(new float[] {2.21875f, 3.875f, 6.0f}, within(1e-6f));
    }

    @Test
    void terminatedAndTruncatedTogetherCountsAsTerminated() {
        // Gymnasium's TimeLimit sets truncated on the step the limit is reached even if the MDP
        // also terminated there: no bootstrap. Same numbers as the termination case.
        float[] finalValues = {Float.NaN, 4f, Float.NaN};
        boolean[] both = {false, true, false};
        Out o = oneEnv(both, both, finalValues, 2f);
        assertThat(o.advantages()).containsExactly(new float[] {1.25f, 1.0f, 2.5f}, within(1e-6f));
    }

    @Test
    void envsAreInterleavedStepMajor() {
        // Env 0 = the no-end case, env 1 = the truncation case; index t * 2 + e.
        float[] rewards = {1, 1, 2, 2, 3, 3};
        float[] values = {0.5f, 0.5f, 1.0f, 1.0f, 1.5f, 1.5f};
        boolean[] terminated = new boolean[6];
        boolean[] truncated = {false, false, false, true, false, false};
        float[] finalValues = {Float.NaN, Float.NaN, Float.NaN, 4f, Float.NaN, Float.NaN};
        Out o = gae(3, 2, rewards, values, terminated, truncated, finalValues, new float[] {2f, 2f}, GAMMA, LAMBDA);
        assertThat(o.advantages()).containsExactly(new float[] {1.59375f, 1.75f, 2.375f, 3.0f, 2.5f, 2.5f}, within(1e-6f));
        assertThat(o.returns()).containsExactly(new float[] {2.09375f, 2.25f, 3.375f, 4.0f, 4.0f, 4.0f}, within(1e-6f));
    }

    @Test
    void lambdaOneGivesDiscountedReturnsBootstrappedAtTheEnd() {
        // gamma = 1, lambda = 1, V = 0, r = 1 each, V(next) = 10: R_t = remaining rewards + 10.
        // R = [3 + 10, 2 + 10, 1 + 10] = [13, 12, 11]; A = R - 0.
        Out o = gae(3, 1, new float[] {1, 1, 1}, new float[3], new boolean[3], new boolean[3], new float[3],
                new float[] {10f}, 1.0, 1.0);
        assertThat(o.returns()).containsExactly(new float[] {13f, 12f, 11f}, within(1e-6f));
        assertThat(o.advantages()).containsExactly(new float[] {13f, 12f, 11f}, within(1e-6f));
    }

    @Test
    void lambdaZeroGivesOneStepTemporalDifferences() {
        // gamma = 0.5, lambda = 0: A_t = delta_t = [1.0, 1.75, 2.5] (deltas of the first case).
        Out o = gae(3, 1, R, V, NONE, NONE, NO_FINAL, new float[] {2f}, GAMMA, 0.0);
        assertThat(o.advantages()).containsExactly(new float[] {1.0f, 1.75f, 2.5f}, within(1e-6f));
        assertThat(o.returns()).containsExactly(new float[] {1.5f, 2.75f, 4.0f}, within(1e-6f));
    }

    @Test
    void tdErrorsAreTheDeltasWhateverLambdaAndRespectEpisodeEnds() {
        // gamma = 0.5, lambda = 0.5, step 1 terminated: delta_0 = 1 + 0.5 * 1.0 - 0.5 = 1.0,
        // delta_1 = 2 - 1.0 = 1.0 (no bootstrap), delta_2 = 3 + 0.5 * 2 - 1.5 = 2.5.
        float[] adv = new float[3];
        float[] ret = new float[3];
        float[] td = new float[3];
        Gae.compute(3, 1, R, V, new boolean[] {false, true, false}, NONE, NO_FINAL, new float[] {2f}, GAMMA, LAMBDA, adv, ret, td);
        assertThat(td).containsExactly(new float[] {1.0f, 1.0f, 2.5f}, within(1e-6f));
        // Truncation at step 0 bootstraps from the final observation's value 4: delta_0 = 1 + 0.5 * 4 - 0.5 = 2.5.
        Gae.compute(3, 1, R, V, new boolean[3], new boolean[] {true, false, false}, new float[] {4f, Float.NaN, Float.NaN},
                new float[] {2f}, GAMMA, LAMBDA, adv, ret, td);
        assertThat(td[0]).isCloseTo(2.5f, within(1e-6f));
        assertThatThrownBy(() -> Gae.compute(3, 1, R, V, NONE, NONE, NO_FINAL, new float[] {2f}, GAMMA, LAMBDA, adv, ret, new float[2]))
                .hasMessageContaining("numSteps * numEnvs");
    }

    @Test
    void shortArraysAreRejected() {
        assertThatThrownBy(() -> gae(3, 2, R, V, NONE, NONE, NO_FINAL, new float[] {0, 0}, GAMMA, LAMBDA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numSteps * numEnvs");
    }
}
