package lpdm.rl.settings;

import java.util.Map;

/**
 * One documented hyper-parameter: its name as used by {@code --set} and config files, its default
 * (as text; empty means "unset") and a one-line description.
 *
 * <p>A setting may be a <em>preset</em>: {@code presets} maps each of its values to the settings
 * that value stands for. When a preset setting is given, {@link Settings#resolve} sets every
 * setting of the chosen preset that the user did not give explicitly, so that the effective values
 * (and config.json) show what the run really uses; explicit settings always win.
 */
public record SettingSpec(String name, String defaultValue, String doc, Map<String, Map<String, String>> presets) {
    public SettingSpec {
        presets = presets == null ? Map.of() : Map.copyOf(presets);
    }

    /** An ordinary (non-preset) setting. */
    public SettingSpec(String name, String defaultValue, String doc) {
        this(name, defaultValue, doc, Map.of());
    }
}
