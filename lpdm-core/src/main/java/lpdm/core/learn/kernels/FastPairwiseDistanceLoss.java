package lpdm.core.learn.kernels;

import lpdm.core.learn.LocalLoss;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.learn.LpdmConfig.GradientForm;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.learn.PairSet;
import lpdm.core.learn.PairwiseDistanceLoss;
import lpdm.core.tensor.Matrix;

/**
 * The local loss of {@link PairwiseDistanceLoss} (the reference: read it for the equations and
 * the gradient) computed fast, as training runs it by default: the pair work by a
 * {@link PairKernel} ({@link AllPairsKernel} or {@link MatrixFormKernel} for all pairs as
 * {@code lpdm.gradient_form} says, {@link SampledPairsKernel} for any other pair set), buffers
 * reused across calls, sums with several partial sums. Property tests hold it to the reference
 * within float rounding (not bit for bit: the reference works in double throughout).
 *
 * <h2>Precision</h2>
 * Inputs and outputs are float32. Squared distances are accumulated in float32 from direct
 * differences (every term is non-negative, so the relative error is at most about (d + 2) 2^-24
 * and no cancellation occurs; within a kernel each pair's terms are always added in the same
 * order, so a pair's distance does not depend on where the pair sits in the set or in the batch).
 * Distances, means, targets, residuals, coefficients and the dL/dH accumulator of the direct
 * forms are double, so the gradient is summed in double and rounded to float32 once.
 *
 * <h2>Cost</h2>
 * Time O(P (d_in + d_out)); an input's squared distances can be passed in (a layer's input is the
 * previous layer's output, whose distances the previous layer computed over the same pairs), then
 * d_in drops out. Memory: {@link #workspaceBytes}; no N^2 x d temporaries. Buffers grow only when
 * the sizes grow. Not thread-safe.
 */
public final class FastPairwiseDistanceLoss implements LocalLoss {
    private double lambda;
    private final GuidanceForm form;
    private final Normalisation normalise;
    private final double eps;
    /** lambda in units of the mean input distance of the batch (normalisation none only; mean mode already is). */
    private final boolean relative;
    /** How the all-pairs gradient is computed. */
    private final GradientForm gradientForm;

    private double[] din = new double[0];
    private double[] dout = new double[0];
    private double[] target = new double[0];
    /** Squared output distances of the last call (float, per pair); two buffers so that a caller may pass one back as input. */
    private float[] squaredA = new float[0];
    private float[] squaredB = new float[0];
    private float[] lastSquaredOut;
    /** The kernel for all pairs (direct or matrix form) and the one for every other pair set. */
    private final PairKernel allPairs;
    private final PairKernel otherPairs = new SampledPairsKernel();

    private double loss = Double.NaN;
    private double distCorr = Double.NaN;
    private double outScale = Double.NaN;

    /**
     * @param lambda guidance weight (>= 0); used only when a signal is passed
     * @param form guidance form
     * @param normalise distance normalisation
     * @param eps guard (> 0) of the division by Dout and of the means
     */
    public FastPairwiseDistanceLoss(double lambda, GuidanceForm form, Normalisation normalise, double eps) {
        this(lambda, form, normalise, eps, false);
    }

    /**
     * As {@link #FastPairwiseDistanceLoss(double, GuidanceForm, Normalisation, double)}; with
     * {@code relative} (normalisation none) the guidance weight is lambda * mean(Din) over the
     * batch's pairs, so that lambda does not depend on the scale of the layer's input (its width, an
     * observation normaliser). The target is still a constant for the gradient (it depends on the
     * input and the signal only). Under normalisation mean the input distance is already in units of
     * its mean, so the flag changes nothing there.
     */
    public FastPairwiseDistanceLoss(double lambda, GuidanceForm form, Normalisation normalise, double eps, boolean relative) {
        this(lambda, form, normalise, eps, relative, GradientForm.DIRECT);
    }

