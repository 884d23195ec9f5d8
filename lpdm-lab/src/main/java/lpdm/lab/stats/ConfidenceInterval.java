package lpdm.lab.stats;

/**
 * A point estimate with a two-sided interval, {@code lower <= upper}. The estimate is computed on the
 * original sample and need not lie inside a percentile bootstrap interval (it does for
 * well-behaved statistics). Components are NaN when the statistic is undefined for the sample.
 *
 * @param estimate the statistic on the original sample
 * @param lower lower end of the interval
 * @param upper upper end of the interval
 */
public record ConfidenceInterval(double estimate, double lower, double upper) {

    /** A degenerate interval {@code [value, value]}. */
    public static ConfidenceInterval exact(double value) {
        return new ConfidenceInterval(value, value, value);
    }

    /** The interval of an undefined statistic. */
    public static ConfidenceInterval undefined() {
        return new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN);
    }

    /** {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }

    /** Whether {@code lower <= value <= upper}. */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }
}
