package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Map;
import lpdm.core.random.Rng;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Humanoid-v5 on constructed states against Gymnasium 1.3.0's {@code humanoid_v5.py}. */
class MujocoHumanoidTest {
    /** Offsets of the observation's parts: qpos[2:] (22), qvel (23), cinert (130), cvel (78), qfrc_actuator (17), cfrc_ext (78). */
    private static final int QVEL = 22;
    private static final int CINERT = 45;
    private static final int CVEL = 175;
    private static final int QFRC_ACTUATOR = 253;
    private static final int CFRC_EXT = 270;

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The model's initial qpos (torso at (0, 0, 1.4), upright, joints at 0) with the torso height {@code z}. */
    private static double[] standingAt(HumanoidEnv env, double z) {
        double[] q = env.initQpos.clone();
        q[2] = z;
        return q;
    }

    @Test
    void observationIsPositionsVelocitiesCinertCvelActuatorForcesAndContactForcesOfBodiesOneToThirteen() {
        HumanoidEnv env = new HumanoidEnv();
        env.reset(0);
        double[] q = standingAt(env, 1.4);
        for (int i = 7; i < 24; i++) {
            q[i] = 0.01 * (i - 6); // the 17 hinge angles
        }
        q[0] = 3; // x and y: left out of the observation
        q[1] = -2;
        double[] v = new double[23];
        v[0] = 0.7; // the root moves along x, nothing turns
        float[] obs = env.setState(concat(q, v));
        assertThat(obs).hasSize(348);
        for (int i = 2; i < 24; i++) {
            assertThat(obs[i - 2]).isEqualTo((float) q[i]);
        }
        assertThat(obs[QVEL]).isEqualTo(0.7f);
        assertThat(Arrays.copyOfRange(obs, QVEL + 1, CINERT)).containsOnly(0f);
        // cinert's last value per body is the body's mass; bodies 1..13 (the world body, 0, is left out).
        double[] mass = env.data(MujocoNative.BODY_MASS);
        for (int b = 1; b < 14; b++) {
            assertThat(obs[CINERT + 10 * (b - 1) + 9]).as("mass of body %d", b).isEqualTo((float) mass[b]);
        }
        assertThat(Arrays.copyOfRange(obs, CINERT, CVEL)).containsExactly(floats(env.data(MujocoNative.CINERT), 10));
        // A pure translation at 0.7 m/s along x: every body's cvel is (0, 0, 0 | 0.7, 0, 0).
        for (int b = 0; b < 13; b++) {
            float[] cvel = Arrays.copyOfRange(obs, CVEL + 6 * b, CVEL + 6 * b + 6);
            for (int k = 0; k < 6; k++) {
                assertThat((double) cvel[k]).as("cvel of body %d, %d", b + 1, k).isCloseTo(k == 3 ? 0.7 : 0, within(1e-6));
            }
        }
        // ctrl is zero after a reset: no actuator force; cfrc_ext is zero until a step computes it.
        assertThat(Arrays.copyOfRange(obs, QFRC_ACTUATOR, 348)).containsOnly(0f);
    }

    private static float[] floats(double[] values, int from) {
        float[] out = new float[values.length - from];
        for (int i = from; i < values.length; i++) {
            out[i - from] = (float) values[i];
        }
        return out;
    }

    /**
     * qfrc_actuator[6:] is gear times the clamped control on each hinge, in dof order (abdomen_z,
     * abdomen_y, abdomen_x, right hip x/z/y, right knee, ...), not actuator order (abdomen_y first).
     */
    @Test
    void actuatorForcesAreGearTimesTheClampedControlInJointOrder() {
        HumanoidEnv env = new HumanoidEnv();
        env.reset(1);
        float[] a = new float[17];
        a[0] = 0.1f; // abdomen_y, gear 100: dof 7
        a[6] = 0.5f; // right_knee, gear 200, clamped to 0.4: dof 12
        a[11] = -0.2f; // right_shoulder1, gear 25: dof 17
        float[] obs = env.step(a).observation();
        float[] expected = new float[17];
        expected[7 - 6] = (float) (100 * (double) 0.1f);
        expected[12 - 6] = (float) (200 * 0.4);
        expected[17 - 6] = (float) (25 * (double) -0.2f);
        assertThat(Arrays.copyOfRange(obs, QFRC_ACTUATOR, CFRC_EXT)).containsExactly(expected);
        assertThat(Arrays.copyOfRange(obs, CFRC_EXT, 348)).containsExactly(floats(env.data(MujocoNative.CFRC_EXT), 6));
    }

    /** Gymnasium's mass_center: sum of body mass times xipos over the total mass; moving the root moves it by as much. */
    @Test
    void massCentreIsTheMassWeightedMeanOfTheBodiesCentres() {
        HumanoidEnv env = new HumanoidEnv();
        env.reset(2);
        double[] mass = env.data(MujocoNative.BODY_MASS);
        double[] xipos = env.data(MujocoNative.XIPOS);
        double total = 0;
        double x = 0;
        double y = 0;
        for (int b = 0; b < 14; b++) {
            total += mass[b];
            x += mass[b] * xipos[3 * b];
            y += mass[b] * xipos[3 * b + 1];
        }
        assertThat(env.massCentre()).containsExactly(new double[] {x / total, y / total}, within(1e-12));
        double[] q = standingAt(env, 1.4);
        env.setState(concat(q, new double[23]));
        double[] atOrigin = env.massCentre();
        q[0] = 1.5;
        q[1] = -0.5;
        env.setState(concat(q, new double[23]));
        assertThat(env.massCentre()).containsExactly(new double[] {atOrigin[0] + 1.5, atOrigin[1] - 0.5}, within(1e-12));
    }

