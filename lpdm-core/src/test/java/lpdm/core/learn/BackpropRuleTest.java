package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lpdm.core.nn.DenseLayers;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Linear;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Back-propagation against central differences of L = sum(out (.) R), so dL/dOut = R, computed
 * with a double-precision reference forward pass that shares only the parameter values.
 */
class BackpropRuleTest {
    private static final double H = 1e-5;
    /** Pre-activations closer than this to ReLU's kink make the finite difference meaningless. */
    private static final double KINK_MARGIN = 1e-3;

    // ---------------------------------------------------------------- double reference

    /** Parameter values of {@code net} in double, in {@link Network#parameters()} order. */
    private static double[][] doubleParameters(Network net) {
        List<Parameter> ps = net.parameters();
        double[][] out = new double[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            float[] v = ps.get(i).value;
            out[i] = new double[v.length];
            for (int k = 0; k < v.length; k++) {
                out[i][k] = v[k];
            }
        }
        return out;
    }

    private static double activate(Activation phi, double z) {
        return switch (phi) {
            case TANH, TANH_FAST -> Math.tanh(z); // tanh_fast is within 7 ulp of it
            case RELU -> Math.max(z, 0);
            case IDENTITY -> z;
        };
    }

    /**
     * The network output (N x out, row-major) in double; the smallest |pre-activation| of the
     * hidden layers goes to {@code minAbsPre[0]}.
     */
    private static double[] referenceForward(Network net, double[][] params, Matrix x, double[] minAbsPre) {
        int n = x.rows;
        double[] a = new double[x.data.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = x.data[i];
        }
        int in = x.cols;
        int layers = net.hiddenLayers().size() + 1;
        double minAbs = Double.POSITIVE_INFINITY;
        for (int l = 0; l < layers; l++) {
            boolean head = l == layers - 1;
            Linear layer = head ? net.head() : DenseLayers.of(net, l);
            double[] w = params[2 * l];
            double[] b = params[2 * l + 1];
            int out = layer.outputSize;
            double[] z = new double[n * out];
            for (int r = 0; r < n; r++) {
                for (int o = 0; o < out; o++) {
                    double s = b[o];
                    for (int p = 0; p < in; p++) {
                        s += a[r * in + p] * w[o * in + p];
                    }
                    if (!head) {
                        minAbs = Math.min(minAbs, Math.abs(s));
                        s = activate(net.hiddenLayers().get(l).activation(), s);
                    }
                    z[r * out + o] = s;
                }
            }
            a = z;
            in = out;
        }
        if (minAbsPre != null) {
            minAbsPre[0] = minAbs;
        }
        return a;
    }

