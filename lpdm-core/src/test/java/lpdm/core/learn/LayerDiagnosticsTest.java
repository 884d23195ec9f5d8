package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import lpdm.core.nn.DenseLayers;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Linear;
import lpdm.core.nn.Network;
import org.junit.jupiter.api.Test;

class LayerDiagnosticsTest {

    @Test
    void reportsWeightNormsAndTheChangeSinceTheLastReport() {
        Network net = Network.mlp("n", 2, new int[] {2, 1}, 1, Activation.TANH);
        Linear l0 = DenseLayers.of(net, 0);
        Linear l1 = DenseLayers.of(net, 1);
        System.arraycopy(new float[] {3, 0, 0, 4}, 0, l0.weight.value, 0, 4);
        LayerDiagnostics diagnostics = new LayerDiagnostics(net); // remembers the weights now
        l0.weight.value[0] = 0; // change of norm 3
        l1.weight.value[0] = 1;
        l1.weight.value[1] = 1; // change of norm sqrt(2)
        net.head().weight.value[0] = 100; // the head is not a hidden layer
        Map<String, Double> first = diagnostics.report();
        assertThat(first).containsOnlyKeys("layer0/weight_norm", "layer0/update_norm", "layer1/weight_norm", "layer1/update_norm");
        assertThat(first.get("layer0/weight_norm")).isCloseTo(4.0, within(1e-12));
        assertThat(first.get("layer0/update_norm")).isCloseTo(3.0, within(1e-12));
        assertThat(first.get("layer1/weight_norm")).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(first.get("layer1/update_norm")).isCloseTo(Math.sqrt(2), within(1e-12));
        Map<String, Double> second = diagnostics.report();
        assertThat(second.get("layer0/update_norm")).isZero();
        assertThat(second.get("layer1/update_norm")).isZero();
        l0.weight.value[3] = 1; // 4 -> 1
        assertThat(diagnostics.report().get("layer0/update_norm")).isCloseTo(3.0, within(1e-12));
    }
}
