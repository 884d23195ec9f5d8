package lpdm.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import lpdm.envs.Env;
import lpdm.envs.EnvContractTest;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

class MountainCarEnvTest extends EnvContractTest {
    @Override
    protected String envId() {
        return "MountainCar-v0";
    }

    @Override
    protected double[][] startStateRanges() {
        return new double[][] {{-0.6, -0.4}, {0.0, 0.0}};
    }

    @Override
    protected int[] frameSize() {
        return new int[] {600, 400};
    }

    @Test
    void registeredWithGymnasiumsLimits() {
        assertThat(EnvRegistry.spec("MountainCar-v0").maxEpisodeSteps()).isEqualTo(200);
        assertThat(EnvRegistry.spec("MountainCar-v0").rewardThreshold()).isEqualTo(-110.0);
    }

    @Test
    void oneStepFollowsGymnasiumsOrder() {
        Env env = EnvRegistry.make("MountainCar-v0");
        env.setState(new double[] {-0.5, 0.01});
        StepResult r = env.step(2);
        double v = 0.01 + (1 * 0.001 + Math.cos(3 * -0.5) * (-0.0025));
        assertThat(env.state()).containsExactly(-0.5 + v, v);
        assertThat(r.reward()).isEqualTo(-1.0);
        assertThat(r.observation()).containsExactly((float) (-0.5 + v), (float) v);
    }

    @Test
    void leftWallStopsTheCar() {
        Env env = EnvRegistry.make("MountainCar-v0");
        env.setState(new double[] {-1.19, -0.05});
        env.step(0);
        assertThat(env.state()).containsExactly(-1.2, 0.0);
    }

    @Test
    void speedIsClipped() {
        Env env = EnvRegistry.make("MountainCar-v0");
        env.setState(new double[] {-0.5, 0.0699});
        env.step(2);
        assertThat(env.state()[1]).isEqualTo(0.07);
    }

    @Test
    void reachingTheFlagTerminatesWithRewardMinusOne() {
        Env env = EnvRegistry.make("MountainCar-v0");
        env.setState(new double[] {0.49, 0.02});
        StepResult r = env.step(2);
        assertThat(r.terminated()).isTrue();
        assertThat(r.reward()).isEqualTo(-1.0);
    }

    @Test
    void goalVelocityArgumentIsHonoured() {
        Env env = EnvRegistry.make("MountainCar-v0", Map.of("goal_velocity", 0.05));
        env.setState(new double[] {0.49, 0.02});
        assertThat(env.step(2).terminated()).isFalse();
    }
}
