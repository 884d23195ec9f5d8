package lpdm.core.tensor;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * Static float32 kernels. Conventions (as EJML's CommonOps): inputs first, the output argument
 * last; inputs are not modified; an {@code InPlace} suffix marks kernels that modify their first
 * argument. Shapes are checked on every call.
 *
 * <p>Products whose work (rows x inner x cols) reaches {@link #EJML_THRESHOLD} are delegated to
 * EJML; smaller ones run plain loops. The plain loops share one kernel ({@code plainRowKernel}): each row
 * of the result is accumulated in a zero-based scratch row from zero-based rows of the right-hand
 * factor (copied, or transposed for a b^T, into per-thread scratch), four terms per pass. HotSpot's
 * C2 (JDK 17) vectorises a loop only when it can rule out overlap between the arrays it reads and
 * writes, which it cannot for rows addressed by offsets into the same kind of float[]; with
 * zero-based rows and one common index it does. Measured with {@code KernelSpeed} (test sources),
 * thread CPU time: 5 to 10 times the previous offset-based loops and EJML on the shapes of the RL
 * networks (e.g. 49 us instead of 240 us for (128x64)(64x64)^T, about 11-15 GMAC/s); see
 * docs/performance.md. So by default every product runs the plain loops;
 * {@code -Dlpdm.ejmlThreshold=N} sends products of N or more multiply-adds to EJML.
 *
 * <p>When the JVM has the Vector API ({@code --add-modules jdk.incubator.vector}, as the
 * {@code lpdm} launcher, the tests and the benchmarks start it), the row kernel runs as
 * {@link VectorKernels}: the same operations in the same order, so the same bits, about twice as
 * fast. {@code -Dlpdm.vector=false} keeps the plain loops; {@link #kernels()} says which run.
 */
public final class MatrixOps {
    /**
     * Multiply-add count from which EJML's kernels are used instead of plain loops: the system
     * property {@code lpdm.ejmlThreshold}, read once at class initialisation; never by default.
     */
    public static final long EJML_THRESHOLD = Long.getLong("lpdm.ejmlThreshold", Long.MAX_VALUE);

    /**
     * Whether the Vector API can be used: the module {@code jdk.incubator.vector} is in the boot
     * layer and the system property {@code lpdm.vector} is not {@code false}.
     */
    static final boolean VECTOR_AVAILABLE = Boolean.parseBoolean(System.getProperty("lpdm.vector", "true"))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Whether the row kernel currently runs with the Vector API; see {@link #useVectorApi}. */
    private static volatile boolean vector = VECTOR_AVAILABLE;

    private MatrixOps() {
    }

    /** Whether the product kernels use the Vector API now. */
    public static boolean vectorApi() {
        return vector;
    }

    /** Whether this JVM can use the Vector API (module present, not switched off by {@code -Dlpdm.vector=false}). */
    public static boolean vectorApiAvailable() {
        return VECTOR_AVAILABLE;
    }

    /**
     * Switches the Vector API kernels on or off for every thread; returns the previous state. The
     * results are the same bits either way; this exists for before/after measurements and for
     * allocation checks (until C2 compiles them, Vector API code allocates its temporaries).
     *
     * @throws IllegalStateException if asked to switch on in a JVM without the module or with {@code -Dlpdm.vector=false}
     */
    public static boolean useVectorApi(boolean on) {
        if (on && !VECTOR_AVAILABLE) {
            throw new IllegalStateException("the Vector API is not available: start the JVM with --add-modules jdk.incubator.vector and without -Dlpdm.vector=false");
        }
        boolean previous = vector;
        vector = on;
        return previous;
    }

    /** Which product kernels run now: {@code "vector"} (Vector API) or {@code "plain"} (plain loops). */
    public static String kernels() {
        return vector ? "vector" : "plain";
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
        if (m < ROW_KERNEL_MIN_COLS) {
            dotLoops(a.data, b.data, c.data, n, k, m);
            return;
        }
        Scratch s = SCRATCH.get();
        if (useVector(a, b, c, m)) {
            // Transpose b (m x k) into one k x m array, read in place by the vector kernel.
            float[] bt = s.transposed(k * m);
            final float[] bd = b.data;
            for (int j = 0; j < m; j++) {
                int bj = j * k;
                for (int p = 0; p < k; p++) {
                    bt[p * m + j] = bd[bj + p];
                }
            }
            VectorKernels.rowKernel(a.data, k, 1, n, k, bt, m, c.data);
            return;
        }
        // Transpose b (m x k) into k rows of length m, then accumulate rows of c.
        float[][] rows = s.rows(k, m);
        final float[] bd = b.data;
        for (int j = 0; j < m; j++) {
            int bj = j * k;
            for (int p = 0; p < k; p++) {
                rows[p][j] = bd[bj + p];
            }
        }
        plainRowKernel(a.data, k, 1, n, k, rows, m, c.data, s.acc(m));
    }

    /**
     * Whether a product with a result of {@code cols} columns runs as {@link VectorKernels}: switched
     * on, at least one vector of columns, and the result not stored over an input (the vector kernel
     * reads its inputs in place; the plain loops copy the right-hand factor first).
     */
    private static boolean useVector(Matrix a, Matrix b, Matrix c, int cols) {
        return vector && VectorKernels.suits(cols) && c.data != a.data && c.data != b.data;
    }

    /** c[i][j] = sum_p a[i][p] b[j][p] by dot products with four partial sums (for few columns). */
    private static void dotLoops(float[] ad, float[] bd, float[] cd, int n, int k, int m) {
        final int k4 = k & ~3;
        for (int i = 0; i < n; i++) {
            int ai = i * k;
            int ci = i * m;
            for (int j = 0; j < m; j++) {
                int bj = j * k;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                int p = 0;
                for (; p < k4; p += 4) {
                    s0 += ad[ai + p] * bd[bj + p];
                    s1 += ad[ai + p + 1] * bd[bj + p + 1];
                    s2 += ad[ai + p + 2] * bd[bj + p + 2];
                    s3 += ad[ai + p + 3] * bd[bj + p + 3];
                }
                for (; p < k; p++) {
                    s0 += ad[ai + p] * bd[bj + p];
                }
                cd[ci + j] = (s0 + s1) + (s2 + s3);
            }
        }
    }

    /**
     * The common kernel: c (n x m, row-major) = A B, with A(i, p) = a[i * si + p * sp] and B given
     * as k separate rows {@code br[p][0..m)}. Each row of c is accumulated in {@code acc} and copied
     * out. The inner loops index every array with the same zero-based index, which is what lets
     * HotSpot's C2 vectorise them (with per-matrix offsets it cannot rule out that two float[]
     * overlap and keeps the loop scalar); four terms per pass keep the accumulator in registers
     * longer. Summation order per element: acc + ((a0 b0 + a1 b1) + a2 b2) + a3 b3 per block of 4.
     * (Also what the tests compare {@link VectorKernels} with.)
     */
    static void plainRowKernel(float[] a, int si, int sp, int n, int k, float[][] br, int m, float[] c, float[] acc) {
        final int k4 = k & ~3;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(acc, 0, m, 0f);
            int ai = i * si;
            int p = 0;
            for (; p < k4; p += 4) {
                int o = ai + p * sp;
                float s0 = a[o];
                float s1 = a[o + sp];
                float s2 = a[o + 2 * sp];
                float s3 = a[o + 3 * sp];
                float[] b0 = br[p];
                float[] b1 = br[p + 1];
                float[] b2 = br[p + 2];
                float[] b3 = br[p + 3];
                for (int j = 0; j < m; j++) {
                    acc[j] += s0 * b0[j] + s1 * b1[j] + s2 * b2[j] + s3 * b3[j];
                }
            }
            for (; p < k; p++) {
                float s0 = a[ai + p * sp];
                float[] b0 = br[p];
                for (int j = 0; j < m; j++) {
                    acc[j] += s0 * b0[j];
                }
            }
            System.arraycopy(acc, 0, c, i * m, m);
        }
    }

    /** Copies the rows of {@code b} (rows x cols) into separate zero-based row arrays. */
    private static float[][] rowsOf(Matrix b, Scratch s) {
        float[][] rows = s.rows(b.rows, b.cols);
        for (int p = 0; p < b.rows; p++) {
            System.arraycopy(b.data, p * b.cols, rows[p], 0, b.cols);
        }
        return rows;
    }

    /** Columns below which a product of the form a b^T uses dot products instead of the row kernel. */
    static final int ROW_KERNEL_MIN_COLS = 8;

    /** Per-thread scratch of the row kernel: grown when needed, never shrunk (no allocation in steady state). */
    private static final class Scratch {
        private float[][] rows = new float[0][];
        private float[] acc = new float[0];

        float[][] rows(int count, int length) {
            if (rows.length < count) {
                rows = java.util.Arrays.copyOf(rows, Math.max(count, 2 * rows.length));
            }
            for (int p = 0; p < count; p++) {
                if (rows[p] == null || rows[p].length < length) {
                    rows[p] = new float[length];
                }
            }
            return rows;
        }

        private float[] transposed = new float[0];

        float[] transposed(int length) {
            if (transposed.length < length) {
                transposed = new float[length];
            }
            return transposed;
        }

        float[] acc(int length) {
            if (acc.length < length) {
                acc = new float[length];
            }
            return acc;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
        if (useVector(a, b, c, b.cols)) {
            VectorKernels.rowKernel(a.data, a.cols, 1, a.rows, a.cols, b.data, b.cols, c.data);
            return;
        }
        Scratch s = SCRATCH.get();
        plainRowKernel(a.data, a.cols, 1, a.rows, a.cols, rowsOf(b, s), b.cols, c.data, s.acc(b.cols));
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
        Scratch s = SCRATCH.get();
        final int n = a.cols;
        final int m = b.cols;
        if (m < ROW_KERNEL_MIN_COLS && n > m) {
            // Few columns (e.g. dW of a first layer with 4 inputs): compute c^T = b^T a, whose rows
            // are long, with B(j, p) = b[p][j] and the rows of a; then transpose into c.
            float[] ct = s.transposed(m * n);
            if (useVector(a, b, c, n)) {
                VectorKernels.rowKernel(b.data, 1, m, m, a.rows, a.data, n, ct);
            } else {
                plainRowKernel(b.data, 1, m, m, a.rows, rowsOf(a, s), n, ct, s.acc(n));
            }
            final float[] cd = c.data;
            for (int j = 0; j < m; j++) {
                int cj = j * n;
                for (int i = 0; i < n; i++) {
                    cd[i * m + j] = ct[cj + i];
                }
            }
            return;
        }
        // A(i, p) = a[p][i]: row stride 1, inner stride a.cols.
        if (useVector(a, b, c, m)) {
            VectorKernels.rowKernel(a.data, 1, n, n, a.rows, b.data, m, c.data);
            return;
        }
        plainRowKernel(a.data, 1, n, n, a.rows, rowsOf(b, s), m, c.data, s.acc(m));
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

    /**
     * How many of the first n values of {@code a} have |a_i| &gt; {@code threshold} (NaN never
     * does, infinities do), for a finite threshold &gt;= 0. Counted on the bit patterns without a
     * branch (|a_i| &gt; t exactly when t's bits &lt; |a_i|'s bits &lt;= +infinity's), a loop that C2
     * vectorises; a compare-and-count with the Vector API was not intrinsified and no faster.
     */
    public static int countAbsAbove(float[] a, int n, float threshold) {
        if (n < 0 || n > a.length) {
            throw new IllegalArgumentException("countAbsAbove: " + n + " of " + a.length + " values");
        }
        if (!(threshold >= 0) || threshold == Float.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("countAbsAbove: threshold must be finite and >= 0, got " + threshold);
        }
        final int above = Float.floatToRawIntBits(threshold) + 1; // smallest magnitude bits > threshold
        final int infinity = Float.floatToRawIntBits(Float.POSITIVE_INFINITY);
        int count = 0;
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(a[i]) & 0x7fffffff;
            // Both differences are >= 0 (sign bit clear) exactly when above <= bits <= infinity.
            count += 1 - (((bits - above) | (infinity - bits)) >>> 31);
        }
        return count;
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
