package lpdm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lpdm.cli.Main;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link LibraryExample} as its own program (a JVM started on this module's class path, as a
 * user's program would run) and checks what it prints against {@code lpdm train} and
 * {@code lpdm eval} with the same arguments; and that docs/library.md shows the example as it is
 * compiled, with the coordinates of the poms.
 */
class LibraryExampleTest {
    private static final Path SOURCE = Path.of("src/main/java/lpdm/examples/LibraryExample.java");
    private static final Path DOC = Path.of("../docs/library.md");
    private static final String NUMBER = "(-?\\d+\\.\\d{2})";

    @TempDir
    Path dir;

    private record Output(int code, String out, String err) {
    }

    private static Output runExample(Path runDir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = Files.createTempFile("library-example", ".out");
        Path err = Files.createTempFile("library-example", ".err");
        try {
            Process p = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                    "-cp", System.getProperty("java.class.path"), LibraryExample.class.getName(), runDir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("the example did not finish within 5 minutes");
            }
            return new Output(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8); PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8)) {
            code = Main.execute(args, o, e);
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Matcher line(String output, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex + "$").matcher(output);
        assertThat(m.find()).as("a line matching %s in%n%s", regex, output).isTrue();
        return m;
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** progress.csv without the columns that measure time. */
    private static List<String> progressWithoutTimings(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("progress.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        int wall = header.indexOf("wall_seconds");
        int sps = header.indexOf("steps_per_second");
        assertThat(wall).isNotNegative();
        assertThat(sps).isNotNegative();
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.set(wall, "");
            cells.set(sps, "");
            out.add(String.join(",", cells));
        }
        return out;
    }

    private static JsonNode summaryWithoutTimings(Path run) throws IOException {
        ObjectNode s = (ObjectNode) Json.MAPPER.readTree(run.resolve("summary.json").toFile());
        s.remove(List.of("wall_seconds", "steps_per_second", "peak_heap_bytes"));
        return s;
    }

    @Test
    void theExamplePrintsWhatLpdmTrainAndLpdmEvalGiveForTheSameArguments() throws Exception {
        Path library = dir.resolve("library");
        Output ex = runExample(library);
        assertThat(ex.code()).as(ex.err()).isZero();
        System.out.println("LibraryExample printed:\n" + ex.out());

        Path cliRun = dir.resolve("cli");
        String trainOut = cli("train", "--env", "CartPole-v1", "--algo", "ppo", "--learner", "lpdm", "--steps", "20000", "--seed", "1",
                "--set", "lpdm.pairs=sampled:16", "--out", cliRun.toString(), "--quiet");
        cli("eval", cliRun.toString(), "--episodes", "10", "--seed", "1000000");

        // The same run, file by file (timings aside).
        for (String f : List.of("checkpoint/state.bin", "episodes.csv", "checkpoint/config.json", "config.json")) {
            assertThat(Files.readAllBytes(library.resolve(f))).as(f).isEqualTo(Files.readAllBytes(cliRun.resolve(f)));
        }
        assertThat(progressWithoutTimings(library)).isEqualTo(progressWithoutTimings(cliRun));
        assertThat(summaryWithoutTimings(library)).isEqualTo(summaryWithoutTimings(cliRun));

        // What the example printed: the env, the same hyper-parameter line as lpdm train, the summary, the evaluation.
        line(ex.out(), "env: CartPole-v1, 4 observation values, actions Discrete\\(2\\); always pushing left ends the episode after "
                + "\\d+ steps");
        String hp = line(ex.out(), "hyper-parameters: .+").group();
        assertThat(trainOut).contains(hp + "\n");
        JsonNode summary = Json.MAPPER.readTree(cliRun.resolve("summary.json").toFile());
        Matcher trained = line(ex.out(), "trained: (\\d+) steps, (\\d+) episodes, final_mean_return " + NUMBER + ", best_mean_return_100 " + NUMBER);
        assertThat(Long.parseLong(trained.group(1))).isEqualTo(summary.path("total_steps").asLong()).isGreaterThanOrEqualTo(20_000);
        assertThat(Long.parseLong(trained.group(2))).isEqualTo(summary.path("episodes").asLong()).isPositive();
        assertThat(trained.group(3)).isEqualTo(f2(summary.path("final_mean_return").asDouble()));
        assertThat(trained.group(4)).isEqualTo(f2(summary.path("best_mean_return_100").asDouble()));
        for (int g = 3; g <= 4; g++) {
            assertThat(Double.parseDouble(trained.group(g))).isFinite().isPositive();
        }
        JsonNode eval = Json.MAPPER.readTree(cliRun.resolve("eval.json").toFile());
        Matcher evaluated = line(ex.out(), "evaluation: deterministic " + NUMBER + " \\+- " + NUMBER + ", stochastic " + NUMBER + " \\+- "
                + NUMBER + " over 10 episodes");
        assertThat(evaluated.group(1)).isEqualTo(f2(eval.path("deterministic").path("mean").asDouble()));
        assertThat(evaluated.group(2)).isEqualTo(f2(eval.path("deterministic").path("std").asDouble()));
        assertThat(evaluated.group(3)).isEqualTo(f2(eval.path("stochastic").path("mean").asDouble()));
        assertThat(evaluated.group(4)).isEqualTo(f2(eval.path("stochastic").path("std").asDouble()));
        line(ex.out(), "run directory: " + Pattern.quote(library.toString()));
    }

    @Test
    void docsShowTheCompiledExampleAndThePomsCoordinates() throws IOException {
        String doc = Files.readString(DOC);
        String source = Files.readString(SOURCE);
        Matcher block = Pattern.compile("<!-- example:begin lpdm-examples/" + Pattern.quote(SOURCE.toString().replace('\\', '/'))
                + " -->\n```java\n(.*?)```\n<!-- example:end -->", Pattern.DOTALL).matcher(doc);
        assertThat(block.find()).as("docs/library.md holds the example between its markers").isTrue();
        assertThat(block.group(1)).isEqualTo(source);

        String parent = Files.readString(Path.of("../pom.xml"));
        Matcher version = Pattern.compile("<artifactId>lpdm-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(parent);
        assertThat(version.find()).isTrue();
        assertThat(Files.readString(Path.of("../lpdm-api/pom.xml"))).contains("<artifactId>lpdm-api</artifactId>");
        assertThat(doc).contains("<dependency>\n      <groupId>lpdm</groupId>\n      <artifactId>lpdm-api</artifactId>\n      <version>"
                + version.group(1) + "</version>\n    </dependency>");
    }
}
