package lpdm.lab.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reliability metrics of Chan et al. (2020), "Measuring the Reliability of Reinforcement Learning
 * Algorithms" (ICLR), following the reference library google-research/rl-reliability-metrics where
 * the paper leaves a choice open. Nothing passed in is modified.
 *
 * <p>Shared definitions for a curve {@code (t_i, y_i)}, {@code i = 0..n-1}:
 * <ul>
 *   <li>Detrended curve: first differences {@code d_i = y_i - y_{i-1}} at steps {@code t_i}, {@code
 *       i = 1..n-1} (the paper's definition); with {@link Settings#differencesPerStep()} the
 *       reference library's {@code (y_i - y_{i-1}) / (t_i - t_{i-1})} instead.
 *   <li>Curve range {@code R = Q_y(0.95) - y_0} (95th percentile, linear interpolation, minus the
 *       first value). A run with {@code R <= 0} never rose above its start; dividing by such a range
 *       is meaningless (a negative R would flip the sign of a risk), so its per-run metrics are NaN
 *       and it is left out of RR. (The reference library divides regardless.)
 *   <li>Drawdown {@code D_i = max_{j <= i} y_j - y_i}.
 *   <li>CVaR: {@link SampleStatistics#lowerCvar} / {@link SampleStatistics#upperCvar}, the
 *       reference library's {@code compute_cvar} (tail = values at or beyond the linearly
 *       interpolated alpha-quantile).
 * </ul>
 *
 * <p>Per-run metrics (DT, SRT, LRT, after-learning) give one number per run; a learner's value is
 * their mean over runs. Across-run metrics (DR, RR) give one number per evaluation point; as the
 * reference library's analysis does, they are collapsed by the median over evaluation points.
 */
public final class Reliability {
    private Reliability() {}

    /**
     * Metric parameters.
     *
     * @param alpha CVaR tail probability (0.05)
     * @param lowpassOrder order of the Butterworth low-pass filter for DR and RR (8)
     * @param lowpassCutoff its normalised cutoff, 1 = Nyquist, in cycles per evaluation (0.01); 0
     *     disables filtering (the reference library's {@code lowpass_thresh=None})
     * @param timeWindows number of windows for DT: 1 (the reference library's default {@code
     *     window_size=None}) takes the whole detrended curve as one window; {@code K > 1} splits
     *     the detrended curve's step span into K equal windows centred at their midpoints and takes
     *     the median over windows of the per-window IQR (the reference example uses 20 windows of
     *     100k steps over 2M steps)
     * @param differencesPerStep detrend by {@code dy/dt} (reference library) instead of {@code dy}
     *     (paper, default)
     * @param gridPoints number of points of the common grid used when runs were evaluated at
     *     different steps; 0 = automatic (see {@link #alignAcrossRuns})
     */
    public record Settings(
            double alpha, int lowpassOrder, double lowpassCutoff, int timeWindows, boolean differencesPerStep, int gridPoints) {
        public Settings {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
            }
            if (lowpassCutoff != 0 && !(lowpassCutoff > 0 && lowpassCutoff < 1)) {
                throw new IllegalArgumentException("lowpassCutoff must be 0 (off) or in (0, 1), got " + lowpassCutoff);
            }
            if (lowpassCutoff != 0 && lowpassOrder < 1) {
                throw new IllegalArgumentException("lowpassOrder must be positive, got " + lowpassOrder);
            }
            if (timeWindows < 1) {
                throw new IllegalArgumentException("timeWindows must be positive, got " + timeWindows);
            }
            if (gridPoints < 0) {
                throw new IllegalArgumentException("gridPoints must be non-negative, got " + gridPoints);
            }
        }

        /** alpha 0.05, 8th-order low-pass at 0.01, DT over the whole run, {@code dy} detrending, automatic grid. */
        public static Settings defaults() {
            return new Settings(0.05, 8, 0.01, 1, false, 0);
        }

        /** These settings with low-pass filtering switched off. */
        public Settings withoutLowpass() {
            return new Settings(alpha, lowpassOrder, 0, timeWindows, differencesPerStep, gridPoints);
        }

        /** These settings with {@code timeWindows} DT windows. */
        public Settings withTimeWindows(int windows) {
            return new Settings(alpha, lowpassOrder, lowpassCutoff, windows, differencesPerStep, gridPoints);
        }
    }

    // ---------------------------------------------------------------- shared pieces

    /** The detrended values {@code d_1..d_{n-1}} (see the class comment). */
    public static double[] detrend(LearningCurve curve, boolean perStep) {
        int n = curve.size();
        double[] d = new double[Math.max(0, n - 1)];
        for (int i = 1; i < n; i++) {
            double dy = curve.value(i) - curve.value(i - 1);
            d[i - 1] = perStep ? dy / (curve.step(i) - curve.step(i - 1)) : dy;
        }
        return d;
    }

    /** Curve range {@code Q_y(0.95) - y_0}. */
    public static double curveRange(double[] y) {
        if (y.length == 0) {
            return Double.NaN;
        }
        return SampleStatistics.quantile(y, 0.95) - y[0];
    }

    /** Drawdowns {@code D_i = max_{j <= i} y_j - y_i >= 0}. */
    public static double[] drawdown(double[] y) {
        double[] d = new double[y.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            peak = Math.max(peak, y[i]);
            d[i] = peak - y[i];
        }
        return d;
    }

    // ---------------------------------------------------------------- per-run metrics

    /**
     * Dispersion across Time (lower is better): {@code DT = median_w IQR({d_i : t_i in window w}) /
     * R}; with one window (default) simply {@code IQR(d) / R}. Empty windows are skipped. NaN if
     * {@code R <= 0} or the curve has fewer than two points.
     */
    public static double dispersionAcrossTime(LearningCurve curve, Settings settings) {
        double range = curveRange(curve.values());
        double[] d = detrend(curve, settings.differencesPerStep());
        if (!(range > 0) || d.length == 0) {
            return Double.NaN;
        }
        int windows = settings.timeWindows();
        if (windows == 1) {
            return SampleStatistics.interquartileRange(d) / range;
        }
        double first = curve.step(1);
        double last = curve.step(curve.size() - 1);
        double width = (last - first) / windows;
        List<Double> iqrs = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            double lo = first + w * width;
            double hi = w == windows - 1 ? last : first + (w + 1) * width;
            List<Double> inside = new ArrayList<>();
            for (int i = 1; i < curve.size(); i++) {
                double t = curve.step(i);
                if (t >= lo && (t < hi || (w == windows - 1 && t <= hi))) {
                    inside.add(d[i - 1]);
                }
            }
            if (!inside.isEmpty()) {
                iqrs.add(SampleStatistics.interquartileRange(inside.stream().mapToDouble(Double::doubleValue).toArray()));
            }
        }
        return SampleStatistics.median(iqrs.stream().mapToDouble(Double::doubleValue).toArray()) / range;
    }

    /**
     * Short-term Risk across Time (higher is better): {@code SRT = CVaR_lower(d; alpha) / R}, the
     * mean of the worst short-term changes. NaN if {@code R <= 0} or fewer than two points.
     */
    public static double shortTermRisk(LearningCurve curve, Settings settings) {
        double range = curveRange(curve.values());
        double[] d = detrend(curve, settings.differencesPerStep());
        if (!(range > 0) || d.length == 0) {
            return Double.NaN;
        }
        return SampleStatistics.lowerCvar(d, settings.alpha()) / range;
    }

    /**
     * Long-term Risk across Time (lower is better): {@code LRT = CVaR_upper(D; alpha) / R}, the mean
     * of the WORST (largest) alpha-fraction of drawdowns. The reference library's example
     * configuration uses the lower tail ({@code LowerCVaROnDrawdown}), which averages the smallest
     * drawdowns (mostly zeros on a rising curve); the upper tail is what measures risk. NaN if
     * {@code R <= 0}.
     */
    public static double longTermRisk(LearningCurve curve, Settings settings) {
        double[] y = curve.values();
        double range = curveRange(y);
        if (!(range > 0)) {
            return Double.NaN;
        }
        return SampleStatistics.upperCvar(drawdown(y), settings.alpha()) / range;
    }

    /** After learning (lower is better): IQR of a fixed policy's evaluation returns. NaN if empty. */
    public static double afterLearningIqr(double[] returns) {
        return SampleStatistics.interquartileRange(returns);
    }

    /** After learning (higher is better): lower CVaR of a fixed policy's evaluation returns. */
    public static double afterLearningCvar(double[] returns, double alpha) {
        return SampleStatistics.lowerCvar(returns, alpha);
    }

    /** The per-run value of a per-run curve metric (DT, SRT or LRT). */
    public static double perRunMetric(ReliabilityMetric metric, LearningCurve curve, Settings settings) {
        return switch (metric) {
            case DT -> dispersionAcrossTime(curve, settings);
            case SRT -> shortTermRisk(curve, settings);
            case LRT -> longTermRisk(curve, settings);
            default -> throw new IllegalArgumentException(metric + " is not a per-run curve metric");
        };
    }

    // ---------------------------------------------------------------- across-run metrics

    /**
     * Curves of several runs, low-pass filtered and aligned on common evaluation points, ready for
     * DR and RR (and their bootstrap, which only picks rows).
     *
     * @param grid the common evaluation points
     * @param filtered filtered values {@code [run][point]}
     * @param ranges curve range of each run, from its unfiltered curve
     */
    public record AcrossRuns(double[] grid, double[][] filtered, double[] ranges) {
        public int runs() {
            return filtered.length;
        }
    }

    /**
     * Prepares DR and RR: filters each run and aligns the runs.
     *
     * <p>Filtering: each run's values are filtered on their own, index by index (the reference
     * library's {@code lowpass_filter}): zero-phase forward-backward filtering by second-order
     * sections ({@link ButterworthFilter#filtfilt(double[], int)}, SciPy's {@code sosfiltfilt}),
     * odd extension with {@code padlen = min(n - 1, 3 (order + 1))} as the reference library caps
     * SciPy's default {@code 3 max(len(a), len(b))} for short curves. The reference library uses the
     * {@code (b, a)} form, which for order 8 at cutoff 0.01 loses accuracy (see {@link
     * ButterworthFilter}); the cutoff is in cycles per evaluation, which equals cycles per step
     * scaled by the evaluation interval only for evenly spaced evaluations.
     *
     * <p>Alignment: if all runs were evaluated at the same steps, those steps are the evaluation
     * points (the reference library's default: all common time points). Otherwise the points are
     * {@code G} evenly spaced steps over the overlap {@code [max_r t_0^r, min_r t_last^r]}, with
     * {@code G} = {@link Settings#gridPoints()} or, if 0, the smallest number of evaluations any run
     * has inside the overlap (so the grid is no finer than the coarsest run); each run's filtered
     * curve is linearly interpolated there. (The reference library instead takes, within a window,
     * the nearest time point of each run.)
     *
     * @throws IllegalArgumentException if there are no curves or their step spans do not overlap
     */
    public static AcrossRuns alignAcrossRuns(List<LearningCurve> curves, Settings settings) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("no curves");
        }
        int runs = curves.size();
        double[] ranges = new double[runs];
        double[][] smoothed = new double[runs][];
        ButterworthFilter filter = settings.lowpassCutoff() == 0 ? null : ButterworthFilter.lowPass(settings.lowpassOrder(), settings.lowpassCutoff());
        for (int r = 0; r < runs; r++) {
            double[] y = curves.get(r).values();
            ranges[r] = curveRange(y);
            if (filter == null || y.length == 1) {
                smoothed[r] = y;
            } else {
                smoothed[r] = filter.filtfilt(y, Math.min(y.length - 1, filter.defaultPadLength()));
            }
        }
        boolean aligned = true;
        for (int r = 1; r < runs; r++) {
            aligned &= curves.get(r).sameSteps(curves.get(0));
        }
        if (aligned) {
            return new AcrossRuns(curves.get(0).steps(), smoothed, ranges);
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        for (LearningCurve c : curves) {
            lo = Math.max(lo, c.step(0));
            hi = Math.min(hi, c.step(c.size() - 1));
        }
        if (lo > hi) {
            throw new IllegalArgumentException("the runs' step spans do not overlap: [" + lo + ", " + hi + "]");
        }
        int points = settings.gridPoints();
        if (points == 0) {
            points = Integer.MAX_VALUE;
            for (LearningCurve c : curves) {
                int inside = 0;
                for (int i = 0; i < c.size(); i++) {
                    if (c.step(i) >= lo && c.step(i) <= hi) {
                        inside++;
                    }
                }
                points = Math.min(points, inside);
            }
        }
        double[] grid = lo == hi ? new double[] {lo} : Aggregates.linspace(lo, hi, Math.max(2, points));
        double[][] filtered = new double[runs][];
        for (int r = 0; r < runs; r++) {
            filtered[r] = interpolate(curves.get(r).steps(), smoothed[r], grid);
        }
        return new AcrossRuns(grid, filtered, ranges);
    }

    /**
     * Dispersion across Runs (lower is better) per evaluation point {@code j}: {@code DR_j =
     * IQR_r(f_r(t_j)) / median_r(R_r)}, over the runs {@code runIndices} (repeats allowed, for the
     * bootstrap). NaN everywhere if the median range is not positive.
     */
    public static double[] dispersionAcrossRunsPerPoint(AcrossRuns data, int[] runIndices) {
        double[] ranges = new double[runIndices.length];
        for (int i = 0; i < runIndices.length; i++) {
            ranges[i] = data.ranges()[runIndices[i]];
        }
        double medianRange = SampleStatistics.median(ranges);
        double[] perPoint = new double[data.grid().length];
        double[] column = new double[runIndices.length];
        for (int j = 0; j < perPoint.length; j++) {
            for (int i = 0; i < runIndices.length; i++) {
                column[i] = data.filtered()[runIndices[i]][j];
            }
            perPoint[j] = medianRange > 0 ? SampleStatistics.interquartileRange(column) / medianRange : Double.NaN;
        }
        return perPoint;
    }

    /** {@code DR = median_j DR_j} (the reference library's collapse over evaluation points). */
    public static double dispersionAcrossRuns(AcrossRuns data, int[] runIndices) {
        return SampleStatistics.median(dispersionAcrossRunsPerPoint(data, runIndices));
    }

    /** {@link #dispersionAcrossRuns(AcrossRuns, int[])} over all runs. */
    public static double dispersionAcrossRuns(AcrossRuns data) {
        return dispersionAcrossRuns(data, allRuns(data.runs()));
    }

    /**
     * Risk across Runs (higher is better) per evaluation point: {@code RR_j =
     * CVaR_lower,r(f_r(t_j) / R_r; alpha)} over the runs {@code runIndices} with {@code R_r > 0}
     * (the reference library normalises each curve by its own range before filtering; the filter
     * is linear, so this is the same). NaN if no run has a positive range.
     */
    public static double[] riskAcrossRunsPerPoint(AcrossRuns data, int[] runIndices, double alpha) {
        int valid = 0;
        for (int r : runIndices) {
            if (data.ranges()[r] > 0) {
                valid++;
            }
        }
        double[] perPoint = new double[data.grid().length];
        if (valid == 0) {
            Arrays.fill(perPoint, Double.NaN);
            return perPoint;
        }
        double[] column = new double[valid];
        for (int j = 0; j < perPoint.length; j++) {
            int k = 0;
            for (int r : runIndices) {
                double range = data.ranges()[r];
                if (range > 0) {
                    column[k++] = data.filtered()[r][j] / range;
                }
            }
            perPoint[j] = SampleStatistics.lowerCvar(column, alpha);
        }
        return perPoint;
    }

    /** {@code RR = median_j RR_j}. */
    public static double riskAcrossRuns(AcrossRuns data, int[] runIndices, double alpha) {
        return SampleStatistics.median(riskAcrossRunsPerPoint(data, runIndices, alpha));
    }

    /** {@link #riskAcrossRuns(AcrossRuns, int[], double)} over all runs. */
    public static double riskAcrossRuns(AcrossRuns data, double alpha) {
        return riskAcrossRuns(data, allRuns(data.runs()), alpha);
    }

    /** Indices {@code 0..n-1}. */
    public static int[] allRuns(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** Piecewise-linear interpolation of {@code (x, y)} at {@code at}, within {@code [x_0, x_last]}. */
    static double[] interpolate(double[] x, double[] y, double[] at) {
        double[] out = new double[at.length];
        int i = 0;
        for (int k = 0; k < at.length; k++) {
            double t = at[k];
            if (t < x[0] || t > x[x.length - 1]) {
                throw new IllegalArgumentException("cannot extrapolate to " + t);
            }
            while (i + 1 < x.length - 1 && x[i + 1] <= t) {
                i++;
            }
            if (x.length == 1 || t == x[i]) {
                out[k] = y[i];
            } else if (t >= x[x.length - 1]) {
                out[k] = y[x.length - 1];
            } else {
                double w = (t - x[i]) / (x[i + 1] - x[i]);
                out[k] = y[i] + w * (y[i + 1] - y[i]);
            }
        }
        return out;
    }
}
