package lpdm.rl.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective hyper-parameters of a run: every documented name with its default, overridden by
 * config files and {@code --set}. Unknown names are a {@link UsageException} that lists the valid
 * ones; malformed values are a {@link UsageException} naming the setting and the value.
 */
public final class Settings {
    /** The value of a setting whose default depends on the run (e.g. on the env's action space). */
    public static final String AUTO = "auto";

    private final Map<String, SettingSpec> specs;
    private final Map<String, String> values;
    private final java.util.Set<String> resolvedAuto = new java.util.TreeSet<>();

    private Settings(Map<String, SettingSpec> specs, Map<String, String> values) {
        this.specs = specs;
        this.values = values;
    }

    /** Defaults of {@code specs} overridden by {@code overrides} (names checked). */
    public static Settings resolve(List<SettingSpec> specs, Map<String, String> overrides) {
        Map<String, SettingSpec> byName = new LinkedHashMap<>();
        for (SettingSpec s : specs) {
            if (byName.putIfAbsent(s.name(), s) != null) {
                throw new IllegalStateException("setting declared twice: " + s.name());
            }
        }
        Map<String, String> values = new TreeMap<>();
        for (SettingSpec s : specs) {
            values.put(s.name(), s.defaultValue());
        }
        // Presets first: the settings a chosen preset stands for, except those given explicitly.
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            SettingSpec spec = byName.get(e.getKey());
            if (spec != null && !spec.presets().isEmpty()) {
                Map<String, String> preset = spec.presets().get(e.getValue().trim().toLowerCase(java.util.Locale.ROOT));
                if (preset == null) {
                    List<String> valid = new ArrayList<>(spec.presets().keySet());
                    Collections.sort(valid);
                    throw new UsageException(e.getKey() + ": expected one of " + String.join(", ", valid) + ", got '" + e.getValue() + "'");
                }
                for (Map.Entry<String, String> p : preset.entrySet()) {
                    if (!overrides.containsKey(p.getKey())) {
                        values.put(p.getKey(), p.getValue());
                    }
                }
            }
        }
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!byName.containsKey(e.getKey())) {
                List<String> names = new ArrayList<>(byName.keySet());
                Collections.sort(names);
                throw new UsageException("unknown setting '" + e.getKey() + "'; valid settings: " + String.join(", ", names));
            }
            values.put(e.getKey(), e.getValue().trim());
        }
        return new Settings(byName, values);
    }

    /** Every effective value by name (sorted), for config.json. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    public List<SettingSpec> specs() {
        return List.copyOf(specs.values());
    }

    /** The values that differ from their defaults (a resolved {@link #AUTO} is not an override). */
    public Map<String, String> overrides() {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!resolvedAuto.contains(e.getKey()) && !e.getValue().equals(specs.get(e.getKey()).defaultValue())) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    public String string(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalStateException("setting '" + name + "' is not declared");
        }
        return v;
    }

    public boolean isSet(String name) {
        return !string(name).isEmpty();
    }

    public double getDouble(String name) {
        String v = string(name);
        try {
            double d = Double.parseDouble(v);
            if (Double.isNaN(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("setting " + name + ": expected a number, got '" + v + "'");
        }
    }

    /** A number that must lie in [lo, hi]. */
    public double getDouble(String name, double lo, double hi) {
        double d = getDouble(name);
        if (d < lo || d > hi) {
            throw new UsageException("setting " + name + ": expected a value in [" + lo + ", " + hi + "], got " + d);
        }
        return d;
    }

    public int getInt(String name) {
        String v = string(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("setting " + name + ": expected an integer, got '" + v + "'");
        }
    }

    /** An integer that must be at least {@code min}. */
    public int getInt(String name, int min) {
        int i = getInt(name);
        if (i < min) {
            throw new UsageException("setting " + name + ": expected an integer >= " + min + ", got " + i);
        }
        return i;
    }

    public boolean getBoolean(String name) {
        String v = string(name).toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new UsageException("setting " + name + ": expected true or false, got '" + string(name) + "'");
        };
    }

    /** A comma-separated list of positive integers (e.g. hidden widths "64,64"; empty = none). */
    public int[] getIntList(String name) {
        String v = string(name);
        if (v.isEmpty()) {
            return new int[0];
        }
        String[] parts = v.split(",");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("setting " + name + ": expected comma-separated integers, got '" + v + "'");
            }
            if (out[i] <= 0) {
                throw new UsageException("setting " + name + ": sizes must be positive, got '" + v + "'");
            }
        }
        return out;
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

    /** True if {@code name} holds {@link #AUTO}: its component decides the value (see {@link #resolveAuto}). */
    public boolean isAuto(String name) {
        return AUTO.equals(string(name));
    }

    /**
     * Replaces the value {@link #AUTO} of {@code name} by {@code value}, the value the reading
     * component derived from the run (e.g. a default that depends on the env's action space), so
     * that {@link #values()} (and the run's config.json written from it) shows the value used,
     * not the word "auto". A value the user set explicitly is left as it is. Returns the
     * effective value. Resolving is idempotent: a second component resolving the same name gets
     * the first resolution.
     */
    public synchronized String resolveAuto(String name, String value) {
        if (isAuto(name)) {
            if (value == null || value.isEmpty() || AUTO.equals(value)) {
                throw new IllegalArgumentException("setting " + name + ": 'auto' must resolve to an explicit value, got '" + value + "'");
            }
            values.put(name, value);
            resolvedAuto.add(name);
        }
        return string(name);
    }

    /** The names whose value {@link #AUTO} was replaced by {@link #resolveAuto}. */
    public java.util.Set<String> resolvedAutoNames() {
        return java.util.Collections.unmodifiableSet(resolvedAuto);
    }
}
