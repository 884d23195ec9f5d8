package lpdm.core.learn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.nn.Linear;
import lpdm.core.nn.Mlp;
import lpdm.core.tensor.MatrixOps;

/**
 * The diagnostics every learner reports per hidden layer: {@code layer{i}/weight_norm} (Frobenius
 * norm of W) and {@code layer{i}/update_norm} (norm of the change of W since the previous report).
 */
final class LayerDiagnostics {
    private final Mlp network;
    private final float[][] lastWeights;

    LayerDiagnostics(Mlp network) {
        this.network = network;
        List<Linear> hidden = network.hiddenLayers();
        lastWeights = new float[hidden.size()][];
        for (int i = 0; i < hidden.size(); i++) {
            lastWeights[i] = hidden.get(i).weight.value.clone();
        }
    }

    Map<String, Double> report() {
        Map<String, Double> out = new LinkedHashMap<>();
        List<Linear> hidden = network.hiddenLayers();
        for (int i = 0; i < hidden.size(); i++) {
            float[] w = hidden.get(i).weight.value;
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