    @Test
    void rewardIsForwardPlusHealthyMinusControlAndClippedContactCosts() {
        HumanoidEnv env = new HumanoidEnv();
        // Feet 3 mm into the floor: the step has contact forces.
        env.setState(concat(standingAt(env, 1.29), new double[23]));
        double[] before = env.massCentre();
        float[] a = new float[17];
        a[0] = 0.3f;
        a[5] = 1f; // beyond ctrlrange 0.4: charged as 1
        a[16] = -0.25f;
        StepResult r = env.step(a);
        double[] after = env.massCentre();
        double forward = 1.25 * ((after[0] - before[0]) / env.dt());
        // ctrl_cost = 0.1 * (0.3^2 + 1^2 + 0.25^2) of the float32 action in float64: about 0.1 * 1.1525
        double ctrl = 0.1 * MujocoEnv.pairwiseSum(squares(new double[] {0.3f, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -0.25f}), false);
        assertThat(ctrl).isCloseTo(0.1 * 1.1525, within(1e-8));
        double[] cfrc = env.data(MujocoNative.CFRC_EXT);
        double contact = 5e-7 * MujocoEnv.pairwiseSum(squares(cfrc), false);
        assertThat(contact).as("the feet touch the floor").isPositive().isLessThan(10);
        assertThat(r.info()).containsEntry("reward_forward", forward).containsEntry("reward_ctrl", -ctrl)
                .containsEntry("reward_contact", -contact).containsEntry("reward_survive", 5.0);
        assertThat(r.reward()).isEqualTo((forward + 5.0) - (ctrl + contact));
        assertThat(r.terminated()).isFalse();
        // contact_cost_weight 1: the same contact costs more than 10 and is clipped to 10 (contact_cost_range (-inf, 10)).
        HumanoidEnv heavy = new HumanoidEnv(Map.of("contact_cost_weight", 1.0));
        heavy.setState(concat(standingAt(heavy, 1.29), new double[23]));
        StepResult clipped = heavy.step(a);
        assertThat(MujocoEnv.pairwiseSum(squares(heavy.data(MujocoNative.CFRC_EXT)), false)).isGreaterThan(10);
        assertThat(clipped.info()).containsEntry("reward_contact", -10.0);
        HumanoidEnv capped = new HumanoidEnv(Map.of("contact_cost_range", java.util.List.of(0.0, 1e-3)));
        capped.setState(concat(standingAt(capped, 1.29), new double[23]));
        assertThat(capped.step(a).info()).containsEntry("reward_contact", -Math.min(contact, 1e-3));
    }

    private static double[] squares(double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] * values[i];
        }
        return out;
    }

    @Test
    void healthyIsTorsoHeightStrictlyBetweenOneAndTwo() {
        HumanoidEnv env = new HumanoidEnv();
        double[][] cases = {{1.0, 0}, {1.0000001, 1}, {1.4, 1}, {1.9999, 1}, {2.0, 0}};
        for (double[] c : cases) {
            env.setState(concat(standingAt(env, c[0]), new double[23]));
            assertThat(env.isHealthy()).as("z = %s", c[0]).isEqualTo(c[1] == 1);
        }
        // Lying low (torso at 0.5 m): unhealthy after the step, terminated without the healthy reward ...
        env.setState(concat(standingAt(env, 0.5), new double[23]));
        StepResult low = env.step(new float[17]);
        assertThat(low.terminated()).isTrue();
        assertThat(low.info()).containsEntry("reward_survive", 0.0);
        // ... unless terminate_when_unhealthy is false.
        HumanoidEnv goesOn = new HumanoidEnv(Map.of("terminate_when_unhealthy", false));
        goesOn.setState(concat(standingAt(goesOn, 0.5), new double[23]));
        assertThat(goesOn.step(new float[17]).terminated()).isFalse();
    }

    /**
     * Uniform noise in [-0.01, 0.01) on every qpos, then every qvel value, from the env's Rng.
     * MuJoCo 2.2.2's mj_forward (in Gymnasium's set_state) normalizes the root's orientation
     * quaternion qpos[3:7] in place; MuJoCo 3.2 and later leave qpos alone until the first step.
     */
    @Test
    void resetNoiseIsUniformOnQposThenQvel() {
        HumanoidEnv env = new HumanoidEnv();
        env.reset(21);
        double[] s = env.state();
        Rng rng = new Rng(21);
        double[] q = new double[24];
        for (int i = 0; i < 24; i++) {
            q[i] = env.initQpos[i] + rng.uniform(-1e-2, 1e-2);
        }
        double norm = Math.sqrt(q[3] * q[3] + q[4] * q[4] + q[5] * q[5] + q[6] * q[6]);
        assertThat(norm).as("the noise moved the quaternion off the unit sphere").isNotCloseTo(1, within(1e-4));
        for (int i = 0; i < 24; i++) {
            if (i >= 3 && i < 7) {
                assertThat(s[i]).as("qpos[%d]", i).isCloseTo(q[i] * (1 / norm), within(1e-15));
            } else {
                assertThat(s[i]).as("qpos[%d]", i).isEqualTo(q[i]);
            }
        }
        for (int i = 0; i < 23; i++) {
            assertThat(s[24 + i]).as("qvel[%d]", i).isEqualTo(0 + rng.uniform(-1e-2, 1e-2));
        }
        assertThat(env.initQpos).containsExactly(0, 0, 1.4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