    /**
     * As {@link #FastPairwiseDistanceLoss(double, GuidanceForm, Normalisation, double, boolean)}, with the
     * all-pairs gradient computed in {@code gradientForm} (see the class comment).
     */
    public FastPairwiseDistanceLoss(double lambda, GuidanceForm form, Normalisation normalise, double eps, boolean relative, GradientForm gradientForm) {
        if (gradientForm == null) {
            throw new IllegalArgumentException("invalid local-loss settings: gradient form null");
        }
        this.gradientForm = gradientForm;
        this.allPairs = gradientForm == GradientForm.MATRIX ? new MatrixFormKernel() : new AllPairsKernel();
        this.relative = relative;
        if (!(lambda >= 0) || !(eps > 0) || form == null || normalise == null) {
            throw new IllegalArgumentException("invalid local-loss settings: lambda " + lambda + ", form " + form + ", normalise " + normalise + ", eps " + eps);
        }
        this.lambda = lambda;
        this.form = form;
        this.normalise = normalise;
        this.eps = eps;
    }

    /** Changes the guidance weight (for a schedule of lambda); {@code lambda} must be >= 0 and finite. */
    @Override
    public void setLambda(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    /** The loss settings of {@code config} (its guidance, form, normalisation and eps). */
    public static FastPairwiseDistanceLoss of(LpdmConfig config) {
        return new FastPairwiseDistanceLoss(config.guidance(), config.guidanceForm(), config.normalise(), config.eps(), config.relativeGuidance(),
                config.gradientForm());
    }

    @Override
    public double evaluate(Matrix x, float[] inputSquared, Matrix h, double[] signal, PairSet pairs, Matrix gradH) {
        final int n = x.rows;
        if (h.rows != n || gradH.rows != n || gradH.cols != h.cols || pairs.samples() != n) {
            throw new IllegalArgumentException("local loss: shapes disagree: x " + x + ", h " + h + ", dL/dH " + gradH + ", pairs over " + pairs.samples() + " samples");
        }
        if (signal != null && signal.length < n) {
            throw new IllegalArgumentException("local loss: signal has " + signal.length + " values for " + n + " samples");
        }
        final int dOut = h.cols;
        final int p = pairs.size();
        if (inputSquared != null && inputSquared.length < p) {
            throw new IllegalArgumentException("local loss: " + inputSquared.length + " input distances for " + p + " pairs");
        }
        if (din.length < p) {
            din = new double[p];
            dout = new double[p];
            target = new double[p];
        }
        float[] outSq = inputSquared == squaredA ? squaredB : squaredA;
        if (outSq.length < p) {
            outSq = new float[Math.max(p, 1)];
            if (inputSquared == squaredA) {
                squaredB = outSq;
            } else {
                squaredA = outSq;
            }
        }
        lastSquaredOut = outSq;
        if (p == 0) {
            java.util.Arrays.fill(gradH.data, 0f);
            loss = 0;
            distCorr = Double.NaN;
            outScale = Double.NaN;
            return 0;
        }
        final PairKernel kernel = pairs.isAllPairs() ? allPairs : otherPairs;

        // 1. Distances from direct differences (squared, float; then double).
        float[] inSq = inputSquared;
        if (inSq == null) {
            // The buffer that is not the output (the two alternate from call to call).
            if (outSq == squaredA) {
                if (squaredB.length < p) {
                    squaredB = new float[p];
                }
                inSq = squaredB;
            } else {
                if (squaredA.length < p) {
                    squaredA = new float[p];
                }
                inSq = squaredA;
            }
            kernel.squaredDistances(x, pairs, inSq);
        }
        kernel.squaredDistances(h, pairs, outSq);
        squareRoots(inSq, din, p);
        squareRoots(outSq, dout, p);
        final double meanIn = sum(din, p) / p;
        final double meanOut = sum(dout, p) / p;
        final boolean mean = normalise == Normalisation.MEAN;
        final int[] fi = pairs.firstArray();
        final int[] se = pairs.secondArray();

        // 2. Targets (from the normalised input distance in mean mode), then their own normalisation.
        final double inScale = mean ? 1.0 / Math.max(meanIn, eps) : 1.0;
        double sumT = 0;
        double[] target = this.target;
        if (signal == null && !mean) {
            target = din; // T = Din: no copy
        } else if (signal == null) {
            for (int q = 0; q < p; q++) {
                target[q] = din[q] * inScale;
            }
            sumT = sum(target, p);
        } else {
            final double lambda = relative && !mean ? this.lambda * meanIn : this.lambda;
            for (int q = 0; q < p; q++) {
                double d = din[q] * inScale;
                double dg = signal[fi[q]] - signal[se[q]];
                double t = form == GuidanceForm.JOINT ? Math.sqrt(d * d + lambda * lambda * dg * dg) : d + lambda * Math.abs(dg);
                target[q] = t;
                sumT += t;
            }
        }
        if (mean) {
            double tScale = 1.0 / Math.max(sumT / p, eps);
            for (int q = 0; q < p; q++) {
                target[q] *= tScale;
            }
        }

        // 3. Residuals, loss, rho, and the Din-Dout correlation (two-pass, around the means).
        final double s = mean ? 1.0 / Math.max(meanOut, eps) : 1.0;
        final boolean throughMean = mean && meanOut > eps;
        // Two interleaved partial sums per quantity (shorter dependency chains).
        double sumR2 = 0;
        double sumRD = 0;
        double cxy = 0;
        double cxx = 0;
        double cyy = 0;
        double sumR2b = 0;
        double sumRDb = 0;
        double cxyb = 0;
        double cxxb = 0;
        double cyyb = 0;
        int q2 = 0;
        for (; q2 + 1 < p; q2 += 2) {
            double o = s * dout[q2];
            double r = o - target[q2];
            sumR2 += r * r;
            sumRD += r * o;
            double a = din[q2] - meanIn;
            double b = dout[q2] - meanOut;
            cxy += a * b;
            cxx += a * a;
            cyy += b * b;
            double ob = s * dout[q2 + 1];
            double rb = ob - target[q2 + 1];
            sumR2b += rb * rb;
            sumRDb += rb * ob;
            double ab = din[q2 + 1] - meanIn;
            double bb = dout[q2 + 1] - meanOut;
            cxyb += ab * bb;
            cxxb += ab * ab;
            cyyb += bb * bb;
        }
        for (; q2 < p; q2++) {
            double o = s * dout[q2];
            double r = o - target[q2];
            sumR2 += r * r;
            sumRD += r * o;
            double a = din[q2] - meanIn;
            double b = dout[q2] - meanOut;
            cxy += a * b;
            cxx += a * a;
            cyy += b * b;
        }
        sumR2 += sumR2b;
        sumRD += sumRDb;
        cxy += cxyb;
        cxx += cxxb;
        cyy += cyyb;
        loss = sumR2 / p;
        distCorr = cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : Double.NaN;
        outScale = meanIn > 0 ? meanOut / meanIn : Double.NaN;
        final double rho = throughMean ? sumRD / p : 0.0;

        // 4. C_q = dL/dDout_q / max(Dout_q, eps) (into din, no longer needed; target may be din), then dL/dH.
        final double g0 = 2.0 * s / p;
        final double[] c = din;
        for (int q = 0; q < p; q++) {
            double r = s * dout[q] - target[q];
            c[q] = g0 * (r - rho) / Math.max(dout[q], eps);
        }
        kernel.gradient(h, pairs, c, dout, meanOut, gradH);
        return loss;
    }

    /**
     * out[q] = sqrt(squared[q]) in double for q &lt; p, as two loops: widening, then the square root.
     * HotSpot's C2 (JDK 17) vectorises each on its own but not the fused loop (float to double and
     * square root in one), which ran about 3x slower (19 against 7 us for 8,128 pairs); the results
     * are the same (the widening is exact and both square roots are correctly rounded).
     */
    private static void squareRoots(float[] squared, double[] out, int p) {
        for (int q = 0; q < p; q++) {
            out[q] = squared[q];
        }
        for (int q = 0; q < p; q++) {
            out[q] = Math.sqrt(out[q]);
        }
    }

    /** Sum of the first n values with four partial sums. */
    private static double sum(double[] v, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int q = 0;
        for (; q + 3 < n; q += 4) {
            s0 += v[q];
            s1 += v[q + 1];
            s2 += v[q + 2];
            s3 += v[q + 3];
        }
        for (; q < n; q++) {
            s0 += v[q];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * The squared output distances (float, one per pair) of the last {@link #evaluate}, valid until
     * the call after next: pass them as the next layer's input distances over the same pairs.
     */
    @Override
    public float[] outputSquaredDistances() {
        return lastSquaredOut;
    }

    /**
     * C_q = dL/dDout_q / max(Dout_q, eps) of the last {@link #evaluate}, for q below the number of
     * pairs, valid until the next call. For tests: the rounding bound of the matrix form is a sum of
     * |C_q| times the magnitudes of the rows it multiplies.
     */
    double[] lastPairCoefficients() {
        return din;
    }

    /** The loss of the last {@link #evaluate} (NaN before the first). */
    @Override
    public double loss() {
        return loss;
    }

    /** Pearson correlation of Din and Dout over the last call's pairs (NaN if either is constant). */
    @Override
    public double distCorr() {
        return distCorr;
    }

    /** mean Dout / mean Din over the last call's pairs (NaN if mean Din = 0). */
    @Override
    public double outScale() {
        return outScale;
    }

    /**
     * Extra bytes this loss keeps live while evaluating a set of {@code pairs} pairs over
     * {@code samples} samples with an output of {@code outputSize}:
     * {@link #pairWorkspaceBytes} plus {@link #gradientWorkspaceBytes}. A set of N (N - 1) / 2 pairs
     * is taken to be the all-pairs set (the one {@link PairSet#fillAll} makes).
     */
    public static long workspaceBytes(int pairs, int samples, int outputSize) {
        return workspaceBytes(pairs, samples, outputSize, GradientForm.DIRECT);
    }

    /** As {@link #workspaceBytes(int, int, int)} for an all-pairs gradient computed in {@code form}. */
    public static long workspaceBytes(int pairs, int samples, int outputSize, GradientForm form) {
        boolean all = samples >= 2 && pairs == (long) samples * (samples - 1) / 2;
        return pairWorkspaceBytes(pairs, samples, all, form) + gradientWorkspaceBytes(samples, outputSize, all, form);
    }

    /**
     * The per-pair part of {@link #workspaceBytes}: squared input and output distances (two floats
     * per pair), distances and targets (three doubles per pair), and for all pairs the N x N double
     * matrix of coefficients and a row of N floats.
     */
    public static long pairWorkspaceBytes(int pairs, int samples, boolean allPairs) {
        return pairWorkspaceBytes(pairs, samples, allPairs, GradientForm.DIRECT);
    }

    /**
     * As {@link #pairWorkspaceBytes(int, int, boolean)}; with all pairs in {@link GradientForm#MATRIX}
     * the coefficients are an N x N float matrix and one int per pair lists the guarded pairs.
     */
    public static long pairWorkspaceBytes(int pairs, int samples, boolean allPairs, GradientForm form) {
        if (!allPairs) {
            return 32L * pairs;
        }
        return 32L * pairs + 4L * samples + (form == GradientForm.MATRIX ? 4L * samples * samples + 4L * pairs : 8L * samples * samples);
    }

    /**
     * The activation-shaped part of {@link #workspaceBytes}: the N x d_out double accumulator of
     * dL/dH and the copies of H it is computed from (all pairs: a double accumulator and transposed
     * copies in float and double, 20 bytes per element; otherwise: float rows of H and of the
     * accumulator, 8 bytes per element).
     */
    public static long gradientWorkspaceBytes(int samples, int outputSize, boolean allPairs) {
        return gradientWorkspaceBytes(samples, outputSize, allPairs, GradientForm.DIRECT);
    }

    /**
     * As {@link #gradientWorkspaceBytes(int, int, boolean)}; with all pairs in
     * {@link GradientForm#MATRIX}: the float transposed copy of H (distances), the centred H and the
     * product C H, 12 bytes per element, and the column means (4 bytes per column).
     */
    public static long gradientWorkspaceBytes(int samples, int outputSize, boolean allPairs, GradientForm form) {
        if (!allPairs) {
            return 8L * samples * outputSize;
        }
        return form == GradientForm.MATRIX ? 12L * samples * outputSize + 4L * outputSize : 20L * samples * outputSize;
    }
}
