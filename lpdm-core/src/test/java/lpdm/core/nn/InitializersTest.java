package lpdm.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import lpdm.core.random.Rng;
import org.junit.jupiter.api.Test;

class InitializersTest {
    private static final int[][] SHAPES = {{1, 1}, {4, 4}, {3, 7}, {7, 3}, {1, 5}, {5, 1}, {64, 4}, {4, 64}, {2, 64}, {64, 64}};
    private static final double[] GAINS = {1.0, Math.sqrt(2), 0.01};

    private static Linear layerWithNonZeroBias(int out, int in) {
        Linear l = new Linear("l", in, out);
        Arrays.fill(l.bias.value, 3f);
        Arrays.fill(l.weight.value, Float.NaN);
        return l;
    }

    /** W W^T (out <= in) or W^T W (out > in), in double. */
    private static double[][] gram(Linear l) {
        int out = l.outputSize;
        int in = l.inputSize;
        boolean rowsOrthonormal = out <= in;
        int n = rowsOrthonormal ? out : in;
        double[][] g = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = 0;
                int len = rowsOrthonormal ? in : out;
                for (int p = 0; p < len; p++) {
                    double x = rowsOrthonormal ? l.weight.value[a * in + p] : l.weight.value[p * in + a];
                    double y = rowsOrthonormal ? l.weight.value[b * in + p] : l.weight.value[p * in + b];
                    s += x * y;
                }
                g[a][b] = s;
            }
        }
        return g;
    }

    @Test
    void orthogonalRowsOrColumnsAreOrthonormalTimesGain() {
        Rng rng = new Rng(1);
        for (int[] shape : SHAPES) {
            for (double gain : GAINS) {
                Linear l = layerWithNonZeroBias(shape[0], shape[1]);
                Initializers.orthogonal(l, gain, rng);
                double[][] g = gram(l);
                double g2 = gain * gain;
                for (int a = 0; a < g.length; a++) {
                    for (int b = 0; b < g.length; b++) {
                        assertThat(g[a][b]).as("%s gain %s gram (%d, %d)", Arrays.toString(shape), gain, a, b)
                            .isCloseTo(a == b ? g2 : 0, within(1e-6 * g2));
                    }
                }
                assertThat(l.bias.value).containsOnly(0f);
            }
        }
    }

    /**
     * An independent reference: the same Gaussian draws (r x c, row-major, r >= c, transposed when
     * out < in), modified Gram-Schmidt on the columns in double, which yields the unique QR with a
     * positive diagonal of R, exactly what the sign fix of torch.nn.init.orthogonal_ produces.
     */
    @Test
    void orthogonalIsTheQOfTheGaussianDrawsWithPositiveR() {
        for (int[] shape : SHAPES) {
            int out = shape[0];
            int in = shape[1];
            boolean transpose = out < in;
            int r = transpose ? in : out;
            int c = transpose ? out : in;
            Rng draws = new Rng(77);
            double[][] q = new double[r][c];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    q[i][j] = draws.nextGaussian();
                }
            }
            for (int j = 0; j < c; j++) {
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < r; i++) {
                        dot += q[i][p] * q[i][j];
                    }
                    for (int i = 0; i < r; i++) {
                        q[i][j] -= dot * q[i][p];
                    }
                }
                double norm = 0;
                for (int i = 0; i < r; i++) {
                    norm += q[i][j] * q[i][j];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < r; i++) {
                    q[i][j] /= norm;
                }
            }
            Linear l = layerWithNonZeroBias(out, in);
            double gain = 1.7;
            Initializers.orthogonal(l, gain, new Rng(77));
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < in; j++) {
                    double expected = gain * (transpose ? q[j][i] : q[i][j]);
                    assertThat((double) l.weight.value[i * in + j]).as("%s W(%d, %d)", Arrays.toString(shape), i, j)
                        .isCloseTo(expected, within(1e-5));
                }
            }
        }
    }

    @Test
    void initialisationIsDeterministicPerSeed() {
        for (int[] shape : SHAPES) {
            Linear a = new Linear("a", shape[1], shape[0]);
            Linear b = new Linear("b", shape[1], shape[0]);
            Linear c = new Linear("c", shape[1], shape[0]);
            Initializers.orthogonal(a, 1.0, new Rng(5));
            Initializers.orthogonal(b, 1.0, new Rng(5));
            Initializers.orthogonal(c, 1.0, new Rng(6));
            assertThat(a.weight.value).isEqualTo(b.weight.value);
            if (shape[0] * shape[1] > 1) {
                assertThat(a.weight.value).isNotEqualTo(c.weight.value);
            }
            Initializers.uniformFanIn(a, new Rng(5));
            Initializers.uniformFanIn(b, new Rng(5));
            Initializers.uniformFanIn(c, new Rng(6));
            assertThat(a.weight.value).isEqualTo(b.weight.value).isNotEqualTo(c.weight.value);
        }
    }

    @Test
    void uniformFanInStaysWithinTheBoundAndFillsIt() {
        for (int in : new int[] {1, 4, 64, 256}) {
            Linear l = layerWithNonZeroBias(200, in);
            Initializers.uniformFanIn(l, new Rng(in));
            double bound = 1 / Math.sqrt(in);
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            double sum = 0;
            double sumSq = 0;
            for (float w : l.weight.value) {
                assertThat((double) w).isBetween(-bound, bound);
                min = Math.min(min, w);
                max = Math.max(max, w);
                sum += w;
                sumSq += (double) w * w;
            }
            int n = l.weight.value.length;
            assertThat(min).isLessThan(-0.95 * bound);
            assertThat(max).isGreaterThan(0.95 * bound);
            // uniform on [-b, b): mean 0 (sd b / sqrt(3n)), variance b^2 / 3
            assertThat(sum / n).isCloseTo(0, within(5 * bound / Math.sqrt(3.0 * n)));
            assertThat(sumSq / n).isCloseTo(bound * bound / 3, within(0.05 * bound * bound));
            assertThat(l.bias.value).containsOnly(0f);
        }
    }

    @Test
    void initialiseCoversEveryLayerWithItsGain() {
        Network net = Network.mlp("net", 4, new int[] {8, 6}, 2, Activation.TANH);
        for (Parameter p : net.parameters()) {
            Arrays.fill(p.value, Float.NaN);
        }
        Initializers.initialise(net, "orthogonal", Math.sqrt(2), 0.01, new Rng(1));
        for (Linear l : DenseLayers.all(net)) {
            double[][] g = gram(l);
            assertThat(g[0][0]).isCloseTo(2.0, within(1e-5));
            assertThat(l.bias.value).containsOnly(0f);
        }
        assertThat(gram(net.head())[1][1]).isCloseTo(1e-4, within(1e-9));
        assertThat(net.head().bias.value).containsOnly(0f);

        for (Parameter p : net.parameters()) {
            Arrays.fill(p.value, Float.NaN);
        }
        Initializers.initialise(net, "uniform", 1, 1, new Rng(1));
        for (Parameter p : net.parameters()) {
            for (float v : p.value) {
                assertThat(v).isNotNaN();
            }
        }
        assertThatThrownBy(() -> Initializers.initialise(net, "xavier", 1, 1, new Rng(1))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("xavier");
    }
}
