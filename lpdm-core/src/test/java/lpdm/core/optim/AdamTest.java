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
    private static final class ReferenceAdam {
        final double[] p;
        final double[] m;
        final double[] v;
        final double b1;
        final double b2;
        final double eps;
        int t;

        ReferenceAdam(float[] initial, double b1, double b2, double eps) {
            p = new double[initial.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = initial[i];
            }
            m = new double[p.length];
            v = new double[p.length];
            this.b1 = b1;
            this.b2 = b2;
            this.eps = eps;
        }

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

    /** Gradients over many scales, including the scale of eps where the placement of eps matters. */
    private static void randomGradients(Parameter p, Rng rng) {
        for (int i = 0; i < p.grad.length; i++) {
            double scale = Math.pow(10, -6 + 6 * rng.nextDouble());
            p.grad[i] = (float) (scale * rng.uniform(-1, 1));
        }
    }

    private static Parameter parameter(String name, int n, Rng rng) {
        Parameter p = new Parameter(name, 1, n);
        for (int i = 0; i < n; i++) {
            p.value[i] = (float) rng.uniform(-1, 1);
        }
        return p;
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
        Rng rng = new Rng(1);
        Parameter a = parameter("a", 20, rng);
        Parameter b = parameter("b", 7, rng);
        double b1 = 0.8;
        double b2 = 0.99;
        double eps = 1e-6;
        Adam adam = new Adam(List.of(a, b), 0.01, b1, b2, eps);
        ReferenceAdam ra = new ReferenceAdam(a.value, b1, b2, eps);
        ReferenceAdam rb = new ReferenceAdam(b.value, b1, b2, eps);
        double lr = 0.01;
        for (int step = 1; step <= 25; step++) {
            if (step == 10) {
                lr = 0.003;
                adam.setLearningRate(lr);
            }
            randomGradients(a, rng);
            randomGradients(b, rng);
            adam.step();
            ra.step(a.grad, lr);
            rb.step(b.grad, lr);
            for (int i = 0; i < a.value.length; i++) {
                assertThat((double) a.value[i]).as("step %d a[%d]", step, i).isCloseTo(ra.p[i], within(2e-6));
            }
            for (int i = 0; i < b.value.length; i++) {
                assertThat((double) b.value[i]).as("step %d b[%d]", step, i).isCloseTo(rb.p[i], within(2e-6));
            }
        }
        assertThat(adam.steps()).isEqualTo(25);
        assertThat(adam.learningRate()).isEqualTo(0.003);
    }

    /** Saving after some steps and loading into a fresh optimiser continues bit-exactly. */
    @Test
    void stateRoundTripContinuesBitExactly() {
        Rng rng = new Rng(2);
        Parameter a = parameter("net.w", 10, rng);
        Parameter b = parameter("net.b", 3, rng);
        Adam adam = new Adam(List.of(a, b), 0.02, 1e-5);
        for (int i = 0; i < 4; i++) {
            randomGradients(a, rng);
            randomGradients(b, rng);
            adam.step();
        }
        adam.setLearningRate(0.015);
        StateDict state = new StateDict();
        adam.saveState(state, "optim");
        assertThat(state.entries()).containsKeys("optim.t", "optim.lr", "optim.m.net.w", "optim.v.net.w", "optim.m.net.b", "optim.v.net.b");

        Parameter a2 = new Parameter("net.w", 1, 10);
        Parameter b2 = new Parameter("net.b", 1, 3);
        System.arraycopy(a.value, 0, a2.value, 0, 10);
        System.arraycopy(b.value, 0, b2.value, 0, 3);
        Adam restored = new Adam(List.of(a2, b2), 0.5, 1e-5);
        restored.loadState(state, "optim");
        assertThat(restored.steps()).isEqualTo(4);
        assertThat(restored.learningRate()).isEqualTo(0.015);
        for (int i = 0; i < 5; i++) {
            randomGradients(a, rng);
            randomGradients(b, rng);
            System.arraycopy(a.grad, 0, a2.grad, 0, 10);
            System.arraycopy(b.grad, 0, b2.grad, 0, 3);
            adam.step();
            restored.step();
            assertThat(a2.value).isEqualTo(a.value);
            assertThat(b2.value).isEqualTo(b.value);
        }
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
