package lpdm.core.nn;

import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/** An affine layer z = x W^T + b with W of shape out x in (row-major) and b of length out. */
public final class Linear {
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
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.weight = new Parameter(name + ".weight", outputSize, inputSize);
        this.bias = new Parameter(name + ".bias", 1, outputSize);
        this.weightView = new Matrix(outputSize, inputSize, weight.value);
        this.weightGradView = new Matrix(outputSize, inputSize, weight.grad);
    }

    /** The weight as a matrix view (out x in) over {@code weight.value}. */
    public Matrix weightMatrix() {
        return weightView;
    }

    /** z = x W^T + b. x: N x in, z: N x out (modified). */
    public void forward(Matrix x, Matrix z) {
        MatrixOps.multiplyTransB(x, weightView, z);
        MatrixOps.addRowInPlace(z, bias.value);
    }

    /**
     * Given dL/dz (N x out) and the layer input x, writes dL/dW and dL/db into the parameters'
     * gradient buffers (overwriting them).
     */
    public void parameterGradients(Matrix dz, Matrix x) {
        MatrixOps.multiplyTransA(dz, x, weightGradView);
        MatrixOps.columnSums(dz, bias.grad);
    }

    /** dL/dx = dL/dz W. dz: N x out, dx: N x in (modified). */
    public void inputGradient(Matrix dz, Matrix dx) {
        MatrixOps.multiply(dz, weightView, dx);
    }
}
