package lpdm.core.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lpdm.core.tensor.Matrix;

/**
 * A multi-layer perceptron: hidden {@link Linear} layers each followed by the same activation,
 * then a linear head (identity output). How it learns is decided by a
 * {@link lpdm.core.learn.LearningRule}, not by the network.
 */
public final class Mlp {
    private final int inputSize;
    private final List<Linear> hidden;
    private final Linear head;
    private final Activation activation;
    private final List<Parameter> parameters;
    // Inference workspaces, reallocated when the batch size changes.
    private Matrix[] work = new Matrix[0];
    private int workRows = -1;

    /**
     * @param name prefix of parameter names (e.g. "actor")
     * @param inputSize observation size
     * @param hiddenSizes widths of the hidden layers (may be empty)
     * @param outputSize head output size
     * @param activation hidden activation
     */
    public Mlp(String name, int inputSize, int[] hiddenSizes, int outputSize, Activation activation) {
        this.inputSize = inputSize;
        this.activation = activation;
        List<Linear> layers = new ArrayList<>();
        int in = inputSize;
        for (int i = 0; i < hiddenSizes.length; i++) {
            layers.add(new Linear(name + ".layer" + i, in, hiddenSizes[i]));
            in = hiddenSizes[i];
        }
        this.hidden = Collections.unmodifiableList(layers);
        this.head = new Linear(name + ".head", in, outputSize);
        List<Parameter> ps = new ArrayList<>();
        for (Linear l : hidden) {
            ps.add(l.weight);
            ps.add(l.bias);
        }
        ps.add(head.weight);
        ps.add(head.bias);
        this.parameters = Collections.unmodifiableList(ps);
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return head.outputSize;
    }

    public List<Linear> hiddenLayers() {
        return hidden;
    }

    public Linear head() {
        return head;
    }

    public Activation activation() {
        return activation;
    }

    /** Every parameter: hidden layers in order (weight, bias), then the head. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The head's parameters (weight, bias). */
    public List<Parameter> headParameters() {
        return List.of(head.weight, head.bias);
    }

    /**
     * Inference: the head output for a batch (N x inputSize). The returned matrix is an internal
     * buffer, valid until the next call. Nothing is learned.
     */
    public Matrix forward(Matrix x) {
        if (x.cols != inputSize) {
            throw new IllegalArgumentException("Mlp input has " + x.cols + " columns, expected " + inputSize);
        }
        ensureWork(x.rows);
        Matrix a = x;
        for (int l = 0; l < hidden.size(); l++) {
            Matrix z = work[l];
            hidden.get(l).forward(a, z);
            activation.apply(z.data, z.data, z.data.length);
            a = z;
        }
        Matrix out = work[hidden.size()];
        head.forward(a, out);
        return out;
    }

    private void ensureWork(int rows) {
        if (rows == workRows) {
            return;
        }
        work = new Matrix[hidden.size() + 1];
        for (int l = 0; l < hidden.size(); l++) {
            work[l] = new Matrix(rows, hidden.get(l).outputSize);
        }
        work[hidden.size()] = new Matrix(rows, head.outputSize);
        workRows = rows;
    }

    /** Copies every parameter value from {@code other} (same architecture). */
    public void copyFrom(Mlp other) {
        if (other.parameters.size() != parameters.size()) {
            throw new IllegalArgumentException("architectures differ");
        }
        for (int i = 0; i < parameters.size(); i++) {
            float[] src = other.parameters.get(i).value;
            float[] dst = parameters.get(i).value;
            if (src.length != dst.length) {
                throw new IllegalArgumentException("parameter " + parameters.get(i) + " differs in size");
            }
            System.arraycopy(src, 0, dst, 0, src.length);
        }
    }
}
