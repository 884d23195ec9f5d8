package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void unknownNameListsValidNames() {
        assertThatThrownBy(() -> Settings.resolve(Algorithms.settingsFor("reinforce"), Map.of("reinforce.lrr", "1")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown setting 'reinforce.lrr'")
                .hasMessageContaining("reinforce.lr,");
    }

    @Test
    void malformedValuesNameTheSettingWhenTheSettingsAreMade() {
        // Every value is checked by its declaration when the settings are resolved, before anything reads them.
        assertThatThrownBy(() -> Settings.resolve(Algorithms.settingsFor("reinforce"), Map.of("reinforce.lr", "fast")))
                .isInstanceOf(UsageException.class).hasMessageContaining("reinforce.lr").hasMessageContaining("fast");
        assertThatThrownBy(() -> Settings.resolve(Algorithms.settingsFor("reinforce"), Map.of("net.hidden", "64,x")))
                .isInstanceOf(UsageException.class).hasMessageContaining("net.hidden");
        assertThatThrownBy(() -> Settings.resolve(Algorithms.settingsFor("reinforce"), Map.of("reinforce.norm_adv", "maybe")))
                .isInstanceOf(UsageException.class).hasMessageContaining("maybe");
        assertThatThrownBy(() -> Settings.resolve(Algorithms.settingsFor("ppo"), Map.of("ppo.lr", "abc")))
                .isInstanceOf(UsageException.class).hasMessage("setting ppo.lr: expected a number in [0.0, 10.0], got 'abc'");
        assertThatThrownBy(() -> Settings.resolve(Algorithms.settingsFor("ppo"), Map.of("lpdm.guidance", "-1")))
                .isInstanceOf(UsageException.class).hasMessage("setting lpdm.guidance: expected a finite number >= 0, got '-1'");
    }

    @Test
    void resolvingAutoIsPure() {
        Settings s = Settings.resolve(Algorithms.settingsFor("ppo"), Map.of("ppo.num_envs", "2"));
        Settings cart = PpoSettings.resolveAuto(s, "CartPole-v1");
        Settings pendulum = PpoSettings.resolveAuto(s, "Pendulum-v1");
        assertThat(s.values()).containsEntry("ppo.lr", Settings.AUTO).containsEntry("ppo.num_envs", "2");
        assertThat(cart.values()).containsEntry("ppo.lr", "2.5e-4").containsEntry("ppo.num_envs", "2");
        assertThat(pendulum.values()).containsEntry("ppo.lr", "3e-4");
        assertThat(PpoSettings.resolveAuto(cart, "Pendulum-v1").values()).isEqualTo(cart.values()); // resolved values stay
        assertThatThrownBy(() -> s.get(PpoSettings.LR)).isInstanceOf(IllegalStateException.class).hasMessageContaining("auto");
        assertThat(cart.get(PpoSettings.LR)).isEqualTo(2.5e-4);
    }

    @Test
    void overridesReportOnlyChangedValues() {
        Settings s = Settings.resolve(Algorithms.settingsFor("reinforce"), Map.of("reinforce.lr", "0.01", "reinforce.gamma", "0.99"));
        assertThat(s.overrides()).containsOnly(Map.entry("reinforce.lr", "0.01"));
        assertThat(s.values()).containsKey("net.hidden");
    }

    @Test
    void unknownAlgorithmAndLearnerAreUsageErrors() {
        assertThatThrownBy(() -> Algorithms.get("dqn")).isInstanceOf(UsageException.class).hasMessageContaining("reinforce");
        Settings s = Settings.resolve(Algorithms.settingsFor("reinforce"), Map.of());
        assertThatThrownBy(() -> LearningRules.create("hebb", s)).isInstanceOf(UsageException.class).hasMessageContaining("bp");
    }
}
