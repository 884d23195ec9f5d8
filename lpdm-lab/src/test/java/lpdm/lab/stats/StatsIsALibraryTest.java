package lpdm.lab.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code lpdm.lab.stats} is a statistics library: it knows nothing of reports, runs, studies,
 * algorithms or environments. Checked on the sources of the package: every qualified {@code lpdm.}
 * name in them (imports, static imports, names written out in code or comments) lies in the
 * package itself or in {@code lpdm.core.random} (the seeded generator of the bootstrap draws).
 */
class StatsIsALibraryTest {
    private static final List<String> ALLOWED = List.of("lpdm.lab.stats", "lpdm.core.random");
    private static final Pattern QUALIFIED = Pattern.compile("\\blpdm(\\.[A-Za-z_][A-Za-z0-9_]*)+");

    /** The qualified lpdm names in one source text outside the allowed packages ("line N: name"). */
    static List<String> violations(String source) {
        List<String> found = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = QUALIFIED.matcher(lines[i]);
            while (m.find()) {
                String name = m.group();
                if (ALLOWED.stream().noneMatch(p -> name.equals(p) || name.startsWith(p + "."))) {
                    found.add("line " + (i + 1) + ": " + name);
                }
            }
        }
        return found;
    }

    @Test
    void theCheckFindsWhatItShould() {
        assertThat(violations("package lpdm.lab.stats;\nimport lpdm.core.random.Rng;\nimport java.util.List;\n")).isEmpty();
        assertThat(violations("import lpdm.lab.report.StudyReport;\n")).containsExactly("line 1: lpdm.lab.report.StudyReport");
        assertThat(violations("import static lpdm.lab.run.Json.MAPPER;\n")).hasSize(1);
        assertThat(violations("x\n  var s = new lpdm.lab.study.StudySpec(a);\n")).containsExactly("line 2: lpdm.lab.study.StudySpec");
        assertThat(violations("import lpdm.lab.statsextra.X;\nimport lpdm.core.nn.Linear;\nimport lpdm.rl.Ppo;\n")).hasSize(3);
    }

    @Test
    void statisticsDependOnNoReportRunOrStudyCode() throws IOException {
        Path stats = Path.of("src", "main", "java", "lpdm", "lab", "stats");
        assertThat(stats).as("run from the module directory").isDirectory();
        List<String> all = new ArrayList<>();
        int files = 0;
        try (Stream<Path> walk = Files.walk(stats)) {
            for (Path f : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".java"))::iterator) {
                files++;
                for (String v : violations(Files.readString(f))) {
                    all.add(f.getFileName() + " " + v);
                }
            }
        }
        assertThat(files).as("source files of lpdm.lab.stats").isGreaterThanOrEqualTo(10);
        assertThat(all).as("references outside " + ALLOWED).isEmpty();
    }
}
