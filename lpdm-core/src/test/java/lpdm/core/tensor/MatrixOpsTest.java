package lpdm.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import lpdm.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Every product kernel, by plain loops and by EJML, against a double-precision reference. The
 * tolerance is the classical bound for a float dot product of length k in any summation order,
 * |c - ref| <= (k + 2) u sum_p |a_p b_p| with u = 2^-24, so a wrong index or a missing term fails.
 * Output buffers start filled with NaN: a kernel must overwrite every element.
 */
class MatrixOpsTest {

    /** A product kernel c = f(a, b). */
    private interface Kernel {
        void apply(Matrix a, Matrix b, Matrix c);
    }

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) rng.uniform(-1, 1);
        }
        return m;
    }

    private static Matrix nanFilled(int rows, int cols) {
        Matrix m = new Matrix(rows, cols);
        Arrays.fill(m.data, Float.NaN);
        return m;
    }

    /** (a or a^T) (b or b^T) in double, with the sum of |terms| per element in {@code absSums}. */
    private static double[] reference(Matrix a, boolean transA, Matrix b, boolean transB, double[] absSums) {
        int n = transA ? a.cols : a.rows;
        int k = transA ? a.rows : a.cols;
        int m = transB ? b.rows : b.cols;
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a.get(p, i) : a.get(i, p);
                    double y = transB ? b.get(j, p) : b.get(p, j);
                    s += x * y;
                    abs += Math.abs(x * y);
                }
                c[i * m + j] = s;
                absSums[i * m + j] = abs;
            }
        }
        return c;
    }

    private static void assertClose(Matrix c, double[] expected, double[] absSums, int k, String what) {
        assertThat(c.data.length).isEqualTo(expected.length);
        double u = 0x1p-24;
        for (int i = 0; i < expected.length; i++) {
            double tol = (k + 2) * u * absSums[i] + 1e-30;
            if (!(Math.abs(c.data[i] - expected[i]) <= tol)) {
                fail(what + " element " + i + ": " + c.data[i] + " vs reference " + expected[i] + " (tolerance " + tol + ")");
            }
        }
    }

    private static void checkProduct(Kernel kernel, String what, int n, int k, int m, boolean transA, boolean transB, long seed) {
        Rng rng = new Rng(seed);
        Matrix a = transA ? random(k, n, rng) : random(n, k, rng);
        Matrix b = transB ? random(m, k, rng) : random(k, m, rng);
        Matrix aCopy = a.copy();
        Matrix bCopy = b.copy();
        double[] abs = new double[n * m];
        double[] expected = reference(a, transA, b, transB, abs);
        Matrix c = nanFilled(n, m);
        kernel.apply(a, b, c);
        assertClose(c, expected, abs, k, what + " " + n + "x" + k + "x" + m);
        assertThat(a.data).as("input a unchanged").isEqualTo(aCopy.data);
        assertThat(b.data).as("input b unchanged").isEqualTo(bCopy.data);
    }

    @Property(tries = 60)
    void multiplyTransBMatchesReference(@ForAll @IntRange(min = 0, max = 9) int n, @ForAll @IntRange(min = 0, max = 9) int k,
                                        @ForAll @IntRange(min = 0, max = 9) int m, @ForAll long seed) {
        checkProduct(MatrixOps::multiplyTransBPlain, "plain multiplyTransB", n, k, m, false, true, seed);
        checkProduct(MatrixOps::multiplyTransBEjml, "EJML multiplyTransB", n, k, m, false, true, seed);
        checkProduct(MatrixOps::multiplyTransB, "multiplyTransB", n, k, m, false, true, seed);
    }

    @Property(tries = 60)
    void multiplyMatchesReference(@ForAll @IntRange(min = 0, max = 9) int n, @ForAll @IntRange(min = 0, max = 9) int k,
                                  @ForAll @IntRange(min = 0, max = 9) int m, @ForAll long seed) {
        checkProduct(MatrixOps::multiplyPlain, "plain multiply", n, k, m, false, false, seed);
        checkProduct(MatrixOps::multiplyEjml, "EJML multiply", n, k, m, false, false, seed);
        checkProduct(MatrixOps::multiply, "multiply", n, k, m, false, false, seed);
    }

    @Property(tries = 60)
    void multiplyTransAMatchesReference(@ForAll @IntRange(min = 0, max = 9) int n, @ForAll @IntRange(min = 0, max = 9) int k,
                                        @ForAll @IntRange(min = 0, max = 9) int m, @ForAll long seed) {
        checkProduct(MatrixOps::multiplyTransAPlain, "plain multiplyTransA", n, k, m, true, false, seed);
        checkProduct(MatrixOps::multiplyTransAEjml, "EJML multiplyTransA", n, k, m, true, false, seed);
        checkProduct(MatrixOps::multiplyTransA, "multiplyTransA", n, k, m, true, false, seed);
    }

    /** Shapes where EJML switches to its vector or reorder kernels, and the sizes of a real MLP. */
    @Test
    void productsMatchReferenceOnEdgeAndNetworkShapes() {
        int[][] shapes = {
            {1, 1, 1}, {1, 7, 1}, {1, 5, 9}, {9, 5, 1}, {1, 1, 40}, {40, 1, 1}, {0, 3, 4}, {3, 0, 4}, {3, 4, 0},
            {0, 0, 0}, {64, 4, 64}, {32, 64, 64}, {33, 70, 31}, {4, 64, 2}, {128, 2, 64},
        };
        long seed = 11;
        for (int[] s : shapes) {
            checkProduct(MatrixOps::multiplyTransBPlain, "plain multiplyTransB", s[0], s[1], s[2], false, true, seed);
            checkProduct(MatrixOps::multiplyTransBEjml, "EJML multiplyTransB", s[0], s[1], s[2], false, true, seed);
            checkProduct(MatrixOps::multiplyPlain, "plain multiply", s[0], s[1], s[2], false, false, seed);
            checkProduct(MatrixOps::multiplyEjml, "EJML multiply", s[0], s[1], s[2], false, false, seed);
            checkProduct(MatrixOps::multiplyTransAPlain, "plain multiplyTransA", s[0], s[1], s[2], true, false, seed);
            checkProduct(MatrixOps::multiplyTransAEjml, "EJML multiplyTransA", s[0], s[1], s[2], true, false, seed);
            seed++;
        }
    }

    /** The plain loops skip zero factors (ReLU sparsity); results must still equal the reference. */
    @Test
    void sparseFactorsGiveTheSameProducts() {
        Rng rng = new Rng(5);
        Matrix a = random(12, 10, rng);
        for (int i = 0; i < a.data.length; i++) {
            if (i % 3 != 0) {
                a.data[i] = 0f;
            }
        }
        Matrix b = random(10, 7, rng);
        double[] abs = new double[12 * 7];
        double[] expected = reference(a, false, b, false, abs);
        Matrix c = nanFilled(12, 7);
        MatrixOps.multiplyPlain(a, b, c);
        assertClose(c, expected, abs, 10, "sparse multiply");
        Matrix b2 = random(12, 7, rng);
        double[] abs2 = new double[10 * 7];
        double[] expected2 = reference(a, true, b2, false, abs2);
        Matrix c2 = nanFilled(10, 7);
        MatrixOps.multiplyTransAPlain(a, b2, c2);
        assertClose(c2, expected2, abs2, 12, "sparse multiplyTransA");
    }

    @Test
    void dispatchFollowsTheThreshold() {
        long t = MatrixOps.EJML_THRESHOLD;
        assertThat(t).isPositive();
        assertThat(MatrixOps.useEjml(t)).isTrue();
        assertThat(MatrixOps.useEjml(t - 1)).isFalse();
        assertThat(MatrixOps.useEjml(0)).isFalse();
    }

    /** Below the threshold the public kernels are bit-identical to the plain loops, from it on to EJML. */
    @Test
    void publicKernelsUseThePathTheThresholdSelects() {
        Rng rng = new Rng(3);
        int[][] shapes = {{2, 3, 4}, {128, 4, 64}, {128, 64, 64}, {96, 96, 96}};
        for (int[] s : shapes) {
            int n = s[0];
            int k = s[1];
            int m = s[2];
            boolean ejml = MatrixOps.useEjml((long) n * k * m);
            Matrix a = random(n, k, rng);
            Matrix bt = random(m, k, rng);
            Matrix b = random(k, m, rng);
            Matrix at = random(k, n, rng);
            Matrix c1 = new Matrix(n, m);
            Matrix c2 = new Matrix(n, m);
            MatrixOps.multiplyTransB(a, bt, c1);
            if (ejml) {
                MatrixOps.multiplyTransBEjml(a, bt, c2);
            } else {
                MatrixOps.multiplyTransBPlain(a, bt, c2);
            }
            assertThat(c1.data).as("multiplyTransB %s", Arrays.toString(s)).isEqualTo(c2.data);
            MatrixOps.multiply(a, b, c1);
            if (ejml) {
                MatrixOps.multiplyEjml(a, b, c2);
            } else {
                MatrixOps.multiplyPlain(a, b, c2);
            }
            assertThat(c1.data).as("multiply %s", Arrays.toString(s)).isEqualTo(c2.data);
            MatrixOps.multiplyTransA(at, b, c1);
            if (ejml) {
                MatrixOps.multiplyTransAEjml(at, b, c2);
            } else {
                MatrixOps.multiplyTransAPlain(at, b, c2);
            }
            assertThat(c1.data).as("multiplyTransA %s", Arrays.toString(s)).isEqualTo(c2.data);
        }
    }

    @Property(tries = 50)
    void addRowInPlaceAddsTheRowToEveryRow(@ForAll @IntRange(min = 0, max = 9) int rows, @ForAll @IntRange(min = 0, max = 9) int cols,
                                           @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix m = random(rows, cols, rng);
        float[] row = random(1, cols, rng).data;
        float[] rowCopy = row.clone();
        Matrix before = m.copy();
        MatrixOps.addRowInPlace(m, row);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                assertThat(m.get(i, j)).isEqualTo(before.get(i, j) + row[j]);
            }
        }
        assertThat(row).isEqualTo(rowCopy);
    }

    @Property(tries = 50)
    void columnSumsMatchReference(@ForAll @IntRange(min = 0, max = 12) int rows, @ForAll @IntRange(min = 0, max = 9) int cols,
                                  @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix m = random(rows, cols, rng);
        float[] out = new float[cols];
        Arrays.fill(out, Float.NaN);
        MatrixOps.columnSums(m, out);
        for (int j = 0; j < cols; j++) {
            double s = 0;
            double abs = 0;
            for (int i = 0; i < rows; i++) {
                s += m.get(i, j);
                abs += Math.abs(m.get(i, j));
            }
            assertThat((double) out[j]).isCloseTo(s, org.assertj.core.data.Offset.offset((rows + 1) * 0x1p-24 * abs + 1e-30));
        }
    }

    @Test
    void elementwiseHelpers() {
        Matrix a = Matrix.ofRows(new float[] {1, -2, 3}, new float[] {4, 5, -6});
        Matrix b = Matrix.ofRows(new float[] {2, 2, 0.5f}, new float[] {-1, 0, 1});
        MatrixOps.multiplyElementsInPlace(a, b);
        assertThat(a.data).containsExactly(2, -4, 1.5f, -4, 0, -6);
        MatrixOps.scaleInPlace(a.data, -0.5f);
        assertThat(a.data).containsExactly(-1, 2, -0.75f, 2, -0f, 3);
        assertThat(MatrixOps.squaredNorm(new float[] {3, 4})).isEqualTo(25.0);
        assertThat(MatrixOps.norm(new float[] {3, 4})).isEqualTo(5.0);
        assertThat(MatrixOps.norm(new float[0])).isEqualTo(0.0);
        // accumulated in double: 1e30^2 overflows float but not double
        assertThat(MatrixOps.norm(new float[] {1e30f, 1e30f})).isCloseTo(Math.sqrt(2) * 1e30, org.assertj.core.data.Offset.offset(1e24));
        Matrix dst = new Matrix(2, 3);
        MatrixOps.copy(b, dst);
        assertThat(dst.data).isEqualTo(b.data);
        assertThat(dst.data).isNotSameAs(b.data);
    }

    @Test
    void shapeMismatchesAreRejectedWithTheShapes() {
        Matrix a23 = new Matrix(2, 3);
        Matrix a32 = new Matrix(3, 2);
        Matrix a43 = new Matrix(4, 3);
        Matrix c24 = new Matrix(2, 4);
        Matrix c22 = new Matrix(2, 2);
        Matrix c33 = new Matrix(3, 3);
        List<Kernel> transB = List.of(MatrixOps::multiplyTransB, MatrixOps::multiplyTransBPlain, MatrixOps::multiplyTransBEjml);
        for (Kernel k : transB) {
            k.apply(a23, a43, c24); // fine
            assertThatThrownBy(() -> k.apply(a23, a32, c22)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiplyTransB").hasMessageContaining("Matrix(2 x 3)").hasMessageContaining("Matrix(3 x 2)");
            assertThatThrownBy(() -> k.apply(a23, a43, c22)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> k.apply(a23, a43, new Matrix(3, 4))).isInstanceOf(IllegalArgumentException.class);
        }
        List<Kernel> mult = List.of(MatrixOps::multiply, MatrixOps::multiplyPlain, MatrixOps::multiplyEjml);
        for (Kernel k : mult) {
            k.apply(a23, a32, c22); // fine
            assertThatThrownBy(() -> k.apply(a23, a23, c22)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiply");
            assertThatThrownBy(() -> k.apply(a23, a32, c33)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> k.apply(a23, a32, new Matrix(2, 3))).isInstanceOf(IllegalArgumentException.class);
        }
        List<Kernel> transA = List.of(MatrixOps::multiplyTransA, MatrixOps::multiplyTransAPlain, MatrixOps::multiplyTransAEjml);
        for (Kernel k : transA) {
            k.apply(a23, a23, c33); // fine
            assertThatThrownBy(() -> k.apply(a23, a32, c33)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplyTransA");
            assertThatThrownBy(() -> k.apply(a23, a23, c22)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> k.apply(a23, a23, new Matrix(3, 2))).isInstanceOf(IllegalArgumentException.class);
        }
        // A wrong output is rejected before anything is written (EJML would otherwise reshape it).
        Matrix wrong = nanFilled(4, 1);
        assertThatThrownBy(() -> MatrixOps.multiplyTransBEjml(a23, a43, wrong)).isInstanceOf(IllegalArgumentException.class);
        assertThat(wrong.rows).isEqualTo(4);
        assertThat(wrong.data).containsOnly(Float.NaN);

        assertThatThrownBy(() -> MatrixOps.addRowInPlace(a23, new float[2])).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("addRowInPlace");
        assertThatThrownBy(() -> MatrixOps.columnSums(a23, new float[2])).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("columnSums");
        assertThatThrownBy(() -> MatrixOps.multiplyElementsInPlace(a23, a32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatrixOps.copy(a23, a32)).isInstanceOf(IllegalArgumentException.class);
    }

    /** countAbsAbove (the saturation diagnostic) counts exactly the values with Math.abs(v) > t, specials included. */
    @Property(tries = 300)
    void countAbsAboveCountsWhatMathAbsSays(@ForAll @IntRange(min = 0, max = 200) int n, @ForAll long seed) {
        Rng rng = new Rng(seed);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MAX_VALUE, 0.99f, -0.99f, Math.nextUp(0.99f), Math.nextDown(0.99f)};
        float t = switch ((int) (rng.nextDouble() * 4)) {
            case 0 -> 0f;
            case 1 -> Float.MAX_VALUE;
            case 2 -> 0.99f;
            default -> (float) (rng.nextDouble() * 3);
        };
        float[] a = new float[n + 2];
        int expected = 0;
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble() < 0.3 ? specials[(int) (rng.nextDouble() * specials.length)] : (float) (rng.nextGaussian() * 2);
            if (i < n && Math.abs(a[i]) > t) {
                expected++;
            }
        }
        assertThat(MatrixOps.countAbsAbove(a, n, t)).as("threshold %s", t).isEqualTo(expected);
    }

    @Test
    void countAbsAboveRefusesBadArguments() {
        assertThatThrownBy(() -> MatrixOps.countAbsAbove(new float[2], 3, 0.5f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatrixOps.countAbsAbove(new float[2], 2, Float.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MatrixOps.countAbsAbove(new float[2], 2, -1f)).isInstanceOf(IllegalArgumentException.class);
    }
}
