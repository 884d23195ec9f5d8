package lpdm.envs.mujoco;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.envs.classic.EnvArguments;

/**
 * The Gymnasium v5 arguments of one task as given to {@code EnvRegistry.make(id, arguments)}:
 * every name is checked against the task's declared arguments (the registry entry's
 * {@code defaultArguments}, Gymnasium's names and defaults), and each value is read with its type,
 * falling back to the default. Ranges ({@code tuple[float, float]} in Gymnasium) are lists of two
 * numbers.
 */
final class TaskArguments {
    private final String id;
    private final Map<String, Object> defaults;
    private final Map<String, Object> given;

    private TaskArguments(String id, Map<String, Object> defaults, Map<String, Object> given) {
        this.id = id;
        this.defaults = defaults;
        this.given = given;
    }

    /** A task's defaults from alternating names and values, in that order (unmodifiable). */
    static Map<String, Object> defaults(Object... namesAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }

    /** A range default (low, high), as the registry stores it. */
    static List<Double> range(double low, double high) {
        return List.of(low, high);
    }

    /** The arguments {@code given} to task {@code id}; an argument the task does not take is refused, naming the valid ones. */
    static TaskArguments read(String id, Map<String, Object> defaults, Map<String, Object> given) {
        EnvArguments.checkKnown(id, given, defaults.keySet());
        return new TaskArguments(id, defaults, given);
    }

    /** Whether the task takes argument {@code name}. */
    boolean declares(String name) {
        return defaults.containsKey(name);
    }

    /** {@code frame_skip}: a positive whole number. */
    int frameSkip() {
        return EnvArguments.positiveInt(id, given, "frame_skip", ((Number) defaults.get("frame_skip")).intValue());
    }

    /** A finite number. */
    double number(String name) {
        return EnvArguments.number(id, given, name, ((Number) declared(name)).doubleValue());
    }

    boolean bool(String name) {
        return EnvArguments.bool(id, given, name, (Boolean) declared(name));
    }

    /** A range {low, high} with low &lt;= high (ends may be infinite). */
    double[] range(String name) {
        List<?> d = (List<?>) declared(name);
        return EnvArguments.range(id, given, name, new double[] {((Number) d.get(0)).doubleValue(), ((Number) d.get(1)).doubleValue()});
    }

    private Object declared(String name) {
        Object d = defaults.get(name);
        if (d == null) {
            throw new IllegalStateException(id + " declares no argument " + name);
        }
        return d;
    }
}
