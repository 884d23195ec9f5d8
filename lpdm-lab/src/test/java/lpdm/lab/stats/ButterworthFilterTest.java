package lpdm.lab.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ButterworthFilterTest {

    /** Exact |H(f)|^2 of the bilinear Butterworth low-pass: 1 / (1 + (tan(pi f / 2) / tan(pi Wn / 2))^(2N)). */
    private static double squaredGain(int order, double cutoff, double f) {
        double ratio = Math.tan(Math.PI * f / 2) / Math.tan(Math.PI * cutoff / 2);
        return 1 / (1 + Math.pow(ratio, 2 * order));
    }

    @Test
    void secondOrderMatchesScipy() {
        // scipy.signal.butter(2, 0.1)
        double[][] ba = ButterworthFilter.lowPass(2, 0.1).transferFunction();
        assertThat(ba[0]).containsExactly(new double[] {0.02008337, 0.04016673, 0.02008337}, within(1e-8));
        assertThat(ba[1]).containsExactly(new double[] {1, -1.56101808, 0.64135154}, within(1e-8));
    }

    @Test
    void fifthOrderMatchesScipysTest() {
        // scipy's test_filter_design.TestButter.test_basic: butter(5, 0.4), 4 decimals
        double[][] ba = ButterworthFilter.lowPass(5, 0.4).transferFunction();
        assertThat(ba[0]).containsExactly(new double[] {0.0219, 0.1097, 0.2194, 0.2194, 0.1097, 0.0219}, within(5e-5));
        assertThat(ba[1]).containsExactly(new double[] {1.0000, -0.9853, 0.9738, -0.3864, 0.1112, -0.0113}, within(5e-5));
    }

    @Test
    void firstOrderZeroPoleGainMatchesScipysTest() {
        // scipy's TestButter.test_degenerate: butter(1, 0.3, output='zpk') -> p = 0.3249196962329063, k = 0.3375401518835469
        ButterworthFilter f = ButterworthFilter.lowPass(1, 0.3);
        assertThat(f.polesReal()[0]).isCloseTo(0.3249196962329063, within(1e-15));
        assertThat(f.polesImaginary()[0]).isEqualTo(0.0);
        assertThat(f.gain()).isCloseTo(0.3375401518835469, within(1e-15));
    }

    @Test
    void firstAndSecondOrderMatchTheBilinearTransformByHand() {
        for (double wn : new double[] {0.01, 0.1, 0.25, 0.5, 0.9}) {
            double k = Math.tan(Math.PI * wn / 2);
            // order 1: H(s) = w / (s + w), s = 4 (1 - z^-1) / (1 + z^-1), w = 4K ->
            // H(z) = K (1 + z^-1) / ((1 + K) + (K - 1) z^-1)
            double[][] first = ButterworthFilter.lowPass(1, wn).transferFunction();
            assertThat(first[0]).containsExactly(new double[] {k / (1 + k), k / (1 + k)}, within(1e-14));
            assertThat(first[1]).containsExactly(new double[] {1, (k - 1) / (k + 1)}, within(1e-14));
            // order 2: H(s) = w^2 / (s^2 + sqrt2 w s + w^2) ->
            // b = K^2/D [1, 2, 1], a = [1, 2 (K^2 - 1)/D, (1 - sqrt2 K + K^2)/D], D = 1 + sqrt2 K + K^2
            double d = 1 + Math.sqrt(2) * k + k * k;
            double[][] second = ButterworthFilter.lowPass(2, wn).transferFunction();
            assertThat(second[0]).containsExactly(new double[] {k * k / d, 2 * k * k / d, k * k / d}, within(1e-14));
            assertThat(second[1]).containsExactly(new double[] {1, 2 * (k * k - 1) / d, (1 - Math.sqrt(2) * k + k * k) / d}, within(1e-14));
        }
        // Wn = 0.5: K = 1 -> b = [0.5, 0.5], a = [1, 0]
        double[][] half = ButterworthFilter.lowPass(1, 0.5).transferFunction();
        assertThat(half[0]).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
        assertThat(half[1]).containsExactly(new double[] {1, 0}, within(1e-15));
    }

    @Test
    void magnitudeIsButterworth() {
        for (int order = 1; order <= 10; order++) {
            for (double wn : new double[] {0.01, 0.1, 0.3, 0.7}) {
                ButterworthFilter f = ButterworthFilter.lowPass(order, wn);
                assertThat(f.magnitude(0)).as("DC gain N=%d Wn=%s", order, wn).isCloseTo(1.0, within(1e-9));
                assertThat(f.magnitude(wn)).as("gain at cutoff").isCloseTo(1 / Math.sqrt(2), within(1e-9));
                double previous = Double.POSITIVE_INFINITY;
                for (int i = 0; i <= 1000; i++) {
                    double fr = i / 1000.0;
                    double m = f.magnitude(fr);
                    assertThat(m).as("monotone at f=%s", fr).isLessThanOrEqualTo(previous + 1e-12);
                    if (fr < 1) {
                        assertThat(m * m).isCloseTo(squaredGain(order, wn, fr), within(1e-9));
                    }
                    previous = m;
                }
            }
        }
    }

    @Test
    void polesLieInsideTheUnitCircle() {
        for (int order : new int[] {1, 2, 3, 8, 20}) {
            for (double wn : new double[] {0.001, 0.01, 0.5, 0.99}) {
                ButterworthFilter f = ButterworthFilter.lowPass(order, wn);
                double[] re = f.polesReal();
                double[] im = f.polesImaginary();
                for (int k = 0; k < order; k++) {
                    assertThat(Math.hypot(re[k], im[k])).isLessThan(1.0);
                }
                for (double[] section : f.secondOrderSections()) {
                    // roots of z^2 + a1 z + a2 inside the circle: |a2| < 1 and |a1| < 1 + a2
                    assertThat(Math.abs(section[5])).isLessThan(1.0);
                    assertThat(Math.abs(section[4])).isLessThan(1 + section[5]);
                }
            }
        }
    }

    @Test
    void sectionsMultiplyToTheTransferFunction() {
        for (int order : new int[] {1, 2, 3, 4, 5, 6}) {
            ButterworthFilter f = ButterworthFilter.lowPass(order, 0.2);
            double[] b = {1};
            double[] a = {1};
            double[][] sos = f.secondOrderSections();
            for (double[] row : sos) {
                b = multiply(b, Arrays.copyOfRange(row, 0, 3));
                a = multiply(a, Arrays.copyOfRange(row, 3, 6));
            }
            double[][] ba = f.transferFunction();
            assertThat(Arrays.copyOf(b, order + 1)).containsExactly(ba[0], within(1e-12));
            assertThat(Arrays.copyOf(a, order + 1)).containsExactly(ba[1], within(1e-12));
            // sections ordered by increasing pole radius (sqrt(a2) for a pair, |a1| for a real pole)
            double previous = 0;
            for (double[] row : sos) {
                double radius = row[5] != 0 ? Math.sqrt(row[5]) : Math.abs(row[4]);
                assertThat(radius).isGreaterThanOrEqualTo(previous);
                previous = radius;
            }
        }
    }

    @Test
    void lfilterRunsTheRecurrence() {
        // y[n] = x[n] + 0.5 y[n-1], impulse -> 1, 0.5, 0.25, 0.125; a[0] = 2 normalises the same
        assertThat(ButterworthFilter.lfilter(new double[] {1}, new double[] {1, -0.5}, new double[] {1, 0, 0, 0}, null, null))
                .containsExactly(1, 0.5, 0.25, 0.125);
        assertThat(ButterworthFilter.lfilter(new double[] {2}, new double[] {2, -1}, new double[] {1, 0, 0, 0}, null, null))
                .containsExactly(1, 0.5, 0.25, 0.125);
        // b = [0.5, 0.5]: moving average; zi = [0.5] makes x[-1] = 1
        assertThat(ButterworthFilter.lfilter(new double[] {0.5, 0.5}, new double[] {1, 0}, new double[] {1, 3, 5}, new double[] {0.5}, null))
                .containsExactly(1, 2, 4);
    }

    @Test
    void lfilterZiIsTheSteadyState() {
        double[][] ba = ButterworthFilter.lowPass(3, 0.2).transferFunction();
        double[] zi = ButterworthFilter.lfilterZi(ba[0], ba[1]);
        double[] constant = new double[50];
        Arrays.fill(constant, 2.0);
        double[] scaled = Arrays.stream(zi).map(v -> 2 * v).toArray();
        for (double y : ButterworthFilter.lfilter(ba[0], ba[1], constant, scaled, null)) {
            assertThat(y).isCloseTo(2.0, within(1e-12));
        }
        assertThat(ButterworthFilter.lfilterZi(new double[] {0.5, 0.5}, new double[] {1, 0})).containsExactly(0.5);
    }

    @Test
    void oddExtensionReflectsThroughTheEndPoints() {
        // left: 2*1 - x[2] = -2, 2*1 - x[1] = 0; right: 2*7 - x[2] = 10, 2*7 - x[1] = 12
        assertThat(ButterworthFilter.oddExtension(new double[] {1, 2, 4, 7}, 2)).containsExactly(-2, 0, 1, 2, 4, 7, 10, 12);
        assertThat(ButterworthFilter.oddExtension(new double[] {1, 2}, 0)).containsExactly(1, 2);
        assertThatThrownBy(() -> ButterworthFilter.oddExtension(new double[] {1, 2}, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void filtfiltOfAnImpulseByHand() {
        // butter(1, 0.5): b = [0.5, 0.5], a = [1, 0]; x = [0, 1, 0, 0], padlen 1
        // ext = [2*0 - 1, 0, 1, 0, 0, 2*0 - 0] = [-1, 0, 1, 0, 0, 0]
        // forward from zi*ext[0] (x[-1] = -1): [-1, -0.5, 0.5, 0.5, 0, 0]
        // backward over [0, 0, 0.5, 0.5, -0.5, -1] from zi*0: [0, 0, 0.25, 0.5, 0, -0.75]
        // reversed [-0.75, 0, 0.5, 0.25, 0, 0], padding dropped -> [0, 0.5, 0.25, 0]
        double[] x = {0, 1, 0, 0};
        double[] expected = {0, 0.5, 0.25, 0};
        ButterworthFilter f = ButterworthFilter.lowPass(1, 0.5);
        double[][] ba = f.transferFunction();
        assertThat(ButterworthFilter.filtfilt(ba[0], ba[1], x, 1)).containsExactly(expected, within(1e-15));
        assertThat(f.filtfilt(x, 1)).containsExactly(expected, within(1e-15));
    }

    @Test
    void defaultPaddingIsScipys() {
        ButterworthFilter f = ButterworthFilter.lowPass(8, 0.01);
        assertThat(f.defaultPadLength()).isEqualTo(27);
        assertThatThrownBy(() -> f.filtfilt(new double[27])).isInstanceOf(IllegalArgumentException.class);
        assertThat(f.filtfilt(new double[28])).hasSize(28);
        double[][] ba = ButterworthFilter.lowPass(3, 0.2).transferFunction();
        assertThatThrownBy(() -> ButterworthFilter.filtfilt(ba[0], ba[1], new double[12])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantSignalStaysConstant() {
        double[] x = new double[300];
        Arrays.fill(x, 3.0);
        for (double y : ButterworthFilter.lowPass(8, 0.01).filtfilt(x)) {
            assertThat(y).isCloseTo(3.0, within(1e-9));
        }
        double[][] ba = ButterworthFilter.lowPass(2, 0.1).transferFunction();
        for (double y : ButterworthFilter.filtfilt(ba[0], ba[1], x)) {
            assertThat(y).isCloseTo(3.0, within(1e-12));
        }
    }

    @Test
    void sinesPassWithZeroPhaseAndSquaredGain() {
        int n = 2000;
        for (double f : new double[] {0.02, 0.1, 0.15, 0.3}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = Math.sin(Math.PI * f * i + 0.3);
            }
            double gain = squaredGain(4, 0.1, f);
            ButterworthFilter filter = ButterworthFilter.lowPass(4, 0.1);
            double[][] ba = filter.transferFunction();
            double[] sos = filter.filtfilt(x);
            double[] tf = ButterworthFilter.filtfilt(ba[0], ba[1], x);
            // away from the edges the output is gain * input, sample by sample: no phase shift
            for (int i = 500; i < 1500; i++) {
                assertThat(sos[i]).as("f=%s i=%d", f, i).isCloseTo(gain * x[i], within(1e-6));
                assertThat(tf[i]).isCloseTo(gain * x[i], within(1e-6));
            }
        }
    }

    @Test
    void eighthOrderAtCutoff001InSections() {
        // the DR filter: a slow sine (f = 0.002) passes, a faster one (f = 0.03) is removed
        int n = 6000;
        ButterworthFilter filter = ButterworthFilter.lowPass(8, 0.01);
        double[] slow = new double[n];
        double[] fast = new double[n];
        for (int i = 0; i < n; i++) {
            slow[i] = Math.sin(Math.PI * 0.002 * i);
            fast[i] = Math.sin(Math.PI * 0.03 * i);
        }
        double slowGain = squaredGain(8, 0.01, 0.002); // 1 / (1 + 0.2^16)
        double[] ys = filter.filtfilt(slow);
        double[] yf = filter.filtfilt(fast);
        for (int i = 2000; i < 4000; i++) {
            assertThat(ys[i]).isCloseTo(slowGain * slow[i], within(1e-6));
            assertThat(Math.abs(yf[i])).isLessThan(1e-6); // |H|^2 ~ 1 / (1 + 3^16)
        }
    }

    @Test
    void transferFunctionFormLosesAccuracyAtOrder8Cutoff001() {
        // why DR filters by second-order sections: sum(a) = prod(1 - p_k) ~ 1e-12 is swamped by
        // rounding of coefficients of order 70, so the (b, a) form's DC gain is visibly wrong
        ButterworthFilter filter = ButterworthFilter.lowPass(8, 0.01);
        double[][] ba = filter.transferFunction();
        double[] x = new double[300];
        Arrays.fill(x, 3.0);
        double[] viaSections = filter.filtfilt(x);
        double[] viaTransferFunction = ButterworthFilter.filtfilt(ba[0], ba[1], x);
        double sectionError = 0;
        double transferError = 0;
        for (int i = 0; i < x.length; i++) {
            sectionError = Math.max(sectionError, Math.abs(viaSections[i] - 3));
            transferError = Math.max(transferError, Math.abs(viaTransferFunction[i] - 3));
        }
        assertThat(sectionError).isLessThan(1e-9);
        assertThat(transferError).isGreaterThan(1e-4);
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] r = new double[p.length + q.length - 1];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < q.length; j++) {
                r[i + j] += p[i] * q[j];
            }
        }
        return r;
    }
}
