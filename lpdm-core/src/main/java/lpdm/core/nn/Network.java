package lpdm.core.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.StringJoiner;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;

/**
 * A network as a list of hidden layers, each a {@link Layer} followed by its activation, then a
 * linear head (identity output): for example MinAtar's baseline, a 3x3 convolution with 16
 * filters, ReLU, a dense layer of 128, ReLU, the head; without convolutions, a multi-layer
 * perceptron ({@link #mlp}). How it learns is decided by a
 * {@link lpdm.core.learn.LearningRule}, not by the network.
 *
 * <p>Rows are flat: an observation grid is stored channels last (see {@link Conv2d}), and a
 * convolution's output row is already the flattened feature map a dense layer reads, so there is
 * no flatten layer. The observation shape is kept to check the first convolution's grid.
 *
 * <p>Parameter names: convolutions {@code name.conv{i}}, dense hidden layers {@code name.layer{i}}
 * (numbered from 0 after the convolutions, so that a multi-layer perceptron's names do not depend
 * on whether convolutions could have been there), head {@code name.head}.
 */
public final class Network {
    /** A hidden layer and the activation applied to its output. */
    public record Hidden(Layer layer, Activation activation) {
    }

    private final String name;
    private final int[] inputShape;
    private final int inputSize;
    private final List<Hidden> hidden;
    private final Linear head;
    private final List<Parameter> parameters;
    // Inference workspaces, reallocated when the batch size changes.
    private Matrix[] work = new Matrix[0];
    private int workRows = -1;

    /**
     * @param name prefix of messages
     * @param inputShape the observation's shape: {@code {size}} for a vector, {@code {height, width,
     *     channels}} for a grid (channels last)
     * @param hidden hidden layers in order, each reading the previous one's output
     * @param head the output layer
     * @throws IllegalArgumentException if consecutive sizes or a convolution's grid do not match
     */
    public Network(String name, int[] inputShape, List<Hidden> hidden, Linear head) {
        this.name = name;
        this.inputShape = inputShape.clone();
        this.inputSize = Arrays.stream(inputShape).reduce(1, Math::multiplyExact);
        this.hidden = Collections.unmodifiableList(new ArrayList<>(hidden));
        this.head = head;
        int size = inputSize;
        int[] grid = inputShape.length == 3 ? inputShape.clone() : null;
        for (int l = 0; l < this.hidden.size(); l++) {
            Hidden h = this.hidden.get(l);
            if (h.layer() instanceof Conv2d conv) {
                if (grid == null) {
                    throw new IllegalArgumentException("Network " + name + ": convolution " + conv.name + " needs a grid (height x width x channels) as input, got "
                            + (l == 0 ? "observations of shape " + Arrays.toString(inputShape) : "the output of a dense layer"));
                }
                conv.checkInputShape(grid[0], grid[1], grid[2]);
                grid = new int[] {conv.outputHeight, conv.outputWidth, conv.outputChannels};
            } else {
                grid = null;
            }
            if (h.layer().inputSize() != size) {
                throw new IllegalArgumentException("Network " + name + ": " + h.layer().describe() + " reads " + h.layer().inputSize() + " values, gets " + size);
            }
            size = h.layer().outputSize();
        }
        if (head.inputSize != size) {
            throw new IllegalArgumentException("Network " + name + ": the head reads " + head.inputSize + " values, gets " + size);
        }
        List<Parameter> ps = new ArrayList<>();
        for (Hidden h : this.hidden) {
            ps.addAll(h.layer().parameters());
        }
        ps.add(head.weight);
        ps.add(head.bias);
        this.parameters = Collections.unmodifiableList(ps);
    }

