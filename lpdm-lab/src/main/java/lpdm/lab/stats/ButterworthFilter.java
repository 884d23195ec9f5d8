package lpdm.lab.stats;

import java.util.Arrays;

/**
 * Digital low-pass Butterworth filter, designed as {@code scipy.signal.butter(order, cutoff)}, and
 * zero-phase forward-backward filtering as {@code scipy.signal.filtfilt} / {@code sosfiltfilt}.
 *
 * <p><b>Design</b> (normalised cutoff {@code Wn} in (0, 1), 1 = Nyquist; SciPy's {@code fs = 2}):
 * <ol>
 *   <li>Analog prototype poles {@code s_k = -exp(i pi m / (2N))}, {@code m = -N+1, -N+3, ..., N-1},
 *       no zeros, gain 1.
 *   <li>Pre-warp: {@code w = 2 fs tan(pi Wn / fs) = 4 tan(pi Wn / 2)}; scale {@code s_k <- w s_k},
 *       gain {@code w^N}.
 *   <li>Bilinear transform with {@code 2 fs = 4}: poles {@code p_k = (4 + s_k) / (4 - s_k)}, N zeros at
 *       {@code z = -1}, gain {@code k = Re(w^N / prod_k (4 - s_k))}.
 * </ol>
 * Then {@code H(z) = k (1 + z^-1)^N / prod_k (1 - p_k z^-1)}, with {@code |H| = 1} at DC and {@code
 * |H| = 1/sqrt(2)} at {@code Wn}.
 *
 * <p><b>Forms.</b> {@link #transferFunction()} gives SciPy's {@code (b, a)}; {@link
 * #secondOrderSections()} gives SciPy's {@code output='sos'} layout: rows {@code [b0 b1 b2 1 a1 a2]},
 * one per conjugate pole pair {@code a = [1, -2 Re p, |p|^2]}, {@code b = [1, 2, 1]}, and for odd N
 * a first-order section {@code b = [1, 1, 0]}, {@code a = [1, -p, 0]} for the real pole; sections
 * ordered by increasing pole radius (poles closest to the unit circle last), the gain {@code k} in
 * the first section. For odd orders SciPy's pairing may distribute the zeros differently across
 * sections; the cascade's transfer function is the same.
 *
 * <p><b>Numerics.</b> High orders at low cutoffs are ill-conditioned in {@code (b, a)} form: for
 * {@code butter(8, 0.01)} the eight poles lie within about 0.03 of {@code z = 1}, so {@code sum(a) =
 * prod(1 - p_k)} is about 1e-13 while the coefficients are of order 70, and rounding alone changes
 * the DC gain visibly. {@link #filtfilt(double[])} therefore uses second-order sections
 * ({@code sosfiltfilt}); the {@code (b, a)} kernel {@link #filtfilt(double[], double[], double[],
 * int)} is kept for comparison and low orders.
 */
public final class ButterworthFilter {
    private final int order;
    private final double cutoff;
    private final double[] poleRe;
    private final double[] poleIm;
    private final double gain;

    private ButterworthFilter(int order, double cutoff) {
        this.order = order;
        this.cutoff = cutoff;
        this.poleRe = new double[order];
        this.poleIm = new double[order];
        double warped = 4 * Math.tan(Math.PI * cutoff / 2);
        double gRe = 1;
        double gIm = 0;
        for (int k = 0; k < order; k++) {
            int m = -order + 1 + 2 * k;
            double theta = Math.PI * m / (2.0 * order);
            double sRe = -Math.cos(theta) * warped;
            double sIm = m == 0 ? 0 : -Math.sin(theta) * warped;
            // p = (4 + s) / (4 - s)
            double nRe = 4 + sRe;
            double nIm = sIm;
            double dRe = 4 - sRe;
            double dIm = -sIm;
            double dd = dRe * dRe + dIm * dIm;
            poleRe[k] = (nRe * dRe + nIm * dIm) / dd;
            poleIm[k] = (nIm * dRe - nRe * dIm) / dd;
            // gain *= w / (4 - s)
            double fRe = warped * dRe / dd;
            double fIm = -warped * dIm / dd;
            double t = gRe * fRe - gIm * fIm;
            gIm = gRe * fIm + gIm * fRe;
            gRe = t;
        }
        this.gain = gRe;
    }

