package lpdm.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import lpdm.core.nn.Parameter;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static Parameter withGrad(String name, float... g) {
        Parameter p = new Parameter(name, 1, g.length);
        System.arraycopy(g, 0, p.grad, 0, g.length);
        return p;
    }

    private static double globalNorm(List<Parameter> ps) {
        double s = 0;
        for (Parameter p : ps) {
            for (float g : p.grad) {
                s += (double) g * g;
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void aboveTheLimitEveryGradientIsScaledToTheMaximumNorm() {
        Parameter a = withGrad("a", 3f, 0f);
        Parameter b = withGrad("b", 0f, -4f, 12f); // global norm 13
        List<Parameter> ps = List.of(a, b);
        double norm = GradientClipping.clipGlobalNorm(ps, 0.5);
        assertThat(norm).isCloseTo(13.0, within(1e-12));
        assertThat(globalNorm(ps)).isCloseTo(0.5, within(1e-6));
        double c = 0.5 / (13 + 1e-6);
        assertThat((double) a.grad[0]).isCloseTo(3 * c, within(1e-7));
        assertThat((double) b.grad[1]).isCloseTo(-4 * c, within(1e-7));
        assertThat((double) b.grad[2]).isCloseTo(12 * c, within(1e-7));
        assertThat(a.grad[1]).isZero();
    }

    @Test
    void belowTheLimitGradientsAreUntouched() {
        Parameter a = withGrad("a", 0.3f, -0.4f);
        float[] before = a.grad.clone();
        assertThat(GradientClipping.clipGlobalNorm(List.of(a), 0.5 + 2e-6)).isCloseTo(0.5, within(1e-7));
        assertThat(a.grad).isEqualTo(before);
        Parameter zero = withGrad("z", 0f, 0f);
        assertThat(GradientClipping.clipGlobalNorm(List.of(zero), 0.5)).isZero();
        assertThat(zero.grad).containsOnly(0f);
    }

    @Test
    void returnsTheNormBeforeClippingAccumulatedInDouble() {
        Parameter big = withGrad("big", 3e20f, 4e20f); // squares overflow float
        assertThat(GradientClipping.clipGlobalNorm(List.of(big), 1.0)).isCloseTo(5e20, within(1e14));
        assertThat(globalNorm(List.of(big))).isCloseTo(1.0, within(1e-6));
    }
}
