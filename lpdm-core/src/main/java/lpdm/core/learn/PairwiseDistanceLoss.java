package lpdm.core.learn;

import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.tensor.Matrix;

/**
 * The local loss of one hidden layer and its gradient with respect to the layer's output, written
 * as the equations of docs/lpdm.md read: the reference. Training runs the same function on fast
 * kernels ({@link lpdm.core.learn.kernels.FastPairwiseDistanceLoss}), which property tests hold to
 * this class; {@code -Dlpdm.kernel=reference} runs this class instead ({@link LocalLoss}).
 *
 * <p>Given the layer input X (N x d_in), its output H (N x d_out), an optional standardised
 * signal g and a {@link PairSet} of P pairs q = (i, j):
 * <pre>
 *   Din_q  = ||x_i - x_j||,   Dout_q = ||h_i - h_j||
 *   none:  din_q = Din_q,  T_q = target(din_q, g_i - g_j),  t_q = T_q,  s = 1
 *   mean:  din_q = Din_q / mean(Din),  T_q = target(din_q, g_i - g_j),  t_q = T_q / mean(T),
 *          s = 1 / mean(Dout)                              (means over the P pairs of the set)
 *   target(d, dg) = d                                      without guidance (g absent)
 *                 = sqrt(d^2 + lambda^2 dg^2)              joint
 *                 = d + lambda |dg|                        additive
 *   r_q = s Dout_q - t_q,      L = (1 / P) sum_q r_q^2
 * </pre>
 * In mean mode lambda is measured in units of the mean input distance; with {@code relative}
 * (normalisation none) the weight is lambda mean(Din), for the same reason. Every mean is guarded
 * from below by {@code eps}.
 *
 * <h2>Gradient</h2>
 * Only Dout depends on the layer's weights, so t_q is a constant and
 * <pre>
 *   none:  dL/dDout_q = (2 / P) r_q
 *   mean:  dL/dDout_q = (2 s / P) (r_q - rho),   rho = (1 / P) sum_p r_p s Dout_p
 *   C_q = dL/dDout_q / max(Dout_q, eps)
 *   dL/dh_i += C_q (h_i - h_j),   dL/dh_j -= C_q (h_i - h_j)     for every pair q = (i, j)
 * </pre>
 * The mean mode's {@code - rho} is the part through the mean (with s = 1/m, m = mean(Dout):
 * d(Dout_p / m)/dDout_q = s (delta_pq - s Dout_p / P)). It makes the gradient blind to the overall
 * scale, sum_q Dout_q dL/dDout_q = 0; dropping it (means as constants) leaves a radial component
 * that shrinks the outputs whenever the target cannot be fitted. When m &lt;= eps the guard makes
 * s constant and rho is 0. For all pairs the scatter is method.md's dL/dH = diag(C 1) H - C H
 * with a symmetric C. Coincident outputs (Dout_q = 0) contribute exactly zero.
 *
 * <h2>Sampled pairs</h2>
 * With {@link PairSet#fillSampled} (K partners per sample drawn uniformly from the other N - 1,
 * with replacement, P = N K) each term has expectation (1 / (N - 1)) sum_{j != i} l_ij, so the
 * sampled loss and its gradient are unbiased estimates of the all-pairs ones under normalisation
 * none, with or without guidance; under normalisation mean they are ratios of sample means and
 * only consistent (bias O(1 / (N K))).
 *
 * <p>Everything here is double; allocates per call; not thread-safe.
 */
public final class PairwiseDistanceLoss implements LocalLoss {
    private double lambda;
    private final GuidanceForm form;
    private final Normalisation normalise;
    private final double eps;
    private final boolean relative;

    private float[] squaredOut = new float[0];
    private double loss = Double.NaN;
    private double distCorr = Double.NaN;
    private double outScale = Double.NaN;

    /**
     * @param lambda guidance weight (&gt;= 0); used only when a signal is passed
     * @param form guidance form
     * @param normalise distance normalisation
     * @param eps guard (&gt; 0) of the division by Dout and of the means
     * @param relative under normalisation none, weigh the guidance by lambda mean(Din)
     */
    public PairwiseDistanceLoss(double lambda, GuidanceForm form, Normalisation normalise, double eps, boolean relative) {
        if (!(lambda >= 0) || !(eps > 0) || form == null || normalise == null) {
            throw new IllegalArgumentException("invalid local-loss settings: lambda " + lambda + ", form " + form + ", normalise " + normalise + ", eps " + eps);
        }
        this.lambda = lambda;
        this.form = form;
        this.normalise = normalise;
        this.eps = eps;
        this.relative = relative;
    }

    /** The loss settings of {@code config} (its guidance, form, normalisation, eps and relative flag). */
    public static PairwiseDistanceLoss of(LpdmConfig config) {
        return new PairwiseDistanceLoss(config.guidance(), config.guidanceForm(), config.normalise(), config.eps(), config.relativeGuidance());
    }

