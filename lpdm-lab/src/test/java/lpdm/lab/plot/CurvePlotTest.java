package lpdm.lab.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lpdm.lab.run.EpisodeLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

class CurvePlotTest {
    @TempDir
    Path dir;

    /** Issue 19, defect 6: a run without a finished episode has no made-up point at (0, 0). */
    @Test
    void noEpisodeMeansNoPoint() throws Exception {
        XYChart chart = CurvePlot.chart("t", List.of());
        for (XYSeries s : chart.getSeriesMap().values()) {
            assertThat(s.getXData()).as(s.getName()).isEmpty();
        }
        assertThat(chart.getTitle()).contains("no episode finished");
        Path png = dir.resolve("curve.png");
        CurvePlot.writePng(png, "t", List.of());
        assertThat(Files.size(png)).isPositive();
    }

    /** Issue 19, defect 12: the legend sits outside the plot area, so it never hides the latest data. */
    @Test
    void legendIsOutsideThePlot() {
        XYChart chart = CurvePlot.chart("t", List.of(new EpisodeLog.Episode(10, 1, 10), new EpisodeLog.Episode(30, 5, 20)));
        Styler.LegendPosition p = chart.getStyler().getLegendPosition();
        assertThat(p).isIn(Styler.LegendPosition.OutsideE, Styler.LegendPosition.OutsideS);
        assertThat(chart.getSeriesMap().get("episode return").getXData()).containsExactly(10.0, 30.0);
    }
}