    /**
     * The low-pass design {@code scipy.signal.butter(order, cutoff)}.
     *
     * @param order filter order N >= 1
     * @param cutoff normalised -3 dB frequency in (0, 1), 1 = Nyquist
     */
    public static ButterworthFilter lowPass(int order, double cutoff) {
        if (order < 1) {
            throw new IllegalArgumentException("order must be at least 1, got " + order);
        }
        if (!(cutoff > 0 && cutoff < 1)) {
            throw new IllegalArgumentException("cutoff must be in (0, 1), got " + cutoff);
        }
        return new ButterworthFilter(order, cutoff);
    }

    public int order() {
        return order;
    }

    public double cutoff() {
        return cutoff;
    }

    /** The gain {@code k} of the zero-pole-gain form. */
    public double gain() {
        return gain;
    }

    /** Real parts of the digital poles {@code p_k}, in prototype order. */
    public double[] polesReal() {
        return poleRe.clone();
    }

    /** Imaginary parts of the digital poles {@code p_k}, in prototype order. */
    public double[] polesImaginary() {
        return poleIm.clone();
    }

    /**
     * The transfer function {@code {b, a}}: {@code b_j = k C(N, j)}, {@code a} = coefficients of
     * {@code prod_k (1 - p_k z^-1)} in powers of {@code z^-1} (real parts), {@code a_0 = 1}.
     */
    public double[][] transferFunction() {
        double[] b = new double[order + 1];
        double binomial = 1;
        for (int j = 0; j <= order; j++) {
            b[j] = gain * binomial;
            binomial = binomial * (order - j) / (j + 1);
        }
        double[] re = new double[order + 1];
        double[] im = new double[order + 1];
        re[0] = 1;
        for (int k = 0; k < order; k++) {
            for (int j = k + 1; j >= 1; j--) {
                double r = re[j] - (poleRe[k] * re[j - 1] - poleIm[k] * im[j - 1]);
                double i = im[j] - (poleRe[k] * im[j - 1] + poleIm[k] * re[j - 1]);
                re[j] = r;
                im[j] = i;
            }
        }
        return new double[][] {b, re};
    }

    /** The second-order sections, rows {@code [b0, b1, b2, 1, a1, a2]} (see the class comment). */
    public double[][] secondOrderSections() {
        int pairs = order / 2;
        int sections = pairs + order % 2;
        double[][] sos = new double[sections][];
        double[] radius = new double[sections];
        int s = 0;
        for (int k = 0; k < pairs; k++) {
            double re = poleRe[k];
            double im = poleIm[k];
            double r2 = re * re + im * im;
            sos[s] = new double[] {1, 2, 1, 1, -2 * re, r2};
            radius[s++] = Math.sqrt(r2);
        }
        if (order % 2 == 1) {
            double p = poleRe[pairs];
            sos[s] = new double[] {1, 1, 0, 1, -p, 0};
            radius[s] = Math.abs(p);
        }
        Integer[] idx = new Integer[sections];
        for (int i = 0; i < sections; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (i, j) -> Double.compare(radius[i], radius[j]));
        double[][] ordered = new double[sections][];
        for (int i = 0; i < sections; i++) {
            ordered[i] = sos[idx[i]];
        }
        for (int j = 0; j < 3; j++) {
            ordered[0][j] *= gain;
        }
        return ordered;
    }

    /**
     * {@code |H(exp(i pi f))|} at normalised frequency {@code f} in [0, 1], from the zero-pole-gain
     * form: {@code |k| |1 + e^{-i pi f}|^N / prod_k |1 - p_k e^{-i pi f}|}.
     */
    public double magnitude(double f) {
        double w = Math.PI * f;
        double c = Math.cos(w);
        double sn = Math.sin(w);
        double value = Math.abs(gain);
        double zeroFactor = Math.hypot(1 + c, -sn);
        for (int k = 0; k < order; k++) {
            // 1 - p e^{-iw}
            double re = 1 - (poleRe[k] * c + poleIm[k] * sn);
            double im = -(poleIm[k] * c - poleRe[k] * sn);
            value *= zeroFactor / Math.hypot(re, im);
        }
        return value;
    }

