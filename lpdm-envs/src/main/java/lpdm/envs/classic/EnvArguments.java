package lpdm.envs.classic;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the keyword arguments of {@code EnvRegistry.make(id, arguments)} (classic-control and MuJoCo envs). */
public final class EnvArguments {
    private EnvArguments() {
    }

    /** Fails with an {@link IllegalArgumentException} naming the first key not in {@code known}. */
    public static void checkKnown(String envId, Map<String, Object> arguments, Set<String> known) {
        for (String key : new TreeSet<>(arguments.keySet())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(envId + ": unknown argument '" + key + "'; valid arguments: "
                        + (known.isEmpty() ? "none" : String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** The finite number stored under {@code key}, or {@code fallback} when absent. */
    public static double number(String envId, Map<String, Object> arguments, String key, double fallback) {
        Object value = arguments.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(envId + ": argument '" + key + "' must be a finite number, got " + value);
        }
        return n.doubleValue();
    }

    /** The positive whole number stored under {@code key}, or {@code fallback} when absent. */
    public static int positiveInt(String envId, Map<String, Object> arguments, String key, int fallback) {
        Object value = arguments.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.doubleValue() < 1
                || n.doubleValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(envId + ": argument '" + key + "' must be a positive whole number, got " + value);
        }
        return n.intValue();
    }

    /** The boolean stored under {@code key}, or {@code fallback} when absent. */
    public static boolean bool(String envId, Map<String, Object> arguments, String key, boolean fallback) {
        Object value = arguments.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(envId + ": argument '" + key + "' must be true or false, got " + value);
        }
        return b;
    }

    /** The string stored under {@code key}, or {@code fallback} when absent. */
    public static String string(String envId, Map<String, Object> arguments, String key, String fallback) {
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
