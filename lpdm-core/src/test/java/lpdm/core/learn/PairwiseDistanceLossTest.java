package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Properties of the local loss on given (X, H) that do not need finite differences, for the
 * reference {@link PairwiseDistanceLoss}; {@code lpdm.core.learn.kernels.FastPairwiseDistanceLossTest}
 * runs every one of them again on the fast kernels.
 */
public class PairwiseDistanceLossTest {

    /** The implementation under test, with the given settings (the relative flag off). */
    protected LocalLoss make(double lambda, GuidanceForm form, Normalisation normalise, double eps) {
        return make(lambda, form, normalise, eps, false);
    }

    /** The implementation under test, with the given settings. */
    protected LocalLoss make(double lambda, GuidanceForm form, Normalisation normalise, double eps, boolean relative) {
        return new PairwiseDistanceLoss(lambda, form, normalise, eps, relative);
    }

    public static Matrix gaussian(int rows, int cols, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = (float) rng.nextGaussian();
        }
        return m;
    }

    public static double[] standardGaussian(int n, Rng rng) {
        float[] raw = new float[n];
        for (int i = 0; i < n; i++) {
            raw[i] = (float) rng.nextGaussian();
        }
        double[] g = new double[n];
        PairwiseDistanceLoss.standardise(raw, n, g);
        return g;
    }

    public static PairSet all(int n) {
        PairSet p = new PairSet();
        p.fillAll(n);
        return p;
    }

    @Test
    void isometricLayerHasZeroLossAndZeroGradient() {
        Rng rng = new Rng(3);
        Matrix x = gaussian(9, 4, rng);
        Matrix h = x.copy(); // identity weights, zero bias, identity activation, same width
        Matrix grad = new Matrix(9, 4);
        LocalLoss none = make(0, GuidanceForm.ADDITIVE, Normalisation.NONE, 1e-8);
        assertThat(none.evaluate(x, h, null, all(9), grad)).isEqualTo(0.0);
        assertThat(grad.data).containsOnly(0f);
        assertThat(none.distCorr()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(none.outScale()).isEqualTo(1.0);
        LocalLoss mean = make(0, GuidanceForm.JOINT, Normalisation.MEAN, 1e-8);
        assertThat(mean.evaluate(x, h, null, all(9), grad)).isLessThan(1e-24);
        for (float v : grad.data) {
            assertThat(Math.abs(v)).isLessThan(1e-12f);
        }
    }

    @Test
    void meanNormalisationIsBlindToTheOutputScale() {
        // Loss unchanged by scaling H, and the gradient has no radial component: sum_i <h_i, dL/dh_i> = 0.
        Rng rng = new Rng(5);
        Matrix x = gaussian(10, 3, rng);
        Matrix h = gaussian(10, 6, rng);
        double[] g = standardGaussian(10, rng);
        LocalLoss loss = make(1.3, GuidanceForm.ADDITIVE, Normalisation.MEAN, 1e-8);
        Matrix grad = new Matrix(10, 6);
        double l1 = loss.evaluate(x, h, g, all(10), grad);
        double radial = 0;
        double norm = 0;
        for (int k = 0; k < h.data.length; k++) {
            radial += (double) h.data[k] * grad.data[k];
            norm += (double) grad.data[k] * grad.data[k];
        }
        assertThat(Math.sqrt(norm)).isGreaterThan(1e-3); // a non-trivial gradient ...
        assertThat(Math.abs(radial)).isLessThan(1e-6 * Math.sqrt(norm) * Math.sqrt(h.data.length)); // ... orthogonal to scaling
        Matrix h3 = h.copy();
        lpdm.core.tensor.MatrixOps.scaleInPlace(h3.data, 3f);
        assertThat(loss.evaluate(x, h3, g, all(10), new Matrix(10, 6))).isCloseTo(l1, org.assertj.core.data.Offset.offset(1e-6 * l1));
        // Without normalisation the same configuration does have a radial component (the check can fail).
        LocalLoss plain = make(1.3, GuidanceForm.ADDITIVE, Normalisation.NONE, 1e-8);
        plain.evaluate(x, h, g, all(10), grad);
        double radialPlain = 0;
        for (int k = 0; k < h.data.length; k++) {
            radialPlain += (double) h.data[k] * grad.data[k];
        }
        assertThat(Math.abs(radialPlain)).isGreaterThan(1e-3);
    }

    @Test
    void relativeGuidanceScalesWithTheInputAndAbsoluteDoesNot() {
        // Relative: T(c x) = c T(x), so scaling input and output by c scales the loss by c^2 exactly.
        Rng rng = new Rng(9);
        Matrix x = gaussian(12, 4, rng);
        Matrix h = gaussian(12, 5, rng);
        double[] g = standardGaussian(12, rng);
        Matrix x2 = x.copy();
        Matrix h2 = h.copy();
        lpdm.core.tensor.MatrixOps.scaleInPlace(x2.data, 2f);
        lpdm.core.tensor.MatrixOps.scaleInPlace(h2.data, 2f);
        for (GuidanceForm form : GuidanceForm.values()) {
            LocalLoss relative = make(1.5, form, Normalisation.NONE, 1e-8, true);
            double l1 = relative.evaluate(x, h, g, all(12), new Matrix(12, 5));
            double l2 = relative.evaluate(x2, h2, g, all(12), new Matrix(12, 5));
            assertThat(l2).as(form + " relative").isCloseTo(4 * l1, org.assertj.core.data.Offset.offset(1e-6 * l2));
            LocalLoss absolute = make(1.5, form, Normalisation.NONE, 1e-8, false);
            double a1 = absolute.evaluate(x, h, g, all(12), new Matrix(12, 5));
            double a2 = absolute.evaluate(x2, h2, g, all(12), new Matrix(12, 5));
            assertThat(Math.abs(a2 - 4 * a1)).as(form + " absolute").isGreaterThan(1e-3 * a2);
        }
    }

    @Property(tries = 50)
    void lambdaZeroEqualsNoGuidance(@ForAll @IntRange(min = 2, max = 12) int n, @ForAll @IntRange(min = 1, max = 6) int d,
            @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = gaussian(n, d, rng);
        Matrix h = gaussian(n, d + 1, rng);
        double[] g = standardGaussian(n, rng);
        for (GuidanceForm form : GuidanceForm.values()) {
            for (Normalisation nz : Normalisation.values()) {
                LocalLoss loss = make(0.0, form, nz, 1e-8);
                Matrix withSignal = new Matrix(n, d + 1);
                Matrix without = new Matrix(n, d + 1);
                double a = loss.evaluate(x, h, g, all(n), withSignal);
                double b = loss.evaluate(x, h, null, all(n), without);
                assertThat(Math.abs(a - b)).as("%s %s", form, nz).isLessThanOrEqualTo(1e-7 * Math.max(1, b));
                for (int k = 0; k < without.data.length; k++) {
                    assertThat(Math.abs(withSignal.data[k] - without.data[k])).isLessThanOrEqualTo(1e-7f);
                }
            }
        }
    }

    @Property(tries = 40)
    void permutingTheBatchPermutesTheGradientAndKeepsTheLoss(
            @ForAll @IntRange(min = 2, max = 12) int n, @ForAll @IntRange(min = 1, max = 6) int dIn,
            @ForAll @IntRange(min = 1, max = 6) int dOut, @ForAll @DoubleRange(min = 0, max = 3) double lambda,
            @ForAll long seed) {
        Rng rng = new Rng(seed);
        Matrix x = gaussian(n, dIn, rng);
        Matrix h = gaussian(n, dOut, rng);
        double[] g = standardGaussian(n, rng);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        rng.shuffleInPlace(perm);
        Matrix xp = new Matrix(n, dIn);
        Matrix hp = new Matrix(n, dOut);
        double[] gp = new double[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x.data, perm[i] * dIn, xp.data, i * dIn, dIn);
            System.arraycopy(h.data, perm[i] * dOut, hp.data, i * dOut, dOut);
            gp[i] = g[perm[i]];
        }
        for (GuidanceForm form : GuidanceForm.values()) {
            for (Normalisation nz : Normalisation.values()) {
                LocalLoss loss = make(lambda, form, nz, 1e-8);
                Matrix grad = new Matrix(n, dOut);
                Matrix gradP = new Matrix(n, dOut);
                double a = loss.evaluate(x, h, g, all(n), grad);
                double b = loss.evaluate(xp, hp, gp, all(n), gradP);
                assertThat(Math.abs(a - b)).isLessThanOrEqualTo(1e-9 * Math.max(1, a));
                double scale = 0;
                for (float v : grad.data) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < dOut; k++) {
                        assertThat((double) Math.abs(gradP.get(i, k) - grad.get(perm[i], k)))
                                .isLessThanOrEqualTo(1e-6 * scale + 1e-9);
                    }
                }
            }
        }
    }

    @Test
    void averageOfSampledGradientsApproachesTheFullGradient() {
        // Under normalisation none, with K partners drawn uniformly from the other N - 1 samples and
        // P = N K, the sampled loss and gradient are unbiased for the all-pairs ones (scale 1).
        int n = 10;
        int dOut = 4;
        Rng data = new Rng(11);
        Matrix x = gaussian(n, 3, data);
        Matrix h = gaussian(n, dOut, data);
        double[] g = standardGaussian(n, data);
        for (double lambda : new double[] {0.0, 1.0}) {
            for (GuidanceForm form : GuidanceForm.values()) {
                LocalLoss loss = make(lambda, form, Normalisation.NONE, 1e-8);
                Matrix full = new Matrix(n, dOut);
                double fullLoss = loss.evaluate(x, h, g, all(n), full);
                int draws = 20000;
                double[] mean = new double[n * dOut];
                double meanLoss = 0;
                PairSet sampled = new PairSet();
                Matrix one = new Matrix(n, dOut);
                Rng pairs = new Rng(99);
                for (int t = 0; t < draws; t++) {
                    sampled.fillSampled(n, 2, pairs);
                    meanLoss += loss.evaluate(x, h, g, sampled, one) / draws;
                    for (int k = 0; k < mean.length; k++) {
                        mean[k] += (double) one.data[k] / draws;
                    }
                }
                double err = 0;
                double ref = 0;
                for (int k = 0; k < mean.length; k++) {
                    err += (mean[k] - full.data[k]) * (mean[k] - full.data[k]);
                    ref += (double) full.data[k] * full.data[k];
                }
                String what = "lambda " + lambda + " " + form;
                assertThat(Math.abs(meanLoss - fullLoss) / fullLoss).as(what + " loss").isLessThan(0.01);
                assertThat(Math.sqrt(err / ref)).as(what + " gradient").isLessThan(0.02);
            }
        }
    }

    @Test
    void coincidentSamplesGiveAFiniteGradient() {
        Rng rng = new Rng(8);
        Matrix x = gaussian(6, 3, rng);
        Matrix h = gaussian(6, 4, rng);
        // rows 1 and 4 duplicate in input and output; rows 2 and 3 coincide in output only.
        System.arraycopy(x.data, 3, x.data, 12, 3);
        System.arraycopy(h.data, 4, h.data, 16, 4);
        System.arraycopy(h.data, 8, h.data, 12, 4);
        double[] g = standardGaussian(6, rng);
        PairSet sampled = new PairSet();
        sampled.fillSampled(6, 3, new Rng(1));
        for (PairSet pairs : new PairSet[] {all(6), sampled}) {
            for (Normalisation nz : Normalisation.values()) {
                for (GuidanceForm form : GuidanceForm.values()) {
                    LocalLoss loss = make(0.5, form, nz, 1e-8);
                    Matrix grad = new Matrix(6, 4);
                    assertThat(loss.evaluate(x, h, g, pairs, grad)).isFinite();
                    for (float v : grad.data) {
                        assertThat(v).isFinite();
                        assertThat(Math.abs(v)).isLessThan(100f);
                    }
                }
            }
        }
        // Every output coincident (mean Dout = 0): the guarded mean keeps everything finite.
        Matrix flat = new Matrix(6, 4);
        for (Normalisation nz : Normalisation.values()) {
            LocalLoss loss = make(0.5, GuidanceForm.JOINT, nz, 1e-8);
            Matrix grad = new Matrix(6, 4);
            assertThat(loss.evaluate(x, flat, g, all(6), grad)).isFinite();
            assertThat(grad.data).containsOnly(0f);
            assertThat(loss.distCorr()).isNaN();
            assertThat(loss.outScale()).isEqualTo(0.0);
        }
    }

    @Test
    void noPairsGiveZeroLossAndGradient() {
        Matrix x = new Matrix(1, 2, new float[] {1, 2});
        Matrix h = new Matrix(1, 3, new float[] {1, 2, 3});
        Matrix grad = new Matrix(1, 3, new float[] {5, 5, 5});
        LocalLoss loss = make(0, GuidanceForm.JOINT, Normalisation.MEAN, 1e-8);
        assertThat(loss.evaluate(x, h, null, all(1), grad)).isEqualTo(0.0);
        assertThat(grad.data).containsOnly(0f);
        PairSet sampled = new PairSet();
        sampled.fillSampled(1, 4, new Rng(0));
        assertThat(sampled.size()).isZero();
    }

    @Test
    void knownValueOnThreePoints() {
        // x: 0, 1, 3 on a line; h: 0, 2, 2 on a line (no guidance, none): pairs (0,1) (0,2) (1,2)
        // Din = 1, 3, 2; Dout = 2, 2, 0; L = ((2-1)^2 + (2-3)^2 + (0-2)^2) / 3 = 2.
        Matrix x = new Matrix(3, 1, new float[] {0, 1, 3});
        Matrix h = new Matrix(3, 1, new float[] {0, 2, 2});
        Matrix grad = new Matrix(3, 1);
        LocalLoss loss = make(0, GuidanceForm.ADDITIVE, Normalisation.NONE, 1e-8);
        assertThat(loss.evaluate(x, h, null, all(3), grad)).isEqualTo(2.0);
        // dL/dh_0 = C_01 (h0-h1) + C_02 (h0-h2), C = 2 (Dout - T) / (P Dout): C_01 = 1/3, C_02 = -1/3.
        // = (1/3)(-2) + (-1/3)(-2) = 0; dL/dh_1 = C_01 (h1-h0) + 0 (coincident) = 2/3; dL/dh_2 = -2/3.
        assertThat(grad.data[0]).isCloseTo(0f, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(grad.data[1]).isCloseTo(2f / 3, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(grad.data[2]).isCloseTo(-2f / 3, org.assertj.core.data.Offset.offset(1e-7f));
        assertThat(loss.outScale()).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-12));
        // corr(Din, Dout) = corr((1,3,2), (2,2,0)): deviations (-1,1,0) and (2/3,2/3,-4/3), covariance 0.
        assertThat(loss.distCorr()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-12));
        // x: 0, 1, 3; h: 0, 2, 5: Din = 1, 3, 2; Dout = 2, 5, 3: deviations (-1,1,0), (-4/3,5/3,-1/3),
        // covariance 3, variances 2 and 14/3: corr = 3 / sqrt(28/3).
        loss.evaluate(x, new Matrix(3, 1, new float[] {0, 2, 5}), null, all(3), grad);
        assertThat(loss.distCorr()).isCloseTo(3 / Math.sqrt(28.0 / 3), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void standardiseGivesZeroMeanUnitStdOrZeros() {
        float[] raw = {1, 2, 3, 4, 10};
        double[] out = new double[5];
        PairwiseDistanceLoss.standardise(raw, 5, out);
        double m = 0;
        double v = 0;
        for (double o : out) {
            m += o / 5;
        }
        for (double o : out) {
            v += (o - m) * (o - m) / 5;
        }
        assertThat(m).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
        PairwiseDistanceLoss.standardise(new float[] {7.25f, 7.25f, 7.25f}, 3, out);
        assertThat(new double[] {out[0], out[1], out[2]}).containsOnly(0.0);
        assertThatThrownBy(() -> PairwiseDistanceLoss.standardise(new float[] {1, Float.NaN}, 2, new double[2]))
                .hasMessageContaining("not finite");
    }
}
