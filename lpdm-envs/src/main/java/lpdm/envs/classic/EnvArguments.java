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

    /**
     * The range (low, high) stored under {@code key}, as Gymnasium's {@code tuple[float, float]}
     * arguments: a list of two numbers or a {@code double[]} of two, neither NaN (infinite ends
     * allowed) and low &lt;= high; {@code fallback} when absent. Returns a new array {low, high}.
     */
    public static double[] range(String envId, Map<String, Object> arguments, String key, double[] fallback) {
        Object value = arguments.get(key);
        if (value == null) {
            return fallback.clone();
        }
        double[] r = null;
        if (value instanceof double[] a && a.length == 2) {
            r = a.clone();
        } else if (value instanceof java.util.List<?> list && list.size() == 2 && list.get(0) instanceof Number lo
                && list.get(1) instanceof Number hi) {
            r = new double[] {lo.doubleValue(), hi.doubleValue()};
        }
        if (r == null || Double.isNaN(r[0]) || Double.isNaN(r[1])) {
            throw new IllegalArgumentException(envId + ": argument '" + key + "' must be a range (low, high) of two numbers, got "
                    + (value instanceof double[] a ? java.util.Arrays.toString(a) : value));
        }
        if (r[0] > r[1]) {
            throw new IllegalArgumentException(envId + ": argument '" + key + "' must have low <= high, got (" + r[0] + ", " + r[1] + ")");
        }
        return r;
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
