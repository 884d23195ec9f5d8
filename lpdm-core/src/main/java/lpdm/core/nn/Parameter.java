package lpdm.core.nn;

/**
 * A trainable array (a weight matrix, row-major, or a bias vector) with its gradient buffer.
 * Optimisers read {@link #grad} and change {@link #value}.
 */
public final class Parameter {
    public final String name;
    public final int rows;
    public final int cols;
    public final float[] value;
    public final float[] grad;

    public Parameter(String name, int rows, int cols) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.value = new float[rows * cols];
        this.grad = new float[rows * cols];
    }

    public int size() {
        return value.length;
    }

    public void zeroGrad() {
        java.util.Arrays.fill(grad, 0f);
    }

    @Override
    public String toString() {
        return name + "[" + rows + "x" + cols + "]";
    }
}
