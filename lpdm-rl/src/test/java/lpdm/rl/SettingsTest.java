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
    void malformedValuesNameTheSetting() {
        Settings s = Settings.resolve(Algorithms.settingsFor("reinforce"),
                Map.of("reinforce.lr", "fast", "net.hidden", "64,x", "reinforce.norm_adv", "maybe"));
        assertThatThrownBy(() -> s.getDouble("reinforce.lr")).hasMessageContaining("reinforce.lr").hasMessageContaining("fast");
        assertThatThrownBy(() -> s.getIntList("net.hidden")).hasMessageContaining("net.hidden");
        assertThatThrownBy(() -> s.getBoolean("reinforce.norm_adv")).hasMessageContaining("maybe");
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
