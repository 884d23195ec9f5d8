package lpdm.core.learn;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.optim.Adam;
import lpdm.core.state.StateDict;
import lpdm.core.state.Stateful;
import lpdm.core.tensor.Matrix;

/**
 * The local readouts of {@code lpdm.local_head} (issue 18, point 5): every hidden layer l has its
 * own linear readout y_hat = u_l . h + c_l that predicts a broadcast signal y (the standardised
 * {@code lpdm.local_head_signal}, by default the value target) from that layer's output, and the
 * layer adds beta times the readout's squared error to its local loss. Each layer is thereby asked
 * to keep the signal linearly readable, whatever the layers above do: greedy layer-wise local
 * prediction, as in similarity matching combined with local prediction losses (Nokland and
 * Eidnes 2019, "predsim"), here with the RL signal as the prediction target. Nothing crosses a
 * layer boundary: the readout reads h_l, its error changes only layer l and the readout.
 *
 * <pre>
 *   e_i = u_l . h_i + c_l - y_i,        L_l = (beta / N) sum_i e_i^2
 *   dL_l/dh_i = (2 beta / N) e_i u_l                          (added to the layer's dL/dH)
 *   readout:  d/du_l of (1/N) sum e_i^2 = (2 / N) sum_i e_i h_i,   d/dc_l = (2 / N) sum_i e_i
 * </pre>
 * The layer's gradient uses the readout before its update; then the readout takes one Adam step
 * (learning rate {@code lpdm.lr}, not scheduled) on its own squared error (beta scales only what
 * the layer sees). Readouts start at zero, so the term starts with no effect on the layers and
 * grows as the readouts learn. Saved as {@code prefix.layer{l}.local_head.{weight,bias,adam}}.
 */
final class LocalReadouts implements Stateful {
    private final Parameter[] weights;
    private final Parameter[] biases;
    private final Adam[] optimisers;

    /** One zero readout per hidden layer width in {@code widths}, each with its own Adam at {@code lr}. */
    LocalReadouts(int[] widths, double lr, double adamEps) {
        int depth = widths.length;
        weights = new Parameter[depth];
        biases = new Parameter[depth];
        optimisers = new Adam[depth];
        for (int l = 0; l < depth; l++) {
            weights[l] = new Parameter("local_head" + l + ".weight", 1, widths[l]);
            biases[l] = new Parameter("local_head" + l + ".bias", 1, 1);
            optimisers[l] = new Adam(List.of(weights[l], biases[l]), lr, adamEps);
        }
    }

    /**
     * Adds beta dL_l/dH to {@code gradH}, then steps layer l's readout; returns the readout's mean
     * squared error (1/N) sum e_i^2 before its step.
     *
     * @param layer hidden layer index
     * @param h the layer's output, N x d (not modified)
     * @param y the standardised signal, at least N values
     * @param beta the weight (&gt;= 0) of the term in the layer's loss
     * @param gradH N x d, incremented
     */
    double addToAndLearn(int layer, Matrix h, double[] y, double beta, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        float[] u = weights[layer].value;
        if (u.length != d || gradH.rows != n || gradH.cols != d || y.length < n) {
            throw new IllegalArgumentException("local readout " + layer + ": width " + u.length + ", H " + h + ", dL/dH " + gradH + ", " + y.length + " signal values");
        }
        double c = biases[layer].value[0];
        double[] gu = new double[d];
        double gc = 0;
        double sse = 0;
        for (int i = 0; i < n; i++) {
            double e = c - y[i];
            for (int k = 0; k < d; k++) {
                e += (double) u[k] * h.get(i, k);
            }
            sse += e * e;
            double toH = 2 * beta / n * e;
            for (int k = 0; k < d; k++) {
                gradH.data[i * d + k] += (float) (toH * u[k]);
                gu[k] += 2.0 / n * e * h.get(i, k);
            }
            gc += 2.0 / n * e;
        }
        for (int k = 0; k < d; k++) {
            weights[layer].grad[k] = (float) gu[k];
        }
        biases[layer].grad[0] = (float) gc;
        optimisers[layer].step();
        return n == 0 ? 0 : sse / n;
    }

    /** Readout l's weights u_l (live array; for tests). */
    float[] weight(int layer) {
        return weights[layer].value;
    }

    /** Readout l's bias c_l (live array; for tests). */
    float[] bias(int layer) {
        return biases[layer].value;
    }

    /** The gradient of readout l's weights from its last {@link #addToAndLearn} (for tests). */
    float[] weightGrad(int layer) {
        return weights[layer].grad;
    }

    /** The gradient of readout l's bias from its last {@link #addToAndLearn} (for tests). */
    float[] biasGrad(int layer) {
        return biases[layer].grad;
    }

    @Override
    public void saveState(StateDict state, String prefix) {
        for (int l = 0; l < weights.length; l++) {
            String p = prefix + ".layer" + l + ".local_head";
            state.putFloats(p + ".weight", weights[l].value.clone());
            state.putFloats(p + ".bias", biases[l].value.clone());
            optimisers[l].saveState(state, p + ".adam");
        }
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        for (int l = 0; l < weights.length; l++) {
            String p = prefix + ".layer" + l + ".local_head";
            state.copyFloatsInto(p + ".weight", weights[l].value);
            state.copyFloatsInto(p + ".bias", biases[l].value);
            optimisers[l].loadState(state, p + ".adam");
        }
    }
}
