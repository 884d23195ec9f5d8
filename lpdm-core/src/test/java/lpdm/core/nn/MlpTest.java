package lpdm.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

class MlpTest {

    private static void randomise(Network net, long seed) {
        Rng rng = new Rng(seed);
        for (Parameter p : net.parameters()) {
            for (int i = 0; i < p.value.length; i++) {
                p.value[i] = (float) rng.uniform(-1, 1);
            }
        }
    }

    private static Matrix randomInput(int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        Matrix x = new Matrix(rows, cols);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = (float) rng.uniform(-2, 2);
        }
        return x;
    }

    @Test
    void parametersInLayerOrderWithNames() {
        Network net = Network.mlp("actor", 4, new int[] {8, 6}, 2, Activation.TANH);
        List<String> names = net.parameters().stream().map(p -> p.name).toList();
        assertThat(names).containsExactly("actor.layer0.weight", "actor.layer0.bias", "actor.layer1.weight", "actor.layer1.bias",
            "actor.head.weight", "actor.head.bias");
        assertThat(net.headParameters()).containsExactly(net.head().weight, net.head().bias);
        assertThat(net.inputSize()).isEqualTo(4);
        assertThat(net.outputSize()).isEqualTo(2);
        assertThat(net.hiddenLayers()).hasSize(2);
        assertThat(DenseLayers.of(net, 1).inputSize).isEqualTo(8);
        assertThat(net.head().inputSize).isEqualTo(6);
        assertThat(net.hiddenLayers()).allSatisfy(h -> assertThat(h.activation()).isEqualTo(Activation.TANH));
        assertThatThrownBy(() -> net.parameters().add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    /** Forward by hand for one tanh layer: h = tanh(x W0^T + b0), out = h Wh^T + bh. */
    @Test
    void forwardMatchesAHandComputation() {
        Network net = Network.mlp("n", 2, new int[] {2}, 1, Activation.TANH);
        Linear l0 = DenseLayers.of(net, 0);
        System.arraycopy(new float[] {1, -1, 0.5f, 2}, 0, l0.weight.value, 0, 4);
        l0.bias.value[0] = 0.1f;
        l0.bias.value[1] = -0.2f;
        net.head().weight.value[0] = 3;
        net.head().weight.value[1] = -2;
        net.head().bias.value[0] = 0.25f;
        Matrix out = net.forward(Matrix.ofRows(new float[] {0.3f, -0.4f}));
        double h0 = Math.tanh(0.3 + 0.4 + 0.1);
        double h1 = Math.tanh(0.15 - 0.8 - 0.2);
        assertThat((double) out.get(0, 0)).isCloseTo(3 * h0 - 2 * h1 + 0.25, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void forwardWithoutHiddenLayersIsAffine() {
        Network net = Network.mlp("n", 3, new int[0], 2, Activation.RELU);
        randomise(net, 1);
        Matrix x = randomInput(4, 3, 2);
        Matrix out = net.forward(x);
        Matrix expected = new Matrix(4, 2);
        net.head().forward(x, expected);
        assertThat(out.data).isEqualTo(expected.data);
    }

    @Test
    void batchSizeChangesAreHandled() {
        Network net = Network.mlp("n", 3, new int[] {5, 4}, 2, Activation.TANH);
        randomise(net, 3);
        Matrix x5 = randomInput(5, 3, 4);
        float[] firstRows = net.forward(x5).data.clone();
        Matrix x2 = new Matrix(2, 3, java.util.Arrays.copyOf(x5.data, 6));
        Matrix out2 = net.forward(x2);
        assertThat(out2.rows).isEqualTo(2);
        assertThat(out2.data).isEqualTo(java.util.Arrays.copyOf(firstRows, 4));
        assertThat(net.forward(x5).data).isEqualTo(firstRows);
        assertThatThrownBy(() -> net.forward(new Matrix(2, 4))).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("expects rows of 3 = 3 values, got 2 x 4");
    }

    @Test
    void copyFromCopiesValuesNotReferences() {
        Network a = Network.mlp("a", 3, new int[] {4}, 2, Activation.TANH);
        Network b = Network.mlp("b", 3, new int[] {4}, 2, Activation.TANH);
        randomise(a, 5);
        randomise(b, 6);
        b.copyFrom(a);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertThat(b.parameters().get(i).value).isEqualTo(a.parameters().get(i).value).isNotSameAs(a.parameters().get(i).value);
        }
        Matrix x = randomInput(3, 3, 7);
        assertThat(b.forward(x).data).isEqualTo(a.forward(x).data);
        a.head().bias.value[0] += 1;
        assertThat(b.head().bias.value[0]).isNotEqualTo(a.head().bias.value[0]);

        Network deeper = Network.mlp("c", 3, new int[] {4, 4}, 2, Activation.TANH);
        assertThatThrownBy(() -> b.copyFrom(deeper)).isInstanceOf(IllegalArgumentException.class);
        Network wider = Network.mlp("d", 3, new int[] {5}, 2, Activation.TANH);
        assertThatThrownBy(() -> b.copyFrom(wider)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("differs in size");
    }
}
