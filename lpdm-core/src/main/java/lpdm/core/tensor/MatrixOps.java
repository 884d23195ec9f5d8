package lpdm.core.tensor;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * Static float32 kernels. Conventions (as EJML's CommonOps): inputs first, the output argument
 * last; inputs are not modified; an {@code InPlace} suffix marks kernels that modify their first
 * argument. Shapes are checked on every call.
 *
 * <p>Products whose work (rows x inner x cols) reaches {@link #EJML_THRESHOLD} are delegated to
 * EJML; smaller ones run plain loops. EJML's single-threaded kernels are the same algorithms as
 * these loops: measured with {@code KernelSpeed} (test sources) on the shapes of small RL networks
 * and on square products from 4^3 to 384^3, neither side won consistently (differences within about
 * 10% either way, changing sign between runs). So by default every product runs the plain loops;
 * {@code -Dlpdm.ejmlThreshold=N} sends products of N or more multiply-adds to EJML.
 */
public final class MatrixOps {
    /**
     * Multiply-add count from which EJML's kernels are used instead of plain loops: the system
     * property {@code lpdm.ejmlThreshold}, read once at class initialisation; never by default.
     */
    public static final long EJML_THRESHOLD = Long.getLong("lpdm.ejmlThreshold", Long.MAX_VALUE);

    private MatrixOps() {
    }

    /** c = a * b^T, i.e. c[i][j] = sum_k a[i][k] b[j][k]. a: n x k, b: m x k, c: n x m (modified). */
    public static void multiplyTransB(Matrix a, Matrix b, Matrix c) {
        checkTransB(a, b, c);
        if (useEjml((long) a.rows * a.cols * b.rows)) {
            CommonOps_FDRM.multTransB(wrap(a), wrap(b), wrap(c));
        } else {
            multiplyTransBLoops(a, b, c);
        }
    }

    /** {@link #multiplyTransB} by plain loops whatever the size (for tests and KernelSpeed). */
    static void multiplyTransBPlain(Matrix a, Matrix b, Matrix c) {
        checkTransB(a, b, c);
        multiplyTransBLoops(a, b, c);
    }

    /** {@link #multiplyTransB} by EJML whatever the size (for tests and KernelSpeed). */
    static void multiplyTransBEjml(Matrix a, Matrix b, Matrix c) {
        checkTransB(a, b, c);
        CommonOps_FDRM.multTransB(wrap(a), wrap(b), wrap(c));
    }

    private static void checkTransB(Matrix a, Matrix b, Matrix c) {
        check(a.cols == b.cols && c.rows == a.rows && c.cols == b.rows, "multiplyTransB", a, b, c);
    }

    private static void multiplyTransBLoops(Matrix a, Matrix b, Matrix c) {
        final int n = a.rows;
        final int k = a.cols;
        final int m = b.rows;
        final float[] ad = a.data;
        final float[] bd = b.data;
        final float[] cd = c.data;
        for (int i = 0; i < n; i++) {
            int ai = i * k;
            int ci = i * m;
            for (int j = 0; j < m; j++) {
                int bj = j * k;
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += ad[ai + p] * bd[bj + p];
                }
                cd[ci + j] = sum;
            }
        }
    }

    /** c = a * b. a: n x k, b: k x m, c: n x m (modified). */
    public static void multiply(Matrix a, Matrix b, Matrix c) {
        checkMultiply(a, b, c);
        if (useEjml((long) a.rows * a.cols * b.cols)) {
            CommonOps_FDRM.mult(wrap(a), wrap(b), wrap(c));
        } else {
            multiplyLoops(a, b, c);
        }
    }

    /** {@link #multiply} by plain loops whatever the size (for tests and KernelSpeed). */
    static void multiplyPlain(Matrix a, Matrix b, Matrix c) {
        checkMultiply(a, b, c);
        multiplyLoops(a, b, c);
    }

    /** {@link #multiply} by EJML whatever the size (for tests and KernelSpeed). */
    static void multiplyEjml(Matrix a, Matrix b, Matrix c) {
        checkMultiply(a, b, c);
        CommonOps_FDRM.mult(wrap(a), wrap(b), wrap(c));
    }

    private static void checkMultiply(Matrix a, Matrix b, Matrix c) {
        check(a.cols == b.rows && c.rows == a.rows && c.cols == b.cols, "multiply", a, b, c);
    }

    private static void multiplyLoops(Matrix a, Matrix b, Matrix c) {
        final int n = a.rows;
        final int k = a.cols;
        final int m = b.cols;
        final float[] ad = a.data;
        final float[] bd = b.data;
        final float[] cd = c.data;
        java.util.Arrays.fill(cd, 0, n * m, 0f);
        for (int i = 0; i < n; i++) {
            int ci = i * m;
            for (int p = 0; p < k; p++) {
                float aip = ad[i * k + p];
                if (aip == 0f) {
                    continue;
                }
                int bp = p * m;
                for (int j = 0; j < m; j++) {
                    cd[ci + j] += aip * bd[bp + j];
                }
            }
        }
    }

    /** c = a^T * b, i.e. c[i][j] = sum_p a[p][i] b[p][j]. a: k x n, b: k x m, c: n x m (modified). */
    public static void multiplyTransA(Matrix a, Matrix b, Matrix c) {
        checkTransA(a, b, c);
        if (useEjml((long) a.rows * a.cols * b.cols)) {
            CommonOps_FDRM.multTransA(wrap(a), wrap(b), wrap(c));
        } else {
            multiplyTransALoops(a, b, c);
        }
    }

    /** {@link #multiplyTransA} by plain loops whatever the size (for tests and KernelSpeed). */
    static void multiplyTransAPlain(Matrix a, Matrix b, Matrix c) {
        checkTransA(a, b, c);
        multiplyTransALoops(a, b, c);
    }

    /** {@link #multiplyTransA} by EJML whatever the size (for tests and KernelSpeed). */
    static void multiplyTransAEjml(Matrix a, Matrix b, Matrix c) {
        checkTransA(a, b, c);
        CommonOps_FDRM.multTransA(wrap(a), wrap(b), wrap(c));
    }

    private static void checkTransA(Matrix a, Matrix b, Matrix c) {
        check(a.rows == b.rows && c.rows == a.cols && c.cols == b.cols, "multiplyTransA", a, b, c);
    }

    private static void multiplyTransALoops(Matrix a, Matrix b, Matrix c) {
        final int k = a.rows;
        final int n = a.cols;
        final int m = b.cols;
        final float[] ad = a.data;
        final float[] bd = b.data;
        final float[] cd = c.data;
        java.util.Arrays.fill(cd, 0, n * m, 0f);
        for (int p = 0; p < k; p++) {
            int ap = p * n;
            int bp = p * m;
            for (int i = 0; i < n; i++) {
                float api = ad[ap + i];
                if (api == 0f) {
                    continue;
                }
                int ci = i * m;
                for (int j = 0; j < m; j++) {
                    cd[ci + j] += api * bd[bp + j];
                }
            }
        }
    }

    /** Whether a product of {@code work} multiply-adds goes to EJML (work at least {@link #EJML_THRESHOLD}). */
    static boolean useEjml(long work) {
        return work >= EJML_THRESHOLD;
    }

    /** m[i][j] += row[j] for every row i (bias add). */
    public static void addRowInPlace(Matrix m, float[] row) {
        if (row.length != m.cols) {
            throw new IllegalArgumentException("addRowInPlace: row of " + row.length + " for " + m);
        }
        for (int i = 0; i < m.rows; i++) {
            int o = i * m.cols;
            for (int j = 0; j < m.cols; j++) {
                m.data[o + j] += row[j];
            }
        }
    }

    /** out[j] = sum_i m[i][j] (modified). */
    public static void columnSums(Matrix m, float[] out) {
        if (out.length != m.cols) {
            throw new IllegalArgumentException("columnSums: out of " + out.length + " for " + m);
        }
        java.util.Arrays.fill(out, 0f);
        for (int i = 0; i < m.rows; i++) {
            int o = i * m.cols;
            for (int j = 0; j < m.cols; j++) {
                out[j] += m.data[o + j];
            }
        }
    }

    /** a[i] *= b[i] elementwise. */
    public static void multiplyElementsInPlace(Matrix a, Matrix b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException("multiplyElementsInPlace: " + a + " vs " + b);
        }
        for (int i = 0; i < a.data.length; i++) {
            a.data[i] *= b.data[i];
        }
    }

    /** a[i] *= s. */
    public static void scaleInPlace(float[] a, float s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
    }

    /** Euclidean norm of {@code a}, accumulated in double. */
    public static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** Squared Euclidean norm, accumulated in double. */
    public static double squaredNorm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return s;
    }

    /** Copies {@code src} into {@code dst} (same shape). */
    public static void copy(Matrix src, Matrix dst) {
        if (!src.sameShape(dst)) {
            throw new IllegalArgumentException("copy: " + src + " vs " + dst);
        }
        System.arraycopy(src.data, 0, dst.data, 0, src.data.length);
    }

    private static FMatrixRMaj wrap(Matrix m) {
        return FMatrixRMaj.wrap(m.rows, m.cols, m.data);
    }

    private static void check(boolean ok, String op, Matrix a, Matrix b, Matrix c) {
        if (!ok) {
            throw new IllegalArgumentException(op + ": incompatible shapes " + a + ", " + b + " -> " + c);
        }
    }
}
