package lpdm.core.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.nn.Network;
import lpdm.core.tensor.MatrixOps;

/**
 * The diagnostics every learner reports per hidden layer: {@code layer{i}/weight_norm} (Frobenius
 * norm of W) and {@code layer{i}/update_norm} (norm of the change of W since the previous report).
 */
final class LayerDiagnostics {
    private final Network network;
    private final float[][] lastWeights;

    LayerDiagnostics(Network network) {
        this.network = network;
        List<Network.Hidden> hidden = network.hiddenLayers();
        lastWeights = new float[hidden.size()][];
        for (int i = 0; i < hidden.size(); i++) {
            lastWeights[i] = weight(hidden.get(i)).clone();
        }
    }

    /** The layer's weight (a dense layer's W, a convolution's kernels). */
    private static float[] weight(Network.Hidden h) {
        return h.layer().parameters().get(0).value;
    }

    Map<String, Double> report() {
        Map<String, Double> out = new LinkedHashMap<>();
        List<Network.Hidden> hidden = network.hiddenLayers();
        for (int i = 0; i < hidden.size(); i++) {
            float[] w = weight(hidden.get(i));
            double diff = 0;
            for (int k = 0; k < w.length; k++) {
                double d = (double) w[k] - lastWeights[i][k];
                diff += d * d;
            }
            out.put("layer" + i + "/weight_norm", MatrixOps.norm(w));
            out.put("layer" + i + "/update_norm", Math.sqrt(diff));
            System.arraycopy(w, 0, lastWeights[i], 0, w.length);
        }
        return out;
    }
}
