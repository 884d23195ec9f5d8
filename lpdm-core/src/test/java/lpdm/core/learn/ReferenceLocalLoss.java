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

    double loss(double[][] w, double[] b) {
        double[][] z = preActivations(w, b);
        double[][] h = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            h[i] = new double[z[i].length];
            for (int o = 0; o < z[i].length; o++) {
                h[i][o] = phi(activation, z[i][o]);
            }
        }
        int p = first.length;
        if (p == 0) {
            return 0;
        }
        double[] din = new double[p];
        double[] dout = new double[p];
        for (int q = 0; q < p; q++) {
            din[q] = dist(x[first[q]], x[second[q]]);
            dout[q] = dist(h[first[q]], h[second[q]]);
        }
        boolean mean = normalise == Normalisation.MEAN;
        double mIn = mean(din);
        double mOut = mean(dout);
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
        double mT = mean(t);
        double l = 0;
        for (int q = 0; q < p; q++) {
            double o = mean ? dout[q] / Math.max(mOut, eps) : dout[q];
            double tt = mean ? t[q] / Math.max(mT, eps) : t[q];
            l += (o - tt) * (o - tt);
        }
        return l / p;
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
