package lpdm.lab.report;

import java.util.Locale;
import lpdm.lab.stats.ConfidenceInterval;

/** Number formatting for report tables: about four significant digits, "n/a" for undefined values. */
final class Fmt {
    static final String UNDEFINED = "n/a";

    private Fmt() {
    }

    static String number(double x) {
        if (Double.isNaN(x)) {
            return UNDEFINED;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(x);
        if (a == 0) {
            return "0";
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        if (a >= 1e-3) {
            return String.format(Locale.ROOT, "%.3f", x);
        }
        return String.format(Locale.ROOT, "%.2e", x);
    }

    /** A signed number (for differences). */
    static String signed(double x) {
        String s = number(x);
        return x > 0 ? "+" + s : s;
    }

    static String probability(double p) {
        return Double.isNaN(p) ? UNDEFINED : String.format(Locale.ROOT, "%.2f", p);
    }

    /**
     * Numbers that belong together (an estimate and its interval) with the same number of
     * decimals: three significant digits of the largest magnitude among them.
     */
    static String[] common(double... xs) {
        double max = 0;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                max = Math.max(max, Math.abs(x));
            }
        }
        String[] out = new String[xs.length];
        if (max > 0 && (max < 1e-4 || max >= 1e7)) {
            for (int i = 0; i < xs.length; i++) {
                out[i] = Double.isNaN(xs[i]) ? UNDEFINED : String.format(Locale.ROOT, "%.2e", xs[i]);
            }
            return out;
        }
        int decimals = max == 0 ? 0 : (int) Math.max(0, Math.min(8, 2 - Math.floor(Math.log10(max))));
        for (int i = 0; i < xs.length; i++) {
            out[i] = Double.isFinite(xs[i]) ? String.format(Locale.ROOT, "%." + decimals + "f", xs[i]).replaceFirst("^-(0\\.?0*)$", "$1")
                    : number(xs[i]);
        }
        return out;
    }

    /** {@code [lower, upper]}. */
    static String interval(ConfidenceInterval ci) {
        String[] f = common(ci.estimate(), ci.lower(), ci.upper());
        return "[" + f[1] + ", " + f[2] + "]";
    }

    /** {@code estimate [lower, upper]}. */
    static String withInterval(ConfidenceInterval ci) {
        String[] f = common(ci.estimate(), ci.lower(), ci.upper());
        return f[0] + " [" + f[1] + ", " + f[2] + "]";
    }

    /** {@code mean ± sd}. */
    static String meanSd(double mean, double sd) {
        String[] f = common(mean, sd);
        return f[0] + " ± " + f[1];
    }

    static String probabilityWithInterval(ConfidenceInterval ci) {
        return probability(ci.estimate()) + " [" + probability(ci.lower()) + ", " + probability(ci.upper()) + "]";
    }

    /** A rank: integer ranks without decimals, mean ranks with one. */
    static String rank(double r) {
        if (Double.isNaN(r)) {
            return UNDEFINED;
        }
        return r == Math.rint(r) ? String.valueOf((long) r) : String.format(Locale.ROOT, "%.1f", r);
    }

    static String megabytes(double bytes) {
        return Double.isFinite(bytes) ? String.format(Locale.ROOT, "%.0f", bytes / (1 << 20)) : UNDEFINED;
    }
}
