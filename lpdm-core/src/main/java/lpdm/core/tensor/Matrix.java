package lpdm.core.tensor;

import java.util.Arrays;

/**
 * A dense float32 matrix stored row-major in one array: element (i, j) is {@code data[i * cols + j]}.
 * Kernels on matrices live in {@link MatrixOps}.
 */
public final class Matrix {
    public final int rows;
    public final int cols;
    public final float[] data;

    public Matrix(int rows, int cols) {
        this(rows, cols, new float[checkedSize(rows, cols)]);
    }

    /** Wraps {@code data} (not copied); its length must be rows * cols. */
    public Matrix(int rows, int cols, float[] data) {
        if (data.length != checkedSize(rows, cols)) {
            throw new IllegalArgumentException("data length " + data.length + " != " + rows + " x " + cols);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    private static int checkedSize(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + " x " + cols);
        }
        return Math.multiplyExact(rows, cols);
    }

    /** A matrix whose rows are copies of {@code rows}. */
    public static Matrix ofRows(float[]... rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Matrix m = new Matrix(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + cols);
            }
            System.arraycopy(rows[i], 0, m.data, i * cols, cols);
        }
        return m;
    }

    public float get(int i, int j) {
        return data[i * cols + j];
    }

    public void set(int i, int j, float v) {
        data[i * cols + j] = v;
    }

    /** A copy of row i. */
    public float[] row(int i) {
        return Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
    }

    public Matrix copy() {
        return new Matrix(rows, cols, data.clone());
    }

    /** Bytes held by the data array (4 per element). */
    public long bytes() {
        return 4L * data.length;
    }

    public boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    @Override
    public String toString() {
        return "Matrix(" + rows + " x " + cols + ")";
    }
}