    /**
     * Zero-phase filtering of {@code x} through the second-order sections with SciPy's default
     * padding ({@code sosfiltfilt(sos, x)}: odd extension of {@link #defaultPadLength()} samples).
     */
    public double[] filtfilt(double[] x) {
        return sosfiltfilt(secondOrderSections(), x, defaultPadLength());
    }

    /** Zero-phase filtering through the second-order sections with an explicit pad length. */
    public double[] filtfilt(double[] x, int padlen) {
        return sosfiltfilt(secondOrderSections(), x, padlen);
    }

    /**
     * SciPy's default pad length, {@code 3 (N + 1)}: for {@code filtfilt} {@code 3 max(len(a),
     * len(b))}; for {@code sosfiltfilt} {@code 3 (2 n_sections + 1 - min(#b2 == 0, #a2 == 0))}, the
     * same number for these sections.
     */
    public int defaultPadLength() {
        return 3 * (order + 1);
    }

    // ---------------------------------------------------------------- kernels

    /**
     * Direct-form II transposed IIR filter ({@code scipy.signal.lfilter}): with coefficients
     * normalised by {@code a_0} and padded to length {@code K + 1},
     * {@code y[n] = b_0 x[n] + z_0}, {@code z_i <- b_{i+1} x[n] - a_{i+1} y[n] + z_{i+1}}
     * ({@code z_K = 0}).
     *
     * @param zi initial state of length K (not modified), or null for zeros
     * @param zf if not null, receives the final state (length K, modified)
     */
    public static double[] lfilter(double[] b, double[] a, double[] x, double[] zi, double[] zf) {
        int len = Math.max(a.length, b.length);
        double[] bn = new double[len];
        double[] an = new double[len];
        if (a[0] == 0) {
            throw new IllegalArgumentException("a[0] must be non-zero");
        }
        for (int i = 0; i < b.length; i++) {
            bn[i] = b[i] / a[0];
        }
        for (int i = 0; i < a.length; i++) {
            an[i] = a[i] / a[0];
        }
        int k = len - 1;
        double[] z = new double[k];
        if (zi != null) {
            if (zi.length != k) {
                throw new IllegalArgumentException("zi must have length " + k + ", got " + zi.length);
            }
            System.arraycopy(zi, 0, z, 0, k);
        }
        double[] y = new double[x.length];
        for (int n = 0; n < x.length; n++) {
            double xn = x[n];
            double yn = bn[0] * xn + (k > 0 ? z[0] : 0);
            for (int i = 0; i < k - 1; i++) {
                z[i] = bn[i + 1] * xn - an[i + 1] * yn + z[i + 1];
            }
            if (k > 0) {
                z[k - 1] = bn[k] * xn - an[k] * yn;
            }
            y[n] = yn;
        }
        if (zf != null) {
            System.arraycopy(z, 0, zf, 0, k);
        }
        return y;
    }

    /**
     * Steady-state initial state of {@link #lfilter} for a unit step ({@code lfilter_zi}): with
     * normalised coefficients and DC gain {@code g = sum(b) / sum(a)}, {@code zi_i = sum_{j=i+1}^{K}
     * (b_j - a_j g)}. Filtering a constant {@code c} from state {@code c zi} returns {@code g c}.
     */
    public static double[] lfilterZi(double[] b, double[] a) {
        int len = Math.max(a.length, b.length);
        double[] bn = new double[len];
        double[] an = new double[len];
        for (int i = 0; i < b.length; i++) {
            bn[i] = b[i] / a[0];
        }
        for (int i = 0; i < a.length; i++) {
            an[i] = a[i] / a[0];
        }
        double sb = 0;
        double sa = 0;
        for (int i = 0; i < len; i++) {
            sb += bn[i];
            sa += an[i];
        }
        double g = sb / sa;
        double[] zi = new double[len - 1];
        double acc = 0;
        for (int i = len - 2; i >= 0; i--) {
            acc += bn[i + 1] - an[i + 1] * g;
            zi[i] = acc;
        }
        return zi;
    }

