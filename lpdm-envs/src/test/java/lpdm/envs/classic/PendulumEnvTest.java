package lpdm.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvContractTest;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

class PendulumEnvTest extends EnvContractTest {
    @Override
    protected String envId() {
        return "Pendulum-v1";
    }

    @Override
    protected double[][] startStateRanges() {
        return new double[][] {{-Math.PI, Math.PI}, {-1.0, 1.0}};
    }

    @Override
    protected int[] frameSize() {
        return new int[] {500, 500};
    }

    @Test
    void registeredWithGymnasiumsLimitsAndSpaces() {
        assertThat(EnvRegistry.spec("Pendulum-v1").maxEpisodeSteps()).isEqualTo(200);
        assertThat(EnvRegistry.spec("Pendulum-v1").rewardThreshold()).isNaN();
        assertThat(EnvRegistry.make("Pendulum-v1").actionSpace()).isEqualTo(Box.uniform(-2f, 2f, 1));
    }

    @Test
    void angleNormalizeUsesTheFlooredModulo() {
        assertThat(PendulumEnv.angleNormalize(0.0)).isEqualTo(0.0);
        assertThat(PendulumEnv.angleNormalize(Math.PI)).isEqualTo(-Math.PI);
        assertThat(PendulumEnv.angleNormalize(-Math.PI)).isEqualTo(-Math.PI);
        assertThat(PendulumEnv.angleNormalize(-0.5)).isCloseTo(-0.5, within(1e-15));
        assertThat(PendulumEnv.angleNormalize(2 * Math.PI + 0.5)).isCloseTo(0.5, within(1e-14));
        assertThat(PendulumEnv.angleNormalize(-7.5)).isCloseTo(-7.5 + 2 * Math.PI, within(1e-14));
        assertThat(PendulumEnv.angleNormalize(12.0)).isCloseTo(12.0 - 4 * Math.PI, within(1e-14));
    }

    @Test
    void costUsesThePreStepStateAndTheClippedTorque() {
        Env a = EnvRegistry.make("Pendulum-v1");
        Env b = EnvRegistry.make("Pendulum-v1");
        a.setState(new double[] {1.0, 0.5});
        b.setState(new double[] {1.0, 0.5});
        StepResult clipped = a.step(new float[] {3.0f});
        StepResult two = b.step(new float[] {2.0f});
        assertThat(a.state()).containsExactly(b.state());
        assertThat(clipped.reward()).isEqualTo(two.reward());
        assertThat(two.reward()).isCloseTo(-(1.0 + 0.1 * 0.25 + 0.001 * 4), within(1e-9));
        double newThetaDot = 0.5 + (15.0 * Math.sin(1.0) + 3.0 * 2.0) * 0.05;
        assertThat(b.state()[1]).isCloseTo(newThetaDot, within(1e-12));
        assertThat(b.state()[0]).isCloseTo(1.0 + newThetaDot * 0.05, within(1e-12));
    }

    @Test
    void speedIsClippedAndThetaIsNotWrapped() {
        Env env = EnvRegistry.make("Pendulum-v1");
        env.setState(new double[] {7.5, 7.9});
        env.step(new float[] {2.0f});
        assertThat(env.state()[1]).isEqualTo(8.0);
        assertThat(env.state()[0]).isEqualTo(7.5 + 8.0 * 0.05);
    }

    @Test
    void neverTerminatesAndIsTruncatedAt200() {
        Env env = EnvRegistry.make("Pendulum-v1");
        env.reset(0);
        for (int t = 1; t <= 200; t++) {
            StepResult r = env.step(new float[] {0.0f});
            assertThat(r.terminated()).isFalse();
            assertThat(r.truncated()).isEqualTo(t == 200);
        }
    }

    @Test
    void gravityArgumentChangesTheDynamics() {
        Env standard = EnvRegistry.make("Pendulum-v1");
        Env earth = EnvRegistry.make("Pendulum-v1", Map.of("g", 9.81));
        standard.setState(new double[] {1.0, 0.0});
        earth.setState(new double[] {1.0, 0.0});
        standard.step(new float[] {0f});
        earth.step(new float[] {0f});
        assertThat(earth.state()[1]).isCloseTo(1.5 * 9.81 * Math.sin(1.0) * 0.05, within(1e-12));
        assertThat(standard.state()[1]).isCloseTo(15.0 * Math.sin(1.0) * 0.05, within(1e-12));
    }
}
