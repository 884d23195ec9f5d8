package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.learn.LpdmRule;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;

/** {@code lpdm.preset} as run settings: it sets what the user did not, and the effective values show it. */
class LpdmPresetSettingsTest {
    private static Settings resolve(Map<String, String> overrides) {
        return Settings.resolve(Algorithms.settingsFor("ppo"), overrides);
    }

    private static LpdmConfig lpdm(Settings s) {
        return ((LpdmRule) LearningRules.create("lpdm", s)).config();
    }

    @Test
    void withoutAPresetTheShippedDefaultIsUsed() {
        Settings s = resolve(Map.of());
        assertThat(lpdm(s)).isEqualTo(LpdmConfig.DEFAULTS);
        assertThat(s.values()).containsEntry("lpdm.guidance", "2").containsEntry("lpdm.actor_signal", "advantage");
    }

    @Test
    void plainPresetSetsEveryLpdmSettingAndTheValuesShowIt() {
        Settings s = resolve(Map.of("lpdm.preset", "plain"));
        assertThat(lpdm(s)).isEqualTo(LpdmConfig.PLAIN);
        assertThat(s.values()).containsEntry("lpdm.guidance", "0.0").containsEntry("lpdm.actor_signal", "value");
    }

    @Test
    void explicitSettingsWinOverThePresetEvenWhenTheyEqualTheDefault() {
        // lpdm.guidance=2 is also the listed default: it must still override the preset's 0.
        Settings s = resolve(Map.of("lpdm.preset", "plain", "lpdm.guidance", "2"));
        LpdmConfig c = lpdm(s);
        assertThat(c.guidance()).isEqualTo(2.0);
        assertThat(c.actorSignal()).isEqualTo("value"); // from the preset
        assertThat(resolve(Map.of("lpdm.preset", "default", "lpdm.guidance", "1")).values()).containsEntry("lpdm.guidance", "1");
    }

    @Test
    void unknownPresetIsAUsageErrorNamingIt() {
        assertThatThrownBy(() -> resolve(Map.of("lpdm.preset", "best"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("lpdm.preset").hasMessageContaining("plain").hasMessageContaining("'best'");
    }
}
