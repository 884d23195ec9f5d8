package lpdm.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnvCatalogTest {

    @Test
    void describeGivesSpacesAndLimits() {
        EnvCatalog.Entry pendulum = EnvCatalog.describe("Pendulum-v1");
        assertThat(pendulum.id()).isEqualTo("Pendulum-v1");
        assertThat(pendulum.actionSpace()).isEqualTo(Box.uniform(-2f, 2f, 1));
        assertThat(pendulum.observationSpace()).isEqualTo(new Box(new float[] {-1f, -1f, -8f}, new float[] {1f, 1f, 8f}));
        assertThat(pendulum.maxEpisodeSteps()).isEqualTo(200);
        assertThat(pendulum.rewardThreshold()).isNaN();
        assertThat(pendulum.rewardThresholdText()).isEqualTo("none");
        assertThat(pendulum.actionSpaceText()).isEqualTo("Box(-2.0, 2.0, (1,))");
        EnvCatalog.Entry acrobot = EnvCatalog.describe("Acrobot-v1");
        assertThat(acrobot.actionSpace()).isEqualTo(new Discrete(3));
        assertThat(acrobot.observationSpaceText()).isEqualTo("Box(6,)");
        assertThat(acrobot.rewardThreshold()).isEqualTo(-100.0);
        assertThatThrownBy(() -> EnvCatalog.describe("Nope-v0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CartPole-v1");
    }

    @Test
    void tableListsEveryRegisteredEnv() {
        String table = EnvCatalog.table();
        String[] lines = table.split("\n");
        assertThat(lines[0]).startsWith("ID").contains("OBSERVATION SPACE", "ACTION SPACE", "MAX EPISODE STEPS", "REWARD THRESHOLD");
        assertThat(table).contains("Pendulum-v1", "MountainCarContinuous-v0", "MountainCar-v0", "Acrobot-v1", "CartPole-v1");
        for (String id : EnvRegistry.ids()) {
            assertThat(table).contains(id);
        }
        String cartPole = java.util.Arrays.stream(lines).filter(l -> l.startsWith("CartPole-v1 ")).findFirst().orElseThrow();
        assertThat(cartPole).contains("Box(4,)", "Discrete(2)", "500", "475.0");
        String pendulum = java.util.Arrays.stream(lines).filter(l -> l.startsWith("Pendulum-v1 ")).findFirst().orElseThrow();
        assertThat(pendulum).contains("Box(-2.0, 2.0, (1,))", "200", "none");
        assertThat(table).contains("CartPole-v1 observation: -4.8 .. 4.8");
    }
}
