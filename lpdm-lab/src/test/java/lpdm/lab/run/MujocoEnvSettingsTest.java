package lpdm.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lpdm.core.settings.Setting;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import lpdm.rl.Algorithms;
import lpdm.rl.EnvSettings;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code env.*} settings of the MuJoCo tasks' Gymnasium arguments: every argument a registered
 * env declares is reachable, {@code auto} resolves to the task's own default, given values reach
 * the env, and bad values are refused with one line before anything is built.
 */
class MujocoEnvSettingsTest {
    @TempDir
    Path dir;

    private static final List<String> MUJOCO = List.of("InvertedPendulum-v5", "InvertedDoublePendulum-v5", "HalfCheetah-v5", "Hopper-v5",
            "Walker2d-v5", "Reacher-v5", "Ant-v5", "Humanoid-v5");

    /** Every argument a MuJoCo task declares is the setting env.ARGUMENT. (MinAtar's two have their own names; Box2D's have none yet.) */
    @Test
    void everyArgumentOfTheMujocoTasksHasASetting() {
        Set<String> names = new TreeSet<>();
        for (Setting<?> s : Algorithms.settingsFor("ppo")) {
            names.add(s.name());
        }
        for (String id : MUJOCO) {
            assertThat(EnvRegistry.spec(id).defaultArguments()).as(id).isNotEmpty();
            for (String argument : EnvRegistry.spec(id).defaultArguments().keySet()) {
                assertThat(names).as(id + " " + argument).contains("env." + argument);
            }
        }
        assertThat(names).contains("env.sticky_actions", "env.ramping");
    }

    @Test
    void autoResolvesToEachTasksOwnDefaultAndIsNoOverride() {
        TrainingRunTest.requireMujoco("Hopper-v5");
        Settings hopper = Algorithms.resolve("ppo", "bp", "Hopper-v5", Map.of());
        assertThat(hopper.string("env.frame_skip")).isEqualTo("4");
        assertThat(hopper.string("env.ctrl_cost_weight")).isEqualTo("0.001");
        assertThat(hopper.string("env.terminate_when_unhealthy")).isEqualTo("true");
        assertThat(hopper.string("env.healthy_z_range")).isEqualTo("0.7,inf");
        assertThat(hopper.string("env.healthy_state_range")).isEqualTo("-100.0,100.0");
        assertThat(hopper.string("env.contact_cost_weight")).isEqualTo("auto");
        assertThat(hopper.overrides()).doesNotContainKeys("env.frame_skip", "env.ctrl_cost_weight");
        Settings cheetah = Algorithms.resolve("ppo", "bp", "HalfCheetah-v5", Map.of());
        assertThat(cheetah.string("env.ctrl_cost_weight")).isEqualTo("0.1");
        assertThat(cheetah.string("env.frame_skip")).isEqualTo("5");
        assertThat(cheetah.string("env.healthy_reward")).isEqualTo("auto");
        Settings humanoid = Algorithms.resolve("ppo", "bp", "Humanoid-v5", Map.of());
        assertThat(humanoid.string("env.contact_cost_weight")).isEqualTo("5.0E-7");
        assertThat(humanoid.string("env.contact_cost_range")).isEqualTo("-inf,10.0");
        assertThat(humanoid.string("env.forward_reward_weight")).isEqualTo("1.25");
        Settings cartPole = Algorithms.resolve("ppo", "bp", "CartPole-v1", Map.of());
        assertThat(cartPole.string("env.frame_skip")).isEqualTo("auto");
        assertThat(EnvSettings.arguments(cartPole, "CartPole-v1")).isEmpty();
    }

    @Test
    void givenValuesReachTheEnv() {
        TrainingRunTest.requireMujoco("Hopper-v5");
        Settings s = Algorithms.resolve("ppo", "bp", "Hopper-v5", Map.of("env.ctrl_cost_weight", "0", "env.frame_skip", "2",
                "env.exclude_current_positions_from_observation", "off", "env.healthy_z_range", "(0.5, inf)"));
        Map<String, Object> args = EnvSettings.arguments(s, "Hopper-v5");
        assertThat(args).containsEntry("ctrl_cost_weight", 0.0).containsEntry("frame_skip", 2)
                .containsEntry("exclude_current_positions_from_observation", false)
                .containsEntry("healthy_z_range", List.of(0.5, Double.POSITIVE_INFINITY))
                .containsEntry("healthy_angle_range", List.of(-0.2, 0.2));
        try (Env env = EnvSettings.make("Hopper-v5", s)) {
            float[] obs = env.reset(3);
            assertThat(obs).hasSize(12);
            assertThat(obs[0]).isEqualTo((float) env.unwrapped().state()[0]);
            double xBefore = env.unwrapped().state()[0];
            StepResult r = env.step(new float[] {1, 1, 1});
            assertThat(r.info()).containsEntry("reward_ctrl", -0.0);
            assertThat((double) r.info().get("x_velocity")).isEqualTo((env.unwrapped().state()[0] - xBefore) / (0.002 * 2));
        }
    }

    @Test
    void badValuesAndArgumentsTheEnvLacksAreOneLineBeforeTheRun() {
        TrainingRunTest.requireMujoco("Hopper-v5");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "Hopper-v5", Map.of("env.frame_skip", "-1")))
                .isInstanceOf(UsageException.class).hasMessage("setting env.frame_skip: expected an integer >= 1, got -1");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "Hopper-v5", Map.of("env.healthy_z_range", "2,1")))
                .isInstanceOf(UsageException.class)
                .hasMessage("setting env.healthy_z_range: expected a range LOW,HIGH with LOW <= HIGH, got '2,1'");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "Hopper-v5", Map.of("env.healthy_z_range", "0.5")))
                .isInstanceOf(UsageException.class)
                .hasMessage("setting env.healthy_z_range: expected a range LOW,HIGH (e.g. 0.7,inf), got '0.5'");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "Hopper-v5", Map.of("env.ctrl_cost_weight", "nan")))
                .isInstanceOf(UsageException.class).hasMessage("setting env.ctrl_cost_weight: expected a finite number, got 'nan'");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "Hopper-v5", Map.of("env.contact_cost_weight", "0.1")))
                .isInstanceOf(UsageException.class)
                .hasMessage("env.contact_cost_weight=0.1: Hopper-v5 has no argument contact_cost_weight (envs that take it: Ant-v5, Humanoid-v5)");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "CartPole-v1", Map.of("env.terminate_when_unhealthy", "false")))
                .isInstanceOf(UsageException.class)
                .hasMessage("env.terminate_when_unhealthy=false: CartPole-v1 has no argument terminate_when_unhealthy "
                        + "(envs that take it: Hopper-v5, Walker2d-v5, Ant-v5, Humanoid-v5)");
        Path run = dir.resolve("refused");
        assertThatThrownBy(() -> TrainingRun.create(run, new RunConfig("Reacher-v5", "ppo", "bp", 1, 1000, Map.of("env.healthy_reward", "2"))))
                .isInstanceOf(UsageException.class)
                .hasMessage("env.healthy_reward=2.0: Reacher-v5 has no argument healthy_reward "
                        + "(envs that take it: InvertedDoublePendulum-v5, Hopper-v5, Walker2d-v5, Ant-v5, Humanoid-v5)");
        assertThat(run).doesNotExist();
        // The setting at its default is accepted by every env, MuJoCo or not.
        Algorithms.check("ppo", "bp", "CartPole-v1", Map.of("env.frame_skip", "auto"));
    }
}
