package lpdm.lab.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import lpdm.lab.run.AtomicFiles;
import lpdm.lab.run.EpisodeLog;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The learning curve of one run: episode returns (points) and their running 100-episode mean (line), step on x. */
public final class CurvePlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private CurvePlot() {
    }

    /**
     * The chart; the legend sits below the plot so that it never hides data. Without a finished
     * episode the chart is empty (no series, the title says so): no point is made up.
     */
    public static XYChart chart(String title, List<EpisodeLog.Episode> episodes) {
        int n = episodes.size();
        XYChart chart = new XYChartBuilder().width(800).height(500).title(n == 0 ? title + " (no episode finished)" : title)
                .xAxisTitle("environment step").yAxisTitle("episode return").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        if (n == 0) {
            return chart;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        double[] mean = new double[n];
        double window = 0;
        for (int i = 0; i < n; i++) {
            EpisodeLog.Episode e = episodes.get(i);
            x[i] = e.globalStep();
            y[i] = e.episodeReturn();
            window += y[i];
            if (i >= 100) {
                window -= y[i - 100];
            }
            mean[i] = window / Math.min(100, i + 1);
        }
        XYSeries points = chart.addSeries("episode return", x, y);
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(new Color(70, 130, 180, 60));
        XYSeries line = chart.addSeries("mean of last 100", x, mean);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(new Color(200, 60, 30));
        line.setLineStyle(new BasicStroke(2f));
        return chart;
    }

    /** Writes the curve as PNG, atomically. */
    public static void writePng(Path file, String title, List<EpisodeLog.Episode> episodes) throws IOException {
        XYChart chart = chart(title, episodes);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, bytes, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
