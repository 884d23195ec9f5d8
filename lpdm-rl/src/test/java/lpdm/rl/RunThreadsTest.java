package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.FrozenRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.LpdmRule;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;

class RunThreadsTest {
    private static final LearningRule LPDM = new LpdmRule();
    private static final LearningRule BP = new BackpropRule();

    @Test
    void explicitValuesAreTakenAsTheyAre() {
        for (LearningRule rule : new LearningRule[] {LPDM, BP}) {
            assertThat(RunThreads.resolve("1", rule, 8, 1)).isEqualTo(1);
            assertThat(RunThreads.resolve("2", rule, 1, 4)).isEqualTo(2); // asked for: even on one core
        }
    }

    @Test
    void autoGivesLpdmASecondThreadOnlyWhenEveryParallelRunHasTwoCores() {
        assertThat(RunThreads.resolve("auto", LPDM, 2, 1)).isEqualTo(2);
        assertThat(RunThreads.resolve("auto", LPDM, 1, 1)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", LPDM, 2, 2)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", LPDM, 3, 2)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", LPDM, 4, 2)).isEqualTo(2);
        assertThat(RunThreads.resolve("auto", BP, 16, 1)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", new FrozenRule(), 16, 1)).isEqualTo(1);
    }

    @Test
    void aDeclarationOfParallelRunsHoldsUntilClosedAndNests() {
        int cores = Runtime.getRuntime().availableProcessors();
        lpdm.rl.settings.Settings auto = RlTestSupport.settings("ppo", Map.of());
        assertThat(auto.string(RunThreads.SETTING)).isEqualTo("auto");
        int alone = RunThreads.resolve(auto, LPDM);
        assertThat(alone).isEqualTo(cores >= 2 ? 2 : 1);
        try (RunThreads.Scope outer = RunThreads.parallelRuns(cores)) {
            assertThat(RunThreads.resolve(auto, LPDM)).isEqualTo(1);
            try (RunThreads.Scope inner = RunThreads.parallelRuns(1)) {
                assertThat(RunThreads.resolve(auto, LPDM)).isEqualTo(alone);
            }
            assertThat(RunThreads.resolve(auto, LPDM)).isEqualTo(1);
        }
        assertThat(RunThreads.resolve(auto, LPDM)).isEqualTo(alone);
        assertThatThrownBy(() -> RunThreads.parallelRuns(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheSettingAndValue() {
        for (String bad : new String[] {"3", "0", "-1", "02", "Auto", "two", ""}) {
            assertThatThrownBy(() -> RunThreads.resolve(bad, LPDM, 2, 1)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessage("run.threads: expected 1, 2 (actor and critic on two threads) or auto, got '" + bad + "'");
        }
    }
}
