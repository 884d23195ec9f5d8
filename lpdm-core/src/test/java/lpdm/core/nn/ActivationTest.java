package lpdm.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lpdm.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ActivationTest {
    private static final float H = 0x1p-8f;

    /** Central difference of the float apply; truncation O(h^2) ~ 1e-5, rounding ~ 6e-8 / 2h ~ 1e-5. */
    private static double finiteDifference(Activation phi, float z) {
        float up = z + H;
        float down = z - H; // near a power of two these round: divide by the stored step
        return ((double) phi.apply(up) - phi.apply(down)) / ((double) up - down);
    }

    @Property(tries = 100)
    void derivativeMatchesFiniteDifferences(@ForAll @DoubleRange(min = -4, max = 4) double zd) {
        float z = (float) zd;
        for (Activation phi : Activation.values()) {
            if (phi == Activation.RELU && Math.abs(z) < 2 * H) {
                continue; // the kink
            }
            float h = phi.apply(z);
            assertThat((double) phi.derivative(z, h)).as("%s'(%s)", phi, z).isCloseTo(finiteDifference(phi, z), within(1e-4));
        }
    }

    @Test
    void applyValues() {
        assertThat(Activation.TANH.apply(0.5f)).isEqualTo((float) Math.tanh(0.5));
        assertThat(Activation.RELU.apply(-2f)).isEqualTo(0f);
        assertThat(Activation.RELU.apply(2f)).isEqualTo(2f);
        assertThat(Activation.IDENTITY.apply(-3.25f)).isEqualTo(-3.25f);
        // ReLU's derivative at the kink is 0 (PyTorch's convention) in both forms.
        assertThat(Activation.RELU.derivative(0f, 0f)).isEqualTo(0f);
        float[] g = {5f};
        Activation.RELU.multiplyDerivativeFromOutputInPlace(g, new float[] {0f}, 1);
        assertThat(g[0]).isEqualTo(0f);
    }

    /** Both in-place forms equal g * phi'(z) element by element, touch only the first n elements. */
    @Property(tries = 50)
    void inPlaceDerivativesEqualTheScalarDerivative(@ForAll @IntRange(min = 0, max = 20) int n, @ForAll long seed) {
        Rng rng = new Rng(seed);
        int len = n + 3;
        float[] z = new float[len];
        float[] g = new float[len];
        for (int i = 0; i < len; i++) {
            z[i] = (float) rng.uniform(-3, 3);
            g[i] = (float) rng.uniform(-2, 2);
        }
        for (Activation phi : Activation.values()) {
            float[] h = new float[len];
            phi.apply(z, h, n);
            for (int i = 0; i < len; i++) {
                assertThat(h[i]).isEqualTo(i < n ? phi.apply(z[i]) : 0f);
            }
            float[] fromOutput = g.clone();
            phi.multiplyDerivativeFromOutputInPlace(fromOutput, h, n);
            float[] fromBoth = g.clone();
            phi.multiplyDerivativeInPlace(fromBoth, z, h, n);
            for (int i = 0; i < len; i++) {
                float expected = i < n ? g[i] * phi.derivative(z[i], h[i]) : g[i];
                assertThat(fromOutput[i]).as("%s from output, element %d", phi, i).isEqualTo(expected);
                assertThat(fromBoth[i]).as("%s from z and h, element %d", phi, i).isEqualTo(expected);
                if (i < n && !(phi == Activation.RELU && Math.abs(z[i]) < 2 * H)) {
                    assertThat((double) fromOutput[i]).isCloseTo(g[i] * finiteDifference(phi, z[i]), within(2e-4));
                }
            }
        }
    }

    @Test
    void applyWorksInPlace() {
        float[] z = {-1f, 0.5f, 2f};
        Activation.TANH.apply(z, z, 3);
        assertThat(z).containsExactly((float) Math.tanh(-1), (float) Math.tanh(0.5), (float) Math.tanh(2));
    }

    @Test
    void parseAndSettingNameRoundTrip() {
        for (Activation a : Activation.values()) {
            assertThat(Activation.parse(a.settingName())).isEqualTo(a);
        }
        assertThat(Activation.parse("TanH")).isEqualTo(Activation.TANH);
        assertThat(Activation.TANH.settingName()).isEqualTo("tanh");
        assertThatThrownBy(() -> Activation.parse("gelu")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gelu");
    }

    /** tanh_fast against the exact tanh over a dense sweep of [-10, 10]: within 7 ulp, odd, never beyond +-1. */
    @Test
    void fastTanhIsWithinSevenUlpOfTanh() {
        int n = 2_000_001;
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = (float) (-10 + 20.0 * i / (n - 1));
        }
        float[] h = new float[n];
        Activation.TANH_FAST.apply(z, h, n);
        double worst = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double exact = Math.tanh(z[i]);
            double ulps = Math.abs(h[i] - exact) / Math.ulp((float) exact);
            worst = Math.max(worst, ulps);
            sum += ulps;
            assertThat(Math.abs(h[i])).isLessThanOrEqualTo(1f);
            assertThat(Activation.TANH_FAST.apply(z[i])).as("scalar = array at %s", z[i]).isEqualTo(h[i]);
            assertThat(Activation.TANH_FAST.apply(-z[i])).isEqualTo(-h[i]);
        }
        assertThat(worst).as("largest error in ulp").isLessThanOrEqualTo(7.0);
        assertThat(sum / n).as("mean error in ulp").isLessThan(1.0);
        // Small arguments keep their relative accuracy.
        for (float x = 1e-30f; x < 1e-2f; x *= 1.37f) {
            assertThat(Math.abs(Activation.TANH_FAST.apply(x) - Math.tanh(x)) / Math.ulp((float) Math.tanh(x))).as("at %s", x).isLessThanOrEqualTo(7.0);
        }
    }
}
