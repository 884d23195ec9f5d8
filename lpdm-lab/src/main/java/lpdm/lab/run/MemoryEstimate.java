package lpdm.lab.run;

import java.util.List;
import java.util.Locale;
import lpdm.core.nn.Conv2d;
import lpdm.core.nn.ConvSpec;
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

    /**
     * Bytes of a network with convolutions: each convolution's filters (stride 1; valid padding
     * shrinks the grid by the kernel size minus one, same padding keeps it), then the MLP
     * {@code flattened feature map -> hidden... -> outputs} as {@link #mlpBytes}. Shapes are
     * multiplied in long so that a huge filter count is refused here, not overflowed. The grid must
     * already have been checked to fit the kernels ({@code NetworkSettings.checkObservation}).
     *
     * @param grid the observation's height, width and channels
     */
    public static long networkBytes(String what, int[] grid, List<ConvSpec> convolutions, int[] hidden, int outputs) {
        long height = grid[0];
        long width = grid[1];
        long channels = grid[2];
        long params = 0;
        for (ConvSpec c : convolutions) {
            params += channels * c.kernelHeight() * c.kernelWidth() * c.filters() + c.filters();
            if (c.padding() == Conv2d.Padding.VALID) {
                height -= c.kernelHeight() - 1;
                width -= c.kernelWidth() - 1;
            }
            channels = c.filters();
        }
        long features = height * width * channels;
        if (features > MAX_ARRAY) {
            throw new UsageException(what + ": the convolutions' output of " + height + " x " + width + " x " + channels + " = " + features
                    + " values per sample exceeds the largest Java array (" + MAX_ARRAY + " elements)");
        }
        return params * BYTES_PER_PARAMETER + mlpBytes(what, (int) features, hidden, outputs);
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
