package lpdm.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lpdm.lab.stats.ConfidenceInterval;
import org.junit.jupiter.api.Test;

class ReportDocumentTest {
    @Test
    void markdownAndHtmlCarryTheSameContentEscapedForEach() {
        ReportDocument doc = new ReportDocument("Study <x>");
        doc.heading(1, "Final return").text("IQM uses `trim_mean` and **the upper tail** & more");
        doc.add(new ReportDocument.Table(List.of("variant", "value"), List.of(List.of("a|b", "1.5 [1.0, 2.0]"))));
        doc.add(new ReportDocument.Code("lpdm compare --study s.yaml --out 'a b'"));
        String md = doc.markdown();
        assertThat(md).startsWith("# Study <x>\n").contains("## Final return", "| a\\|b | 1.5 [1.0, 2.0] |", "```\nlpdm compare");
        String html = doc.html();
        assertThat(html).contains("<title>Study &lt;x&gt;</title>", "<code>trim_mean</code>", "<strong>the upper tail</strong> &amp; more",
                "<td>a|b</td>", "<td class=\"num\">1.5 [1.0, 2.0]</td>", "--out 'a b'");
        assertThat(html).doesNotContain("http:", "https:", "<script", "<link");
    }

    @Test
    void headingIdsAreUnique() {
        ReportDocument doc = new ReportDocument("t").heading(2, "CartPole-v1").heading(2, "CartPole-v1");
        assertThat(doc.html()).contains("<h3 id=\"cartpole-v1\">", "<h3 id=\"cartpole-v1-2\">");
    }

    @Test
    void figuresAreEmbeddedAsDataUris() {
        ReportPlots.Plot plot = new ReportPlots.Plot("p", "A plot", "caption", new byte[] {1, 2, 3}, new byte[0]);
        ReportDocument doc = new ReportDocument("t").add(new ReportDocument.Figures(List.of(plot)));
        assertThat(doc.html()).contains("src=\"data:image/png;base64,AQID\"", "href=\"plots/p.svg\"");
        assertThat(doc.markdown()).contains("![A plot](plots/p.png)", "([SVG](plots/p.svg))");
    }

    @Test
    void numbersThatBelongTogetherShareTheirDecimals() {
        assertThat(Fmt.withInterval(new ConfidenceInterval(22.4, 21.6, 23.2))).isEqualTo("22.4 [21.6, 23.2]");
        assertThat(Fmt.withInterval(new ConfidenceInterval(2.02e-4, -3.53e-4, 0.004))).isEqualTo("0.00020 [-0.00035, 0.00400]");
        assertThat(Fmt.withInterval(new ConfidenceInterval(-500, -500, -500))).isEqualTo("-500 [-500, -500]");
        assertThat(Fmt.withInterval(ConfidenceInterval.undefined())).isEqualTo("n/a [n/a, n/a]");
        assertThat(Fmt.meanSd(22.0, 0.297)).isEqualTo("22.0 ± 0.3");
        assertThat(Fmt.rank(2)).isEqualTo("2");
        assertThat(Fmt.rank(1.5)).isEqualTo("1.5");
    }
}
