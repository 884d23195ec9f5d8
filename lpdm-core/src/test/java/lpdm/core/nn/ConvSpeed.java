package lpdm.core.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import lpdm.core.nn.Conv2d.Padding;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * Not a test: times one training step of a layer (forward, ReLU, dL/dz from ReLU's derivative,
 * parameter gradients, input gradient) for a {@link Conv2d} on MinAtar's observation shape and for
 * dense {@link Linear} layers of the same flattened sizes, and each conv phase on its own. Thread CPU
 * time, best and median of several rounds after a warm-up; nothing is asserted.
 *
 * <pre>
 * mvn -B -o -q test-compile -pl lpdm-core
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=cp.txt -pl lpdm-core
 * java --add-modules jdk.incubator.vector -cp lpdm-core/target/classes:lpdm-core/target/test-classes:$(cat lpdm-core/cp.txt) lpdm.core.nn.ConvSpeed
 * </pre>
 */
public final class ConvSpeed {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 11;
    private static final long WARMUP_NANOS = 1_500_000_000L;
    private static final long ROUND_NANOS = 100_000_000L;
    private static double sink;

    private ConvSpeed() {
    }

    private static Matrix random(int rows, int cols, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) rng.uniform(-1, 1);
        }
        return m;
    }

    /** Best and median microseconds per call of {@code body} (thread CPU time). */
    private static double[] time(Runnable body) {
        long warm = THREADS.getCurrentThreadCpuTime();
        long calls = 0;
        while (THREADS.getCurrentThreadCpuTime() - warm < WARMUP_NANOS) {
            body.run();
            calls++;
        }
        long perRound = Math.max(1, calls * ROUND_NANOS / WARMUP_NANOS);
        double[] us = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (long i = 0; i < perRound; i++) {
                body.run();
            }
            us[r] = (THREADS.getCurrentThreadCpuTime() - t0) / 1e3 / perRound;
        }
        Arrays.sort(us);
        return new double[] {us[0], us[ROUNDS / 2]};
    }

    private static void row(String label, long macs, Runnable body) {
        double[] t = time(body);
        System.out.printf(Locale.ROOT, "| %-58s | %7.1f | %9.0f | %9.0f | %6.1f |%n", label, macs / 1e6, t[0], t[1], macs / t[0] / 1e3);
    }

    /** Forward, ReLU, ReLU derivative, parameter gradients and input gradient of a conv layer. */
    private static Runnable convStep(Conv2d conv, Matrix x, Matrix z, Matrix dz, Matrix dx) {
        return () -> {
            conv.forward(x, z);
            Activation.RELU.apply(z.data, z.data, z.data.length);
            System.arraycopy(x.data, 0, dz.data, 0, Math.min(x.data.length, dz.data.length)); // some dL/dh
            Activation.RELU.multiplyDerivativeFromOutputInPlace(dz.data, z.data, z.data.length);
            conv.parameterGradients(dz, x);
            conv.inputGradient(dz, dx);
            sink += dx.data[0] + conv.weight.grad[0];
        };
    }

    private static Runnable denseStep(Linear dense, Matrix x, Matrix z, Matrix dz, Matrix dx) {
        return () -> {
            dense.forward(x, z);
            Activation.RELU.apply(z.data, z.data, z.data.length);
            System.arraycopy(x.data, 0, dz.data, 0, Math.min(x.data.length, dz.data.length));
            Activation.RELU.multiplyDerivativeFromOutputInPlace(dz.data, z.data, z.data.length);
            dense.parameterGradients(dz, x);
            dense.inputGradient(dz, dx);
            sink += dx.data[0] + dense.weight.grad[0];
        };
    }

    private static void conv(String label, int batch, Padding padding, Rng rng, boolean phases) {
        Conv2d conv = new Conv2d("c", 10, 10, 4, 16, 3, 3, padding);
        conv.initialiseOrthogonal(Math.sqrt(2), rng);
        Matrix x = random(batch, conv.inputSize, rng);
        Matrix z = new Matrix(batch, conv.outputSize);
        Matrix dz = random(batch, conv.outputSize, rng);
        Matrix dx = new Matrix(batch, conv.inputSize);
        long macs = (long) batch * conv.outputCells() * conv.patchSize * conv.outputChannels;
        row(label + ": " + conv.describe(), 3 * macs, convStep(conv, x, z, dz, dx));
        if (phases) {
            row("  forward only", macs, () -> conv.forward(x, z));
            row("  parameterGradients only (im2col again, dZ^T P, column sums)", macs, () -> conv.parameterGradients(dz, x));
            row("  inputGradient only (dZ W, col2im)", macs, () -> conv.inputGradient(dz, dx));
            row("  ReLU, copy of dL/dh, ReLU' only (as for any layer of this size)", 0, () -> {
                Activation.RELU.apply(z.data, z.data, z.data.length);
                System.arraycopy(x.data, 0, dz.data, 0, Math.min(x.data.length, dz.data.length));
                Activation.RELU.multiplyDerivativeFromOutputInPlace(dz.data, z.data, z.data.length);
                sink += dz.data[0];
            });
        }
    }

    private static void dense(String label, int batch, int in, int out, Rng rng) {
        Linear dense = new Linear("d", in, out);
        Initializers.orthogonal(dense, Math.sqrt(2), rng);
        Matrix x = random(batch, in, rng);
        Matrix z = new Matrix(batch, out);
        Matrix dz = random(batch, out, rng);
        Matrix dx = new Matrix(batch, in);
        row(label + ": dense " + in + " -> " + out, 3L * batch * in * out, denseStep(dense, x, z, dz, dx));
    }

    public static void main(String[] args) {
        Rng rng = new Rng(1);
        System.out.println("kernels: " + MatrixOps.kernels() + "; us per call, thread CPU time, best and median of " + ROUNDS
                + " rounds; one training step = forward, ReLU, ReLU', dW and db, dx");
        System.out.println();
        System.out.println("| layer (batch 128)                                          | MMAC    | best us   | median us | GMAC/s |");
        System.out.println("|------------------------------------------------------------|--------:|----------:|----------:|-------:|");
        conv("conv", 128, Padding.SAME, rng, true);
        dense("same flattened sizes as conv same", 128, 400, 1600, rng);
        conv("conv", 128, Padding.VALID, rng, true);
        dense("same flattened sizes as conv valid", 128, 400, 1024, rng);
        dense("MinAtar's next layer after conv valid", 128, 1024, 128, rng);
        System.out.println("(sink " + (sink == 42 ? "!" : "") + ")");
    }
}
