package lpdm.envs.classic;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the keyword arguments of {@code EnvRegistry.make(id, arguments)} for the classic envs. */
final class EnvArguments {
    private EnvArguments() {
    }

    /** Fails with an {@link IllegalArgumentException} naming the first key not in {@code known}. */
    static void checkKnown(String envId, Map<String, Object> arguments, Set<String> known) {
        for (String key : new TreeSet<>(arguments.keySet())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(envId + ": unknown argument '" + key + "'; valid arguments: "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** The finite number stored under {@code key}, or {@code fallback} when absent. */
    static double number(String envId, Map<String, Object> arguments, String key, double fallback) {
        Object value = arguments.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(envId + ": argument '" + key + "' must be a finite number, got " + value);
        }
        return n.doubleValue();
    }

    /** The string stored under {@code key}, or {@code fallback} when absent. */
    static String string(String envId, Map<String, Object> arguments, String key, String fallback) {
        Object value = arguments.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(envId + ": argument '" + key + "' must be a string, got " + value);
        }
        return s;
    }
}
