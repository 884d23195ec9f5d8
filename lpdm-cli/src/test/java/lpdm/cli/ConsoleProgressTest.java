package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 19, defect 11: the progress display. */
class ConsoleProgressTest {
    @Test
    void barUsesTheWholeWidth() {
        for (int width : new int[] {80, 120, 200}) {
            String line = ConsoleProgress.barLine(width, "CartPole-v1 ppo/lpdm", 151_552, 360_000, "ret 123.4",
                    Duration.ofSeconds(83));
            assertThat(line).hasSize(width - 1);
            int bar = line.indexOf(']') - line.indexOf('[') - 1;
            assertThat(bar).as(line).isEqualTo(width - 1 - "CartPole-v1 ppo/lpdm  42% [] 151552/360000 ret 123.4 0:01:23".length());
            assertThat(bar).as(line).isGreaterThanOrEqualTo(18);
            assertThat(line).contains("151552/360000", "ret 123.4", "0:01:23");
        }
        String narrow = ConsoleProgress.barLine(40, "CartPole-v1 ppo/lpdm", 1, 360_000, "ret -  5123/s", Duration.ZERO);
        assertThat(narrow).hasSize(39).contains("1/360000");
    }

    @Test
    void plainLinesNeverOvershootAndShowADashBeforeTheFirstEpisode() {
        StringWriter text = new StringWriter();
        try (ConsoleProgress p = new ConsoleProgress(new PrintWriter(text, true), false, 360_000, "t")) {
            p.update(2048, 360_000, 0, Double.NaN, 1000);
            p.update(364_032, 360_000, 500, 200.5, 1000);
            p.update(366_080, 360_000, 501, 200.5, 1000);
        }
        String out = text.toString();
        assertThat(out).contains("step 2048/360000  episodes 0  mean_return_100 -  steps/s 1000");
        assertThat(out).doesNotContain("NaN").doesNotContain("364032/").doesNotContain("366080/");
        assertThat(out).contains("step 360000/360000");
        assertThat(out.split("rounded up to whole rollouts", -1)).hasSize(2);
    }
}
