package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error table of docs/interfaces.md, row by row: each row's command runs through the CLI entry
 * point and must exit with the row's code and print the row's message as the first line of
 * standard error (a message ending in "…" is a prefix). In the table, DIR/ is a fresh directory
 * holding the fixtures made in {@link #fixtures}, and "c×N" stands for N copies of c.
 */
class ErrorTableTest {
    @TempDir
    static Path dir;

    record Row(String command, int code, String message) {
    }

    @BeforeAll
    static void fixtures() throws Exception {
        Files.writeString(dir.resolve("acrobat.yaml"), "envs: [Acrobat-v1]\nalgo: ppo\nsteps: 1000\nseeds: 1\nvariants:\n  bp: {learner: bp}\n");
        Files.writeString(dir.resolve("bad.yaml"), "env: CartPole-v1\n  algo: ppo: x\n");
        Files.writeString(dir.resolve("afile"), "a regular file\n");
        Path done = dir.resolve("done");
        assertThat(CliTest.run("train", "--quiet", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp", "--steps", "2000",
                "--out", done.toString()).code()).isZero();
        copy(done, dir.resolve("nockpt"));
        Files.delete(dir.resolve("nockpt/checkpoint/state.bin"));
        copy(done, dir.resolve("noprog"));
        Files.delete(dir.resolve("noprog/progress.csv"));
        Files.delete(dir.resolve("noprog/curve.png"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(from.relativize(f).toString()));
            }
        }
    }

    static List<Row> table() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "interfaces.md"));
        String body = doc.substring(doc.indexOf("<!-- error-table:start -->"), doc.indexOf("<!-- error-table:end -->"));
        Pattern row = Pattern.compile("^\\| `lpdm ([^`]*)` \\| (\\d) \\| `([^`]*)` \\|$", Pattern.MULTILINE);
        List<Row> rows = new ArrayList<>();
        for (Matcher m = row.matcher(body); m.find(); ) {
            rows.add(new Row(m.group(1), Integer.parseInt(m.group(2)), m.group(3)));
        }
        return rows;
    }

    static String expand(String s) {
        Matcher m = Pattern.compile("(.)×(\\d+)").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1).repeat(Integer.parseInt(m.group(2)))));
        }
        m.appendTail(sb);
        return sb.toString().replace("DIR/", dir + "/");
    }

    @Test
    void everyRowOfTheErrorTableHolds() throws Exception {
        List<Row> rows = table();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(15);
        for (Row r : rows) {
            CliTest.Result result = CliTest.run(expand(r.command()).split(" "));
            String first = result.err().lines().findFirst().orElse("");
            String message = expand(r.message());
            assertThat(result.code()).as(r.command() + "\n" + result.err()).isEqualTo(r.code());
            if (message.endsWith("…")) {
                assertThat(first).as(r.command()).startsWith(message.substring(0, message.length() - 1));
            } else {
                assertThat(first).as(r.command()).isEqualTo(message);
                assertThat(first.length()).as("one readable line: " + r.command()).isLessThan(400);
            }
        }
    }

    /** Issue 19, defects 11 and 12: usage errors come before any output, and leave no directory behind. */
    @Test
    void demoValidatesBeforePrintingOrCreatingAnything() throws Exception {
        Path runs = Path.of("runs");
        List<Path> before = Files.isDirectory(runs) ? listing(runs) : List.of();
        CliTest.Result r = CliTest.run("demo", "--seeds", "0");
        try {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(Files.isDirectory(runs) ? listing(runs) : List.of()).isEqualTo(before);
        } finally {
            if (Files.isDirectory(runs)) {
                for (Path p : listing(runs)) {
                    if (!before.contains(p) && p.getFileName().toString().startsWith("demo-")) {
                        Files.delete(p);
                    }
                }
            }
        }
        CliTest.Result jobs = CliTest.run("demo", "--jobs", "0", "--out", dir.resolve("demo").toString());
        assertThat(jobs.code()).isEqualTo(2);
        assertThat(jobs.out()).isEmpty();
        assertThat(jobs.err()).startsWith("lpdm: --jobs must be positive");
    }

    private static List<Path> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }
}
