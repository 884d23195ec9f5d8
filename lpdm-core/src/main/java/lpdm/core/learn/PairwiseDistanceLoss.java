package lpdm.core.learn;

import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.tensor.Matrix;

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
 * Inputs and outputs are float32; distances, means, residuals, coefficients and the dL/dH
 * accumulator are double, so the only float32 roundings are of X, H and of the final dL/dH.
 * Time O(P (d_in + d_out)), i.e. O(N^2 d) for all pairs and O(N K d) sampled; extra memory three
 * doubles per pair plus an N x d_out double accumulator; no N^2 x d temporaries. Buffers are
 * reused across calls and grow only when the sizes grow. Not thread-safe.
 */
public final class PairwiseDistanceLoss {
    private final double lambda;
    private final GuidanceForm form;
    private final Normalisation normalise;
    private final double eps;

    private double[] din = new double[0];
    private double[] dout = new double[0];
    private double[] target = new double[0];
    private double[] accumulator = new double[0];

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
        if (!(lambda >= 0) || !(eps > 0) || form == null || normalise == null) {
            throw new IllegalArgumentException("invalid local-loss settings: lambda " + lambda + ", form " + form + ", normalise " + normalise + ", eps " + eps);
        }
        this.lambda = lambda;
        this.form = form;
        this.normalise = normalise;
        this.eps = eps;
    }

    /** The loss settings of {@code config} (its guidance, form, normalisation and eps). */
    public static PairwiseDistanceLoss of(LpdmConfig config) {
        return new PairwiseDistanceLoss(config.guidance(), config.guidanceForm(), config.normalise(), config.eps());
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
        final int n = x.rows;
        if (h.rows != n || gradH.rows != n || gradH.cols != h.cols || pairs.samples() != n) {
            throw new IllegalArgumentException("local loss: shapes disagree: x " + x + ", h " + h + ", dL/dH " + gradH + ", pairs over " + pairs.samples() + " samples");
        }
        if (signal != null && signal.length < n) {
            throw new IllegalArgumentException("local loss: signal has " + signal.length + " values for " + n + " samples");
        }
        final int dIn = x.cols;
        final int dOut = h.cols;
        final int p = pairs.size();
        final float[] xd = x.data;
        final float[] hd = h.data;
        final int[] fi = pairs.firstArray();
        final int[] se = pairs.secondArray();
        if (din.length < p) {
            din = new double[p];
            dout = new double[p];
            target = new double[p];
        }
        if (accumulator.length < n * dOut) {
            accumulator = new double[n * dOut];
        }
        final double[] acc = accumulator;
        java.util.Arrays.fill(acc, 0, n * dOut, 0.0);
        if (p == 0) {
            java.util.Arrays.fill(gradH.data, 0f);
            loss = 0;
            distCorr = Double.NaN;
            outScale = Double.NaN;
            return 0;
        }

        // 1. Distances from direct differences.
        double sumIn = 0;
        double sumOut = 0;
        for (int q = 0; q < p; q++) {
            int i = fi[q];
            int j = se[q];
            double si = 0;
            int xi = i * dIn;
            int xj = j * dIn;
            for (int k = 0; k < dIn; k++) {
                double d = (double) xd[xi + k] - xd[xj + k];
                si += d * d;
            }
            double so = 0;
            int hi = i * dOut;
            int hj = j * dOut;
            for (int k = 0; k < dOut; k++) {
                double d = (double) hd[hi + k] - hd[hj + k];
                so += d * d;
            }
            din[q] = Math.sqrt(si);
            dout[q] = Math.sqrt(so);
            sumIn += din[q];
            sumOut += dout[q];
        }
        final double meanIn = sumIn / p;
        final double meanOut = sumOut / p;
        final boolean mean = normalise == Normalisation.MEAN;

        // 2. Targets (from the normalised input distance in mean mode), then their own normalisation.
        final double inScale = mean ? 1.0 / Math.max(meanIn, eps) : 1.0;
        double sumT = 0;
        for (int q = 0; q < p; q++) {
            double d = din[q] * inScale;
            double t;
            if (signal == null) {
                t = d;
            } else {
                double dg = signal[fi[q]] - signal[se[q]];
                t = form == GuidanceForm.JOINT ? Math.sqrt(d * d + lambda * lambda * dg * dg) : d + lambda * Math.abs(dg);
            }
            target[q] = t;
            sumT += t;
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
        double sumR2 = 0;
        double sumRD = 0;
        double cxy = 0;
        double cxx = 0;
        double cyy = 0;
        for (int q = 0; q < p; q++) {
            double o = s * dout[q];
            double r = o - target[q];
            sumR2 += r * r;
            sumRD += r * o;
            double a = din[q] - meanIn;
            double b = dout[q] - meanOut;
            cxy += a * b;
            cxx += a * a;
            cyy += b * b;
        }
        loss = sumR2 / p;
        distCorr = cxx > 0 && cyy > 0 ? cxy / Math.sqrt(cxx * cyy) : Double.NaN;
        outScale = meanIn > 0 ? meanOut / meanIn : Double.NaN;
        final double rho = throughMean ? sumRD / p : 0.0;

        // 4. C_q = dL/dDout_q / max(Dout_q, eps), scattered onto both samples of the pair.
        final double g0 = 2.0 * s / p;
        for (int q = 0; q < p; q++) {
            double r = s * dout[q] - target[q];
            double c = g0 * (r - rho) / Math.max(dout[q], eps);
            if (c == 0) {
                continue;
            }
            int hi = fi[q] * dOut;
            int hj = se[q] * dOut;
            for (int k = 0; k < dOut; k++) {
                double d = c * ((double) hd[hi + k] - hd[hj + k]);
                acc[hi + k] += d;
                acc[hj + k] -= d;
            }
        }
        final float[] gd = gradH.data;
        for (int k = 0; k < n * dOut; k++) {
            gd[k] = (float) acc[k];
        }
        return loss;
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
     * Extra bytes this loss keeps live while evaluating: {@link #pairWorkspaceBytes} plus
     * {@link #gradientWorkspaceBytes}.
     */
    public static long workspaceBytes(int pairs, int samples, int outputSize) {
        return pairWorkspaceBytes(pairs) + gradientWorkspaceBytes(samples, outputSize);
    }

    /** The per-pair part of {@link #workspaceBytes}: three doubles per pair (distances, targets). */
    public static long pairWorkspaceBytes(int pairs) {
        return 24L * pairs;
    }

    /** The activation-shaped part of {@link #workspaceBytes}: the N x d_out double accumulator of dL/dH. */
    public static long gradientWorkspaceBytes(int samples, int outputSize) {
        return 8L * samples * outputSize;
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
