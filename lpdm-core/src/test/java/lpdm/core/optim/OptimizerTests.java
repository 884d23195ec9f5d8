package lpdm.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.Function;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;

/** What the optimiser tests share: parameters, gradients, and the checkpoint round trip. */
final class OptimizerTests {
    private OptimizerTests() {
    }

    /** A 1 x n parameter with values uniform in [-1, 1]. */
    static Parameter parameter(String name, int n, Rng rng) {
        Parameter p = new Parameter(name, 1, n);
        for (int i = 0; i < n; i++) {
            p.value[i] = (float) rng.uniform(-1, 1);
        }
        return p;
    }

    /** Gradients over many scales (1e-6 to 1), including the scale of eps where the placement of eps matters. */
    static void randomGradients(Parameter p, Rng rng) {
        for (int i = 0; i < p.grad.length; i++) {
            double scale = Math.pow(10, -6 + 6 * rng.nextDouble());
            p.grad[i] = (float) (scale * rng.uniform(-1, 1));
        }
    }

    /** An optimiser's update computed in double precision from its published formula, on a copy of the initial values. */
    abstract static class Reference {
        final double[] p;

        Reference(float[] initial) {
            p = new double[initial.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = initial[i];
            }
        }

        /** One update of {@link #p} from the gradient {@code g} at learning rate {@code lr}. */
        abstract void step(float[] g, double lr);
    }

    /**
     * Twenty-five steps of {@code optimizer} on a 20- and a 7-element parameter, with gradients over
     * many scales and the learning rate changed from {@code lr} to {@code laterLr} before step 10,
     * stay within 2e-6 of {@code reference} (one instance per parameter, made from its initial values).
     */
    static void assertFollowsReference(Function<List<Parameter>, Optimizer> make, Function<float[], Reference> reference,
                                       long seed, double lr, double laterLr) {
        Rng rng = new Rng(seed);
        Parameter a = parameter("a", 20, rng);
        Parameter b = parameter("b", 7, rng);
        Optimizer optimizer = make.apply(List.of(a, b));
        optimizer.setLearningRate(lr);
        Reference ra = reference.apply(a.value);
        Reference rb = reference.apply(b.value);
        double current = lr;
        for (int step = 1; step <= 25; step++) {
            if (step == 10) {
                current = laterLr;
                optimizer.setLearningRate(current);
            }
            randomGradients(a, rng);
            randomGradients(b, rng);
            optimizer.step();
            ra.step(a.grad, current);
            rb.step(b.grad, current);
            for (int i = 0; i < a.value.length; i++) {
                assertThat((double) a.value[i]).as("step %d a[%d]", step, i).isCloseTo(ra.p[i], within(2e-6));
            }
            for (int i = 0; i < b.value.length; i++) {
                assertThat((double) b.value[i]).as("step %d b[%d]", step, i).isCloseTo(rb.p[i], within(2e-6));
            }
        }
        assertThat(optimizer.learningRate()).isEqualTo(laterLr);
    }

    /**
     * Saving an optimiser after some steps (and a learning-rate change) and loading the state into a
     * fresh one, made by {@code make} with another learning rate, continues bit-exactly.
     *
     * @return the restored optimiser, for further checks
     */
    static <O extends Optimizer> O assertStateRoundTripContinuesBitExactly(Function<List<Parameter>, O> make, long seed,
                                                                          String... expectedKeys) {
        Rng rng = new Rng(seed);
        Parameter a = parameter("net.w", 10, rng);
        Parameter b = parameter("net.b", 3, rng);
        O optimizer = make.apply(List.of(a, b));
        for (int i = 0; i < 4; i++) {
            randomGradients(a, rng);
            randomGradients(b, rng);
            optimizer.step();
        }
        optimizer.setLearningRate(0.015);
        StateDict state = new StateDict();
        optimizer.saveState(state, "optim");
        assertThat(state.entries()).containsOnlyKeys(expectedKeys);

        Parameter a2 = new Parameter("net.w", 1, 10);
        Parameter b2 = new Parameter("net.b", 1, 3);
        System.arraycopy(a.value, 0, a2.value, 0, 10);
        System.arraycopy(b.value, 0, b2.value, 0, 3);
        O restored = make.apply(List.of(a2, b2));
        restored.setLearningRate(0.5);
        restored.loadState(state, "optim");
        assertThat(restored.learningRate()).isEqualTo(0.015);
        for (int i = 0; i < 5; i++) {
            randomGradients(a, rng);
            randomGradients(b, rng);
            System.arraycopy(a.grad, 0, a2.grad, 0, 10);
            System.arraycopy(b.grad, 0, b2.grad, 0, 3);
            optimizer.step();
            restored.step();
            assertThat(a2.value).isEqualTo(a.value);
            assertThat(b2.value).isEqualTo(b.value);
        }
        return restored;
    }
}
