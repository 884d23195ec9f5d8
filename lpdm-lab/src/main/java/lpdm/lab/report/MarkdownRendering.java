package lpdm.lab.report;

import java.util.List;
import lpdm.lab.report.ReportDocument.Block;
import lpdm.lab.report.ReportDocument.Bullets;
import lpdm.lab.report.ReportDocument.Code;
import lpdm.lab.report.ReportDocument.Collapsed;
import lpdm.lab.report.ReportDocument.Figures;
import lpdm.lab.report.ReportDocument.Heading;
import lpdm.lab.report.ReportDocument.Table;
import lpdm.lab.report.ReportDocument.Text;

/** report.md: a {@link ReportDocument} as Markdown, figures linked from plots/. */
final class MarkdownRendering {
    private MarkdownRendering() {
    }

    static String render(ReportDocument doc) {
        StringBuilder sb = new StringBuilder("# ").append(doc.title()).append("\n\n");
        for (Block b : doc.blocks()) {
            markdown(b, sb);
        }
        return sb.toString();
    }

    private static void markdown(Block block, StringBuilder sb) {
        if (block instanceof Heading h) {
            sb.append("#".repeat(h.level() + 1)).append(' ').append(h.text()).append("\n\n");
        } else if (block instanceof Text t) {
            sb.append(t.text()).append("\n\n");
        } else if (block instanceof Table t) {
            row(t.header(), sb);
            sb.append('|');
            for (int i = 0; i < t.header().size(); i++) {
                sb.append(" --- |");
            }
            sb.append('\n');
            for (List<String> r : t.rows()) {
                row(r, sb);
            }
            sb.append('\n');
        } else if (block instanceof Figures f) {
            for (ReportPlots.Plot p : f.plots()) {
                sb.append("![").append(p.title()).append("](").append(p.pngFile()).append(")\n\n")
                        .append("*").append(p.title()).append(".* ").append(p.caption())
                        .append(" ([SVG](").append(p.svgFile()).append("))\n\n");
            }
        } else if (block instanceof Bullets l) {
            for (String item : l.items()) {
                sb.append("- ").append(item).append('\n');
            }
            sb.append('\n');
        } else if (block instanceof Code c) {
            sb.append("```\n").append(c.text()).append("\n```\n\n");
        } else if (block instanceof Collapsed c) {
            sb.append("**").append(c.summary()).append("**\n\n");
            for (Block inner : c.blocks()) {
                markdown(inner, sb);
            }
        }
    }

    private static void row(List<String> cells, StringBuilder sb) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        sb.append('\n');
    }
}