    private static double loss(Network net, double[][] params, Matrix x, Matrix r) {
        double[] out = referenceForward(net, params, x, null);
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += out[i] * r.data[i];
        }
        return s;
    }

    /** Central differences of the loss for every element of every parameter. */
    private static double[][] finiteDifferenceGradients(Network net, Matrix x, Matrix r) {
        double[][] params = doubleParameters(net);
        double[][] grads = new double[params.length][];
        for (int i = 0; i < params.length; i++) {
            grads[i] = new double[params[i].length];
            for (int k = 0; k < params[i].length; k++) {
                double saved = params[i][k];
                params[i][k] = saved + H;
                double plus = loss(net, params, x, r);
                params[i][k] = saved - H;
                double minus = loss(net, params, x, r);
                params[i][k] = saved;
                grads[i][k] = (plus - minus) / (2 * H);
            }
        }
        return grads;
    }

    // ---------------------------------------------------------------- fixtures

    private static Network randomNetwork(int input, int[] widths, int output, Activation phi, Rng rng) {
        Network net = Network.mlp("net", input, widths, output, phi);
        for (Linear l : allLayers(net)) {
            double scale = 1.3 / Math.sqrt(l.inputSize);
            for (int i = 0; i < l.weight.value.length; i++) {
                l.weight.value[i] = (float) (scale * rng.nextGaussian());
            }
            for (int i = 0; i < l.bias.value.length; i++) {
                l.bias.value[i] = (float) rng.uniform(-0.5, 0.5);
            }
        }
        return net;
    }

    private static List<Linear> allLayers(Network net) {
        List<Linear> ls = new java.util.ArrayList<>(DenseLayers.all(net));
        ls.add(net.head());
        return ls;
    }

    private static Matrix randomMatrix(int rows, int cols, Rng rng, double range) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) rng.uniform(-range, range);
        }
        return m;
    }

    private static NetworkLearner bind(Network net) {
        return new BackpropRule().bind(net, NetworkRole.ACTOR, new Rng(0));
    }

    /** Runs forwardTrain/backward and checks output and every parameter gradient. */
    private static void checkGradients(NetworkLearner learner, Matrix x, Matrix r) {
        Network net = learner.network();
        for (Parameter p : net.parameters()) {
            Arrays.fill(p.grad, Float.NaN); // backward must overwrite, not accumulate
        }
        Matrix out = learner.forwardTrain(x, Signals.NONE);
        double[] reference = referenceForward(net, doubleParameters(net), x, null);
        for (int i = 0; i < reference.length; i++) {
            assertThat((double) out.data[i]).as("output %d", i).isCloseTo(reference[i], within(1e-4 * (1 + Math.abs(reference[i]))));
        }
        float[] inference = net.forward(x).data.clone();
        assertThat(out.data).as("training forward equals Network.forward").isEqualTo(inference);
        learner.backward(r);
        double[][] fd = finiteDifferenceGradients(net, x, r);
        List<Parameter> ps = net.parameters();
        for (int i = 0; i < ps.size(); i++) {
            double scale = 1;
            for (double g : fd[i]) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int k = 0; k < fd[i].length; k++) {
                assertThat((double) ps.get(i).grad[k]).as("%s element %d", ps.get(i), k).isCloseTo(fd[i][k], within(2e-4 * scale));
            }
        }
    }

    // ---------------------------------------------------------------- gradients

    @Property(tries = 50)
    void gradientsMatchFiniteDifferences(@ForAll @Size(max = 3) List<@IntRange(min = 1, max = 8) Integer> widths,
                                         @ForAll @IntRange(min = 1, max = 8) int input, @ForAll @IntRange(min = 1, max = 8) int output,
                                         @ForAll @IntRange(min = 1, max = 8) int batch, @ForAll Activation activation,
                                         @ForAll long seed) {
        Rng rng = new Rng(seed);
        int[] w = widths.stream().mapToInt(Integer::intValue).toArray();
        Network net = randomNetwork(input, w, output, activation, rng);
        Matrix x = randomMatrix(batch, input, rng, 2);
        Matrix r = randomMatrix(batch, output, rng, 1);
        if (activation == Activation.RELU) {
            double[] minAbs = new double[1];
            referenceForward(net, doubleParameters(net), x, minAbs);
            Assume.that(minAbs[0] > KINK_MARGIN);
        }
        checkGradients(bind(net), x, r);
    }

    /** One learner reused across batch sizes: buffers are resized and gradients overwritten each time. */
    @Test
    void learnerIsReusableAcrossBatchSizes() {
        Rng rng = new Rng(31);
        Network net = randomNetwork(3, new int[] {6, 5, 4}, 2, Activation.TANH, rng);
        NetworkLearner learner = bind(net);
        for (int batch : new int[] {3, 7, 7, 1, 3}) {
            checkGradients(learner, randomMatrix(batch, 3, rng, 2), randomMatrix(batch, 2, rng, 1));
        }
    }

    // ---------------------------------------------------------------- contract

    @Test
    void contract() {
        Network net = randomNetwork(3, new int[] {4}, 2, Activation.TANH, new Rng(1));
        BackpropRule rule = new BackpropRule();
        assertThat(rule.name()).isEqualTo("bp");
        NetworkLearner learner = rule.bind(net, NetworkRole.CRITIC, new Rng(2));
        assertThat(learner.network()).isSameAs(net);
        assertThat(learner.rlParameters()).isEqualTo(net.parameters());
        NetworkLearner other = rule.bind(randomNetwork(2, new int[0], 1, Activation.TANH, new Rng(3)), NetworkRole.ACTOR, new Rng(4));
        assertThat(BackpropRule.allRlParameters(List.of(learner, other))).hasSize(6)
            .startsWith(net.parameters().toArray(new Parameter[0])).endsWith(other.network().parameters().toArray(new Parameter[0]));

        assertThatThrownBy(() -> learner.backward(new Matrix(2, 2))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("forwardTrain");
        Matrix x = randomMatrix(5, 3, new Rng(5), 1);
        assertThatThrownBy(() -> learner.forwardTrain(new Matrix(5, 4), Signals.NONE)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("4 columns");
        learner.forwardTrain(x, Signals.NONE);
        assertThatThrownBy(() -> learner.backward(new Matrix(4, 2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> learner.backward(new Matrix(5, 3))).isInstanceOf(IllegalStateException.class);
        learner.backward(new Matrix(5, 2));
        assertThatThrownBy(() -> learner.backward(new Matrix(5, 2))).as("a second backward").isInstanceOf(IllegalStateException.class);

        // Signals are ignored by back-propagation.
        float[] plain = learner.forwardTrain(x, Signals.NONE).data.clone();
        float[] withSignals = learner.forwardTrain(x, new Signals(Map.of(Signals.ADVANTAGE, new float[5]))).data.clone();
        assertThat(withSignals).isEqualTo(plain);

        lpdm.core.state.StateDict state = new lpdm.core.state.StateDict();
        learner.saveState(state, "bp");
        assertThat(state.entries()).isEmpty();
    }

    @Test
    void diagnosticsReportGradientAndWeightNorms() {
        Rng rng = new Rng(8);
        Network net = randomNetwork(3, new int[] {5, 4}, 2, Activation.TANH, rng);
        NetworkLearner learner = bind(net);
        learner.forwardTrain(randomMatrix(6, 3, rng, 1), Signals.NONE);
        learner.backward(randomMatrix(6, 2, rng, 1));
        Map<String, Double> d = learner.diagnostics();
        assertThat(d).containsOnlyKeys("layer0/weight_norm", "layer0/update_norm", "layer0/grad_norm",
            "layer1/weight_norm", "layer1/update_norm", "layer1/grad_norm");
        for (int l = 0; l < 2; l++) {
            Linear layer = DenseLayers.of(net, l);
            assertThat(d.get("layer" + l + "/grad_norm")).isCloseTo(MatrixOps.norm(layer.weight.grad), within(1e-12)).isPositive();
            assertThat(d.get("layer" + l + "/weight_norm")).isCloseTo(MatrixOps.norm(layer.weight.value), within(1e-12));
            assertThat(d.get("layer" + l + "/update_norm")).isZero();
        }
    }

    // ---------------------------------------------------------------- activation memory

    /** Peak bytes of one forwardTrain + backward through {@code depth} hidden layers of {@code width}. */
    private static long peakBytes(int depth, int width, int batch, int input, int output) {
        int[] widths = new int[depth];
        Arrays.fill(widths, width);
        Network net = randomNetwork(input, widths, output, Activation.TANH, new Rng(depth));
        MeteredRule.Learner learner = new MeteredRule(new BackpropRule()).bind(net, NetworkRole.ACTOR, new Rng(0));
        Rng rng = new Rng(1);
        Matrix x = randomMatrix(batch, input, rng, 1);
        learner.forwardTrain(x, Signals.NONE);
        learner.backward(randomMatrix(batch, output, rng, 1));
        assertThat(learner.meter().live()).as("everything released after backward").isZero();
        return learner.meter().peak();
    }

    /**
     * The live set peaks when the backward pass holds two gradient buffers: the input, every hidden
     * output not yet consumed and the head output, i.e. 4 N (in + (D + 1) w + out) bytes for D >= 1
     * hidden layers of width w (4 N (in + out) without hidden layers).
     */
    @Test
    void peakActivationMemoryGrowsLinearlyWithDepth() {
        int batch = 32;
        int width = 64;
        int in = 4;
        int out = 2;
        assertThat(peakBytes(0, width, batch, in, out)).isEqualTo(4L * batch * (in + out));
        for (int depth = 1; depth <= 8; depth++) {
            assertThat(peakBytes(depth, width, batch, in, out)).as("depth %d", depth)
                .isEqualTo(4L * batch * (in + (depth + 1L) * width + out));
        }
        long two = peakBytes(2, width, batch, in, out);
        long eight = peakBytes(8, width, batch, in, out);
        // 582 / 198 = 2.94: the hidden outputs grow 4x, the input, head and gradient buffers do not.
        assertThat((double) eight / two).isGreaterThan(2.9);
    }

    @Test
    void aTrainingPassWithoutBackwardReleasesWhatItHeld() {
        Rng rng = new Rng(2);
        Network net = randomNetwork(3, new int[] {8, 8}, 2, Activation.RELU, rng);
        MeteredRule.Learner learner = new MeteredRule(new BackpropRule()).bind(net, NetworkRole.ACTOR, new Rng(0));
        Matrix x = randomMatrix(10, 3, rng, 1);
        learner.forwardTrain(x, Signals.NONE);
        long held = learner.meter().live();
        assertThat(held).isEqualTo(4L * 10 * (3 + 8 + 8 + 2));
        learner.forwardTrain(x, Signals.NONE); // e.g. an evaluation pass: no backward in between
        assertThat(learner.meter().live()).isEqualTo(held);
        learner.forwardTrain(randomMatrix(4, 3, rng, 1), Signals.NONE);
        assertThat(learner.meter().live()).isEqualTo(4L * 4 * (3 + 8 + 8 + 2));
        learner.backward(new Matrix(4, 2));
        assertThat(learner.meter().live()).isZero();
    }
}
