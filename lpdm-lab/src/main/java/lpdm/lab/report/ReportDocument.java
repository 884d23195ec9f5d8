package lpdm.lab.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's content as a list of blocks, rendered by {@link MarkdownRendering} (report.md) and
 * by {@link HtmlRendering} (a self-contained report.html), so both files say the same. Text may use
 * two inline marks: {@code `code`} and {@code **bold**}.
 */
final class ReportDocument {
    sealed interface Block permits Heading, Text, Table, Figures, Bullets, Code, Collapsed {
    }

    /** A section heading, level 1 to 3. */
    record Heading(int level, String text) implements Block {
    }

    /** A paragraph. */
    record Text(String text) implements Block {
    }

    /** A table; numeric-looking columns are right-aligned in HTML. */
    record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    /** Figures shown side by side in HTML, one after another in Markdown. */
    record Figures(List<ReportPlots.Plot> plots) implements Block {
    }

    /** A bullet list. */
    record Bullets(List<String> items) implements Block {
    }

    /** A preformatted block (commands). */
    record Code(String text) implements Block {
    }

    /** Blocks folded away in HTML (a {@code <details>} element), shown normally in Markdown. */
    record Collapsed(String summary, List<Block> blocks) implements Block {
    }

    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    ReportDocument(String title) {
        this.title = title;
    }

    ReportDocument add(Block block) {
        blocks.add(block);
        return this;
    }

    ReportDocument heading(int level, String text) {
        return add(new Heading(level, text));
    }

    ReportDocument text(String text) {
        return add(new Text(text));
    }

    String title() {
        return title;
    }

    List<Block> blocks() {
        return blocks;
    }

    /** The document as Markdown (report.md). */
    String markdown() {
        return MarkdownRendering.render(this);
    }

    /** The document as a self-contained HTML page (report.html). */
    String html() {
        return HtmlRendering.render(this);
    }
}
