package lpdm.core.learn;

import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.nn.Activation;

/**
 * A double-precision reference of one hidden layer's local loss as a function of its weights,
 * written straight from the formulas of docs/lpdm.md (no shared code with the production kernel),
 * for finite-difference checks.
 */
final class ReferenceLocalLoss {
    final double[][] x;      // N x d_in
    final double[] signal;   // raw signal (standardised here), or null
    final int[] first;
    final int[] second;
    final Activation activation;
    final double lambda;
    final GuidanceForm form;
    final Normalisation normalise;
    final double eps;
    boolean relative; // lambda * mean(Din) under normalisation none

    ReferenceLocalLoss(double[][] x, double[] rawSignal, int[] first, int[] second, Activation activation,
            double lambda, GuidanceForm form, Normalisation normalise, double eps) {
        this.x = x;
        this.signal = rawSignal == null ? null : standardise(rawSignal);
        this.first = first;
        this.second = second;
        this.activation = activation;
        this.lambda = lambda;
        this.form = form;
        this.normalise = normalise;
        this.eps = eps;
    }

    static double[] standardise(double[] raw) {
        int n = raw.length;
        double m = 0;
        for (double v : raw) {
            m += v / n;
        }
        double var = 0;
        for (double v : raw) {
            var += (v - m) * (v - m) / n;
        }
        double sd = Math.sqrt(var);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = (raw[i] - m) / sd;
        }
        return out;
    }

    static double phi(Activation a, double z) {
        return switch (a) {
            case TANH, TANH_FAST -> Math.tanh(z); // tanh_fast is within 7 ulp of it
            case RELU -> Math.max(0, z);
            case IDENTITY -> z;
        };
    }

    /** z = x W^T + b for every sample. */
    double[][] preActivations(double[][] w, double[] b) {
        int n = x.length;
        int dOut = w.length;
        double[][] z = new double[n][dOut];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < dOut; o++) {
                double s = b[o];
                for (int k = 0; k < x[i].length; k++) {
                    s += w[o][k] * x[i][k];
                }
                z[i][o] = s;
            }
        }
        return z;
    }

    static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    /** h = phi(z) for every sample. */
    double[][] outputs(double[][] z) {
        double[][] h = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            h[i] = new double[z[i].length];
            for (int o = 0; o < z[i].length; o++) {
                h[i][o] = phi(activation, z[i][o]);
            }
        }
        return h;
    }

    /** The input distance of every pair. */
    double[] inputDistances() {
        double[] din = new double[first.length];
        for (int q = 0; q < din.length; q++) {
            din[q] = dist(x[first[q]], x[second[q]]);
        }
        return din;
    }

    /** The targets t_q of every pair (divided by their mean under normalisation mean). */
    double[] targets(double[] din) {
        int p = din.length;
        boolean mean = normalise == Normalisation.MEAN;
        double mIn = mean(din);
        double[] t = new double[p];
        for (int q = 0; q < p; q++) {
            double d = mean ? din[q] / Math.max(mIn, eps) : din[q];
            if (signal == null) {
                t[q] = d;
            } else {
                double dg = signal[first[q]] - signal[second[q]];
                double lambda = relative && !mean ? this.lambda * mIn : this.lambda;
                t[q] = form == GuidanceForm.JOINT ? Math.sqrt(d * d + lambda * lambda * dg * dg) : d + lambda * Math.abs(dg);
            }
        }
        if (mean) {
            double mT = Math.max(mean(t), eps);
            for (int q = 0; q < p; q++) {
                t[q] /= mT;
            }
        }
        return t;
    }

    double loss(double[][] w, double[] b) {
        double[][] h = outputs(preActivations(w, b));
        int p = first.length;
        if (p == 0) {
            return 0;
        }
        double[] dout = new double[p];
        for (int q = 0; q < p; q++) {
            dout[q] = dist(h[first[q]], h[second[q]]);
        }
        double[] t = targets(inputDistances());
        double mOut = mean(dout);
        double l = 0;
        for (int q = 0; q < p; q++) {
            double o = normalise == Normalisation.MEAN ? dout[q] / Math.max(mOut, eps) : dout[q];
            l += (o - t[q]) * (o - t[q]);
        }
        return l / p;
    }

    /**
     * The magnitudes a float32 evaluation of dL/dW, dL/db rounds in, entry by entry: the gradient's
     * formula (docs/lpdm.md) with every sum and difference replaced by the sum of the absolute values
     * of its operands, {|dW| (flattened row-major), |db|, {|L|}} with |L| = (1 / P) sum_q (s Dout_q + |t_q|)^2
     * the same for the loss. By Higham's bound for recursive
     * summation, a computation of depth k in unit roundoff u is within gamma_k = k u / (1 - k u)
     * times these magnitudes of the exact gradient of its (rounded) inputs, however much the exact
     * sums cancel. Per pair q = (i, j) of P, with s, t_q, rho as in the loss (s = 1, rho = 0 under
     * normalisation none):
     * <pre>
     *   |r_q|   &lt;= s Dout_q + |t_q|,   |rho| &lt;= (1 / P) sum_p (s Dout_p + |t_p|) s Dout_p
     *   |C_q|   &lt;= (2 s / P) (s Dout_q + |t_q| + |rho|) / max(Dout_q, eps)
     *   |dL/dh_ik| &lt;= sum over pairs q containing i of |C_q| |h_ik - h_jk|
     *   |dz_ik| = |dL/dh_ik| |phi'|,  |phi'| &lt;= 1 + h^2 for tanh (1 - h^2 in float), 1 or 0 otherwise
     *   |dL/dW_ok| = sum_i |dz_io| |x_ik|,   |dL/db_o| = sum_i |dz_io|
     * </pre>
     * With {@code centred} (the matrix form diag(C 1) H - C H, which sums C_q h_ik and C_q h_jk
     * separately over H centred by its column means m) |h_ik - h_jk| becomes |h_ik - m_k| + |h_jk - m_k|.
     */
    double[][] gradientMagnitudes(double[][] w, double[] b, boolean centred) {
        double[][] z = preActivations(w, b);
        double[][] h = outputs(z);
        int n = z.length;
        int dOut = w.length;
        int dIn = w[0].length;
        double[] m = new double[dOut];
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < dOut; o++) {
                m[o] += h[i][o] / n;
            }
        }
        int p = first.length;
        double[] gw = new double[dOut * dIn];
        double[] gb = new double[dOut];
        if (p == 0) {
            return new double[][] {gw, gb, {0}};
        }
        double[] dout = new double[p];
        for (int q = 0; q < p; q++) {
            dout[q] = dist(h[first[q]], h[second[q]]);
        }
        double[] t = targets(inputDistances());
        boolean mean = normalise == Normalisation.MEAN;
        double mOut = mean(dout);
        double s = mean ? 1 / Math.max(mOut, eps) : 1;
        double rho = 0;
        for (int q = 0; q < p; q++) {
            rho += mean && mOut > eps ? (s * dout[q] + t[q]) * s * dout[q] / p : 0;
        }
        double lossMagnitude = 0;
        double[][] dh = new double[n][dOut];
        for (int q = 0; q < p; q++) {
            lossMagnitude += (s * dout[q] + t[q]) * (s * dout[q] + t[q]) / p;
            double c = 2 * s / p * (s * dout[q] + t[q] + rho) / Math.max(dout[q], eps);
            int i = first[q];
            int j = second[q];
            for (int o = 0; o < dOut; o++) {
                double diff = centred ? Math.abs(h[i][o] - m[o]) + Math.abs(h[j][o] - m[o]) : Math.abs(h[i][o] - h[j][o]);
                dh[i][o] += c * diff;
                dh[j][o] += c * diff;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < dOut; o++) {
                double derivative = switch (activation) {
                    case TANH, TANH_FAST -> 1 + h[i][o] * h[i][o];
                    case RELU -> z[i][o] > 0 ? 1 : 0;
                    case IDENTITY -> 1;
                };
                double dz = dh[i][o] * derivative;
                gb[o] += dz;
                for (int k = 0; k < dIn; k++) {
                    gw[o * dIn + k] += dz * Math.abs(x[i][k]);
                }
            }
        }
        return new double[][] {gw, gb, {lossMagnitude}};
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** Central differences of the loss in every weight and bias: {dW (flattened row-major), db}. */
    double[][] numericGradient(double[][] w, double[] b, double step) {
        int dOut = w.length;
        int dIn = w[0].length;
        double[] gw = new double[dOut * dIn];
        double[] gb = new double[dOut];
        for (int o = 0; o < dOut; o++) {
            for (int k = 0; k < dIn; k++) {
                double keep = w[o][k];
                w[o][k] = keep + step;
                double up = loss(w, b);
                w[o][k] = keep - step;
                double down = loss(w, b);
                w[o][k] = keep;
                gw[o * dIn + k] = (up - down) / (2 * step);
            }
            double keep = b[o];
            b[o] = keep + step;
            double up = loss(w, b);
            b[o] = keep - step;
            double down = loss(w, b);
            b[o] = keep;
            gb[o] = (up - down) / (2 * step);
        }
        return new double[][] {gw, gb};
    }
}
