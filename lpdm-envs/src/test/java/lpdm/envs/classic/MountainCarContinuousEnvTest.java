package lpdm.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvContractTest;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

class MountainCarContinuousEnvTest extends EnvContractTest {
    @Override
    protected String envId() {
        return "MountainCarContinuous-v0";
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
    void registeredWithGymnasiumsLimitsAndSpaces() {
        assertThat(EnvRegistry.spec("MountainCarContinuous-v0").maxEpisodeSteps()).isEqualTo(999);
        assertThat(EnvRegistry.spec("MountainCarContinuous-v0").rewardThreshold()).isEqualTo(90.0);
        assertThat(EnvRegistry.make("MountainCarContinuous-v0").actionSpace()).isEqualTo(Box.uniform(-1f, 1f, 1));
    }

    @Test
    void outOfRangeForceIsClippedButTheUnclippedActionIsCharged() {
        Env a = EnvRegistry.make("MountainCarContinuous-v0");
        Env b = EnvRegistry.make("MountainCarContinuous-v0");
        Env c = EnvRegistry.make("MountainCarContinuous-v0");
        double[] start = {-0.5, 0.01};
        a.setState(start);
        b.setState(start);
        c.setState(start);
        StepResult three = a.step(new float[] {3.0f});
        StepResult oneAndHalf = b.step(new float[] {1.5f});
        StepResult one = c.step(new float[] {1.0f});
        // 3.0 and 1.5 are both clipped to the same force 1.0; 1.0 itself differs only in float32 rounding.
        assertThat(a.state()).containsExactly(b.state());
        assertThat(a.state()[1]).isCloseTo(c.state()[1], within(1e-9));
        assertThat(three.reward()).isCloseTo(-0.9, within(1e-12));
        assertThat(oneAndHalf.reward()).isCloseTo(-0.225, within(1e-12));
        assertThat(one.reward()).isCloseTo(-0.1, within(1e-12));
        StepResult negative = a.step(new float[] {-5.0f});
        assertThat(negative.reward()).isCloseTo(-2.5, within(1e-12));
    }

    @Test
    void reachingTheGoalPaysOneHundredMinusTheActionCost() {
        Env env = EnvRegistry.make("MountainCarContinuous-v0");
        env.setState(new double[] {0.44, 0.02});
        StepResult r = env.step(new float[] {0.5f});
        assertThat(r.terminated()).isTrue();
        assertThat(r.reward()).isCloseTo(100.0 - 0.1 * 0.25, within(1e-12));
        assertThatThrownBy(() -> env.step(new float[] {0f})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stateIsFloat32AfterEveryStep() {
        Env env = EnvRegistry.make("MountainCarContinuous-v0");
        env.reset(3);
        assertThat((double) (float) env.state()[0]).isNotEqualTo(env.state()[0]); // a float64 draw
        for (int t = 0; t < 50; t++) {
            env.step(new float[] {0.3f});
            for (double v : env.state()) {
                assertThat((double) (float) v).isEqualTo(v);
            }
        }
    }

    @Test
    void setStateAsFloat32ContinuesBitIdentically() {
        Env a = EnvRegistry.make("MountainCarContinuous-v0");
        Env b = EnvRegistry.make("MountainCarContinuous-v0");
        a.reset(9);
        for (int t = 0; t < 10; t++) {
            a.step(new float[] {0.77f});
        }
        b.setState(a.state());
        ((MountainCarContinuousEnv) b.unwrapped()).setStateAsFloat32(a.state());
        for (int t = 0; t < 100; t++) {
            float[] action = {(float) Math.sin(t) * 1.3f};
            StepResult ra = a.step(action);
            StepResult rb = b.step(action);
            assertThat(rb.observation()).containsExactly(ra.observation());
            assertThat(rb.reward()).isEqualTo(ra.reward());
        }
        assertThatThrownBy(() -> ((MountainCarContinuousEnv) b.unwrapped()).setStateAsFloat32(new double[] {0.1, 0.0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("float32");
    }
}
