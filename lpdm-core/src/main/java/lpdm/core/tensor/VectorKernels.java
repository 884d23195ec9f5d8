package lpdm.core.tensor;

import static jdk.incubator.vector.VectorOperators.ADD;
import static jdk.incubator.vector.VectorOperators.MUL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The row kernel of {@link MatrixOps} written with the JDK's Vector API (the incubator module
 * {@code jdk.incubator.vector} of Java 17), used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code lpdm} launcher, the tests and the benchmarks
 * do so) and not switched off with {@code -Dlpdm.vector=false}. Without the module this class is
 * never loaded and the plain loops run instead.
 *
 * <p><b>Same results as the plain loops, bit for bit.</b> Every element of the result is computed by
 * the same float operations in the same order as {@code MatrixOps.plainRowKernel} (per block of four
 * terms: {@code acc + (((a0 b0 + a1 b1) + a2 b2) + a3 b3)}, then single terms; multiplications and
 * additions separately, never fused), only several elements at a time. What changes is where the
 * partial sums live: the plain kernel stores its accumulator row to memory after every block of
 * four terms; here four rows of the result times one vector of columns stay in registers over the
 * whole inner dimension, and each loaded vector of the right-hand factor serves four rows. That
 * is about twice as fast on the RL networks' shapes (docs/performance.md). A property test
 * compares the two kernels' bits over random shapes.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorKernels() {
    }

    // Arithmetic by lanewise calls written out here, not FloatVector.add/mul: those are methods of
    // FloatVector whose own call of lanewise carries one type profile for every caller in the JVM;
    // the sampled-pair distances use 256-bit vectors, and once both sizes had passed through it, a
    // recompilation of this kernel (after an uncommon trap, e.g. a first product of a new shape)
    // could no longer tell the vector class, failed to intrinsify and boxed: BP's update 95 -> 290
    // us after an LPDM run in the same JVM. A lanewise call written here is profiled at its own
    // call site, with this class's one species. Written out, not through helpers such as
    // add(x, y) or mul(x, s): those, compiled on their own without the exact type, were then too
    // big to inline (measured 2.5x slower).

    /** Whether {@link #rowKernel} pays off for results with {@code m} columns (at least one full vector). */
    static boolean suits(int m) {
        return m >= LANES;
    }

    /**
     * c (n x m, row-major) = A B with A(i, p) = a[i * si + p * sp] and B(p, j) = b[p * m + j]
     * (row-major k x m, read in place: unlike the plain loops, vector loads need no zero-based
     * copies of B's rows); the arithmetic of {@code MatrixOps.plainRowKernel}.
     */
    static void rowKernel(float[] a, int si, int sp, int n, int k, float[] b, int m, float[] c) {
        final int mv = m - m % LANES;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            for (int j = 0; j < mv; j += LANES) {
                fourRows(a, i * si, si, sp, k, b, m, j, c, i * m);
            }
        }
        for (; i < n; i++) {
            for (int j = 0; j < mv; j += LANES) {
                oneRow(a, i * si, sp, k, b, m, j, c, i * m);
            }
        }
        if (mv < m) {
            for (int r = 0; r < n; r++) {
                remainingColumns(a, r * si, sp, k, b, mv, m, c, r * m);
            }
        }
    }

    /** Rows r0 .. r0+3 (offsets a0, a0+si, ...) of c, columns j .. j+LANES. */
    private static void fourRows(float[] a, int a0, int si, int sp, int k, float[] b, int m, int j, float[] c, int c0) {
        final int a1 = a0 + si;
        final int a2 = a1 + si;
        final int a3 = a2 + si;
        final int k4 = k & ~3;
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int p = 0;
        for (; p < k4; p += 4) {
            int bp = p * m + j;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + m);
            FloatVector b2 = FloatVector.fromArray(SPECIES, b, bp + 2 * m);
            FloatVector b3 = FloatVector.fromArray(SPECIES, b, bp + 3 * m);
            int o = p * sp;
            acc0 = acc0.lanewise(ADD, block(b0, b1, b2, b3, a, a0 + o, sp));
            acc1 = acc1.lanewise(ADD, block(b0, b1, b2, b3, a, a1 + o, sp));
            acc2 = acc2.lanewise(ADD, block(b0, b1, b2, b3, a, a2 + o, sp));
            acc3 = acc3.lanewise(ADD, block(b0, b1, b2, b3, a, a3 + o, sp));
        }
        for (; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, p * m + j);
            int o = p * sp;
            acc0 = acc0.lanewise(ADD, b0.lanewise(MUL, FloatVector.broadcast(SPECIES, a[a0 + o])));
            acc1 = acc1.lanewise(ADD, b0.lanewise(MUL, FloatVector.broadcast(SPECIES, a[a1 + o])));
            acc2 = acc2.lanewise(ADD, b0.lanewise(MUL, FloatVector.broadcast(SPECIES, a[a2 + o])));
            acc3 = acc3.lanewise(ADD, b0.lanewise(MUL, FloatVector.broadcast(SPECIES, a[a3 + o])));
        }
        acc0.intoArray(c, c0 + j);
        acc1.intoArray(c, c0 + m + j);
        acc2.intoArray(c, c0 + 2 * m + j);
        acc3.intoArray(c, c0 + 3 * m + j);
    }

    /** ((a[o] b0 + a[o+sp] b1) + a[o+2sp] b2) + a[o+3sp] b3, the plain kernel's block of four terms. */
    private static FloatVector block(FloatVector b0, FloatVector b1, FloatVector b2, FloatVector b3, float[] a, int o, int sp) {
        return b0.lanewise(MUL, FloatVector.broadcast(SPECIES, a[o])).lanewise(ADD, b1.lanewise(MUL, FloatVector.broadcast(SPECIES, a[o + sp]))).lanewise(ADD, b2.lanewise(MUL, FloatVector.broadcast(SPECIES, a[o + 2 * sp]))).lanewise(ADD, b3.lanewise(MUL, FloatVector.broadcast(SPECIES, a[o + 3 * sp])));
    }

    /** One row of c (A's row at offset ai), columns j .. j+LANES. */
    private static void oneRow(float[] a, int ai, int sp, int k, float[] b, int m, int j, float[] c, int ci) {
        final int k4 = k & ~3;
        FloatVector acc = FloatVector.zero(SPECIES);
        int p = 0;
        for (; p < k4; p += 4) {
            int bp = p * m + j;
            acc = acc.lanewise(ADD, block(FloatVector.fromArray(SPECIES, b, bp), FloatVector.fromArray(SPECIES, b, bp + m),
                    FloatVector.fromArray(SPECIES, b, bp + 2 * m), FloatVector.fromArray(SPECIES, b, bp + 3 * m), a, ai + p * sp, sp));
        }
        for (; p < k; p++) {
            acc = acc.lanewise(ADD, FloatVector.fromArray(SPECIES, b, p * m + j).lanewise(MUL, FloatVector.broadcast(SPECIES, a[ai + p * sp])));
        }
        acc.intoArray(c, ci + j);
    }

    /** Columns from .. m of one row of c, one element at a time, in the same order. */
    private static void remainingColumns(float[] a, int ai, int sp, int k, float[] b, int from, int m, float[] c, int ci) {
        final int k4 = k & ~3;
        for (int j = from; j < m; j++) {
            float acc = 0f;
            int p = 0;
            for (; p < k4; p += 4) {
                int o = ai + p * sp;
                int bp = p * m + j;
                acc += a[o] * b[bp] + a[o + sp] * b[bp + m] + a[o + 2 * sp] * b[bp + 2 * m] + a[o + 3 * sp] * b[bp + 3 * m];
            }
            for (; p < k; p++) {
                acc += a[ai + p * sp] * b[p * m + j];
            }
            c[ci + j] = acc;
        }
    }
}
