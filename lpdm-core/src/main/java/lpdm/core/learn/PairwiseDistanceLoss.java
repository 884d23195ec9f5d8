package lpdm.core.learn;

import lpdm.core.learn.LpdmConfig.GradientForm;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * The local loss of one hidden layer and its analytic gradient with respect to the layer's output
 * (docs/lpdm.md, docs/method.md). Given the layer input X (N x d_in), its output H (N x d_out), an
 * optional standardised signal g and a {@link PairSet} of P pairs p = (i, j):
 *
 * <pre>
 *   Din_p  = ||x_i - x_j||,   Dout_p = ||h_i - h_j||      (direct differences, never the Gram form)
 *   none:  din_p = Din_p,  T_p = target(din_p, g_i - g_j),  t_p = T_p,  s = 1
 *   mean:  din_p = Din_p / mean(Din),  T_p = target(din_p, g_i - g_j),  t_p = T_p / mean(T),
 *          s = 1 / mean(Dout)                             (means over the P pairs of the set)
 *   target(d, dg) = d                                    without guidance (g absent)
 *                 = sqrt(d^2 + lambda^2 dg^2)            joint
 *                 = d + lambda |dg|                      additive
 *   r_p = s Dout_p - t_p,      L = (1 / P) sum_p r_p^2
 * </pre>
 *
 * In mean mode the target is built from the normalised input distance, so lambda is measured in
 * units of the mean input distance, and the target is then normalised by its own mean; without
 * guidance this is the same as dividing Din by its mean. Every mean is guarded from below by
 * {@code eps}.
 *
 * <h2>Gradient</h2>
 * Only Dout depends on the layer's weights (X and g do not), so t_p is a constant and
 * <pre>
 *   none:  dL/dDout_q = (2 / P) r_q
 *   mean:  dL/dDout_q = (2 / P) sum_p r_p d(s Dout_p)/dDout_q,  with s = 1/m, m = (1/P) sum_p Dout_p,
 *          d(Dout_p / m)/dDout_q = delta_pq / m - Dout_p / (P m^2) = s (delta_pq - s Dout_p / P), so
 *          dL/dDout_q = (2 s / P) (r_q - rho),   rho = (1 / P) sum_p r_p (s Dout_p).
 * </pre>
 * The {@code - rho} term is the part through the mean. It makes the gradient blind to the overall
 * scale: sum_q Dout_q dL/dDout_q = (2 s / P) (sum_q r_q Dout_q - rho P m) = 0 (Euler's theorem for
 * a loss of degree 0 in H). Dropping it (means as constants) leaves the radial component
 * (2 s / P) rho Dout_q, which shrinks the outputs whenever the target cannot be fitted. When
 * m &lt;= eps the guard makes s constant and the rho term is dropped (its derivative is zero there).
 *
 * <p>Then, with C_q = dL/dDout_q / max(Dout_q, eps) and dDout_q/dh_i = (h_i - h_j) / Dout_q for
 * q = (i, j):
 * <pre>
 *   dL/dh_i += C_q (h_i - h_j),   dL/dh_j -= C_q (h_i - h_j)     for every pair q = (i, j)
 * </pre>
 * which for all pairs is method.md's dL/dH = diag(C 1) H - C H with a symmetric C. Coincident
 * outputs (Dout_q = 0) contribute exactly zero, since h_i - h_j = 0 there.
 *
 * <h2>Sampled pairs</h2>
 * With {@link PairSet#fillSampled} (K partners per sample drawn uniformly from the other N - 1,
 * with replacement, P = N K) each term has expectation E[l_{iJ}] = (1 / (N - 1)) sum_{j != i} l_ij,
 * so E[(1 / (N K)) sum_i sum_k l_{i J_ik}] = (1 / (N (N - 1))) sum_{i != j} l_ij
 * = (2 / (N (N - 1))) sum_{i &lt; j} l_ij: the sampled loss <em>and its gradient</em> are unbiased
 * estimates (scale exactly 1) of the all-pairs ones under normalisation none, with or without
 * guidance. Under normalisation mean the estimate is a ratio of sample means and only consistent
 * (bias O(1 / (N K))), not unbiased.
 *
 * <h2>Precision and cost</h2>
 * Inputs and outputs are float32. Squared distances are accumulated in float32 from direct
 * differences (every term is non-negative, so the relative error is at most about (d + 2) 2^-24
 * and no cancellation occurs; within a kernel each pair's terms are always added in the same
 * order, so a pair's distance does not depend on where the pair sits in the set or in the batch). Distances, means,
 * targets, residuals, coefficients and the dL/dH accumulator are double, so the gradient is summed
 * in double and rounded to float32 once.
 *
 * <p>Two kernels. For the pair set of {@link PairSet#fillAll} (all pairs i &lt; j) the squared
 * distances are computed row by row over a transposed copy of the matrix, so that the innermost
 * loop runs over the partners j with every array indexed alike (which HotSpot's C2 vectorises);
 * the coefficients are laid out as a symmetric N x N matrix C, and dL/dh_j = sum_i C_ij (h_j - h_i)
 * is accumulated, again transposed, for all j at once, from direct differences. For any other
 * pair set (sampled pairs, explicit test sets) each pair's distance is a short loop over the
 * coordinates and its gradient is scattered onto both samples. Time O(P (d_in + d_out)) either way
 * (the all-pairs gradient does N^2 d multiply-adds, twice P d); an input's squared distances can be
 * passed in (a layer's input is the previous layer's output, whose distances the previous layer
 * computed over the same pairs), then d_in drops out.
 *
 * <p>{@link GradientForm#MATRIX} ({@code lpdm.gradient_form=matrix}, all pairs only) computes the
 * same gradient as method.md writes it, dL/dH = diag(C 1) H - C H: C rounded to a float N x N
 * matrix, C H by the float matrix-product kernel of {@link MatrixOps} (N^2 d multiply-adds, as
 * above, but in the kernel that runs the networks' products), then row j of dL/dH =
 * (sum_i C_ij) h_j - (C H)_j in double, rounded to float. Each pair's two terms now come from
 * separate sums, so their rounding scales with |h| where the direct form's scales with
 * |h_i - h_j|. Two measures keep that small. H is centred first (its column means subtracted,
 * which leaves the gradient unchanged), so |h| is the spread of the rows, not their distance from
 * the origin. And a pair q = (i, j) whose outputs nearly coincide, whose C_q grows like
 * 1 / Dout_q, is left out of the matrix when Dout_q is at most {@link #MATRIX_GUARD} times the
 * mean output distance, and added from direct differences as the sampled-pair scatter does.
 * The result agrees with the direct form to float rounding (tests: within 1e-4 of the gradient's
 * rms, about 1e-6 measured on random data, also with duplicated and nearly duplicated rows), not
 * bit for bit.
 *
 * <p>Memory: {@link #workspaceBytes}; no N^2 x d temporaries. Buffers are reused across calls and grow only when the sizes grow. Not
 * thread-safe.
 */
public final class PairwiseDistanceLoss {
    private double lambda;
    private final GuidanceForm form;
    private final Normalisation normalise;
    private final double eps;
    /** lambda in units of the mean input distance of the batch (normalisation none only; mean mode already is). */
    private final boolean relative;
    /** How the all-pairs gradient is computed. */
    private final GradientForm gradientForm;

    /**
     * {@link GradientForm#MATRIX}: pairs with an output distance at most this fraction of the mean
     * output distance of the batch's pairs are added from direct differences instead of through the
     * matrix product.
     */
    public static final double MATRIX_GUARD = 1e-3;

    private double[] din = new double[0];
    private double[] dout = new double[0];
    private double[] target = new double[0];
    /** Squared output distances of the last call (float, per pair); two buffers so that a caller may pass one back as input. */
    private float[] squaredA = new float[0];
    private float[] squaredB = new float[0];
    private float[] lastSquaredOut;
    /** Row scratch (length N) of the all-pairs distance kernel. */
    private float[] distanceRow = new float[0];
    /** Transposed copies (d rows of N) of the matrix whose distances are computed, float and double. */
    private float[][] transposedF = new float[0][];
    private double[][] transposedD = new double[0][];
    /** All pairs: the symmetric coefficient matrix (N rows of N); other pair sets: unused. */
    private double[][] coefficients = new double[0][];
    /** All pairs: the dL/dH accumulator, transposed (d rows of N). */
    private double[][] accumulator = new double[0][];
    /** Other pair sets: rows of H and of the dL/dH accumulator (N rows of d, float). */
    private float[][] rowsF = new float[0][];
    private float[][] accumulatorRowsF = new float[0][];
    /** Matrix form: C as a float N x N matrix, the product C H (N x d) and the guarded pairs' indices. */
    private Matrix coefficientMatrix = new Matrix(0, 0);
    private Matrix productCH = new Matrix(0, 0);
    private Matrix centred = new Matrix(0, 0);
    private float[] columnMeans = new float[0];
    private int[] guarded = new int[0];

    private double loss = Double.NaN;
    private double distCorr = Double.NaN;
    private double outScale = Double.NaN;

    /**
     * @param lambda guidance weight (>= 0); used only when a signal is passed
     * @param form guidance form
     * @param normalise distance normalisation
     * @param eps guard (> 0) of the division by Dout and of the means
     */
    public PairwiseDistanceLoss(double lambda, GuidanceForm form, Normalisation normalise, double eps) {
        this(lambda, form, normalise, eps, false);
    }

    /**
     * As {@link #PairwiseDistanceLoss(double, GuidanceForm, Normalisation, double)}; with
     * {@code relative} (normalisation none) the guidance weight is lambda * mean(Din) over the
     * batch's pairs, so that lambda does not depend on the scale of the layer's input (its width, an
     * observation normaliser). The target is still a constant for the gradient (it depends on the
     * input and the signal only). Under normalisation mean the input distance is already in units of
     * its mean, so the flag changes nothing there.
     */
    public PairwiseDistanceLoss(double lambda, GuidanceForm form, Normalisation normalise, double eps, boolean relative) {
        this(lambda, form, normalise, eps, relative, GradientForm.DIRECT);
    }

    /**
     * As {@link #PairwiseDistanceLoss(double, GuidanceForm, Normalisation, double, boolean)}, with the
     * all-pairs gradient computed in {@code gradientForm} (see the class comment).
     */
    public PairwiseDistanceLoss(double lambda, GuidanceForm form, Normalisation normalise, double eps, boolean relative, GradientForm gradientForm) {
        if (gradientForm == null) {
            throw new IllegalArgumentException("invalid local-loss settings: gradient form null");
        }
        this.gradientForm = gradientForm;
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
    public void setLambda(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    /** The loss settings of {@code config} (its guidance, form, normalisation and eps). */
    public static PairwiseDistanceLoss of(LpdmConfig config) {
        return new PairwiseDistanceLoss(config.guidance(), config.guidanceForm(), config.normalise(), config.eps(), config.relativeGuidance(),
                config.gradientForm());
    }

    /**
     * Computes the loss and writes dL/dH into {@code gradH}.
     *
     * @param x layer input, N x d_in (not modified)
     * @param h layer output, N x d_out (not modified)
     * @param signal standardised guidance signal of length N, or null for no guidance (target = din)
     * @param pairs the pairs, over N = x.rows samples
     * @param gradH dL/dH, N x d_out (modified)
     * @return the loss L (0 when there are no pairs)
     */
    public double evaluate(Matrix x, Matrix h, double[] signal, PairSet pairs, Matrix gradH) {
        return evaluate(x, null, h, signal, pairs, gradH);
    }

    /**
     * As {@link #evaluate(Matrix, Matrix, double[], PairSet, Matrix)}, with the squared input
     * distances of {@code pairs} given ({@code inputSquared[q]} for pair q, as computed by this class
     * for the previous layer's output: {@link #outputSquaredDistances()}), or computed from
     * {@code x} when {@code inputSquared} is null.
     */
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
        final boolean all = pairs.isAllPairs();

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
            squaredDistances(x, pairs, all, inSq);
        }
        squaredDistances(h, pairs, all, outSq);
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
        if (all && gradientForm == GradientForm.MATRIX) {
            matrixGradient(h, c, pairs, meanOut, gradH);
        } else if (all) {
            allPairsGradient(h, c, gradH);
        } else {
            scatterGradient(h, pairs, c, gradH);
        }
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
    public float[] outputSquaredDistances() {
        return lastSquaredOut;
    }

    /** Squared distances of the rows of m for every pair (each pair's terms always summed in the same order). */
    private void squaredDistances(Matrix m, PairSet pairs, boolean all, float[] out) {
        final int n = m.rows;
        final int d = m.cols;
        final float[] md = m.data;
        if (!all && d % 8 == 0 && MatrixOps.vectorApi()) {
            VectorPairKernels.sampledSquaredDistances(md, d, pairs.firstArray(), pairs.secondArray(), pairs.size(), out);
            return;
        }
        if (!all) {
            final int[] fi = pairs.firstArray();
            final int[] se = pairs.secondArray();
            final int p = pairs.size();
            final int d8 = d & ~7;
            for (int q = 0; q < p; q++) {
                int a = fi[q] * d;
                int b = se[q] * d;
                // Eight independent partial sums (short dependency chains), combined pairwise.
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                float s4 = 0f;
                float s5 = 0f;
                float s6 = 0f;
                float s7 = 0f;
                int k = 0;
                for (; k < d8; k += 8) {
                    float e0 = md[a + k] - md[b + k];
                    float e1 = md[a + k + 1] - md[b + k + 1];
                    float e2 = md[a + k + 2] - md[b + k + 2];
                    float e3 = md[a + k + 3] - md[b + k + 3];
                    float e4 = md[a + k + 4] - md[b + k + 4];
                    float e5 = md[a + k + 5] - md[b + k + 5];
                    float e6 = md[a + k + 6] - md[b + k + 6];
                    float e7 = md[a + k + 7] - md[b + k + 7];
                    s0 += e0 * e0;
                    s1 += e1 * e1;
                    s2 += e2 * e2;
                    s3 += e3 * e3;
                    s4 += e4 * e4;
                    s5 += e5 * e5;
                    s6 += e6 * e6;
                    s7 += e7 * e7;
                }
                for (; k < d; k++) {
                    float e0 = md[a + k] - md[b + k];
                    s0 += e0 * e0;
                }
                out[q] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
            }
            return;
        }
        float[][] t = transposeF(m);
        if (distanceRow.length < n) {
            distanceRow = new float[n];
        }
        final float[] row = distanceRow;
        int q = 0;
        for (int i = 0; i < n - 1; i++) {
            distanceRow(t, d, i, n, row);
            System.arraycopy(row, i + 1, out, q, n - 1 - i);
            q += n - 1 - i;
        }
    }

    /** row[j] = ||h_i - h_j||^2 for i &lt; j &lt; n over the transposed rows t (kept small for the JIT). */
    private static void distanceRow(float[][] t, int d, int i, int n, float[] row) {
        java.util.Arrays.fill(row, i + 1, n, 0f);
        final int d4 = d & ~3;
        int k = 0;
        for (; k < d4; k += 4) {
            float[] t0 = t[k];
            float[] t1 = t[k + 1];
            float[] t2 = t[k + 2];
            float[] t3 = t[k + 3];
            float a0 = t0[i];
            float a1 = t1[i];
            float a2 = t2[i];
            float a3 = t3[i];
            for (int j = i + 1; j < n; j++) {
                float e0 = a0 - t0[j];
                float e1 = a1 - t1[j];
                float e2 = a2 - t2[j];
                float e3 = a3 - t3[j];
                row[j] += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
            }
        }
        for (; k < d; k++) {
            float[] t0 = t[k];
            float a0 = t0[i];
            for (int j = i + 1; j < n; j++) {
                float e0 = a0 - t0[j];
                row[j] += e0 * e0;
            }
        }
    }

    /** m (N x d) transposed into d float rows of length N (scratch). */
    private float[][] transposeF(Matrix m) {
        final int n = m.rows;
        final int d = m.cols;
        if (transposedF.length < d || (d > 0 && transposedF[0].length < n)) {
            transposedF = new float[Math.max(d, transposedF.length)][Math.max(n, transposedF.length == 0 ? 0 : transposedF[0].length)];
        }
        final float[] md = m.data;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                transposedF[k][i] = md[o + k];
            }
        }
        return transposedF;
    }

    /**
     * All pairs: with C symmetric (C_ii = 0), dL/dh_j = sum_i C_ij (h_j - h_i), accumulated in double
     * for every j at once, coordinate by coordinate, four sources i per pass, from direct differences.
     */
    private void allPairsGradient(Matrix h, double[] c, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        if (coefficients.length < n || coefficients[0].length < n) {
            coefficients = new double[n][n];
        }
        if (transposedD.length < d || (d > 0 && transposedD[0].length < n)) {
            transposedD = new double[Math.max(d, transposedD.length)][Math.max(n, transposedD.length == 0 ? 0 : transposedD[0].length)];
        }
        if (accumulator.length < d || (d > 0 && accumulator[0].length < n)) {
            accumulator = new double[Math.max(d, accumulator.length)][Math.max(n, accumulator.length == 0 ? 0 : accumulator[0].length)];
        }
        final double[][] cm = coefficients;
        int q = 0;
        for (int i = 0; i < n; i++) {
            double[] ci = cm[i];
            ci[i] = 0;
            for (int j = i + 1; j < n; j++) {
                double v = c[q++];
                ci[j] = v;
                cm[j][i] = v;
            }
        }
        final float[] hd = h.data;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                transposedD[k][i] = hd[o + k];
            }
        }
        sourceBlocks(cm, d, n);
        final float[] gd = gradH.data;
        for (int j = 0; j < n; j++) {
            int o = j * d;
            for (int k = 0; k < d; k++) {
                gd[o + k] = (float) accumulator[k][j];
            }
        }
    }

    /**
     * All pairs, {@link GradientForm#MATRIX}: dL/dH = diag(C 1) H - C H by the float product kernel,
     * H centred first, pairs with Dout at most {@link #MATRIX_GUARD} times the mean output distance
     * {@code meanOut} added directly.
     */
    private void matrixGradient(Matrix h, double[] c, PairSet pairs, double meanOut, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        final int p = pairs.size();
        if (coefficientMatrix.rows != n) {
            coefficientMatrix = new Matrix(n, n);
        }
        if (productCH.rows != n || productCH.cols != d) {
            productCH = new Matrix(n, d);
            centred = new Matrix(n, d);
        }
        if (guarded.length < p) {
            guarded = new int[p];
        }
        if (columnMeans.length < d) {
            columnMeans = new float[d];
        }
        // The gradient does not change when every row of H moves by the same vector, so H is centred
        // first: the rounding of the two separate sums then scales with the spread of the rows, not
        // with their distance from the origin (tanh outputs can sit far from 0 with a small spread).
        // Any vector would do, so the mean is a float one; where rows are close to it, h - mu is
        // exact in float.
        final float[] h0 = h.data;
        final float[] mu = columnMeans;
        java.util.Arrays.fill(mu, 0, d, 0f);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                mu[k] += h0[o + k];
            }
        }
        final float inverse = 1f / n;
        for (int k = 0; k < d; k++) {
            mu[k] *= inverse;
        }
        final float[] hd = centred.data;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                hd[o + k] = h0[o + k] - mu[k];
            }
        }
        // At most, not below: with every output equal (meanOut 0) each pair is taken directly.
        final double guard = MATRIX_GUARD * meanOut;
        final float[] cm = coefficientMatrix.data;
        final double[] dout = this.dout;
        int near = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            cm[i * n + i] = 0f;
            for (int j = i + 1; j < n; j++, q++) {
                float v;
                if (dout[q] <= guard) {
                    guarded[near++] = q;
                    v = 0f;
                } else {
                    v = (float) c[q];
                }
                cm[i * n + j] = v;
                cm[j * n + i] = v;
            }
        }
        MatrixOps.multiply(coefficientMatrix, centred, productCH);
        final float[] ch = productCH.data;
        final float[] gd = gradH.data;
        for (int j = 0; j < n; j++) {
            int r = j * n;
            double rowSum = 0;
            for (int i = 0; i < n; i++) {
                rowSum += cm[r + i];
            }
            int o = j * d;
            for (int k = 0; k < d; k++) {
                gd[o + k] = (float) (rowSum * hd[o + k] - ch[o + k]);
            }
        }
        final int[] fi = pairs.firstArray();
        final int[] se = pairs.secondArray();
        for (int g = 0; g < near; g++) {
            int pq = guarded[g];
            float cq = (float) c[pq];
            int a = fi[pq] * d;
            int b = se[pq] * d;
            for (int k = 0; k < d; k++) {
                float t = cq * (h0[a + k] - h0[b + k]); // the original rows: their difference is exact here
                gd[a + k] += t;
                gd[b + k] -= t;
            }
        }
    }

    /** accumulator_k[j] = sum_i C_ij (t_k[j] - t_k[i]) by plain loops: sources in blocks of four, outermost. */
    private void sourceBlocks(double[][] cm, int d, int n) {
        for (int k = 0; k < d; k++) {
            java.util.Arrays.fill(accumulator[k], 0, n, 0.0);
        }
        final int n4 = n & ~3;
        int i = 0;
        for (; i < n4; i += 4) {
            sourceBlock(transposedD, accumulator, cm[i], cm[i + 1], cm[i + 2], cm[i + 3], i, d, n);
        }
        for (; i < n; i++) {
            double[] c0 = cm[i];
            for (int k = 0; k < d; k++) {
                double[] t = transposedD[k];
                double[] g = accumulator[k];
                double a0 = t[i];
                for (int j = 0; j < n; j++) {
                    g[j] += c0[j] * (t[j] - a0);
                }
            }
        }
    }

    /** g_k[j] += sum over the four sources i..i+3 of C_ij (t_k[j] - t_k[i]), every coordinate k (kept small for the JIT). */
    private static void sourceBlock(double[][] tt, double[][] acc, double[] c0, double[] c1, double[] c2, double[] c3, int i, int d, int n) {
        for (int k = 0; k < d; k++) {
            double[] t = tt[k];
            double[] g = acc[k];
            double a0 = t[i];
            double a1 = t[i + 1];
            double a2 = t[i + 2];
            double a3 = t[i + 3];
            for (int j = 0; j < n; j++) {
                double hj = t[j];
                g[j] += c0[j] * (hj - a0) + c1[j] * (hj - a1) + c2[j] * (hj - a2) + c3[j] * (hj - a3);
            }
        }
    }

    /**
     * Other pair sets: dL/dh_i += C_q (h_i - h_j), dL/dh_j -= C_q (h_i - h_j) per pair, on float
     * rows (the scatter vectorises over the coordinates; each sample receives about 2 P / N
     * contributions, few for sampled pairs).
     */
    private void scatterGradient(Matrix h, PairSet pairs, double[] c, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        if (rowsF.length < n || (n > 0 && rowsF[0].length < d)) {
            rowsF = new float[Math.max(n, rowsF.length)][Math.max(d, rowsF.length == 0 ? 0 : rowsF[0].length)];
        }
        if (accumulatorRowsF.length < n || (n > 0 && accumulatorRowsF[0].length < d)) {
            accumulatorRowsF = new float[Math.max(n, accumulatorRowsF.length)][Math.max(d, accumulatorRowsF.length == 0 ? 0 : accumulatorRowsF[0].length)];
        }
        final float[] hd = h.data;
        for (int i = 0; i < n; i++) {
            System.arraycopy(hd, i * d, rowsF[i], 0, d);
            java.util.Arrays.fill(accumulatorRowsF[i], 0, d, 0f);
        }
        final int[] fi = pairs.firstArray();
        final int[] se = pairs.secondArray();
        final int p = pairs.size();
        for (int q = 0; q < p; q++) {
            float cq = (float) c[q];
            if (cq == 0) {
                continue;
            }
            scatterPair(rowsF[fi[q]], rowsF[se[q]], accumulatorRowsF[fi[q]], accumulatorRowsF[se[q]], cq, d);
        }
        final float[] gd = gradH.data;
        for (int i = 0; i < n; i++) {
            System.arraycopy(accumulatorRowsF[i], 0, gd, i * d, d);
        }
    }

    private static void scatterPair(float[] hi, float[] hj, float[] ai, float[] aj, float c, int d) {
        if (MatrixOps.vectorApi() && VectorPairKernels.scatters(d)) { // the same bits, vectors of the matrix kernels' shape
            VectorPairKernels.scatter(hi, hj, ai, aj, c, d);
            return;
        }
        for (int k = 0; k < d; k++) {
            float t = c * (hi[k] - hj[k]);
            ai[k] += t;
            aj[k] -= t;
        }
    }

    /** The loss of the last {@link #evaluate} (NaN before the first). */
    public double loss() {
        return loss;
    }

    /** Pearson correlation of Din and Dout over the last call's pairs (NaN if either is constant). */
    public double distCorr() {
        return distCorr;
    }

    /** mean Dout / mean Din over the last call's pairs (NaN if mean Din = 0). */
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

    /**
     * Standardises the first n values of {@code raw} into {@code out}: zero mean, unit population
     * standard deviation (divisor n), computed in double. If the standard deviation is at most
     * 1e-6 max(1, max |raw_i|) (a constant signal up to float rounding), writes zeros: such a signal
     * carries no information and dividing by it would amplify rounding noise. Fails on a
     * non-finite value.
     */
    public static void standardise(float[] raw, int n, double[] out) {
        if (raw.length < n || out.length < n) {
            throw new IllegalArgumentException("standardise: " + raw.length + " values, " + out.length + " outputs for " + n + " samples");
        }
        double sum = 0;
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(raw[i])) {
                throw new IllegalArgumentException("guidance signal value " + i + " is not finite: " + raw[i]);
            }
            sum += raw[i];
            maxAbs = Math.max(maxAbs, Math.abs((double) raw[i]));
        }
        double m = n > 0 ? sum / n : 0;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = raw[i] - m;
            ss += d * d;
        }
        double sd = n > 0 ? Math.sqrt(ss / n) : 0;
        if (!(sd > 1e-6 * Math.max(1.0, maxAbs))) {
            java.util.Arrays.fill(out, 0, n, 0.0);
            return;
        }
        for (int i = 0; i < n; i++) {
            out[i] = (raw[i] - m) / sd;
        }
    }
}
