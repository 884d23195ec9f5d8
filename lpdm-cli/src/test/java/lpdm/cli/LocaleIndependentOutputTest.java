package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the commands print does not depend on the machine's locale: under a German default locale
 * (decimal comma) the summary line of {@code train} still writes decimal points, as its files do
 * and as scripts that read the line expect. Before, {@code -Duser.language=de} printed
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
        } finally {
            Locale.setDefault(previous);
        }
    }
}
