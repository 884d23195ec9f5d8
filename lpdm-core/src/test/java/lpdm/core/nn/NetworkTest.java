package lpdm.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.NetworkLearner;
import lpdm.core.learn.NetworkRole;
import lpdm.core.learn.Signals;
import lpdm.core.nn.Conv2d.Padding;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * {@link Network}: without convolutions it is a multi-layer perceptron with the names of earlier
 * versions; with convolutions it has MinAtar's baseline shapes, back-propagation by the BP learner through convolutions and
 * dense layers matches finite differences, and wrong shapes are clear errors.
 */
class NetworkTest {

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) rng.uniform(-1, 1);
        }
        return m;
    }

    @Test
    void withoutConvolutionsItIsTheMlp() {
        Network mlp = Network.mlp("actor", 4, new int[] {64, 64}, 2, Activation.TANH);
        assertThat(mlp.describe()).isEqualTo("input 4; dense 4 -> 64, tanh; dense 64 -> 64, tanh; head dense 64 -> 2");
        assertThat(mlp.parameters().stream().map(p -> p.name).toList()).containsExactly(
                "actor.layer0.weight", "actor.layer0.bias", "actor.layer1.weight", "actor.layer1.bias", "actor.head.weight", "actor.head.bias");
        assertThat(mlp.hasConvolutions()).isFalse();
    }

    @Test
    void minAtarBaselineShapesAndNames() {
        Network net = Network.build("actor", new int[] {10, 10, 4}, ConvSpec.parseList("16x3", Padding.VALID), new int[] {128}, 6, Activation.RELU);
        assertThat(net.describe()).isEqualTo(
                "input 10x10x4; conv 10x10x4 -> 8x8x16 (16 filters 3x3, valid), relu; dense 1024 -> 128, relu; head dense 128 -> 6");
        assertThat(net.parameters().stream().map(p -> p.toString()).toList()).containsExactly(
                "actor.conv0.weight[16x36]", "actor.conv0.bias[1x16]", "actor.layer0.weight[128x1024]", "actor.layer0.bias[1x128]",
                "actor.head.weight[6x128]", "actor.head.bias[1x6]");
        net.initialise("orthogonal", Math.sqrt(2), 0.01, new Rng(3));
        Matrix out = net.forward(random(5, 400, new Rng(4)));
        assertThat(out.rows).isEqualTo(5);
        assertThat(out.cols).isEqualTo(6);

        Network copy = Network.build("critic", new int[] {10, 10, 4}, ConvSpec.parseList("16x3", Padding.VALID), new int[] {128}, 6, Activation.RELU);
        copy.copyFrom(net);
        Matrix x = random(3, 400, new Rng(5));
        assertThat(copy.forward(x).data).containsExactly(net.forward(x).data);
    }

    @Test
    void convSpecsParseAndRefuseClearly() {
        assertThat(ConvSpec.parseList("16x3, 32x3x5", Padding.SAME)).containsExactly(
                new ConvSpec(16, 3, 3, Padding.SAME), new ConvSpec(32, 3, 5, Padding.SAME));
        assertThat(ConvSpec.parseList("", Padding.VALID)).isEmpty();
        assertThat(new ConvSpec(32, 3, 5, Padding.SAME).settingText()).isEqualTo("32x3x5");
        assertThat(new ConvSpec(16, 3, 3, Padding.SAME).settingText()).isEqualTo("16x3");
        assertThatThrownBy(() -> ConvSpec.parse("16", Padding.VALID))
                .hasMessage("convolution '16' is not FILTERSxKERNEL or FILTERSxROWSxCOLUMNS (e.g. 16x3: 16 filters of 3x3)");
        assertThatThrownBy(() -> ConvSpec.parse("16x0", Padding.VALID)).hasMessageContaining("positive");
    }

    @Test
    void wrongShapesAreOneClearError() {
        assertThatThrownBy(() -> Network.build("actor", new int[] {400}, ConvSpec.parseList("16x3", Padding.VALID), new int[] {128}, 6, Activation.RELU))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Network actor: convolutions need grid observations (height x width x channels), got shape [400]");
        Network net = Network.build("actor", new int[] {10, 10, 4}, ConvSpec.parseList("16x3", Padding.SAME), new int[] {}, 6, Activation.RELU);
        assertThatThrownBy(() -> net.forward(new Matrix(7, 600))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Network actor expects rows of 10x10x4 = 400 values, got 7 x 600");
        // A convolution built for another grid than the observation.
        Conv2d conv = new Conv2d("c", 10, 10, 6, 16, 3, 3, Padding.SAME);
        assertThatThrownBy(() -> new Network("actor", new int[] {10, 10, 4}, List.of(new Network.Hidden(conv, Activation.RELU)), new Linear("h", 1600, 2)))
                .hasMessage("Conv2d c expects a 10x10x6 grid (height x width x channels), got 10x10x4");
        // A convolution after a dense layer has no grid to read.
        List<Network.Hidden> layers = List.of(new Network.Hidden(new Linear("d", 400, 400), Activation.RELU),
                new Network.Hidden(new Conv2d("c", 10, 10, 4, 16, 3, 3, Padding.SAME), Activation.RELU));
        assertThatThrownBy(() -> new Network("actor", new int[] {10, 10, 4}, layers, new Linear("h", 1600, 2)))
                .hasMessageContaining("needs a grid (height x width x channels) as input, got the output of a dense layer");
        assertThatThrownBy(() -> new Network("actor", new int[] {10, 10, 4}, List.of(), new Linear("h", 399, 2)))
                .hasMessage("Network actor: the head reads 399 values, gets 400");
    }

    /** L = sum r (.) out; dL/dparameters by the BP learner (into each parameter's grad). */
    private static void backpropagate(Network net, Matrix x, Matrix r) {
        NetworkLearner learner = new BackpropRule().bind(net, NetworkRole.ACTOR, new Rng(0));
        learner.forwardTrain(x, Signals.NONE);
        learner.backward(r);
    }

    private static double loss(Network net, Matrix x, Matrix r) {
        Matrix out = net.forward(x);
        double l = 0;
        for (int i = 0; i < r.data.length; i++) {
            l += (double) r.data[i] * out.data[i];
        }
        return l;
    }

    /**
     * Two convolutions (same, then valid with an even kernel), a dense layer and the head, tanh:
     * every parameter's back-propagated gradient against finite differences (tolerance 5e-4
     * relative or absolute, as in Conv2dTest; the chain adds a few roundings per layer).
     */
    @Test
    void backpropagationThroughConvolutionsAndDenseLayersMatchesFiniteDifferences() {
        Network net = Network.build("n", new int[] {4, 5, 2}, List.of(new ConvSpec(3, 3, 3, Padding.SAME), new ConvSpec(2, 2, 2, Padding.VALID)),
                new int[] {5}, 2, Activation.TANH);
        net.initialise("orthogonal", 1.0, 1.0, new Rng(6));
        Rng rng = new Rng(7);
        for (Parameter p : net.parameters()) {
            if (p.name.endsWith("bias")) {
                for (int i = 0; i < p.value.length; i++) {
                    p.value[i] = (float) rng.uniform(-0.3, 0.3);
                }
            }
        }
        Matrix x = random(3, net.inputSize(), rng);
        Matrix r = random(3, 2, rng);
        backpropagate(net, x, r);
        for (Parameter p : net.parameters()) {
            float[] analytic = p.grad.clone();
            for (int i = 0; i < p.value.length; i++) {
                double numeric = FiniteDifference.derivative(() -> loss(net, x, r), p.value, i, 1e-2f);
                assertThat(Math.abs(analytic[i] - numeric)).as("%s[%d]: analytic %s, finite difference %s", p.name, i, analytic[i], numeric)
                        .isLessThanOrEqualTo(5e-4 * Math.max(1, Math.abs(analytic[i])));
            }
        }
    }
}
