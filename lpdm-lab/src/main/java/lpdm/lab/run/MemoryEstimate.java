package lpdm.lab.run;

import java.util.Locale;
import lpdm.rl.settings.UsageException;

/**
 * A lower-bound estimate of the memory a network or a rollout needs, checked against the heap
 * before anything is allocated, so that a setting such as {@code net.hidden=60000,60000} is refused
 * with one line naming the figure instead of an overflowing array size or an OutOfMemoryError.
 * The estimate counts the float32 arrays that certainly exist (per parameter: value, gradient and
 * Adam's two moments; per sample: inputs and one activation per hidden unit), not the JVM's own
 * overhead, so what it refuses cannot fit; what it accepts may still be tight.
 */
public final class MemoryEstimate {
    /** Largest number of elements of a Java array (a layer's weight matrix is one array). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    /** Per parameter: value, gradient, Adam's first and second moment (float32 each). */
    static final long BYTES_PER_PARAMETER = 4L * 4;

    private MemoryEstimate() {
    }

    /**
     * Bytes of one MLP {@code inputs -> hidden... -> outputs}; refuses a layer whose weight matrix
     * exceeds the largest Java array.
     *
     * @param what how the user asked for it, for the message (e.g. "net.hidden=60000,60000")
     */
    public static long mlpBytes(String what, int inputs, int[] hidden, int outputs) {
        long params = 0;
        long prev = inputs;
        long[] widths = new long[hidden.length + 1];
        for (int i = 0; i < hidden.length; i++) {
            widths[i] = hidden[i];
        }
        widths[hidden.length] = outputs;
        for (long w : widths) {
            long weights = prev * w; // at most (2^31)^2 = 2^62: no overflow
            if (weights > MAX_ARRAY) {
                throw new UsageException(what + ": a layer of " + prev + " x " + w + " = " + weights
                        + " weights exceeds the largest Java array (" + MAX_ARRAY + " elements)");
            }
            params += weights + w;
            prev = w;
        }
        return params * BYTES_PER_PARAMETER;
    }

    /** Refuses {@code bytes} if they exceed the heap this JVM may use, naming both figures. */
    public static void requireFits(String what, long bytes) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new UsageException(what + " needs at least " + human(bytes) + " of memory, more than this JVM's heap of "
                    + human(heap) + " (raise it with LPDM_JAVA_OPTS=-Xmx..., or choose a smaller size)");
        }
    }

    /** 1536 -> "1.5 KB", in powers of 1024. */
    public static String human(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
