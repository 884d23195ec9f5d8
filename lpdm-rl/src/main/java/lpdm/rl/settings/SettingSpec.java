package lpdm.rl.settings;

/**
 * One documented hyper-parameter: its name as used by {@code --set} and config files, its default
 * (as text; empty means "unset") and a one-line description.
 */
public record SettingSpec(String name, String defaultValue, String doc) {
}
