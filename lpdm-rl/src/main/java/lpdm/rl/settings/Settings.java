package lpdm.rl.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lpdm.core.settings.InvalidSettingException;
import lpdm.core.settings.Setting;

/**
 * The effective settings of a run: every declared {@link Setting} with its default, overridden by
 * config files and {@code --set}, each value checked by its declaration when the settings are
 * made. Unknown names and values a declaration refuses are a {@link UsageException} naming the
 * setting and the reason. Immutable: resolving {@link #AUTO} values ({@link #withAuto}) gives new
 * settings.
 */
public final class Settings {
    /** The value of a setting whose default depends on the run (e.g. on the env's action space). */
    public static final String AUTO = Setting.AUTO;

    private final Map<String, Setting<?>> declared;
    private final Map<String, String> values;
    private final Set<String> resolvedAuto;

    private Settings(Map<String, Setting<?>> declared, Map<String, String> values, Set<String> resolvedAuto) {
        this.declared = declared;
        this.values = Collections.unmodifiableMap(values);
        this.resolvedAuto = Collections.unmodifiableSet(resolvedAuto);
    }

    /**
     * Defaults of {@code declared} overridden by {@code overrides}: names checked, the settings a
     * chosen preset stands for filled in (explicit settings win), then every value checked.
     */
    public static Settings resolve(List<Setting<?>> declared, Map<String, String> overrides) {
        Map<String, Setting<?>> byName = new LinkedHashMap<>();
        for (Setting<?> s : declared) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new IllegalStateException("setting declared twice: " + s.name());
            }
        }
        for (String name : overrides.keySet()) {
            if (!byName.containsKey(name)) {
                List<String> names = new ArrayList<>(byName.keySet());
                Collections.sort(names);
                throw new UsageException("unknown setting '" + name + "'; valid settings: " + String.join(", ", names));
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (Setting<?> s : declared) {
            values.put(s.name(), s.defaultValue());
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            Setting<?> s = byName.get(e.getKey());
            if (!s.presets().isEmpty()) {
                Map<String, String> preset = s.presets().get(check(s, e.getValue()).toString());
                preset.forEach((name, value) -> {
                    if (!overrides.containsKey(name)) {
                        values.put(name, value);
                    }
                });
            }
        }
        overrides.forEach((name, value) -> values.put(name, value.trim()));
        Settings settings = new Settings(byName, values, Set.of());
        settings.checkAll();
        return settings;
    }

    /** Parses every value that is not {@link #AUTO}: a malformed one fails here, before anything is built. */
    private void checkAll() {
        for (Setting<?> s : declared.values()) {
            String v = values.get(s.name());
            if (!(AUTO.equals(v) && AUTO.equals(s.defaultValue()))) {
                check(s, v);
            }
        }
    }

    private static <T> T check(Setting<T> s, String text) {
        try {
            return s.parse(text);
        } catch (InvalidSettingException e) {
            throw new UsageException("setting " + e.getMessage());
        }
    }

    /**
     * These settings with each name of {@code resolved} that still holds {@link #AUTO} set to its
     * value there (a value the user gave is kept). A pure function: these settings are unchanged.
     */
    public Settings withAuto(Map<String, String> resolved) {
        Map<String, String> out = new TreeMap<>(values);
        Set<String> names = new TreeSet<>(resolvedAuto);
        resolved.forEach((name, value) -> {
            if (AUTO.equals(string(name))) {
                if (value == null || value.isEmpty() || AUTO.equals(value)) {
                    throw new IllegalArgumentException("setting " + name + ": 'auto' must resolve to an explicit value, got '" + value + "'");
                }
                out.put(name, value);
                names.add(name);
            }
        });
        Settings s = new Settings(declared, out, names);
        s.checkAll();
        return s;
    }

    /** The value of {@code setting} (declared here; not {@link #AUTO}). */
    public <T> T get(Setting<T> setting) {
        if (declared.get(setting.name()) != setting) {
            throw new IllegalStateException("setting '" + setting.name() + "' is not declared for this run");
        }
        String v = values.get(setting.name());
        if (AUTO.equals(v) && AUTO.equals(setting.defaultValue())) {
            throw new IllegalStateException("setting '" + setting.name() + "' is still 'auto': resolve it first (withAuto)");
        }
        return check(setting, v);
    }

    /** Every effective value by name (sorted), for config.json. */
    public Map<String, String> values() {
        return values;
    }

    /** The declarations, in declaration order. */
    public List<Setting<?>> declared() {
        return List.copyOf(declared.values());
    }

    /** The declaration named {@code name}, or null. */
    public Setting<?> declaration(String name) {
        return declared.get(name);
    }

    /** The values that differ from their defaults (a resolved {@link #AUTO} is not an override). */
    public Map<String, String> overrides() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!resolvedAuto.contains(e.getKey()) && !e.getValue().equals(declared.get(e.getKey()).defaultValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The text of a declared setting. */
    public String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("setting '" + name + "' is not declared");
        }
        return v;
    }

    /** The values of every setting whose name starts with {@code prefix}, for components that parse their own. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The names whose value {@link #AUTO} was replaced by {@link #withAuto}. */
    public Set<String> resolvedAutoNames() {
        return resolvedAuto;
    }
}
