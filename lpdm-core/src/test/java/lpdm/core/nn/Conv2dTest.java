package lpdm.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import lpdm.core.nn.Conv2d.Padding;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * {@link Conv2d}: the im2col path against the direct loops of {@link ReferenceConv2d}, its gradients
 * against finite differences, the 1x1 case against {@link Linear}, shape errors and initialisation.
 */
class Conv2dTest {
    /** Unit roundoff of float32. */
    private static final double U = 0x1p-24;

    /** batch, grid height, width, channels, filters, kernel height, width, padding. */
    private record Shape(int batch, int height, int width, int channels, int filters, int kh, int kw, Padding padding) {
        Conv2d layer(Rng rng) {
            Conv2d l = new Conv2d("conv", height, width, channels, filters, kh, kw, padding);
            fill(l.weight.value, 1.0 / Math.sqrt(l.patchSize), rng);
            fill(l.bias.value, 0.3, rng);
            return l;
        }

        @Override
        public String toString() {
            return batch + "x[" + height + "x" + width + "x" + channels + "] " + filters + " filters " + kh + "x" + kw + " " + padding.settingName();
        }
    }

    private static void fill(float[] a, double scale, Rng rng) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (scale * rng.nextGaussian());
        }
    }

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        fill(m.data, 1.0, rng);
        return m;
    }

    /**
     * Hand-picked shapes (1x1 grids and kernels, even kernels whose same padding is asymmetric,
     * kernels wider than the grid under same padding, non-square grids, the MinAtar shape, filter
     * counts below and above the 8 columns where MatrixOps switches kernels) and random ones.
     */
    private static List<Shape> shapes() {
        List<Shape> shapes = new ArrayList<>(List.of(
                new Shape(3, 1, 1, 1, 1, 1, 1, Padding.VALID),
                new Shape(2, 1, 1, 3, 5, 1, 1, Padding.SAME),
                new Shape(2, 4, 5, 2, 3, 2, 2, Padding.SAME),
                new Shape(2, 4, 5, 2, 9, 2, 3, Padding.VALID),
                new Shape(3, 3, 2, 3, 4, 5, 4, Padding.SAME),
                new Shape(2, 6, 4, 1, 8, 1, 3, Padding.SAME),
                new Shape(2, 5, 5, 4, 16, 3, 3, Padding.VALID),
                new Shape(4, 10, 10, 4, 16, 3, 3, Padding.SAME),
                new Shape(4, 10, 10, 7, 16, 3, 3, Padding.VALID),
                // Several blocks of Conv2d.BLOCK_ROWS patch rows, the last one short.
                new Shape(23, 10, 10, 4, 16, 3, 3, Padding.SAME),
                new Shape(37, 10, 10, 4, 16, 3, 3, Padding.VALID),
                new Shape(1500, 1, 1, 3, 9, 1, 1, Padding.VALID)));
        Rng rng = new Rng(11);
        for (int i = 0; i < 20; i++) {
            int h = 1 + rng.nextInt(7);
            int w = 1 + rng.nextInt(7);
            Padding p = rng.nextInt(2) == 0 ? Padding.VALID : Padding.SAME;
            int kh = 1 + rng.nextInt(p == Padding.VALID ? h : 5);
            int kw = 1 + rng.nextInt(p == Padding.VALID ? w : 5);
            shapes.add(new Shape(1 + rng.nextInt(4), h, w, 1 + rng.nextInt(5), 1 + rng.nextInt(20), kh, kw, p));
        }
        return shapes;
    }

    /**
     * |fast - exact| within the float32 bound of a sum of {@code terms} rounded terms,
     * gamma_T * sum |terms| with gamma_T = T u / (1 - T u) (Higham, Accuracy and Stability of
     * Numerical Algorithms, eq. 3.5), T one more than the number of terms for the rounding of the
     * products; plus 1e-12 of slack for the double reference. Any order of summation meets it, a
     * wrong term (index, padding, sign) does not, unless it is far below the sum of magnitudes.
     */
    private static void assertWithinRounding(String what, float[] fast, ReferenceConv2d.Result ref, int terms) {
        assertThat(fast).hasSize(ref.value().length);
        double gamma = (terms + 1) * U / (1 - (terms + 1) * U);
        for (int i = 0; i < fast.length; i++) {
            double bound = gamma * ref.absTerms()[i] + 1e-12 * (1 + ref.absTerms()[i]);
            assertThat(Math.abs(fast[i] - ref.value()[i])).as("%s[%d]: %s vs %s", what, i, fast[i], ref.value()[i]).isLessThanOrEqualTo(bound);
        }
    }

    /** Every shape, and each layer again with another batch size (its workspaces are kept per batch size). */
    @Test
    void im2colPathMatchesTheDirectLoopsWithinFloatRounding() {
        Rng rng = new Rng(3);
        for (Shape s : shapes()) {
            Conv2d layer = s.layer(rng);
            for (int batch : new int[] {s.batch(), s.batch() + 7, s.batch()}) {
                checkAgainstReference(s + " batch " + batch, layer, batch, rng);
            }
        }
    }

    private static void checkAgainstReference(String what, Conv2d layer, int batch, Rng rng) {
        ReferenceConv2d ref = new ReferenceConv2d(layer);
        Matrix x = random(batch, layer.inputSize, rng);
        Matrix z = new Matrix(batch, layer.outputSize);
        layer.forward(x, z);
        assertWithinRounding(what + " forward", z.data, ref.forward(x.data, batch), layer.patchSize + 1);

        Matrix dz = random(batch, layer.outputSize, rng);
        java.util.Arrays.fill(layer.weight.grad, Float.NaN); // overwritten, not accumulated into
        java.util.Arrays.fill(layer.bias.grad, Float.NaN);
        layer.parameterGradients(dz, x);
        int cells = batch * layer.outputCells();
        assertWithinRounding(what + " dW", layer.weight.grad, ref.weightGradient(dz.data, x.data, batch), cells);
        assertWithinRounding(what + " db", layer.bias.grad, ref.biasGradient(dz.data, batch), cells);

        Matrix dx = new Matrix(batch, layer.inputSize);
        java.util.Arrays.fill(dx.data, Float.NaN);
        layer.inputGradient(dz, dx);
        // dz W sums outputChannels terms per patch entry, col2im then adds up to kh * kw of those.
        assertWithinRounding(what + " dx", dx.data, ref.inputGradient(dz.data, batch), layer.outputChannels + layer.kernelHeight * layer.kernelWidth);
    }

    /** L = sum_i r_i tanh(z_i) in double, z from the float layer. */
    private static double loss(Conv2d layer, Matrix x, float[] r) {
        Matrix z = new Matrix(x.rows, layer.outputSize);
        layer.forward(x, z);
        double l = 0;
        for (int i = 0; i < r.length; i++) {
            l += r[i] * Math.tanh(z.data[i]);
        }
        return l;
    }

    /** dL/dv for values[i] by {@link FiniteDifference#derivative}. */
    private static double centralDifference(Conv2d layer, Matrix x, float[] r, float[] values, int i, float h) {
        return FiniteDifference.derivative(() -> loss(layer, x, r), values, i, h);
    }

    /**
     * Every weight, bias and input gradient of L = sum r tanh(conv(x)) (the activation applied as
     * the learners do: dL/dz = dL/dh (.) phi'(z) from h) against central differences, on small
     * shapes with valid and same padding, including even kernels.
     *
     * <p>Tolerance: |analytic - fd| &lt;= 5e-4 * max(1, |analytic|), step h = 1e-2 with Richardson
     * extrapolation. Truncation: a plain central difference errs by h^2/6 |L'''| (it reached 1.4e-3
     * here, because a weight enters a few dozen outputs and L''' sums their x^3 tanh''' terms); the
     * extrapolation leaves O(h^4), below 1e-7. Rounding: z is float32 (relative error about 1e-7
     * per output, about 6e-7 absolute over the few dozen outputs a value enters, not cancelling
     * between the evaluations at v + s and v - s), divided by 2s = 1e-2 at the half step: about
     * 1e-4 at worst, and the largest difference seen over all values checked here is 4e-5. A
     * gradient with a wrong index, a missing padding term or a flipped kernel is off by
     * O(|dL/dv|) (see {@link #finiteDifferencesCatchAWrongKernelOrientation}).
     */
    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(5);
        List<Shape> small = List.of(
                new Shape(2, 4, 3, 2, 3, 3, 3, Padding.SAME),
                new Shape(2, 4, 3, 2, 3, 3, 2, Padding.VALID),
                new Shape(3, 3, 4, 1, 2, 2, 2, Padding.SAME),
                new Shape(2, 5, 5, 3, 4, 2, 3, Padding.VALID),
                new Shape(2, 2, 3, 2, 2, 4, 4, Padding.SAME));
        for (Shape s : small) {
            Conv2d layer = s.layer(rng);
            Matrix x = random(s.batch(), layer.inputSize, rng);
            float[] r = random(s.batch(), layer.outputSize, rng).data;
            Gradients g = analytic(layer, x, r);
            float h = 1e-2f;
            for (int i = 0; i < layer.weight.size(); i++) {
                assertClose(s + " dW[" + i + "]", g.weight[i], centralDifference(layer, x, r, layer.weight.value, i, h));
            }
            for (int i = 0; i < layer.bias.size(); i++) {
                assertClose(s + " db[" + i + "]", g.bias[i], centralDifference(layer, x, r, layer.bias.value, i, h));
            }
            for (int i = 0; i < x.data.length; i++) {
                assertClose(s + " dx[" + i + "]", g.input[i], centralDifference(layer, x, r, x.data, i, h));
            }
        }
    }

    private record Gradients(float[] weight, float[] bias, float[] input) {
    }

    /** dL/dW, dL/db, dL/dx of L = sum r tanh(z) by the layer's backward methods. */
    private static Gradients analytic(Conv2d layer, Matrix x, float[] r) {
        Matrix z = new Matrix(x.rows, layer.outputSize);
        layer.forward(x, z);
        Matrix hOut = new Matrix(x.rows, layer.outputSize);
        Activation.TANH.apply(z.data, hOut.data, z.data.length);
        Matrix dz = new Matrix(x.rows, layer.outputSize, r.clone()); // dL/dh = r
        Activation.TANH.multiplyDerivativeFromOutputInPlace(dz.data, hOut.data, hOut.data.length);
        layer.parameterGradients(dz, x);
        Matrix dx = new Matrix(x.rows, layer.inputSize);
        layer.inputGradient(dz, dx);
        return new Gradients(layer.weight.grad.clone(), layer.bias.grad.clone(), dx.data);
    }

    private static boolean close(double analytic, double fd) {
        return Math.abs(analytic - fd) <= 5e-4 * Math.max(1, Math.abs(analytic));
    }

    private static void assertClose(String what, double analytic, double fd) {
        assertThat(close(analytic, fd)).as("%s: analytic %s, finite difference %s", what, analytic, fd).isTrue();
    }

    /**
     * The finite-difference check has the power to fail: the gradient of a layer whose kernel is
     * flipped (a correlation/convolution mix-up) does not pass it.
     */
    @Test
    void finiteDifferencesCatchAWrongKernelOrientation() {
        Rng rng = new Rng(9);
        Shape s = new Shape(2, 4, 4, 2, 3, 3, 3, Padding.SAME);
        Conv2d layer = s.layer(rng);
        Matrix x = random(s.batch(), layer.inputSize, rng);
        float[] r = random(s.batch(), layer.outputSize, rng).data;
        // Gradient of the flipped layer, read as if it were this layer's.
        Conv2d flipped = s.layer(rng);
        for (int o = 0; o < s.filters(); o++) {
            for (int dr = 0; dr < 3; dr++) {
                for (int dc = 0; dc < 3; dc++) {
                    for (int k = 0; k < 2; k++) {
                        flipped.weight.value[o * layer.patchSize + (dr * 3 + dc) * 2 + k] = layer.weight.value[o * layer.patchSize + ((2 - dr) * 3 + 2 - dc) * 2 + k];
                    }
                }
            }
        }
        System.arraycopy(layer.bias.value, 0, flipped.bias.value, 0, s.filters());
        float[] wrong = analytic(flipped, x, r).input;
        int failures = 0;
        for (int i = 0; i < x.data.length; i++) {
            if (!close(wrong[i], centralDifference(layer, x, r, x.data, i, 1e-2f))) {
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(x.data.length / 2);
    }

    /**
     * A 1x1 kernel on a 1x1 grid is a dense layer: with the same weight matrix and bias, the output,
     * the weight and bias gradients and the input gradient are the same bits. They can be: im2col
     * copies each input row unchanged, the three products are the same MatrixOps calls on the same
     * shapes, and col2im adds each patch gradient once to a zero, which changes no value (the
     * kernels never produce -0: their sums start from +0).
     */
    @Test
    void oneByOneKernelOnOneByOneGridIsADenseLayerBitForBit() {
        Rng rng = new Rng(7);
        for (int[] sizes : new int[][] {{1, 1, 1}, {5, 3, 7}, {64, 4, 16}, {128, 10, 64}, {6, 9, 3}}) {
            int batch = sizes[0];
            int in = sizes[1];
            int out = sizes[2];
            Conv2d conv = new Conv2d("conv", 1, 1, in, out, 1, 1, Padding.VALID);
            Linear dense = new Linear("dense", in, out);
            fill(dense.weight.value, 1.0, rng);
            fill(dense.bias.value, 1.0, rng);
            System.arraycopy(dense.weight.value, 0, conv.weight.value, 0, dense.weight.size());
            System.arraycopy(dense.bias.value, 0, conv.bias.value, 0, dense.bias.size());
            Matrix x = random(batch, in, rng);
            Matrix dz = random(batch, out, rng);
            for (int i = 0; i < dz.data.length; i += 3) {
                dz.data[i] = 0f; // as after a ReLU
            }

            Matrix zc = new Matrix(batch, out);
            Matrix zd = new Matrix(batch, out);
            conv.forward(x, zc);
            dense.forward(x, zd);
            assertSameBits("z", zc.data, zd.data);

            conv.parameterGradients(dz, x);
            dense.parameterGradients(dz, x);
            assertSameBits("dW", conv.weight.grad, dense.weight.grad);
            assertSameBits("db", conv.bias.grad, dense.bias.grad);

            Matrix dxc = new Matrix(batch, in);
            Matrix dxd = new Matrix(batch, in);
            conv.inputGradient(dz, dxc);
            dense.inputGradient(dz, dxd);
            assertSameBits("dx", dxc.data, dxd.data);
        }
    }

    private static void assertSameBits(String what, float[] a, float[] b) {
        assertThat(a).hasSize(b.length);
        for (int i = 0; i < a.length; i++) {
            assertThat(Float.floatToRawIntBits(a[i])).as("%s[%d]: %s vs %s", what, i, a[i], b[i]).isEqualTo(Float.floatToRawIntBits(b[i]));
        }
    }

    /** A 1x1 kernel on a larger grid is the dense layer applied to every cell on its own. */
    @Test
    void oneByOneKernelAppliesTheDenseLayerToEveryCell() {
        Rng rng = new Rng(8);
        Conv2d conv = new Conv2d("conv", 3, 4, 5, 6, 1, 1, Padding.SAME);
        fill(conv.weight.value, 1.0, rng);
        fill(conv.bias.value, 1.0, rng);
        Linear dense = new Linear("dense", 5, 6);
        System.arraycopy(conv.weight.value, 0, dense.weight.value, 0, dense.weight.size());
        System.arraycopy(conv.bias.value, 0, dense.bias.value, 0, dense.bias.size());
        Matrix x = random(2, conv.inputSize, rng);
        Matrix z = new Matrix(2, conv.outputSize);
        conv.forward(x, z);
        Matrix cells = new Matrix(2 * 12, 5, x.data.clone());
        Matrix zd = new Matrix(2 * 12, 6);
        dense.forward(cells, zd);
        assertSameBits("z", z.data, zd.data);
    }

    @Test
    void aGridOfTheWrongShapeIsOneClearError() {
        Conv2d layer = new Conv2d("actor.conv0", 10, 10, 4, 16, 3, 3, Padding.SAME);
        Matrix wrong = new Matrix(7, 300);
        Matrix z = new Matrix(7, layer.outputSize);
        assertThatThrownBy(() -> layer.forward(wrong, z)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2d actor.conv0 expects input rows of 10x10x4 = 400 values (height x width x channels, channels last), got 7 x 300");
        assertThatThrownBy(() -> layer.checkInputShape(10, 10, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2d actor.conv0 expects a 10x10x4 grid (height x width x channels), got 10x10x6");
        layer.checkInputShape(10, 10, 4);
        Matrix x = new Matrix(7, 400);
        assertThatThrownBy(() -> layer.forward(x, new Matrix(7, 1024))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output rows of 10x10x16 = 1600").hasMessageContaining("got 7 x 1024");
        assertThatThrownBy(() -> layer.forward(x, new Matrix(6, 1600))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 rows for a batch of 7");
        assertThatThrownBy(() -> layer.inputGradient(new Matrix(7, 1600), new Matrix(7, 399))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input gradient rows of 10x10x4 = 400");
        assertThatThrownBy(() -> layer.parameterGradients(new Matrix(7, 1599), x)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("output gradient rows of 10x10x16 = 1600");
    }

    @Test
    void badSizesAreRefusedWhenTheLayerIsBuilt() {
        assertThatThrownBy(() -> new Conv2d("c", 10, 10, 0, 16, 3, 3, Padding.SAME)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive sizes").hasMessageContaining("10x10x0");
        assertThatThrownBy(() -> new Conv2d("c", 2, 10, 4, 16, 3, 3, Padding.VALID)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2d c: a 3x3 kernel does not fit a 2x10 grid without padding (use padding same or a smaller kernel)");
        assertThatThrownBy(() -> new Conv2d("c", 2, 10, 4, 16, 3, 3, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Padding.parse("full")).hasMessage("unknown padding 'full' (expected valid or same)");
        assertThat(Padding.parse("SAME")).isEqualTo(Padding.SAME);
    }

    @Test
    void shapesNamesAndPadding() {
        Conv2d valid = new Conv2d("c0", 10, 10, 4, 16, 3, 3, Padding.VALID);
        assertThat(valid.describe()).isEqualTo("10x10x4 -> 8x8x16 (16 filters 3x3, valid)");
        assertThat(valid.outputSize).isEqualTo(1024); // MinAtar's baseline network: 8 x 8 x 16 into the dense layer
        assertThat(valid.weight.name).isEqualTo("c0.weight");
        assertThat(valid.bias.name).isEqualTo("c0.bias");
        assertThat(valid.weight.rows).isEqualTo(16);
        assertThat(valid.weight.cols).isEqualTo(36);
        assertThat(valid.bias.size()).isEqualTo(16);
        assertThat(valid.weightMatrix().data).isSameAs(valid.weight.value);
        Conv2d even = new Conv2d("c1", 5, 6, 2, 3, 4, 2, Padding.SAME);
        assertThat(even.describe()).isEqualTo("5x6x2 -> 5x6x3 (3 filters 4x2, same)");
        assertThat(even.padTop).isEqualTo(1); // 4 rows: 1 above, 2 below
        assertThat(even.padLeft).isZero(); // 2 columns: 0 left, 1 right
    }

    /**
     * Initialisation is the dense layers' scheme on the weight matrix outputChannels x (kh kw C_in),
     * fan-in kh kw C_in: the same values, from the same generator state, as a {@link Linear} with
     * that many inputs (orthogonal with a gain as torch.nn.init.orthogonal_ does for a conv weight,
     * which it flattens the same way up to a column order; uniform fan-in with bound 1/sqrt(kh kw C_in)
     * as PyTorch's default conv weight init).
     */
    @Test
    void initialisationIsTheDenseSchemeWithFanInKernelAreaTimesChannels() {
        Conv2d conv = new Conv2d("c", 10, 10, 4, 16, 3, 3, Padding.SAME);
        java.util.Arrays.fill(conv.bias.value, 2f);
        Linear dense = new Linear("d", 36, 16);
        conv.initialiseOrthogonal(Math.sqrt(2), new Rng(21));
        Initializers.orthogonal(dense, Math.sqrt(2), new Rng(21));
        assertThat(conv.weight.value).containsExactly(dense.weight.value);
        assertThat(conv.bias.value).containsOnly(0f);
        // 16 rows of 36: orthonormal rows times the gain.
        for (int a = 0; a < 16; a++) {
            for (int b = 0; b < 16; b++) {
                double s = 0;
                for (int p = 0; p < 36; p++) {
                    s += (double) conv.weight.value[a * 36 + p] * conv.weight.value[b * 36 + p];
                }
                assertThat(s).isCloseTo(a == b ? 2.0 : 0.0, org.assertj.core.api.Assertions.within(1e-5));
            }
        }

        conv.initialiseUniformFanIn(new Rng(22));
        Initializers.uniformFanIn(dense, new Rng(22));
        assertThat(conv.weight.value).containsExactly(dense.weight.value);
        double bound = 1 / Math.sqrt(36);
        for (float w : conv.weight.value) {
            assertThat(Math.abs(w)).isLessThanOrEqualTo((float) bound);
        }
    }
}