    /**
     * The usual stack: convolutions (each followed by {@code activation}), then dense hidden layers
     * of the given widths (each followed by {@code activation}), then a head of {@code outputSize}.
     * Not initialised (all zero): see {@link #initialise}.
     */
    public static Network build(String name, int[] inputShape, List<ConvSpec> convolutions, int[] hiddenSizes, int outputSize, Activation activation) {
        List<Hidden> layers = new ArrayList<>();
        int size = Arrays.stream(inputShape).reduce(1, Math::multiplyExact);
        if (!convolutions.isEmpty() && inputShape.length != 3) {
            throw new IllegalArgumentException("Network " + name + ": convolutions need grid observations (height x width x channels), got shape "
                    + Arrays.toString(inputShape));
        }
        int[] grid = inputShape;
        for (int i = 0; i < convolutions.size(); i++) {
            ConvSpec c = convolutions.get(i);
            Conv2d conv = new Conv2d(name + ".conv" + i, grid[0], grid[1], grid[2], c.filters(), c.kernelHeight(), c.kernelWidth(), c.padding());
            layers.add(new Hidden(conv, activation));
            grid = new int[] {conv.outputHeight, conv.outputWidth, conv.outputChannels};
            size = conv.outputSize;
        }
        for (int i = 0; i < hiddenSizes.length; i++) {
            layers.add(new Hidden(new Linear(name + ".layer" + i, size, hiddenSizes[i]), activation));
            size = hiddenSizes[i];
        }
        return new Network(name, inputShape, layers, new Linear(name + ".head", size, outputSize));
    }

    /**
     * A multi-layer perceptron: dense hidden layers of the given widths, each followed by
     * {@code activation}, then a head of {@code outputSize}, on observations of {@code inputSize}
     * values. Not initialised.
     */
    public static Network mlp(String name, int inputSize, int[] hiddenSizes, int outputSize, Activation activation) {
        return build(name, new int[] {inputSize}, List.of(), hiddenSizes, outputSize, activation);
    }

    public String name() {
        return name;
    }

    /** True if any hidden layer is a convolution. */
    public boolean hasConvolutions() {
        return hidden.stream().anyMatch(h -> h.layer() instanceof Conv2d);
    }

    public int inputSize() {
        return inputSize;
    }

    /** The observation shape given at construction (a copy). */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int outputSize() {
        return head.outputSize;
    }

    public List<Hidden> hiddenLayers() {
        return hidden;
    }

    public Linear head() {
        return head;
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
     * Initialises every hidden layer with {@code hiddenGain} and then the head with
     * {@code headGain}, in order, from one generator, as the multi-layer perceptron
     * of earlier versions did (so a network without convolutions gets the same values).
     */
    public void initialise(String scheme, double hiddenGain, double headGain, Rng rng) {
        for (Hidden h : hidden) {
            h.layer().initialise(scheme, hiddenGain, rng);
        }
        head.initialise(scheme, headGain, rng);
    }

    /**
     * Inference: the head output for a batch (N x inputSize). The returned matrix is an internal
     * buffer, valid until the next call. Nothing is learned.
     */
    public Matrix forward(Matrix x) {
        if (x.cols != inputSize) {
            throw new IllegalArgumentException("Network " + name + " expects rows of " + shapeText(inputShape) + " = " + inputSize + " values, got "
                    + x.rows + " x " + x.cols);
        }
        ensureWork(x.rows);
        Matrix a = x;
        for (int l = 0; l < hidden.size(); l++) {
            Matrix z = work[l];
            hidden.get(l).layer().forward(a, z);
            hidden.get(l).activation().apply(z.data, z.data, z.data.length);
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
            work[l] = new Matrix(rows, hidden.get(l).layer().outputSize());
        }
        work[hidden.size()] = new Matrix(rows, head.outputSize);
        workRows = rows;
    }

    /** Copies every parameter value from {@code other} (same architecture). */
    public void copyFrom(Network other) {
        if (other.parameters.size() != parameters.size()) {
            throw new IllegalArgumentException("architectures differ: " + other.describe() + " vs " + describe());
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

    /** One line per layer, e.g. {@code conv 10x10x4 -> 8x8x16 (16 filters 3x3, valid), relu}. */
    public String describe() {
        StringJoiner j = new StringJoiner("; ");
        j.add("input " + shapeText(inputShape));
        for (Hidden h : hidden) {
            j.add((h.layer() instanceof Conv2d ? "conv " : "") + h.layer().describe() + ", " + h.activation().settingName());
        }
        j.add("head dense " + head.inputSize + " -> " + head.outputSize);
        return j.toString();
    }

    private static String shapeText(int[] shape) {
        StringJoiner j = new StringJoiner("x");
        for (int s : shape) {
            j.add(Integer.toString(s));
        }
        return j.toString();
    }
}
