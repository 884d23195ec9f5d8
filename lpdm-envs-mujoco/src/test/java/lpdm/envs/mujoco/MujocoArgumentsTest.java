package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tasks' Gymnasium v5 arguments: the registry declares Gymnasium 1.3.0's names and defaults,
 * each argument has its effect (checked on constructed states), and bad values are refused with one
 * line naming the argument.
 */
class MujocoArgumentsTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    private static List<Double> range(double low, double high) {
        return List.of(low, high);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /**
     * The registry's defaults, in the order of Gymnasium 1.3.0's {@code __init__} signatures
     * ({@code gymnasium/envs/mujoco/*_v5.py}), without xml_file, default_camera_config and Ant's
     * main_body.
     */
    @Test
    void theRegistryDeclaresGymnasiumsArgumentsAndDefaults() {
        Map<String, List<Object>> expected = new java.util.LinkedHashMap<>();
        expected.put("InvertedPendulum-v5", List.of("frame_skip", 2, "reset_noise_scale", 0.01));
        expected.put("InvertedDoublePendulum-v5", List.of("frame_skip", 5, "healthy_reward", 10.0, "reset_noise_scale", 0.1));
        expected.put("HalfCheetah-v5", List.of("frame_skip", 5, "forward_reward_weight", 1.0, "ctrl_cost_weight", 0.1, "reset_noise_scale", 0.1,
                "exclude_current_positions_from_observation", true));
        expected.put("Hopper-v5", List.of("frame_skip", 4, "forward_reward_weight", 1.0, "ctrl_cost_weight", 1e-3, "healthy_reward", 1.0,
                "terminate_when_unhealthy", true, "healthy_state_range", range(-100, 100), "healthy_z_range", range(0.7, INF),
                "healthy_angle_range", range(-0.2, 0.2), "reset_noise_scale", 5e-3, "exclude_current_positions_from_observation", true));
        expected.put("Walker2d-v5", List.of("frame_skip", 4, "forward_reward_weight", 1.0, "ctrl_cost_weight", 1e-3, "healthy_reward", 1.0,
                "terminate_when_unhealthy", true, "healthy_z_range", range(0.8, 2.0), "healthy_angle_range", range(-1, 1),
                "reset_noise_scale", 5e-3, "exclude_current_positions_from_observation", true));
        expected.put("Reacher-v5", List.of("frame_skip", 2, "reward_dist_weight", 1.0, "reward_control_weight", 1.0));
        expected.put("Ant-v5", List.of("frame_skip", 5, "forward_reward_weight", 1.0, "ctrl_cost_weight", 0.5, "contact_cost_weight", 5e-4,
                "healthy_reward", 1.0, "terminate_when_unhealthy", true, "healthy_z_range", range(0.2, 1.0), "contact_force_range", range(-1, 1),
                "reset_noise_scale", 0.1, "exclude_current_positions_from_observation", true, "include_cfrc_ext_in_observation", true));
        expected.put("Humanoid-v5", List.of("frame_skip", 5, "forward_reward_weight", 1.25, "ctrl_cost_weight", 0.1, "contact_cost_weight", 5e-7,
                "contact_cost_range", range(Double.NEGATIVE_INFINITY, 10), "healthy_reward", 5.0, "terminate_when_unhealthy", true,
                "healthy_z_range", range(1, 2), "reset_noise_scale", 1e-2, "exclude_current_positions_from_observation", true,
                "include_cinert_in_observation", true, "include_cvel_in_observation", true, "include_qfrc_actuator_in_observation", true,
                "include_cfrc_ext_in_observation", true));
        assertThat(MujocoTests.ids()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((id, pairs) -> {
            List<Object> actual = new ArrayList<>();
            EnvRegistry.spec(id).defaultArguments().forEach((name, value) -> {
                actual.add(name);
                actual.add(value);
            });
            assertThat(actual).as(id).isEqualTo(pairs);
        });
    }

    @Test
    void ctrlCostWeightZeroLeavesTheControlCostOut() {
        double[] state = concat(new double[] {0, 1.25, 0, 0, 0, 0}, new double[6]);
        float[] a = {0.2f, -0.4f, 0.6f};
        HopperEnv plain = new HopperEnv();
        HopperEnv free = new HopperEnv(Map.of("ctrl_cost_weight", 0.0));
        plain.setState(state);
        free.setState(state);
        StepResult charged = plain.step(a);
        StepResult r = free.step(a);
        // The same physics; reward (x_velocity + 1) - 0, against (x_velocity + 1) - 1e-3 * (0.04 + 0.16 + 0.36).
        assertThat(r.observation()).containsExactly(charged.observation());
        double forward = free.state()[0] / 0.008;
        assertThat(r.info()).containsEntry("reward_ctrl", -0.0).containsEntry("reward_forward", forward);
        assertThat(r.reward()).isEqualTo((forward + 1.0) - 0f);
        assertThat(charged.reward()).isEqualTo((forward + 1.0) - 1e-3f * ((0.2f * 0.2f + 0.4f * 0.4f) + 0.6f * 0.6f));
    }

    @Test
    void rewardWeightsScaleTheirTerms() {
        double[] state = concat(new double[] {0, 1.25, 0, 0, 0, 0}, new double[6]);
        HopperEnv env = new HopperEnv(Map.of("forward_reward_weight", 2.0, "healthy_reward", 0.5, "ctrl_cost_weight", 0.25));
        env.setState(state);
        float[] a = {1f, 0f, -1f};
        StepResult r = env.step(a);
        double xVelocity = env.state()[0] / 0.008;
        // (2 * x_velocity + 0.5) - 0.25 * (1 + 0 + 1)
        assertThat(r.reward()).isEqualTo((2.0 * xVelocity + 0.5) - 0.25f * 2f);
        // Reacher: -2 * distance - 0 * control.
        ReacherEnv reacher = new ReacherEnv(Map.of("reward_dist_weight", 2.0, "reward_control_weight", 0.0));
        ReacherEnv reference = new ReacherEnv();
        double[] arm = {0.3, -0.5, 0.05, -0.1, 1, 2, 0, 0};
        reacher.setState(arm);
        reference.setState(arm);
        StepResult weighted = reacher.step(new float[] {0.5f, -1f});
        StepResult plain = reference.step(new float[] {0.5f, -1f});
        assertThat(weighted.info().get("reward_dist")).isEqualTo(2 * (double) plain.info().get("reward_dist"));
        assertThat(weighted.info().get("reward_ctrl")).isEqualTo(-0.0);
        // InvertedDoublePendulum: healthy_reward 3 instead of 10 shifts the reward of a healthy step by -7.
        InvertedDoublePendulumEnv idp = new InvertedDoublePendulumEnv(Map.of("healthy_reward", 3.0));
        InvertedDoublePendulumEnv idpPlain = new InvertedDoublePendulumEnv();
        double[] poles = {0.1, 0.02, -0.01, 0.2, 0.3, -0.4};
        idp.setState(poles);
        idpPlain.setState(poles);
        StepResult three = idp.step(new float[] {0.3f});
        StepResult ten = idpPlain.step(new float[] {0.3f});
        assertThat(three.info()).containsEntry("reward_survive", 3.0);
        assertThat(three.reward()).isEqualTo(3.0 + (double) ten.info().get("distance_penalty") + (double) ten.info().get("velocity_penalty"));
        assertThat(ten.reward()).isEqualTo(10.0 + (double) ten.info().get("distance_penalty") + (double) ten.info().get("velocity_penalty"));
    }

    @Test
    void includingTheCurrentPositionsPutsXFirst() {
        double[] q = {5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
        double[] v = {12, -13, 1, 2, 3, 4, 5, 6, 7};
        HalfCheetahEnv cheetah = new HalfCheetahEnv(Map.of("exclude_current_positions_from_observation", false));
        assertThat(cheetah.observationSpace().flatSize()).isEqualTo(18);
        assertThat(cheetah.setState(concat(q, v))).containsExactly(5f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 12f, -13f, 1f, 2f, 3f, 4f,
                5f, 6f, 7f);
        HopperEnv hopper = new HopperEnv(Map.of("exclude_current_positions_from_observation", false));
        assertThat(hopper.setState(new double[] {3, 1.25, 0.1, -0.2, -0.3, 0.4, 1, -20, 3, 15, -5, 0.5}))
                .containsExactly(3f, 1.25f, 0.1f, -0.2f, -0.3f, 0.4f, 1f, -10f, 3f, 10f, -5f, 0.5f);
        Walker2dEnv walker = new Walker2dEnv(Map.of("exclude_current_positions_from_observation", false));
        assertThat(walker.setState(concat(new double[] {-2, 1.25, 0, 0, 0, 0, 0, 0, 0}, new double[9]))).hasSize(18).startsWith(-2f, 1.25f);
        AntEnv ant = new AntEnv(Map.of("exclude_current_positions_from_observation", false));
        double[] antState = new double[29];
        antState[0] = 4;
        antState[1] = -3;
        antState[2] = 0.75;
        antState[3] = 1;
        assertThat(ant.setState(antState)).hasSize(107).startsWith(4f, -3f, 0.75f, 1f);
        HumanoidEnv humanoid = new HumanoidEnv(Map.of("exclude_current_positions_from_observation", false));
        double[] standing = humanoid.initQpos.clone();
        standing[0] = 2;
        standing[1] = -1;
        assertThat(humanoid.setState(concat(standing, new double[23]))).hasSize(350).startsWith(2f, -1f, 1.4f, 1f);
    }

    @Test
    void observationPartsCanBeLeftOut() {
        assertThat(new AntEnv(Map.of("include_cfrc_ext_in_observation", false)).observationSpace().flatSize()).isEqualTo(105 - 78);
        // 348 = 22 + 23 + 130 (cinert) + 78 (cvel) + 17 (qfrc_actuator) + 78 (cfrc_ext)
        assertThat(new HumanoidEnv(Map.of("include_cinert_in_observation", false)).observationSpace().flatSize()).isEqualTo(348 - 130);
        assertThat(new HumanoidEnv(Map.of("include_cvel_in_observation", false)).observationSpace().flatSize()).isEqualTo(348 - 78);
        assertThat(new HumanoidEnv(Map.of("include_qfrc_actuator_in_observation", false)).observationSpace().flatSize()).isEqualTo(348 - 17);
        HumanoidEnv bare = new HumanoidEnv(Map.of("include_cinert_in_observation", false, "include_cvel_in_observation", false,
                "include_qfrc_actuator_in_observation", false, "include_cfrc_ext_in_observation", false));
        assertThat(bare.observationSpace().flatSize()).isEqualTo(22 + 23);
        float[] obs = bare.reset(3);
        double[] s = bare.state();
        assertThat(obs).hasSize(45);
        for (int i = 0; i < 45; i++) {
            assertThat(obs[i]).isEqualTo((float) s[i + 2]);
        }
        // Without cfrc_ext, Ant's observation ends with qvel: the contact forces of a step are not in it.
        AntEnv ant = new AntEnv(Map.of("include_cfrc_ext_in_observation", false));
        ant.reset(2);
        float[] after = ant.step(new float[8]).observation();
        double[] antState = ant.state();
        assertThat(after[26]).isEqualTo((float) antState[28]);
    }

    @Test
    void frameSkipSetsDtAndTheSimulatedTimePerStep() {
        HopperEnv two = new HopperEnv(Map.of("frame_skip", 2));
        assertThat(two.frameSkip()).isEqualTo(2);
        assertThat(two.dt()).isEqualTo(0.002 * 2);
        two.reset(1);
        two.step(new float[3]);
        two.step(new float[3]);
        assertThat(two.data(MujocoNative.TIME)[0]).isEqualTo(0.002 + 0.002 + 0.002 + 0.002);
        // x_velocity is divided by the new dt.
        double xBefore = two.state()[0];
        StepResult r = two.step(new float[3]);
        assertThat(r.info().get("x_velocity")).isEqualTo((two.state()[0] - xBefore) / 0.004);
        assertThat(new HumanoidEnv(Map.of("frame_skip", 1)).dt()).isEqualTo(0.003);
        assertThat(((MujocoEnv) EnvRegistry.make("Ant-v5", Map.of("frame_skip", 10)).unwrapped()).dt()).isEqualTo(0.01 * 10);
    }

    @Test
    void resetNoiseScaleZeroStartsAtTheModelsInitialState() {
        for (MujocoEnv env : List.of(new HopperEnv(Map.of("reset_noise_scale", 0.0)), new AntEnv(Map.of("reset_noise_scale", 0.0)),
                new HumanoidEnv(Map.of("reset_noise_scale", 0.0)), new InvertedPendulumEnv(Map.of("reset_noise_scale", 0.0)))) {
            env.reset(9);
            assertThat(env.state()).isEqualTo(concat(env.initQpos, env.initQvel));
        }
        // reset_noise_scale 0.5: qpos[0] and qpos[1] (reference 1.25) drawn uniformly in [-0.5, 0.5) from the env's Rng.
        HopperEnv wide = new HopperEnv(Map.of("reset_noise_scale", 0.5));
        wide.reset(12);
        lpdm.core.random.Rng rng = new lpdm.core.random.Rng(12);
        assertThat(wide.state()[0]).isEqualTo(0 + rng.uniform(-0.5, 0.5));
        assertThat(wide.state()[1]).isEqualTo(1.25 + rng.uniform(-0.5, 0.5));
    }

    @Test
    void healthRangesAndTerminationFollowTheirArguments() {
        double[] low = concat(new double[] {0, 0.6, 0.3, 0, 0, 0}, new double[] {500, 0, 0, 0, 0, 0});
        HopperEnv hopper = new HopperEnv();
        hopper.setState(low);
        assertThat(hopper.isHealthy()).isFalse();
        HopperEnv lenient = new HopperEnv(Map.of("healthy_z_range", List.of(0.5, INF), "healthy_angle_range", List.of(-0.5, 0.5),
                "healthy_state_range", List.of(-1000.0, 1000.0)));
        lenient.setState(low);
        assertThat(lenient.isHealthy()).isTrue();
        HopperEnv zOnly = new HopperEnv(Map.of("healthy_z_range", List.of(0.5, INF), "healthy_angle_range", List.of(-0.5, 0.5)));
        zOnly.setState(low);
        assertThat(zOnly.isHealthy()).as("qvel 500 is outside the default state range (-100, 100)").isFalse();
        HopperEnv capped = new HopperEnv(Map.of("healthy_z_range", List.of(0.7, 1.2)));
        capped.setState(concat(new double[] {0, 1.25, 0, 0, 0, 0}, new double[6]));
        assertThat(capped.isHealthy()).as("z 1.25 above the upper end 1.2").isFalse();
        Walker2dEnv walker = new Walker2dEnv(Map.of("healthy_z_range", List.of(0.5, 1.0), "healthy_angle_range", List.of(-2.0, 2.0)));
        walker.setState(concat(new double[] {0, 0.9, 1.5, 0, 0, 0, 0, 0, 0}, new double[9]));
        assertThat(walker.isHealthy()).isTrue();
        walker.setState(concat(new double[] {0, 1.0, 0, 0, 0, 0, 0, 0, 0}, new double[9]));
        assertThat(walker.isHealthy()).as("strict: z = 1.0 is not < 1.0").isFalse();
        AntEnv ant = new AntEnv(Map.of("healthy_z_range", List.of(0.2, 2.0)));
        double[] high = new double[29];
        high[2] = 1.5;
        high[3] = 1;
        ant.setState(high);
        assertThat(ant.isHealthy()).isTrue();
        StepResult r = ant.step(new float[8]);
        assertThat(r.terminated()).isFalse();
        assertThat(r.info()).containsEntry("reward_survive", 1.0);
        // terminate_when_unhealthy false: an unhealthy Walker2d goes on, without the healthy reward.
        Walker2dEnv goesOn = new Walker2dEnv(Map.of("terminate_when_unhealthy", false));
        goesOn.setState(concat(new double[] {0, 0.5, 0, 0, 0, 0, 0, 0, 0}, new double[9]));
        StepResult fallen = goesOn.step(new float[6]);
        assertThat(fallen.terminated()).isFalse();
        assertThat(fallen.info()).containsEntry("reward_survive", 0.0);
    }

    @Test
    void antsContactForceRangeClipsObservationAndCost() {
        AntEnv ant = new AntEnv(Map.of("contact_force_range", List.of(-0.25, 0.5)));
        ant.reset(4);
        float[] a = {0.7f, -0.3f, 0.9f, 0.11f, -0.5f, 0.25f, -0.8f, 0.6f};
        boolean clippedSome = false;
        for (int t = 0; t < 100 && !clippedSome; t++) { // until the legs touch the floor
            StepResult r = ant.step(a);
            double[] cfrc = ant.data(MujocoNative.CFRC_EXT);
            double[] squares = new double[cfrc.length];
            for (int i = 0; i < cfrc.length; i++) {
                double c = Math.min(Math.max(cfrc[i], -0.25), 0.5);
                clippedSome |= c != cfrc[i];
                squares[i] = c * c;
                if (i >= 6) {
                    assertThat(r.observation()[27 + i - 6]).isEqualTo((float) c);
                }
            }
            assertThat(r.info().get("reward_contact")).isEqualTo(-(5e-4 * MujocoEnv.pairwiseSum(squares, false)));
        }
        assertThat(clippedSome).as("some contact force lies outside [-0.25, 0.5]").isTrue();
    }

    @Test
    void badValuesAndArgumentsATaskLacksAreRefusedNamingThem() {
        assertThatThrownBy(() -> EnvRegistry.make("Hopper-v5", Map.of("frame_skip", -1)))
                .hasMessage("Hopper-v5: argument 'frame_skip' must be a positive whole number, got -1");
        assertThatThrownBy(() -> EnvRegistry.make("Hopper-v5", Map.of("healthy_z_range", List.of(2.0, 1.0))))
                .hasMessage("Hopper-v5: argument 'healthy_z_range' must have low <= high, got (2.0, 1.0)");
        assertThatThrownBy(() -> EnvRegistry.make("Ant-v5", Map.of("contact_force_range", List.of(1.0, 2.0, 3.0))))
                .hasMessage("Ant-v5: argument 'contact_force_range' must be a range (low, high) of two numbers, got [1.0, 2.0, 3.0]");
        assertThatThrownBy(() -> EnvRegistry.make("Humanoid-v5", Map.of("healthy_z_range", List.of(Double.NaN, 2.0))))
                .hasMessageContaining("'healthy_z_range' must be a range (low, high) of two numbers");
        assertThatThrownBy(() -> EnvRegistry.make("Hopper-v5", Map.of("contact_cost_weight", 0.1)))
                .hasMessage("Hopper-v5: unknown argument 'contact_cost_weight'; valid arguments: ctrl_cost_weight, "
                        + "exclude_current_positions_from_observation, forward_reward_weight, frame_skip, healthy_angle_range, healthy_reward, "
                        + "healthy_state_range, healthy_z_range, reset_noise_scale, terminate_when_unhealthy");
        assertThatThrownBy(() -> EnvRegistry.make("Ant-v5", Map.of("main_body", 1))).hasMessageContaining("Ant-v5: unknown argument 'main_body'");
        assertThatThrownBy(() -> EnvRegistry.make("Humanoid-v5", Map.of("terminate_when_unhealthy", "no")))
                .hasMessage("Humanoid-v5: argument 'terminate_when_unhealthy' must be true or false, got no");
        try (Env env = EnvRegistry.make("Walker2d-v5", Map.of("healthy_z_range", new double[] {0.5, 3.0}))) {
            assertThat(env.observationSpace().flatSize()).isEqualTo(17);
        }
    }
}
