package lpdm.core.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named arrays that make up a checkpoint (weights, optimiser moments, generator states,
 * normaliser statistics, counters). Values are float[], double[] or long[]; insertion order is
 * kept so that serialised bytes are deterministic. The file format lives in lpdm-lab.
 */
public final class StateDict {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    public void putFloats(String name, float[] values) {
        put(name, values.clone());
    }

    public void putDoubles(String name, double[] values) {
        put(name, values.clone());
    }

    public void putLongs(String name, long[] values) {
        put(name, values.clone());
    }

    public void putLong(String name, long value) {
        put(name, new long[] {value});
    }

    public void putDouble(String name, double value) {
        put(name, new double[] {value});
    }

    private void put(String name, Object value) {
        if (entries.putIfAbsent(name, value) != null) {
            throw new IllegalArgumentException("state entry written twice: " + name);
        }
    }

    /** Adds an entry of any of the three array types (used by readers). */
    public void putRaw(String name, Object value) {
        if (!(value instanceof float[] || value instanceof double[] || value instanceof long[])) {
            throw new IllegalArgumentException("unsupported state value type for " + name);
        }
        put(name, value);
    }

    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    public float[] floats(String name) {
        return get(name, float[].class);
    }

    public double[] doubles(String name) {
        return get(name, double[].class);
    }

    public long[] longs(String name) {
        return get(name, long[].class);
    }

    public long getLong(String name) {
        return longs(name)[0];
    }

    public double getDouble(String name) {
        return doubles(name)[0];
    }

    /** Copies the float entry {@code name} into {@code target}, checking the length. */
    public void copyFloatsInto(String name, float[] target) {
        float[] v = floats(name);
        if (v.length != target.length) {
            throw new IllegalStateException("checkpoint entry " + name + " has " + v.length + " values, expected " + target.length);
        }
        System.arraycopy(v, 0, target, 0, v.length);
    }

    private <T> T get(String name, Class<T> type) {
        Object v = entries.get(name);
        if (v == null) {
            throw new IllegalStateException("checkpoint has no entry '" + name + "'");
        }
        if (!type.isInstance(v)) {
            throw new IllegalStateException("checkpoint entry '" + name + "' is not a " + type.getSimpleName());
        }
        return type.cast(v);
    }

    public Map<String, Object> entries() {
        return Collections.unmodifiableMap(entries);
    }
}
