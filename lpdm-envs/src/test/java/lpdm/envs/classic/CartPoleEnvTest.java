package lpdm.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import lpdm.envs.Env;
import lpdm.envs.EnvContractTest;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

class CartPoleEnvTest extends EnvContractTest {
    @Override
    protected String envId() {
        return "CartPole-v1";
    }

    @Override
    protected double[][] startStateRanges() {
        return new double[][] {{-0.05, 0.05}, {-0.05, 0.05}, {-0.05, 0.05}, {-0.05, 0.05}};
    }

    @Override
    protected int[] frameSize() {
        return new int[] {600, 400};
    }

    @Test
    void registeredWithGymnasiumsLimits() {
        assertThat(EnvRegistry.spec("CartPole-v1").maxEpisodeSteps()).isEqualTo(500);
        assertThat(EnvRegistry.spec("CartPole-v1").rewardThreshold()).isEqualTo(475.0);
    }

    @Test
    void oneStepFromRestMatchesHandComputedEuler() {
        Env env = EnvRegistry.make("CartPole-v1");
        env.setState(new double[] {0, 0, 0, 0});
        StepResult r = env.step(1);
        double temp = 10.0 / 1.1;
        double thetaAcc = (0 - 1.0 * temp) / (0.5 * (4.0 / 3.0 - 0.1 * 1.0 / 1.1));
        double xAcc = temp - 0.05 * thetaAcc * 1.0 / 1.1;
        // Positions move with the old (zero) velocities; velocities get tau * acceleration.
        assertThat(env.state()).containsExactly(0.0, 0.02 * xAcc, 0.0, 0.02 * thetaAcc);
        assertThat(r.reward()).isEqualTo(1.0);
        assertThat(r.terminated()).isFalse();
    }

    @Test
    void leavingTheTrackTerminatesWithRewardOneAndBlocksFurtherSteps() {
        Env env = EnvRegistry.make("CartPole-v1");
        env.setState(new double[] {2.39, 0.6, 0.0, 0.0});
        StepResult r = env.step(1);
        assertThat(r.terminated()).isTrue();
        assertThat(r.truncated()).isFalse();
        assertThat(r.reward()).isEqualTo(1.0);
        assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unknownArgumentIsRejected() {
        assertThatThrownBy(() -> EnvRegistry.make("CartPole-v1", java.util.Map.of("gravity", 3.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gravity");
    }
}
