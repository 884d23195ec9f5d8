package lpdm.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import lpdm.core.random.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The Vector API row kernel must give the plain loops' results bit for bit, for both ways the
 * products address their left factor (row-major, and transposed as in a^T b), any shape, including
 * row counts not divisible by four and column counts not divisible by the vector length.
 */
class VectorKernelsTest {

    @Test
    void testsRunWithTheVectorApi() {
        // The surefire argLine adds the module; without it the property below would test nothing.
        assertThat(MatrixOps.vectorApiAvailable()).as("jdk.incubator.vector in the test JVM").isTrue();
        assertThat(MatrixOps.kernels()).isEqualTo("vector");
        boolean previous = MatrixOps.useVectorApi(false);
        assertThat(MatrixOps.kernels()).isEqualTo("plain");
        MatrixOps.useVectorApi(previous);
    }

    @Property(tries = 300)
    void sameBitsAsThePlainLoops(@ForAll @IntRange(min = 1, max = 70) int n, @ForAll @IntRange(min = 1, max = 70) int k,
            @ForAll @IntRange(min = 1, max = 90) int m, @ForAll boolean transposedA, @ForAll long seed) {
        Rng rng = new Rng(seed);
        float[] a = new float[n * k];
        for (int q = 0; q < a.length; q++) {
            a[q] = (float) rng.nextGaussian() * (q % 7 == 0 ? 1e3f : 1f);
        }
        float[] b = new float[k * m]; // row-major k x m, read in place by the vector kernel
        float[][] br = new float[k][m]; // its rows, as the plain loops take them
        for (int p = 0; p < k; p++) {
            for (int q = 0; q < m; q++) {
                b[p * m + q] = (float) rng.nextGaussian();
                br[p][q] = b[p * m + q];
            }
        }
        // Row-major a (n x k): A(i, p) = a[i k + p]; transposed (a stored k x n): A(i, p) = a[p n + i].
        int si = transposedA ? 1 : k;
        int sp = transposedA ? n : 1;
        float[] plain = new float[n * m];
        float[] vector = new float[n * m];
        java.util.Arrays.fill(vector, Float.NaN);
        MatrixOps.plainRowKernel(a, si, sp, n, k, br, m, plain, new float[m]);
        VectorKernels.rowKernel(a, si, sp, n, k, b, m, vector);
        for (int q = 0; q < plain.length; q++) {
            assertThat(Float.floatToRawIntBits(vector[q])).as("element %d of %dx%dx%d", q, n, k, m)
                    .isEqualTo(Float.floatToRawIntBits(plain[q]));
        }
    }

    /** The three public products, Vector API on and off: the same bits (shapes as in the networks and odd ones). */
    @Property(tries = 200)
    void productsSameBitsWithAndWithoutTheVectorApi(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 1, max = 70) int k,
            @ForAll @IntRange(min = 1, max = 70) int m, @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix a = gaussian(n, k, rng);
        Matrix bt = gaussian(m, k, rng); // for a b^T
        Matrix b = gaussian(k, m, rng); // for a b
        Matrix at = gaussian(k, n, rng); // for a^T b
        boolean previous = MatrixOps.useVectorApi(true);
        try {
            Matrix[] on = {new Matrix(n, m), new Matrix(n, m), new Matrix(n, m)};
            Matrix[] off = {new Matrix(n, m), new Matrix(n, m), new Matrix(n, m)};
            MatrixOps.multiplyTransB(a, bt, on[0]);
            MatrixOps.multiply(a, b, on[1]);
            MatrixOps.multiplyTransA(at, b, on[2]);
            MatrixOps.useVectorApi(false);
            MatrixOps.multiplyTransB(a, bt, off[0]);
            MatrixOps.multiply(a, b, off[1]);
            MatrixOps.multiplyTransA(at, b, off[2]);
            for (int t = 0; t < 3; t++) {
                for (int q = 0; q < n * m; q++) {
                    assertThat(Float.floatToRawIntBits(on[t].data[q])).as("product %d, element %d of %dx%dx%d", t, q, n, k, m)
                            .isEqualTo(Float.floatToRawIntBits(off[t].data[q]));
                }
            }
        } finally {
            MatrixOps.useVectorApi(previous);
        }
    }

    private static Matrix gaussian(int rows, int cols, Rng rng) {
        Matrix x = new Matrix(rows, cols);
        for (int q = 0; q < x.data.length; q++) {
            x.data[q] = (float) rng.nextGaussian();
        }
        return x;
    }
}
