package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reacher-v5 and Ant-v5 on constructed states, and NumPy's summation order that their costs use. */
class MujocoMoreTasksTest {

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    /**
     * NumPy sums 8 or more values with eight partial sums. Expected values from NumPy 2.4.6:
     * {@code np.sum(np.array([2**24,1,1,1,1,1,1,1], dtype=np.float32))} = 16777222 (one running
     * float32 sum gives 16777216); {@code np.sum(np.square(np.clip(np.arange(84).reshape(14,6)*0.013-0.5,-1,1)))}
     * = 8.477125999999998 (a running sum gives 8.477125999999997);
     * {@code np.sum(np.square(np.array([0.7,-0.3,0.9,0.11,-0.5,0.25,-0.8,0.6,0.33], dtype=np.float32)))}
     * = 2.823499917984009.
     */
    @Test
    void sumsFollowNumpysPairwiseOrder() {
        double[] ones = {16777216, 1, 1, 1, 1, 1, 1, 1};
        assertThat(MujocoEnv.pairwiseSum(ones, true)).isEqualTo(16777222.0);
        double[] squares = new double[84];
        for (int i = 0; i < 84; i++) {
            double c = Math.min(Math.max(i * 0.013 - 0.5, -1), 1);
            squares[i] = c * c;
        }
        assertThat(MujocoEnv.pairwiseSum(squares, false)).isEqualTo(8.477125999999998);
        float[] action = {0.7f, -0.3f, 0.9f, 0.11f, -0.5f, 0.25f, -0.8f, 0.6f, 0.33f};
        assertThat((double) MujocoEnv.sumOfSquares(action)).isEqualTo(2.823499917984009);
        // Below 8 values: one running sum (Gymnasium's HalfCheetah action has 6).
        assertThat(MujocoEnv.sumOfSquares(new float[] {0.5f, -0.25f, 1f})).isEqualTo(0.25f + 0.0625f + 1f);
    }

    @Test
    void reacherObservationLayoutAndReward() {
        ReacherEnv env = new ReacherEnv();
        float[] obs = env.setState(new double[] {0.3, -0.5, 0.05, -0.1, 1, 2, 0, 0});
        // fingertip: 0.1 m to joint1 at angle 0.3, then 0.11 m at angle 0.3 - 0.5; target at (0.05, -0.1)
        double tipX = 0.1 * Math.cos(0.3) + 0.11 * Math.cos(0.3 - 0.5);
        double tipY = 0.1 * Math.sin(0.3) + 0.11 * Math.sin(0.3 - 0.5);
        float[] expected = {(float) Math.cos(0.3), (float) Math.cos(-0.5), (float) Math.sin(0.3), (float) Math.sin(-0.5), 0.05f, -0.1f,
            1f, 2f, (float) (tipX - 0.05), (float) (tipY + 0.1)};
        for (int i = 0; i < 10; i++) {
            assertThat(obs[i]).as("obs[%d]", i).isCloseTo(expected[i], within(1e-6f));
        }
        float[] a = {0.5f, -1f};
        StepResult r = env.step(a);
        double[] x = env.data(MujocoNative.XPOS);
        int tip = 3 * env.sim.bodyId("fingertip");
        int target = 3 * env.sim.bodyId("target");
        double dx = x[tip] - x[target];
        double dy = x[tip + 1] - x[target + 1];
        double dz = x[tip + 2] - x[target + 2];
        // -|tip - target| - (0.25 + 1)
        assertThat(r.reward()).isCloseTo(-Math.sqrt(dx * dx + dy * dy + dz * dz) - 1.25, within(1e-12));
        assertThat(r.info()).containsEntry("reward_ctrl", -1.25);
        assertThat(r.terminated()).isFalse();
        assertThat(EnvRegistry.spec("Reacher-v5").maxEpisodeSteps()).isEqualTo(50);
    }

    @Test
    void reacherResetsTheGoalInsideTheDiskAndStillsTheTarget() {
        ReacherEnv env = new ReacherEnv();
        for (long seed = 0; seed < 50; seed++) {
            env.reset(seed);
            double[] s = env.state();
            assertThat(Math.hypot(s[2], s[3])).isLessThan(0.2);
            assertThat(Math.abs(s[0])).isLessThanOrEqualTo(0.1);
            assertThat(Math.abs(s[1])).isLessThanOrEqualTo(0.1);
            assertThat(Math.abs(s[4])).isLessThanOrEqualTo(0.005);
            assertThat(Math.abs(s[5])).isLessThanOrEqualTo(0.005);
            assertThat(new double[] {s[6], s[7]}).containsExactly(0, 0);
        }
    }