    /**
     * Odd extension by {@code padlen} samples at each end ({@code scipy.signal._arraytools.odd_ext}):
     * {@code [2 x_0 - x_padlen, ..., 2 x_0 - x_1, x, 2 x_{n-1} - x_{n-2}, ..., 2 x_{n-1} -
     * x_{n-1-padlen}]}.
     */
    public static double[] oddExtension(double[] x, int padlen) {
        int n = x.length;
        if (padlen < 0 || (padlen > 0 && padlen >= n)) {
            throw new IllegalArgumentException("the signal length (" + n + ") must be greater than padlen (" + padlen + ")");
        }
        double[] ext = new double[n + 2 * padlen];
        for (int i = 0; i < padlen; i++) {
            ext[i] = 2 * x[0] - x[padlen - i];
            ext[n + padlen + i] = 2 * x[n - 1] - x[n - 2 - i];
        }
        System.arraycopy(x, 0, ext, padlen, n);
        return ext;
    }

    /** {@link #filtfilt(double[], double[], double[], int)} with SciPy's default {@code 3 max(len(a), len(b))}. */
    public static double[] filtfilt(double[] b, double[] a, double[] x) {
        return filtfilt(b, a, x, 3 * Math.max(a.length, b.length));
    }

    /**
     * Zero-phase forward-backward filtering in {@code (b, a)} form ({@code scipy.signal.filtfilt}
     * with {@code padtype='odd'}, {@code method='pad'}): extend {@code x} by {@link #oddExtension};
     * filter forward from state {@code zi * ext_0}; reverse; filter from state {@code zi * y_last};
     * reverse; drop the padding. The net response is {@code |H|^2} with zero phase.
     *
     * @throws IllegalArgumentException if {@code x.length <= padlen} (SciPy's rule)
     */
    public static double[] filtfilt(double[] b, double[] a, double[] x, int padlen) {
        double[] ext = oddExtension(x, padlen);
        double[] zi = lfilterZi(b, a);
        double[] forward = lfilter(b, a, ext, scaled(zi, ext[0]), null);
        double[] backward = lfilter(b, a, reversed(forward), scaled(zi, forward[forward.length - 1]), null);
        return Arrays.copyOfRange(reversed(backward), padlen, padlen + x.length);
    }

    /**
     * Cascade of second-order sections ({@code scipy.signal.sosfilt}), each a {@link #lfilter} of
     * its row {@code [b0 b1 b2 a0 a1 a2]}.
     *
     * @param zi initial states {@code [section][2]} (not modified), or null for zeros
     */
    public static double[] sosfilt(double[][] sos, double[] x, double[][] zi) {
        double[] y = x;
        for (int s = 0; s < sos.length; s++) {
            double[] row = sos[s];
            y = lfilter(new double[] {row[0], row[1], row[2]}, new double[] {row[3], row[4], row[5]}, y, zi == null ? null : zi[s], null);
        }
        return y;
    }

    /**
     * Steady-state initial states of the cascade for a unit step ({@code sosfilt_zi}): section
     * {@code s} gets {@code lfilterZi(b_s, a_s)} times the DC gain of the sections before it.
     */
    public static double[][] sosfiltZi(double[][] sos) {
        double[][] zi = new double[sos.length][];
        double scale = 1;
        for (int s = 0; s < sos.length; s++) {
            double[] b = {sos[s][0], sos[s][1], sos[s][2]};
            double[] a = {sos[s][3], sos[s][4], sos[s][5]};
            zi[s] = scaled(lfilterZi(b, a), scale);
            scale *= (b[0] + b[1] + b[2]) / (a[0] + a[1] + a[2]);
        }
        return zi;
    }

    /**
     * Zero-phase forward-backward filtering through second-order sections ({@code
     * scipy.signal.sosfiltfilt}, {@code padtype='odd'}): as {@link #filtfilt(double[], double[],
     * double[], int)} with {@link #sosfilt} and {@link #sosfiltZi}.
     */
    public static double[] sosfiltfilt(double[][] sos, double[] x, int padlen) {
        double[] ext = oddExtension(x, padlen);
        double[][] zi = sosfiltZi(sos);
        double[] forward = sosfilt(sos, ext, scaled(zi, ext[0]));
        double[] backward = sosfilt(sos, reversed(forward), scaled(zi, forward[forward.length - 1]));
        return Arrays.copyOfRange(reversed(backward), padlen, padlen + x.length);
    }

    private static double[] scaled(double[] v, double c) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * c;
        }
        return out;
    }

    private static double[][] scaled(double[][] v, double c) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = scaled(v[i], c);
        }
        return out;
    }

    private static double[] reversed(double[] x) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[x.length - 1 - i];
        }
        return r;
    }
}
