package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import lpdm.core.random.Rng;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import lpdm.envs.TimeLimit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each task's observation layout, reward terms, termination, spaces, registration and reset noise,
 * checked on constructed states against Gymnasium 1.3.0's v5 definitions. Rewards are recomputed
 * here from the formulas and the simulator's state after the step (the physics itself is MuJoCo's).
 */
class MujocoTasksTest {

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void registeredWithGymnasiumsLimitsThresholdsAndSpaces() {
        // id, observation size, action size, action bound, reward threshold
        Object[][] tasks = {{"InvertedPendulum-v5", 4, 1, 3f, 950.0}, {"InvertedDoublePendulum-v5", 9, 1, 1f, 9100.0},
            {"HalfCheetah-v5", 17, 6, 1f, 4800.0}, {"Hopper-v5", 11, 3, 1f, 3800.0}, {"Walker2d-v5", 17, 6, 1f, Double.NaN},
            {"Reacher-v5", 10, 2, 1f, -3.75}, {"Ant-v5", 105, 8, 1f, 6000.0}, {"Humanoid-v5", 348, 17, 0.4f, Double.NaN}};
        for (Object[] t : tasks) {
            String id = (String) t[0];
            assertThat(EnvRegistry.spec(id).maxEpisodeSteps()).as(id).isEqualTo(id.equals("Reacher-v5") ? 50 : 1000);
            assertThat((Object) EnvRegistry.spec(id).rewardThreshold()).as(id).isEqualTo(t[4]);
            try (Env env = EnvRegistry.make(id)) {
                assertThat(env).isInstanceOf(TimeLimit.class);
                assertThat(env.observationSpace()).isEqualTo(Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, (int) t[1]));
                assertThat(env.actionSpace()).isEqualTo(Box.uniform(-(float) t[3], (float) t[3], (int) t[2]));
                assertThat(env.reset(1)).hasSize((int) t[1]);
            }
        }
    }

    @Test
    void framesAndTimeStepsAreGymnasiums() {
        // dt = timestep * frame_skip: 0.02*2, 0.01*5, 0.01*5, 0.002*4, 0.002*4, 0.01*2, 0.01*5, 0.003*5
        assertThat(new InvertedPendulumEnv().dt()).isEqualTo(0.02 * 2);
        assertThat(new InvertedDoublePendulumEnv().dt()).isEqualTo(0.01 * 5);
        assertThat(new HalfCheetahEnv().dt()).isEqualTo(0.01 * 5);
        assertThat(new HopperEnv().dt()).isEqualTo(0.002 * 4);
        assertThat(new Walker2dEnv().dt()).isEqualTo(0.002 * 4);
        assertThat(new ReacherEnv().dt()).isEqualTo(0.01 * 2);
        assertThat(new AntEnv().dt()).isEqualTo(0.01 * 5);
        assertThat(new HumanoidEnv().dt()).isEqualTo(0.003 * 5);
    }

    @Test
    void invertedPendulumObservesQposQvelAndEndsPastTwoTenthsOfARadian() {
        InvertedPendulumEnv env = new InvertedPendulumEnv();
        assertThat(env.setState(new double[] {0.1, -0.05, 0.3, -0.4})).containsExactly(0.1f, -0.05f, 0.3f, -0.4f);
        env.setState(new double[] {0, 0, 0, 0});
        StepResult upright = env.step(new float[] {0});
        assertThat(upright.reward()).isEqualTo(1.0);
        assertThat(upright.terminated()).isFalse();
        // Pole at 0.5 rad: it falls further, |qpos[1]| > 0.2 after the step: terminated, reward 0.
        env.setState(new double[] {0, 0.5, 0, 0});
        StepResult fallen = env.step(new float[] {0});
        assertThat(fallen.terminated()).isTrue();
        assertThat(fallen.reward()).isZero();
        assertThat(env.state()[1]).isGreaterThan(0.2);
    }

    @Test
    void invertedDoublePendulumObservationLayout() {
        InvertedDoublePendulumEnv env = new InvertedDoublePendulumEnv();
        float[] obs = env.setState(new double[] {0.2, 0.3, -0.1, 11, -12, 0.5});
        double constraint = env.data(MujocoNative.QFRC_CONSTRAINT)[0];
        // [x, sin q1, sin q2, cos q1, cos q2, clip(v, -10, 10) x 3, clip(qfrc_constraint[0], -10, 10)]
        assertThat(obs).containsExactly((float) 0.2, (float) Math.sin(0.3), (float) Math.sin(-0.1), (float) Math.cos(0.3),
                (float) Math.cos(-0.1), 10f, -10f, 0.5f, (float) Math.max(-10, Math.min(10, constraint)));
        // The tip site: cart x plus two 0.6 m poles rotated by q1 and q1 + q2 about y.
        double[] tip = env.data(MujocoNative.SITE_XPOS);
        assertThat(tip[0]).isCloseTo(0.2 + 0.6 * Math.sin(0.3) + 0.6 * Math.sin(0.3 - 0.1), within(1e-12));
        assertThat(tip[2]).isCloseTo(0.6 * Math.cos(0.3) + 0.6 * Math.cos(0.3 - 0.1), within(1e-12));
    }

    @Test
    void invertedDoublePendulumRewardTermsAndTermination() {
        InvertedDoublePendulumEnv env = new InvertedDoublePendulumEnv();
        env.setState(new double[] {0.1, 0.02, -0.01, 0.2, 0.3, -0.4});
        StepResult r = env.step(new float[] {0.3f});
        double[] tip = env.data(MujocoNative.SITE_XPOS);
        double[] v = env.data(MujocoNative.QVEL);
        double x = tip[0];
        double y = tip[2];
        // alive 10 (y > 1), distance penalty 0.01 x^2 + (y - 2)^2, velocity penalty 1e-3 v1^2 + 5e-3 v2^2
        assertThat(y).isGreaterThan(1);
        double distance = 0.01 * (x * x) + (y - 2) * (y - 2);
        double velocity = 1e-3 * (v[1] * v[1]) + 5e-3 * (v[2] * v[2]);
        assertThat(r.reward()).isEqualTo(10 - distance - velocity);
        assertThat(r.info()).containsEntry("reward_survive", 10.0).containsEntry("distance_penalty", -distance)
                .containsEntry("velocity_penalty", -velocity);
        assertThat(r.terminated()).isFalse();
        // Poles at 1.2 rad and 0: tip height 0.6 cos 1.2 + 0.6 cos 1.2 = 0.435 <= 1: terminated, no alive bonus.
        env.setState(new double[] {0, 1.2, 0, 0, 0, 0});
        StepResult down = env.step(new float[] {0});
        assertThat(down.terminated()).isTrue();
        assertThat(down.info()).containsEntry("reward_survive", 0.0);
        assertThat(down.reward()).isEqualTo(0 + (double) down.info().get("distance_penalty") + (double) down.info().get("velocity_penalty"));
    }

    @Test
    void halfCheetahObservationSkipsXAndDoesNotClipVelocities() {
        HalfCheetahEnv env = new HalfCheetahEnv();
        double[] q = {5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        double[] v = {12, -13, 1, 2, 3, 4, 5, 6, 7};
        float[] obs = env.setState(concat(q, v));
        assertThat(obs).containsExactly(0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 12f, -13f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
    }

    @Test
    void halfCheetahRewardIsForwardVelocityMinusATenthOfTheSquaredAction() {
        HalfCheetahEnv env = new HalfCheetahEnv();
        env.reset(3);
        double xBefore = env.state()[0];
        float[] a = {0.5f, -0.25f, 1f, 0f, 0.1f, -1f};
        StepResult r = env.step(a);
        double xAfter = env.state()[0];
        // sum(a^2) = 0.25 + 0.0625 + 1 + 0 + 0.01 + 1 = 2.3225 (float32); cost 0.1 * 2.3225 = 0.23225
        float ctrl = 0.1f * (0.25f + 0.0625f + 1f + 0f + 0.1f * 0.1f + 1f);
        assertThat((double) ctrl).isCloseTo(0.23225, within(1e-7));
        double forward = (xAfter - xBefore) / 0.05;
        assertThat(r.reward()).isEqualTo((forward + 0.0) - ctrl);
        assertThat(r.info()).containsEntry("reward_forward", forward).containsEntry("reward_ctrl", -(double) ctrl)
                .containsEntry("x_velocity", forward).containsEntry("x_position", xAfter);
        // Upside down and spinning: HalfCheetah never terminates.
        env.setState(concat(new double[] {0, -0.5, 3.1, 0, 0, 0, 0, 0, 0}, new double[] {0, 0, 8, 0, 0, 0, 0, 0, 0}));
        assertThat(env.step(new float[6]).terminated()).isFalse();
    }

    /** Gymnasium passes the action to ctrl unclipped (MuJoCo clamps it to ctrlrange) and charges the unclipped action. */
    @Test
    void actionsOutsideTheRangeMoveLikeTheBoundButCostTheirSquare() {
        HalfCheetahEnv clamped = new HalfCheetahEnv();
        HalfCheetahEnv bound = new HalfCheetahEnv();
        clamped.reset(7);
        bound.reset(7);
        StepResult over = clamped.step(new float[] {2f, 0, 0, 0, 0, 0});
        StepResult atBound = bound.step(new float[] {1f, 0, 0, 0, 0, 0});
        assertThat(over.observation()).containsExactly(atBound.observation());
        // costs 0.1 * 4 and 0.1 * 1
        assertThat(over.info().get("reward_ctrl")).isEqualTo(-(double) (0.1f * 4f));
        assertThat(atBound.info().get("reward_ctrl")).isEqualTo(-(double) (0.1f * 1f));
    }

    @Test
    void hopperObservationClipsVelocitiesToTen() {
        HopperEnv env = new HopperEnv();
        float[] obs = env.setState(new double[] {3, 1.25, 0.1, -0.2, -0.3, 0.4, 1, -20, 3, 15, -5, 0.5});
        assertThat(obs).containsExactly(1.25f, 0.1f, -0.2f, -0.3f, 0.4f, 1f, -10f, 3f, 10f, -5f, 0.5f);
    }

    @Test
    void hopperHealthIsStrictRangesOnHeightPitchAndTheStateAfterTwoPositions() {
        HopperEnv env = new HopperEnv();
        double[] v0 = new double[6];
        assertThat(healthy(env, new double[] {0, 1.25, 0, 0, 0, 0}, v0)).isTrue();
        assertThat(healthy(env, new double[] {0, 0.7, 0, 0, 0, 0}, v0)).as("z = 0.7 is not > 0.7").isFalse();
        assertThat(healthy(env, new double[] {0, 0.7000001, 0, 0, 0, 0}, v0)).isTrue();
        assertThat(healthy(env, new double[] {0, 1.25, 0.2, 0, 0, 0}, v0)).as("pitch 0.2 is not < 0.2").isFalse();
        assertThat(healthy(env, new double[] {0, 1.25, -0.1999, 0, 0, 0}, v0)).isTrue();
        // state_vector()[2:] = qpos[2:] and all of qvel must lie strictly inside (-100, 100) ...
        assertThat(healthy(env, new double[] {0, 1.25, 0, 0, 0, 0}, new double[] {100, 0, 0, 0, 0, 0})).isFalse();
        assertThat(healthy(env, new double[] {0, 1.25, 0, 0, 0, -100.5}, v0)).isFalse();
        // ... but not qpos[0] (x) or qpos[1] (z, which only has to exceed 0.7).
        assertThat(healthy(env, new double[] {1000, 150, 0, 0, 0, 0}, v0)).isTrue();
    }

    private static boolean healthy(MujocoEnv env, double[] q, double[] v) {
        env.setState(concat(q, v));
        return ((PlanarRunnerEnv) env).isHealthy();
    }

    @Test
    void hopperRewardAndTermination() {
        HopperEnv env = new HopperEnv();
        env.setState(concat(new double[] {0, 1.25, 0, 0, 0, 0}, new double[6]));
        float[] a = {0.2f, -0.4f, 0.6f};
        StepResult r = env.step(a);
        double xAfter = env.state()[0];
        // (x_velocity + 1) - 1e-3 * (0.04 + 0.16 + 0.36), dt = 0.008
        float ctrl = 1e-3f * ((0.2f * 0.2f + 0.4f * 0.4f) + 0.6f * 0.6f);
        assertThat(r.reward()).isEqualTo(((xAfter - 0) / 0.008 + 1.0) - ctrl);
        assertThat((double) ctrl).isCloseTo(1e-3 * 0.56, within(1e-9));
        assertThat(r.terminated()).isFalse();
        // Lying low (z = 0.5): unhealthy after the step: terminated, no healthy reward.
        env.setState(concat(new double[] {0, 0.5, 0, 0, 0, 0}, new double[6]));
        StepResult low = env.step(new float[3]);
        assertThat(low.terminated()).isTrue();
        assertThat(low.info()).containsEntry("reward_survive", 0.0);
        assertThat(low.reward()).isEqualTo(((double) low.info().get("reward_forward") + 0.0) - 0f);
        // terminate_when_unhealthy = false: the same state goes on, still without the healthy reward.
        Env lenient = EnvRegistry.make("Hopper-v5", Map.of("terminate_when_unhealthy", false));
        lenient.reset(0);
        lenient.unwrapped().setState(concat(new double[] {0, 0.5, 0, 0, 0, 0}, new double[6]));
        StepResult goesOn = lenient.step(new float[3]);
        assertThat(goesOn.terminated()).isFalse();
        assertThat(goesOn.info()).containsEntry("reward_survive", 0.0);
    }

    @Test
    void walker2dHealthIsHeightBetweenEightTenthsAndTwoAndPitchWithinOne() {
        Walker2dEnv env = new Walker2dEnv();
        double[] v0 = new double[9];
        assertThat(healthy(env, new double[] {0, 1.25, 0, 0, 0, 0, 0, 0, 0}, v0)).isTrue();
        assertThat(healthy(env, new double[] {0, 0.8, 0, 0, 0, 0, 0, 0, 0}, v0)).isFalse();
        assertThat(healthy(env, new double[] {0, 2.0, 0, 0, 0, 0, 0, 0, 0}, v0)).isFalse();
        assertThat(healthy(env, new double[] {0, 1.99, 0.999, 0, 0, 0, 0, 0, 0}, v0)).isTrue();
        assertThat(healthy(env, new double[] {0, 1.25, -1.0, 0, 0, 0, 0, 0, 0}, v0)).isFalse();
        // No range on the other values (unlike Hopper).
        assertThat(healthy(env, new double[] {0, 1.25, 0, 500, 0, 0, 0, 0, 0}, new double[] {0, 0, 0, 1000, 0, 0, 0, 0, 0})).isTrue();
        float[] obs = env.setState(concat(new double[] {0, 1.25, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, new double[] {20, 0, 0, 0, 0, 0, 0, 0, -30}));
        assertThat(obs).hasSize(17);
        assertThat(obs[8]).isEqualTo(10f);
        assertThat(obs[16]).isEqualTo(-10f);
    }

    /**
     * lpdm's reset noise: the same distributions as Gymnasium's (uniform in [-scale, scale) for
     * qpos; uniform or scale times standard normal for qvel), drawn from the env's Rng in the order
     * qpos[0..nq), then qvel[0..nv).
     */
    @Test
    void resetNoiseIsDrawnFromTheEnvsRngQposFirst() {
        HalfCheetahEnv cheetah = new HalfCheetahEnv();
        cheetah.reset(11);
        double[] s = cheetah.state();
        Rng rng = new Rng(11);
        for (int i = 0; i < 9; i++) {
            double expected = 0 + rng.uniform(-0.1, 0.1);
            assertThat(s[i]).as("qpos[%d]", i).isEqualTo(expected);
        }
        for (int i = 0; i < 9; i++) {
            assertThat(s[9 + i]).as("qvel[%d]", i).isEqualTo(0 + 0.1 * rng.nextGaussian());
        }
        HopperEnv hopper = new HopperEnv();
        hopper.reset(12);
        double[] h = hopper.state();
        Rng r2 = new Rng(12);
        double[] initQpos = {0, 1.25, 0, 0, 0, 0};
        for (int i = 0; i < 6; i++) {
            assertThat(h[i]).isEqualTo(initQpos[i] + r2.uniform(-5e-3, 5e-3));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(h[6 + i]).isEqualTo(0 + r2.uniform(-5e-3, 5e-3));
        }
    }

    @Test
    void unknownArgumentsAndBadValuesAreNamed() {
        for (String id : List.of("HalfCheetah-v5", "Hopper-v5")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvRegistry.make(id, Map.of("xml_file", "x.xml")))
                    .hasMessageContaining(id + ": unknown argument 'xml_file'");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvRegistry.make("Hopper-v5", Map.of("frame_skip", 0)))
                .hasMessageContaining("'frame_skip' must be a positive whole number");
        assertThat(((MujocoEnv) EnvRegistry.make("Hopper-v5", Map.of("frame_skip", 2)).unwrapped()).dt()).isEqualTo(0.002 * 2);
    }
}
