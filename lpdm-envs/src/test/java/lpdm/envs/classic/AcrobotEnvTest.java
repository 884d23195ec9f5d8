package lpdm.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lpdm.envs.Env;
import lpdm.envs.EnvContractTest;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

class AcrobotEnvTest extends EnvContractTest {
    @Override
    protected String envId() {
        return "Acrobot-v1";
    }

    @Override
    protected double[][] startStateRanges() {
        return new double[][] {{-0.1, 0.1}, {-0.1, 0.1}, {-0.1, 0.1}, {-0.1, 0.1}};
    }

    @Override
    protected double startStateTolerance() {
        return 1e-8; // the draws are stored as float32, and float32(0.1) > 0.1
    }

    @Override
    protected int[] frameSize() {
        return new int[] {500, 500};
    }

    @Test
    void registeredWithGymnasiumsLimits() {
        assertThat(EnvRegistry.spec("Acrobot-v1").maxEpisodeSteps()).isEqualTo(500);
        assertThat(EnvRegistry.spec("Acrobot-v1").rewardThreshold()).isEqualTo(-100.0);
    }

    @Test
    void startStateIsStoredAsFloat32() {
        Env env = EnvRegistry.make("Acrobot-v1");
        for (long seed = 0; seed < 50; seed++) {
            env.reset(seed);
            for (double v : env.state()) {
                assertThat((double) (float) v).isEqualTo(v);
            }
        }
    }

    @Test
    void cosOfXMinusHalfPiIsKeptLiterally() {
        // At rest with no torque, cos(0 - pi/2) = 6.1e-17 (not sin 0 = 0) makes the links move a tiny bit.
        Env env = EnvRegistry.make("Acrobot-v1");
        env.setState(new double[] {0, 0, 0, 0});
        StepResult r = env.step(1);
        double[] s = env.state();
        assertThat(s).isNotEqualTo(new double[] {0, 0, 0, 0});
        for (double v : s) {
            assertThat(Math.abs(v)).isLessThan(1e-13);
        }
        assertThat(r.reward()).isEqualTo(-1.0);
        assertThat(r.observation()).containsExactly(1f, (float) Math.sin(s[0]), 1f, (float) Math.sin(s[1]), (float) s[2], (float) s[3]);
    }

    @Test
    void reachingTheLineTerminatesWithRewardZero() {
        Env env = EnvRegistry.make("Acrobot-v1");
        env.setState(new double[] {2.0, 0.0, 1.0, 0.0});
        StepResult r = env.step(2);
        double[] s = env.state();
        assertThat(-Math.cos(s[0]) - Math.cos(s[1] + s[0])).isGreaterThan(1.0);
        assertThat(r.terminated()).isTrue();
        assertThat(r.reward()).isEqualTo(0.0);
    }

    @Test
    void anglesAreWrappedAndVelocitiesClipped() {
        assertThat(AcrobotEnv.wrap(4.0, -Math.PI, Math.PI)).isEqualTo(4.0 - 2 * Math.PI);
        assertThat(AcrobotEnv.wrap(-7.0, -Math.PI, Math.PI)).isEqualTo(-7.0 + 2 * Math.PI);
        assertThat(AcrobotEnv.wrap(Math.PI, -Math.PI, Math.PI)).isEqualTo(Math.PI);
        Env env = EnvRegistry.make("Acrobot-v1");
        env.setState(new double[] {0.0, 0.0, 15.0, -30.0});
        env.step(1);
        double[] s = env.state();
        assertThat(s[0]).isBetween(-Math.PI, Math.PI);
        assertThat(s[1]).isBetween(-Math.PI, Math.PI);
        assertThat(s[2]).isBetween(-4 * Math.PI, 4 * Math.PI);
        assertThat(s[3]).isBetween(-9 * Math.PI, 9 * Math.PI);
        assertThat(Math.abs(s[2]) == 4 * Math.PI || Math.abs(s[3]) == 9 * Math.PI).as("a velocity hit its limit").isTrue();
    }

    @Test
    void nipsDynamicsDropTheThetaDotOneSquaredTerm() {
        Env book = EnvRegistry.make("Acrobot-v1");
        Env nips = EnvRegistry.make("Acrobot-v1", Map.of("book_or_nips", "nips"));
        double[] moving = {0.3, 0.5, 2.0, 0.0};
        book.setState(moving);
        nips.setState(moving);
        book.step(1);
        nips.step(1);
        assertThat(nips.state()[3]).isNotEqualTo(book.state()[3]);
        // Without theta1-dot the extra term vanishes; the two dynamics agree at the first stage.
        AcrobotEnv b = new AcrobotEnv(true);
        AcrobotEnv n = new AcrobotEnv(false);
        double[] still = {0.3, 0.5, 0.0, 0.7, 1.0};
        assertThat(b.dsdt(still)).containsExactly(n.dsdt(still));
        assertThatThrownBy(() -> EnvRegistry.make("Acrobot-v1", Map.of("book_or_nips", "paper")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("book_or_nips");
    }
}
