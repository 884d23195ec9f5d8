package lpdm.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import org.junit.jupiter.api.Test;

class AdamTest {

    /** PyTorch's Adam in double: denom = sqrt(v) / sqrt(1 - b2^t) + eps; p -= lr / (1 - b1^t) * m / denom. */
    private static final class ReferenceAdam extends OptimizerTests.Reference {
        final double[] m;
        final double[] v;
        final double b1;
        final double b2;
        final double eps;
        int t;

        ReferenceAdam(float[] initial, double b1, double b2, double eps) {
            super(initial);
            m = new double[p.length];
            v = new double[p.length];
            this.b1 = b1;
            this.b2 = b2;
            this.eps = eps;
        }

        @Override
        void step(float[] g, double lr) {
            t++;
            double bc1 = 1 - Math.pow(b1, t);
            double bc2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < p.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double denom = Math.sqrt(v[i]) / Math.sqrt(bc2) + eps;
                p[i] -= lr / bc1 * m[i] / denom;
            }
        }
    }



    @Test
    void firstStepIsLearningRateTimesGradientOverItsMagnitudePlusEps() {
        Parameter p = new Parameter("w", 1, 3);
        p.value[0] = 1f;
        p.value[1] = 1f;
        p.value[2] = 1f;
        p.grad[0] = 2f;
        p.grad[1] = -1e-5f; // |g| = eps: the step halves
        p.grad[2] = 0f;
        Adam adam = new Adam(List.of(p), 0.1, 1e-5);
        adam.step();
        assertThat((double) p.value[0]).isCloseTo(1 - 0.1 * 2 / (2 + 1e-5), within(1e-7));
        assertThat((double) p.value[1]).isCloseTo(1 + 0.1 * 0.5, within(1e-6));
        assertThat(p.value[2]).isEqualTo(1f);
        assertThat(adam.steps()).isEqualTo(1);
    }

    @Test
    void severalStepsFollowTheReferenceFormula() {
        OptimizerTests.assertFollowsReference(ps -> new Adam(ps, 0.01, 0.8, 0.99, 1e-6), p -> new ReferenceAdam(p, 0.8, 0.99, 1e-6),
                1, 0.01, 0.003);
    }

    /** Saving after some steps and loading into a fresh optimiser continues bit-exactly. */
    @Test
    void stateRoundTripContinuesBitExactly() {
        Adam restored = OptimizerTests.assertStateRoundTripContinuesBitExactly(ps -> new Adam(ps, 0.02, 1e-5), 2,
                "optim.t", "optim.lr", "optim.m.net.w", "optim.v.net.w", "optim.m.net.b", "optim.v.net.b");
        assertThat(restored.steps()).isEqualTo(4 + 5);
    }

    @Test
    void loadingAMismatchedStateFailsWithTheEntryName() {
        Parameter a = new Parameter("w", 1, 4);
        Adam adam = new Adam(List.of(a), 0.1, 1e-5);
        StateDict state = new StateDict();
        adam.saveState(state, "o");
        Adam other = new Adam(List.of(new Parameter("w", 1, 5)), 0.1, 1e-5);
        assertThatThrownBy(() -> other.loadState(state, "o")).isInstanceOf(IllegalStateException.class).hasMessageContaining("o.m.w");
        Adam renamed = new Adam(List.of(new Parameter("x", 1, 4)), 0.1, 1e-5);
        assertThatThrownBy(() -> renamed.loadState(state, "o")).isInstanceOf(IllegalStateException.class).hasMessageContaining("o.m.x");
    }

    @Test
    void invalidSettingsAreRejected() {
        List<Parameter> ps = List.of(new Parameter("w", 1, 1));
        assertThatThrownBy(() -> new Adam(ps, -1, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Adam(ps, Double.NaN, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Adam(ps, 0.1, 1.0, 0.999, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Adam(ps, 0.1, 0.9, -0.1, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Adam(ps, 0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Parameter a = new Parameter("a", 2, 2);
        Parameter b = new Parameter("b", 1, 3);
        java.util.Arrays.fill(a.grad, 1f);
        java.util.Arrays.fill(b.grad, 2f);
        Adam adam = new Adam(List.of(a, b), 0.1, 1e-5);
        adam.zeroGrad();
        assertThat(a.grad).containsOnly(0f);
        assertThat(b.grad).containsOnly(0f);
        assertThat(adam.parameters()).containsExactly(a, b);
    }
}
