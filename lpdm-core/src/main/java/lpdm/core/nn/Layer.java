package lpdm.core.nn;

import java.util.List;
import lpdm.core.tensor.Matrix;

/**
 * The affine part of one layer of a {@link Network}: a map from rows of {@code inputSize()} values
 * to rows of {@code outputSize()} values, linear in its input and in its parameters, with the two
 * gradients a learning rule needs. The activation is not part of it (the network pairs each hidden
 * layer with one). Dense layers ({@link Linear}) and convolutions ({@link Conv2d}) are layers;
 * a grid is stored channels last in a row, so going from a convolution to a dense layer needs no
 * flatten step: the row already is the flattened feature map.
 */
public interface Layer {
    /** Values per input row. */
    int inputSize();

    /** Values per output row. */
    int outputSize();

    /** The trainable parameters, weight first, then bias. */
    List<Parameter> parameters();

    /** z = the layer applied to x. x: N x inputSize, z: N x outputSize (modified). */
    void forward(Matrix x, Matrix z);

    /** Given dL/dz and the input x, writes dL/dW and dL/db into the parameters' grad buffers (overwriting them). */
    void parameterGradients(Matrix dz, Matrix x);

    /** dL/dx from dL/dz (dx modified). */
    void inputGradient(Matrix dz, Matrix dx);

    /** Fills the parameters by an initialisation scheme ("orthogonal" with a gain, or "uniform"), bias zero. */
    void initialise(String scheme, double gain, lpdm.core.random.Rng rng);

    /** A new layer of the same shape under another name, with copies of this layer's parameter values. */
    Layer copy(String name);

    /** One line for messages and listings, e.g. {@code dense 1024 -> 128}. */
    String describe();
}
