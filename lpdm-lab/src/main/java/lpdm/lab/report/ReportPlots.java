package lpdm.lab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import lpdm.core.random.Rng;
import lpdm.core.random.Seeds;
import lpdm.lab.stats.ConfidenceInterval;
import lpdm.lab.stats.SampleStatistics;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's figures as XChart charts, each rendered to PNG and SVG. Every variant keeps its colour across figures. */
final class ReportPlots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 500;

    /** Tableau 10, the colours of matplotlib's default cycle. */
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};

    private static final float[][] DASHES = {null, {8f, 4f}, {2f, 3f}, {10f, 3f, 2f, 3f}};

    /**
     * A rendered figure.
     *
     * @param name file name without extension (under plots/)
     * @param title what it shows
     * @param caption how to read it
     * @param png PNG bytes
     * @param svg SVG bytes
     */
    record Plot(String name, String title, String caption, byte[] png, byte[] svg) {
        String pngFile() {
            return "plots/" + name + ".png";
        }

        String svgFile() {
            return "plots/" + name + ".svg";
        }
    }

    private ReportPlots() {
    }

    static Color color(int variantIndex) {
        return PALETTE[Math.floorMod(variantIndex, PALETTE.length)];
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    private static BasicStroke stroke(float width, int dash) {
        float[] pattern = DASHES[Math.floorMod(dash, DASHES.length)];
        return pattern == null ? new BasicStroke(width) : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, pattern, 0f);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAnnotationTextFontColor(new Color(40, 40, 40));
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setMarkerSize(6);
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color, BasicStroke stroke, boolean legend) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        s.setShowInLegend(legend);
        return s;
    }

    /** Whether drawing the threshold at most doubles the span of the data {@code [lo, hi]}. */
    static boolean thresholdFits(double lo, double hi, double threshold) {
        if (!Double.isFinite(threshold)) {
            return false;
        }
        if (!(hi >= lo)) {
            return true;
        }
        double span = Math.max(hi - lo, 1e-9 + 0.05 * Math.abs(hi));
        return threshold >= lo - span && threshold <= hi + span;
    }

    /** Draws the threshold if it fits the data range; returns a caption note about it. */
    private static String thresholdLine(XYChart chart, double x0, double x1, double lo, double hi, double threshold) {
        if (!Double.isFinite(threshold)) {
            return "";
        }
        if (!thresholdFits(lo, hi, threshold)) {
            return " The env's reward threshold " + Fmt.number(threshold) + " lies far outside the data and is not drawn.";
        }
        line(chart, "reward threshold " + Fmt.number(threshold), new double[] {x0, x1}, new double[] {threshold, threshold},
                new Color(90, 90, 90), stroke(1.2f, 1), true);
        return " Dashed: the env's reward threshold.";
    }

    private static double[] range(double[]... arrays) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            for (double v : a) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return new double[] {lo, hi};
    }

    /** A tick-label pattern for data in {@code [lo, hi]}: enough decimals for the span, a leading zero, scientific for tiny values. */
    static String decimalPattern(double lo, double hi) {
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        double span = hi - lo;
        if (magnitude == 0 || !Double.isFinite(magnitude)) {
            return "0.##";
        }
        if (magnitude < 1e-3 || magnitude >= 1e7) {
            return "0.##E0";
        }
        double unit = span > 0 ? span : magnitude;
        int decimals = (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(unit)) + 1));
        return decimals == 0 ? "#,##0" : "#,##0." + "#".repeat(decimals);
    }

    private static AnnotationText label(String text, double x, double y) {
        return new AnnotationText(text, x, y, false);
    }

    /** Learning curves of one env: per variant the mean binned return over seeds with its bootstrap band. */
    static Plot learningCurves(String name, String env, long[] grid, List<String> allVariants, Map<String, ReportModel.Band> bands, double threshold) {
        XYChart chart = chart(env + ": learning curves", "environment step", "episode return (binned mean over seeds)");
        double[] x = Arrays.stream(grid).asDoubleStream().toArray();
        for (Map.Entry<String, ReportModel.Band> e : bands.entrySet()) {
            Color c = color(allVariants.indexOf(e.getKey()));
            ReportModel.Band b = e.getValue();
            if (b.runs() > 1) {
                int k = x.length;
                double[] px = new double[2 * k];
                double[] py = new double[2 * k];
                for (int i = 0; i < k; i++) {
                    px[i] = x[i];
                    py[i] = b.upper()[i];
                    px[2 * k - 1 - i] = x[i];
                    py[2 * k - 1 - i] = b.lower()[i];
                }
                XYSeries band = chart.addSeries(e.getKey() + " band", px, py);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
                band.setMarker(SeriesMarkers.NONE);
                band.setFillColor(alpha(c, 50));
                band.setLineColor(alpha(c, 0));
                band.setShowInLegend(false);
            }
        }
        for (Map.Entry<String, ReportModel.Band> e : bands.entrySet()) {
            line(chart, e.getKey() + " (" + e.getValue().runs() + " seeds)", x, e.getValue().mean(), color(allVariants.indexOf(e.getKey())),
                    stroke(2f, 0), true);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ReportModel.Band b : bands.values()) {
            double[] r = range(b.mean(), b.lower(), b.upper());
            lo = Math.min(lo, r[0]);
            hi = Math.max(hi, r[1]);
        }
        String note = thresholdLine(chart, 0, x[x.length - 1], lo, hi, threshold);
        if (Double.isFinite(lo)) {
            chart.getStyler().setYAxisDecimalPattern(decimalPattern(Math.min(lo, thresholdFits(lo, hi, threshold) ? threshold : lo),
                    Math.max(hi, thresholdFits(lo, hi, threshold) ? threshold : hi)));
        }
        return render(name, env + ": learning curves",
                "Mean over seeds of each run's episode returns binned onto " + grid.length + " evaluation points (lines) and the 95% "
                        + "bootstrap interval of that mean over seeds (bands)." + note, chart);
    }

    /** Final returns of one env: per variant the runs (jittered points) over a Tukey box. */
    static Plot finalReturns(String name, String env, List<String> allVariants, Map<String, double[]> scores, double threshold) {
        XYChart chart = chart(env + ": final return per run", "variant", "final return (mean of last 100 episodes)");
        List<String> shown = new ArrayList<>(scores.keySet());
        for (int i = 0; i < shown.size(); i++) {
            String v = shown.get(i);
            double[] y = scores.get(v);
            Color c = color(allVariants.indexOf(v));
            BasicStroke boxStroke = stroke(1.6f, 0);
            if (y.length > 0) {
                double q1 = SampleStatistics.quantile(y, 0.25);
                double med = SampleStatistics.median(y);
                double q3 = SampleStatistics.quantile(y, 0.75);
                double iqr = q3 - q1;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v2 : y) {
                    if (v2 >= q1 - 1.5 * iqr) {
                        lo = Math.min(lo, v2);
                    }
                    if (v2 <= q3 + 1.5 * iqr) {
                        hi = Math.max(hi, v2);
                    }
                }
                double w = 0.25;
                line(chart, v + " box", new double[] {i - w, i + w, i + w, i - w, i - w}, new double[] {q1, q1, q3, q3, q1}, c, boxStroke, false);
                line(chart, v + " median", new double[] {i - w, i + w}, new double[] {med, med}, c, stroke(3f, 0), false);
                line(chart, v + " whisker low", new double[] {i, i, i - 0.1, i + 0.1}, new double[] {q1, lo, lo, lo}, c, boxStroke, false);
                line(chart, v + " whisker high", new double[] {i, i, i - 0.1, i + 0.1}, new double[] {q3, hi, hi, hi}, c, boxStroke, false);
                Rng rng = new Seeds(0).rng("jitter/" + env + "/" + v);
                double[] x = new double[y.length];
                for (int j = 0; j < x.length; j++) {
                    x[j] = i + rng.uniform(-0.18, 0.18);
                }
                XYSeries pts = chart.addSeries(v + " (" + y.length + " runs)", x, y);
                pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                pts.setMarker(SeriesMarkers.CIRCLE);
                pts.setMarkerColor(alpha(c.darker(), 200));
            }
        }
        double[] r = range(scores.values().toArray(new double[0][]));
        String note = thresholdLine(chart, -0.5, shown.size() - 0.5, r[0], r[1], threshold);
        if (thresholdFits(r[0], r[1], threshold)) {
            r[0] = Math.min(r[0], threshold);
            r[1] = Math.max(r[1], threshold);
        }
        double span = r[1] > r[0] ? r[1] - r[0] : Math.max(1, Math.abs(r[0]) * 0.1);
        double top = r[1] + 0.16 * span;
        chart.getStyler().setYAxisMin(r[0] - 0.06 * span);
        chart.getStyler().setYAxisMax(top);
        chart.getStyler().setXAxisMin(-0.6);
        chart.getStyler().setXAxisMax(shown.size() - 0.4);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setYAxisDecimalPattern(decimalPattern(r[0], r[1]));
        for (int i = 0; i < shown.size(); i++) {
            chart.addAnnotation(label(shown.get(i), i, top - 0.06 * span));
        }
        return render(name, env + ": final return per run",
                "One point per run (jittered sideways); box from the first to the third quartile with the median as a thick line; "
                        + "whiskers to the most extreme runs within 1.5 IQR of the box." + note, chart);
    }

    /** Aggregate IQM per variant with its interval, one row per variant (first variant on top). */
    static Plot aggregateIqm(String name, String title, String axis, List<String> allVariants, Map<String, ConfidenceInterval> iqm, String caption) {
        XYChart chart = chart(title, axis, "");
        List<String> shown = new ArrayList<>(iqm.keySet());
        List<AnnotationText> labels = new ArrayList<>();
        int n = shown.size();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            String v = shown.get(i);
            ConfidenceInterval ci = iqm.get(v);
            double y = n - 1 - i;
            Color c = color(allVariants.indexOf(v));
            if (Double.isFinite(ci.lower()) && Double.isFinite(ci.upper())) {
                line(chart, v + " interval", new double[] {ci.lower(), ci.upper()}, new double[] {y, y}, c, stroke(6f, 0), false);
                lo = Math.min(lo, ci.lower());
                hi = Math.max(hi, ci.upper());
            }
            labels.add(label(v, ci.estimate(), y + 0.3));
            XYSeries p = chart.addSeries(v, new double[] {ci.estimate()}, new double[] {y});
            p.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.DIAMOND);
            p.setMarkerColor(Color.BLACK);
            lo = Math.min(lo, ci.estimate());
            hi = Math.max(hi, ci.estimate());
        }
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            double pad = hi > lo ? 0.08 * (hi - lo) : Math.max(1e-3, Math.abs(lo) * 0.05);
            chart.getStyler().setXAxisMin(lo - pad);
            chart.getStyler().setXAxisMax(hi + pad);
        }
        chart.getStyler().setYAxisMin(-0.6);
        chart.getStyler().setYAxisMax(n - 0.4);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setPlotGridHorizontalLinesVisible(false);
        if (Double.isFinite(lo) && Double.isFinite(hi)) {
            chart.getStyler().setXAxisDecimalPattern(decimalPattern(lo, hi));
        }
        chart.getStyler().setLegendVisible(false);
        labels.forEach(chart::addAnnotation);
        return render(name, title, caption, chart);
    }

    /**
     * One per-layer diagnostic of one network on one env: per variant and layer the mean over seeds
     * of the binned progress column (colour = variant, dash = layer).
     *
     * @param series variant to layer to values on the grid (NaN where no seed has a value yet)
     */
    static Plot diagnostics(String name, String env, String network, String kind, long[] grid, List<String> allVariants,
                            Map<String, SortedMap<Integer, double[]>> series) {
        String title = env + ": " + network + " " + kind;
        XYChart chart = chart(title, "environment step", kind + " (mean over seeds)");
        boolean positive = true;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, SortedMap<Integer, double[]>> v : series.entrySet()) {
            for (Map.Entry<Integer, double[]> layer : v.getValue().entrySet()) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                double[] values = layer.getValue();
                for (int i = 0; i < values.length; i++) {
                    if (Double.isFinite(values[i])) {
                        xs.add((double) grid[i]);
                        ys.add(values[i]);
                        positive &= values[i] > 0;
                        min = Math.min(min, values[i]);
                        max = Math.max(max, values[i]);
                    }
                }
                if (xs.isEmpty()) {
                    continue;
                }
                XYSeries s = chart.addSeries(v.getKey() + " layer " + layer.getKey(), xs, ys);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                s.setMarker(xs.size() <= 12 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                s.setMarkerColor(color(allVariants.indexOf(v.getKey())));
                s.setLineColor(color(allVariants.indexOf(v.getKey())));
                s.setLineStyle(stroke(2f, layer.getKey()));
            }
        }
        boolean log = positive && min > 0 && max / min > 1000;
        chart.getStyler().setYAxisLogarithmic(log);
        if (Double.isFinite(min)) {
            chart.getStyler().setYAxisDecimalPattern(log ? "0.#E0" : decimalPattern(min, max));
        }
        return render(name, title,
                "Progress column `" + (network.equals("critic") ? "critic/" : "") + "layer{i}/" + kind + "` binned onto the evaluation "
                        + "grid (mean of the updates logged in each bin; bins without an update are skipped) and averaged over the seeds "
                        + "with a value there; colour = variant, dash = layer" + (log ? "; logarithmic y axis" : "") + ".", chart);
    }

    static Plot render(String name, String title, String caption, XYChart chart) {
        long entries = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
        if (entries > 4) {
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            return new Plot(name, title, caption, png.toByteArray(), svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not render plot " + name, e);
        }
    }
}