    @Test
    void antObservationIsPositionsAfterXyThenVelocitiesThenClippedContactForces() {
        AntEnv env = new AntEnv();
        double[] q = new double[15];
        double[] v = new double[14];
        for (int i = 0; i < 15; i++) {
            q[i] = 0.01 * (i + 1);
        }
        q[2] = 0.75;
        q[3] = 1; // unit quaternion (1, 0, 0, 0) in qpos[3:7]
        q[4] = 0;
        q[5] = 0;
        q[6] = 0;
        for (int i = 0; i < 14; i++) {
            v[i] = -0.1 * (i + 1);
        }
        double[] state = new double[29];
        System.arraycopy(q, 0, state, 0, 15);
        System.arraycopy(v, 0, state, 15, 14);
        float[] obs = env.setState(state);
        assertThat(obs).hasSize(105);
        for (int i = 2; i < 15; i++) {
            assertThat(obs[i - 2]).isEqualTo((float) q[i]);
        }
        for (int i = 0; i < 14; i++) {
            assertThat(obs[13 + i]).isEqualTo((float) v[i]);
        }
        // mj_forward does not compute cfrc_ext: after a state change it is what the last step left (zero here).
        assertThat(Arrays.copyOfRange(obs, 27, 105)).containsOnly(0f);
        env.step(new float[8]);
        float[] after = env.step(new float[8]).observation();
        double[] cfrc = env.data(MujocoNative.CFRC_EXT);
        for (int i = 0; i < 78; i++) {
            assertThat(after[27 + i]).isEqualTo((float) Math.min(1, Math.max(-1, cfrc[6 + i])));
        }
    }

    @Test
    void antHealthIsInclusiveHeightRangeAndFiniteState() {
        AntEnv env = new AntEnv();
        assertThat(healthyAt(env, 0.2)).isTrue();
        assertThat(healthyAt(env, 1.0)).isTrue();
        assertThat(healthyAt(env, 0.1999)).isFalse();
        assertThat(healthyAt(env, 1.0001)).isFalse();
    }

    private static boolean healthyAt(AntEnv env, double z) {
        double[] state = new double[29];
        state[2] = z;
        state[3] = 1;
        env.setState(state);
        return env.isHealthy();
    }

    @Test
    void antRewardIsForwardPlusHealthyMinusControlAndContactCosts() {
        AntEnv env = new AntEnv();
        env.reset(4);
        float[] a = {0.7f, -0.3f, 0.9f, 0.11f, -0.5f, 0.25f, -0.8f, 0.6f};
        StepResult first = env.step(a);
        double[] x0 = env.data(MujocoNative.XPOS);
        StepResult r = env.step(a);
        double[] x1 = env.data(MujocoNative.XPOS);
        double forward = (x1[3] - x0[3]) / 0.05;
        double[] cfrc = env.data(MujocoNative.CFRC_EXT);
        double contactSum = 0;
        for (double c : cfrc) {
            double clipped = Math.min(1, Math.max(-1, c));
            contactSum += clipped * clipped;
        }
        float ctrl = 0.5f * MujocoEnv.sumOfSquares(a);
        assertThat(r.info().get("reward_forward")).isEqualTo(forward);
        assertThat((double) r.info().get("reward_contact")).isCloseTo(-5e-4 * contactSum, within(1e-15));
        assertThat(r.info().get("reward_ctrl")).isEqualTo(-(double) ctrl);
        assertThat(r.info().get("reward_survive")).isEqualTo(1.0);
        assertThat(r.reward()).isEqualTo((forward + 1.0) - (ctrl - (double) r.info().get("reward_contact")));
        assertThat(first.terminated() || r.terminated()).isFalse();
        // Lifted to z = 1.5 and falling freely: unhealthy after the step (z > 1), terminated without the healthy reward.
        double[] high = new double[29];
        high[2] = 1.5;
        high[3] = 1;
        env.setState(high);
        StepResult up = env.step(new float[8]);
        assertThat(up.terminated()).isTrue();
        assertThat(up.info()).containsEntry("reward_survive", 0.0);
    }
}
