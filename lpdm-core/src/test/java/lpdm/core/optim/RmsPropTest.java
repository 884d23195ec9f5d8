package lpdm.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import org.junit.jupiter.api.Test;

class RmsPropTest {

    /** PyTorch's RMSprop (no momentum, not centred) in double: v = a v + (1 - a) g^2; p -= lr g / (sqrt(v) + eps). */
    private static final class ReferenceRmsProp extends OptimizerTests.Reference {
        final double[] v;
        final double alpha;
        final double eps;

        ReferenceRmsProp(float[] initial, double alpha, double eps) {
            super(initial);
            v = new double[p.length];
            this.alpha = alpha;
            this.eps = eps;
        }

        @Override
        void step(float[] g, double lr) {
            for (int i = 0; i < p.length; i++) {
                v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i];
                p[i] -= lr * g[i] / (Math.sqrt(v[i]) + eps);
            }
        }
    }



    /** No bias correction: the first step is lr g / (sqrt(1 - alpha) |g| + eps), ten times lr at alpha 0.99. */
    @Test
    void firstStepIsLargeBecauseTheSquareAverageStartsAtZero() {
        Parameter p = new Parameter("w", 1, 3);
        p.value[0] = 1f;
        p.value[1] = 1f;
        p.value[2] = 1f;
        p.grad[0] = 2f;
        p.grad[1] = -1e-4f; // sqrt(1 - alpha) |g| = 1e-5 = eps: the step halves
        p.grad[2] = 0f;
        RmsProp rms = new RmsProp(List.of(p), 0.01, 0.99, 1e-5);
        rms.step();
        assertThat((double) p.value[0]).isCloseTo(1 - 0.01 * 2 / (0.1 * 2 + 1e-5), within(1e-6));
        assertThat((double) p.value[1]).isCloseTo(1 + 0.01 * 10 * 0.5, within(1e-5));
        assertThat(p.value[2]).isEqualTo(1f);
        // a constant gradient g: v_t = (1 - alpha^t) g^2, so the steps shrink towards lr
        p.grad[0] = 2f;
        double before = p.value[0];
        rms.step();
        double expected = 0.01 * 2 / (Math.sqrt(1 - 0.99 * 0.99) * 2 + 1e-5);
        assertThat(before - p.value[0]).isCloseTo(expected, within(1e-6));
    }

    @Test
    void severalStepsFollowTheReferenceFormula() {
        OptimizerTests.assertFollowsReference(ps -> new RmsProp(ps, 0.001, 0.95, 1e-6), p -> new ReferenceRmsProp(p, 0.95, 1e-6),
                3, 0.001, 0.0003);
    }

    /** Saving after some steps and loading into a fresh optimiser continues bit-exactly. */
    @Test
    void stateRoundTripContinuesBitExactly() {
        OptimizerTests.assertStateRoundTripContinuesBitExactly(ps -> new RmsProp(ps, 0.002, 0.99, 1e-5), 4,
                "optim.lr", "optim.square_avg.net.w", "optim.square_avg.net.b");
    }

    @Test
    void invalidSettingsAreRejected() {
        List<Parameter> ps = List.of(new Parameter("w", 1, 1));
        assertThatThrownBy(() -> new RmsProp(ps, -1, 0.99, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RmsProp(ps, Double.NaN, 0.99, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RmsProp(ps, 0.1, 1.0, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RmsProp(ps, 0.1, -0.1, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RmsProp(ps, 0.1, 0.99, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSpecMakesTheOptimiserItNames() {
        List<Parameter> ps = List.of(new Parameter("w", 1, 2));
        assertThat(OptimizerSpec.adam(1e-5).create(ps, 0.1)).isInstanceOf(Adam.class);
        Optimizer rms = OptimizerSpec.rmsProp(0.99, 1e-5).create(ps, 0.2);
        assertThat(rms).isInstanceOf(RmsProp.class);
        assertThat(rms.learningRate()).isEqualTo(0.2);
        assertThat(OptimizerSpec.rmsProp(0.99, 1e-5).stateName()).isEqualTo("rmsprop");
        assertThat(OptimizerSpec.adam(1e-5).stateName()).isEqualTo("adam");
        assertThatThrownBy(() -> OptimizerSpec.rmsProp(1.0, 1e-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OptimizerSpec.adam(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
