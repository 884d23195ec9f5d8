package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.LpdmRule;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;

class RunThreadsTest {
    private static final String LPDM = "lpdm";
    private static final String BP = "bp";

    @Test
    void explicitValuesAreTakenAsTheyAre() {
        for (String rule : new String[] {LPDM, BP}) {
            assertThat(RunThreads.resolve("1", rule, 512, 8, 1)).isEqualTo(1);
            assertThat(RunThreads.resolve("2", rule, 4, 1, 4)).isEqualTo(2); // asked for: even on one core, tiny minibatches
        }
    }

    @Test
    void autoGivesLpdmASecondThreadOnlyForLargeMinibatchesAndWhenEveryParallelRunHasTwoCores() {
        assertThat(RunThreads.resolve("auto", LPDM, 128, 2, 1)).isEqualTo(2);
        assertThat(RunThreads.resolve("auto", LPDM, 127, 2, 1)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", LPDM, 40, 16, 1)).isEqualTo(1); // A2C's default updates
        assertThat(RunThreads.resolve("auto", LPDM, 128, 1, 1)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", LPDM, 128, 2, 2)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", LPDM, 128, 3, 2)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", LPDM, 128, 4, 2)).isEqualTo(2);
        assertThat(RunThreads.resolve("auto", BP, 4096, 16, 1)).isEqualTo(1);
        assertThat(RunThreads.resolve("auto", "frozen", 4096, 16, 1)).isEqualTo(1);
    }

    @Test
    void aDeclarationOfParallelRunsHoldsUntilClosedAndNests() {
        int cores = Runtime.getRuntime().availableProcessors();
        lpdm.rl.settings.Settings auto = RlTestSupport.settings("ppo", Map.of());
        assertThat(auto.string(RunThreads.SETTING)).isEqualTo("auto");
        int alone = RunThreads.resolve(auto, LPDM, 128);
        assertThat(alone).isEqualTo(cores >= 2 ? 2 : 1);
        try (RunThreads.Scope outer = RunThreads.parallelRuns(cores)) {
            assertThat(RunThreads.resolve(auto, LPDM, 128)).isEqualTo(1);
            try (RunThreads.Scope inner = RunThreads.parallelRuns(1)) {
                assertThat(RunThreads.resolve(auto, LPDM, 128)).isEqualTo(alone);
            }
            assertThat(RunThreads.resolve(auto, LPDM, 128)).isEqualTo(1);
        }
        assertThat(RunThreads.resolve(auto, LPDM, 128)).isEqualTo(alone);
        assertThatThrownBy(() -> RunThreads.parallelRuns(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultsGivePpoWithLpdmOnCartPoleASecondThreadAndA2cNone() {
        int cores = Runtime.getRuntime().availableProcessors();
        // PPO's CartPole default: 4 envs x 128 steps in 4 minibatches of 128; A2C's: updates of 8 envs x 5 steps.
        assertThat(RlTestSupport.make("ppo", "CartPole-v1", 1000, 1, new LpdmRule(), Map.of()).trainingThreads()).isEqualTo(cores >= 2 ? 2 : 1);
        assertThat(RlTestSupport.make("ppo", "CartPole-v1", 1000, 1, new BackpropRule(), Map.of()).trainingThreads()).isEqualTo(1);
        assertThat(RlTestSupport.make("a2c", "CartPole-v1", 1000, 1, new LpdmRule(), Map.of()).trainingThreads()).isEqualTo(1);
        assertThat(RlTestSupport.make("reinforce", "CartPole-v1", 1000, 1, new LpdmRule(), Map.of()).trainingThreads()).isEqualTo(1);
    }

    @Test
    void anythingElseIsAUsageErrorNamingTheSettingAndValue() {
        for (String bad : new String[] {"3", "0", "-1", "02", "Auto", "two", ""}) {
            assertThatThrownBy(() -> RunThreads.resolve(bad, LPDM, 128, 2, 1)).as(bad).isInstanceOf(UsageException.class)
                    .hasMessage("run.threads: expected 1, 2 (actor and critic on two threads) or auto, got '" + bad + "'");
        }
    }
}
