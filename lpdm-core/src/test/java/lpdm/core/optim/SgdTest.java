package lpdm.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import org.junit.jupiter.api.Test;

class SgdTest {


    /** Gradients uniform in [-1, 1] (SGD's steps scale with them; no eps to probe). */
    private static void randomGradients(Parameter p, Rng rng) {
        for (int i = 0; i < p.grad.length; i++) {
            p.grad[i] = (float) rng.uniform(-1, 1);
        }
    }

    @Test
    void withoutMomentumEachStepIsMinusLearningRateTimesGradient() {
        Rng rng = new Rng(1);
        Parameter p = OptimizerTests.parameter("w", 10, rng);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0);
        for (int step = 0; step < 5; step++) {
            randomGradients(p, rng);
            float[] before = p.value.clone();
            sgd.step();
            for (int i = 0; i < 10; i++) {
                assertThat(p.value[i]).isEqualTo(before[i] - 0.1f * p.grad[i]);
            }
        }
    }

    /** PyTorch's momentum: b_1 = g_1, b_t = mu b_{t-1} + g_t, p -= lr b_t; against a double reference. */
    @Test
    void momentumFollowsTheReferenceFormula() {
        Rng rng = new Rng(2);
        Parameter p = OptimizerTests.parameter("w", 12, rng);
        double[] ref = new double[12];
        double[] buf = new double[12];
        for (int i = 0; i < 12; i++) {
            ref[i] = p.value[i];
        }
        Sgd sgd = new Sgd(List.of(p), 0.05, 0.9);
        double lr = 0.05;
        for (int step = 1; step <= 20; step++) {
            if (step == 8) {
                lr = 0.02;
                sgd.setLearningRate(lr);
            }
            randomGradients(p, rng);
            sgd.step();
            for (int i = 0; i < 12; i++) {
                buf[i] = 0.9 * buf[i] + p.grad[i];
                ref[i] -= lr * buf[i];
                assertThat((double) p.value[i]).as("step %d element %d", step, i).isCloseTo(ref[i], within(1e-5));
            }
        }
        assertThat(sgd.learningRate()).isEqualTo(0.02);
    }

    @Test
    void stateRoundTripContinuesBitExactly() {
        OptimizerTests.assertStateRoundTripContinuesBitExactly(ps -> new Sgd(ps, 0.1, 0.5), 3,
                "optim.lr", "optim.momentum.net.w", "optim.momentum.net.b");
    }

    @Test
    void invalidSettingsAreRejected() {
        List<Parameter> ps = List.of(new Parameter("w", 1, 1));
        assertThatThrownBy(() -> new Sgd(ps, -0.1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sgd(ps, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sgd(ps, 0.1, -0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
