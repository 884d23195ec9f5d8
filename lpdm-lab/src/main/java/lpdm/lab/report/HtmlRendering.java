package lpdm.lab.report;

import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lpdm.lab.report.ReportDocument.Block;
import lpdm.lab.report.ReportDocument.Bullets;
import lpdm.lab.report.ReportDocument.Code;
import lpdm.lab.report.ReportDocument.Collapsed;
import lpdm.lab.report.ReportDocument.Figures;
import lpdm.lab.report.ReportDocument.Heading;
import lpdm.lab.report.ReportDocument.Table;
import lpdm.lab.report.ReportDocument.Text;

/**
 * report.html: a {@link ReportDocument} as one self-contained page (inline CSS, figures as base64
 * PNG data URIs, no scripts or external resources).
 */
final class HtmlRendering {
    private HtmlRendering() {
    }

    private static final String CSS = """
            body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fafafa}
            main{max-width:1180px;margin:0 auto;padding:24px 32px;background:#fff}
            h1{font-size:1.7em;border-bottom:2px solid #333;padding-bottom:6px}
            h2{font-size:1.35em;margin-top:1.8em;border-bottom:1px solid #ccc;padding-bottom:4px}
            h3{font-size:1.1em;margin-top:1.4em}
            p,li{line-height:1.45}
            code,pre{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em;background:#f3f3f3}
            code{padding:1px 4px;border-radius:3px}
            pre{padding:10px 12px;overflow-x:auto;border-radius:4px;white-space:pre-wrap;word-break:break-all}
            table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}
            th,td{border:1px solid #d0d0d0;padding:4px 8px;vertical-align:top}
            th{background:#eef1f5;text-align:left}
            tr:nth-child(even) td{background:#fafbfc}
            td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .figures{display:flex;flex-wrap:wrap;gap:16px}
            figure{margin:0;flex:1 1 520px;max-width:560px}
            figure img{width:100%;height:auto;border:1px solid #e4e4e4}
            figcaption{font-size:.85em;color:#555;margin-top:4px}
            details{margin:1em 0}
            summary{cursor:pointer;font-weight:600}
            """;

    static String render(ReportDocument doc) {
        String title = doc.title();
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>").append(inline(title)).append("</h1>\n");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Block b : doc.blocks()) {
            html(b, sb, ids);
        }
        sb.append("</main>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static final Pattern NUMERIC = Pattern.compile("^[+-]?(\\d|n/a|inf|-inf|\\.).*");

    private static void html(Block block, StringBuilder sb, java.util.Set<String> ids) {
        if (block instanceof Heading h) {
            int level = h.level() + 1;
            String id = anchor(h.text());
            for (int k = 2; !ids.add(id); k++) {
                id = anchor(h.text()) + "-" + k;
            }
            sb.append("<h").append(level).append(" id=\"").append(id).append("\">").append(inline(h.text()))
                    .append("</h").append(level).append(">\n");
        } else if (block instanceof Text t) {
            sb.append("<p>").append(inline(t.text())).append("</p>\n");
        } else if (block instanceof Table t) {
            sb.append("<table>\n<thead><tr>");
            for (String c : t.header()) {
                sb.append("<th>").append(inline(c)).append("</th>");
            }
            sb.append("</tr></thead>\n<tbody>\n");
            for (List<String> r : t.rows()) {
                sb.append("<tr>");
                for (int i = 0; i < r.size(); i++) {
                    String c = r.get(i);
                    boolean num = i > 0 && NUMERIC.matcher(c).matches();
                    sb.append(num ? "<td class=\"num\">" : "<td>").append(inline(c)).append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        } else if (block instanceof Figures f) {
            sb.append("<div class=\"figures\">\n");
            for (ReportPlots.Plot p : f.plots()) {
                sb.append("<figure><img alt=\"").append(escape(p.title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(p.png())).append("\">\n<figcaption><strong>")
                        .append(inline(p.title())).append(".</strong> ").append(inline(p.caption()))
                        .append(" (<a href=\"").append(escape(p.svgFile())).append("\">SVG</a>)</figcaption></figure>\n");
            }
            sb.append("</div>\n");
        } else if (block instanceof Bullets l) {
            sb.append("<ul>\n");
            for (String item : l.items()) {
                sb.append("<li>").append(inline(item)).append("</li>\n");
            }
            sb.append("</ul>\n");
        } else if (block instanceof Code c) {
            sb.append("<pre>").append(escape(c.text())).append("</pre>\n");
        } else if (block instanceof Collapsed c) {
            sb.append("<details><summary>").append(inline(c.summary())).append("</summary>\n");
            for (Block inner : c.blocks()) {
                html(inner, sb, ids);
            }
            sb.append("</details>\n");
        }
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

    /** Escapes HTML and turns {@code `x`} into code and {@code **x**} into bold. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = CODE.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(bold(escape(text.substring(last, m.start())))).append("<code>").append(escape(m.group(1))).append("</code>");
            last = m.end();
        }
        out.append(bold(escape(text.substring(last))));
        return out.toString();
    }

    private static String bold(String escaped) {
        return BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String anchor(String heading) {
        return heading.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
