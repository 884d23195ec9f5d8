package lpdm.core.nn;

import java.util.List;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * An affine layer z = x W^T + b with W of shape out x in (row-major) and b of length out: a dense
 * hidden {@link Layer} of a {@link Network}, and every network's head.
 */
public final class Linear implements Layer {
    public final String name;
    public final int inputSize;
    public final int outputSize;
    public final Parameter weight;
    public final Parameter bias;
    private final Matrix weightView;
    private final Matrix weightGradView;

    public Linear(String name, int inputSize, int outputSize) {
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("Linear " + name + " needs positive sizes, got " + inputSize + " -> " + outputSize);
        }
        this.name = name;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.weight = new Parameter(name + ".weight", outputSize, inputSize);
        this.bias = new Parameter(name + ".bias", 1, outputSize);
        this.weightView = new Matrix(outputSize, inputSize, weight.value);
        this.weightGradView = new Matrix(outputSize, inputSize, weight.grad);
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** The weight as a matrix view (out x in) over {@code weight.value}. */
    public Matrix weightMatrix() {
        return weightView;
    }

    /** z = x W^T + b. x: N x in, z: N x out (modified). */
    @Override
    public void forward(Matrix x, Matrix z) {
        MatrixOps.multiplyTransB(x, weightView, z);
        MatrixOps.addRowInPlace(z, bias.value);
    }

    /**
     * Given dL/dz (N x out) and the layer input x, writes dL/dW and dL/db into the parameters'
     * gradient buffers (overwriting them).
     */
    @Override
    public void parameterGradients(Matrix dz, Matrix x) {
        MatrixOps.multiplyTransA(dz, x, weightGradView);
        MatrixOps.columnSums(dz, bias.grad);
    }

    /** dL/dx = dL/dz W. dz: N x out, dx: N x in (modified). */
    @Override
    public void inputGradient(Matrix dz, Matrix dx) {
        MatrixOps.multiply(dz, weightView, dx);
    }

    @Override
    public void initialise(String scheme, double gain, Rng rng) {
        switch (scheme) {
            case "orthogonal" -> Initializers.orthogonal(this, gain, rng);
            case "uniform" -> Initializers.uniformFanIn(this, rng);
            default -> throw new IllegalArgumentException("unknown init scheme '" + scheme + "' (expected orthogonal or uniform)");
        }
    }

    @Override
    public Linear copy(String newName) {
        Linear c = new Linear(newName, inputSize, outputSize);
        System.arraycopy(weight.value, 0, c.weight.value, 0, weight.value.length);
        System.arraycopy(bias.value, 0, c.bias.value, 0, bias.value.length);
        return c;
    }

    @Override
    public String describe() {
        return "dense " + inputSize + " -> " + outputSize;
    }
}
