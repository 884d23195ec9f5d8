package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands print does not depend on the machine's locale: under a German default locale
 * (decimal comma) the summary line of {@code train} still writes decimal points, as scripts that
 * read the line expect, and so do its tables and summary.json. Before, {@code -Duser.language=de} printed
 * "final_mean_return 21,95 ... 7,2 s".
 */
class LocaleIndependentOutputTest {
    @TempDir
    Path dir;

    @Test
    void trainPrintsDecimalPointsUnderAGermanLocale() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            CliTest.Result r = CliTest.run("train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp", "--steps", "1000",
                    "--seed", "1", "--quiet", "--out", dir.resolve("run").toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).containsPattern("final_mean_return \\d+\\.\\d\\d \\(best \\d+\\.\\d\\d\\) after \\d+ steps, \\d+ episodes, \\d+\\.\\d s");
            // The tables: a decimal comma would add a column to every row that holds a fraction.
            for (String table : List.of("progress.csv", "episodes.csv")) {
                List<String> lines = readLines(dir.resolve("run").resolve(table));
                int columns = lines.get(0).split(",", -1).length;
                assertThat(lines).as(table).hasSizeGreaterThan(1)
                        .allSatisfy(line -> assertThat(line.split(",", -1)).as(table + ": " + line).hasSize(columns));
            }
            assertThat(readLines(dir.resolve("run").resolve("summary.json"))).as("summary.json")
                    .anySatisfy(line -> assertThat(line).containsPattern("\"final_mean_return\" ?: ?-?\\d+\\.\\d+"));
        } finally {
            Locale.setDefault(previous);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