    @Override
    public void setLambda(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    /** As {@link LocalLoss#evaluate}; the given input distances are not used (Din is computed from x). */
    @Override
    public double evaluate(Matrix x, float[] inputSquared, Matrix h, double[] g, PairSet pairs, Matrix gradH) {
        final int n = x.rows;
        if (h.rows != n || gradH.rows != n || gradH.cols != h.cols || pairs.samples() != n) {
            throw new IllegalArgumentException("local loss: shapes disagree: x " + x + ", h " + h + ", dL/dH " + gradH + ", pairs over " + pairs.samples() + " samples");
        }
        if (g != null && g.length < n) {
            throw new IllegalArgumentException("local loss: signal has " + g.length + " values for " + n + " samples");
        }
        final int p = pairs.size();
        final boolean mean = normalise == Normalisation.MEAN;
        squaredOut = new float[Math.max(p, 1)];
        java.util.Arrays.fill(gradH.data, 0f);
        if (p == 0) {
            loss = 0;
            distCorr = Double.NaN;
            outScale = Double.NaN;
            return 0;
        }

        // Distances.
        double[] din = new double[p];
        double[] dout = new double[p];
        for (int q = 0; q < p; q++) {
            din[q] = distance(x, pairs.first(q), pairs.second(q));
            dout[q] = distance(h, pairs.first(q), pairs.second(q));
            squaredOut[q] = (float) (dout[q] * dout[q]);
        }
        double meanIn = mean(din);
        double meanOut = mean(dout);

        // Targets.
        double inScale = mean ? 1 / Math.max(meanIn, eps) : 1;
        double weight = relative && !mean ? lambda * meanIn : lambda;
        double[] t = new double[p];
        for (int q = 0; q < p; q++) {
            double d = din[q] * inScale;
            t[q] = g == null ? d : target(d, g[pairs.first(q)] - g[pairs.second(q)], weight);
        }
        if (mean) {
            double meanT = Math.max(mean(t), eps);
            for (int q = 0; q < p; q++) {
                t[q] /= meanT;
            }
        }

        // Residuals and the loss.
        double s = mean ? 1 / Math.max(meanOut, eps) : 1;
        double[] r = new double[p];
        double sumR2 = 0;
        double sumRD = 0;
        for (int q = 0; q < p; q++) {
            r[q] = s * dout[q] - t[q];
            sumR2 += r[q] * r[q];
            sumRD += r[q] * s * dout[q];
        }
        loss = sumR2 / p;
        double rho = mean && meanOut > eps ? sumRD / p : 0;

        // Gradient: C_q = dL/dDout_q / max(Dout_q, eps), scattered onto both samples of each pair.
        final int d = h.cols;
        double[] grad = new double[n * d];
        for (int q = 0; q < p; q++) {
            double c = 2 * s / p * (r[q] - rho) / Math.max(dout[q], eps);
            int i = pairs.first(q);
            int j = pairs.second(q);
            for (int k = 0; k < d; k++) {
                double diff = (double) h.get(i, k) - h.get(j, k);
                grad[i * d + k] += c * diff;
                grad[j * d + k] -= c * diff;
            }
        }
        for (int e = 0; e < grad.length; e++) {
            gradH.data[e] = (float) grad[e];
        }

        distCorr = correlation(din, dout);
        outScale = meanIn > 0 ? meanOut / meanIn : Double.NaN;
        return loss;
    }

    /** The target distance for a (possibly normalised) input distance d and a signal difference dg. */
    private double target(double d, double dg, double weight) {
        return form == GuidanceForm.JOINT ? Math.sqrt(d * d + weight * weight * dg * dg) : d + weight * Math.abs(dg);
    }

    /** ||m_i - m_j|| in double. */
    private static double distance(Matrix m, int i, int j) {
        double sum = 0;
        for (int k = 0; k < m.cols; k++) {
            double e = (double) m.get(i, k) - m.get(j, k);
            sum += e * e;
        }
        return Math.sqrt(sum);
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double e : v) {
            sum += e;
        }
        return sum / v.length;
    }

    /** Pearson correlation of a and b; NaN if either is constant. */
    private static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double cab = 0;
        double caa = 0;
        double cbb = 0;
        for (int q = 0; q < a.length; q++) {
            cab += (a[q] - ma) * (b[q] - mb);
            caa += (a[q] - ma) * (a[q] - ma);
            cbb += (b[q] - mb) * (b[q] - mb);
        }
        return caa > 0 && cbb > 0 ? cab / Math.sqrt(caa * cbb) : Double.NaN;
    }

    @Override
    public float[] outputSquaredDistances() {
        return squaredOut;
    }

    @Override
    public double loss() {
        return loss;
    }

    @Override
    public double distCorr() {
        return distCorr;
    }

    @Override
    public double outScale() {
        return outScale;
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
