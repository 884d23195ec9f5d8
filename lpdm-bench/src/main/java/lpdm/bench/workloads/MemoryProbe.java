package lpdm.bench.workloads;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import lpdm.core.learn.ActivationMeter;
import lpdm.core.learn.MeteredRule;
import lpdm.core.learn.NetworkLearner;
import lpdm.core.learn.NetworkRole;
import lpdm.core.learn.Signals;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Initializers;
import lpdm.core.nn.Network;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.rl.LearningRules;

/**
 * Activation memory of one update (forwardTrain + backward) of a tanh MLP with {@code depth}
 * hidden layers of {@code width}, from the learner's own accounting ({@link ActivationMeter}, shown by
 * the decorator {@link MeteredRule}), and
 * the bytes the first update of a fresh learner allocates (its buffers), measured with the JVM's
 * per-thread allocation counter as a cross-check.
 *
 * <p>Three nested peaks (docs/performance.md): activations alone (layer inputs and outputs, head
 * output); plus gradient buffers (dL/dH, dL/dZ, LPDM's double accumulator); plus LPDM's pair
 * workspace (pair indices, distances, targets: O(N^2) for all pairs). The allocation cross-check
 * runs one throw-away update of the same shape first, so that the JIT and {@code MatrixOps}'s
 * per-thread scratch are warm, then binds a fresh learner and counts what its first update allocates.
 * It runs with the plain kernels (the same results): Vector API code allocates temporaries until C2
 * compiles it, which one warm-up update does not achieve; JMH's {@code FirstUpdateAllocation}
 * ({@code -prof gc}, after its warm-up) measures the vector path.
 */
public final class MemoryProbe {

    /**
     * @param peakActivationBytes peak of forward activations alone
     * @param peakWithGradientsBytes peak of activations plus gradient buffers
     * @param peakTotalBytes peak of everything the learner accounts (plus pair workspace) = {@link ActivationMeter#peak()}
     * @param firstUpdateAllocatedBytes bytes the first update of a fresh learner allocated (its buffers), -1 if the JVM cannot tell
     * @param laterUpdateAllocatedBytes bytes the second update allocated (0 expected), -1 if the JVM cannot tell
     */
    public record Result(String learner, int depth, int width, int batch, int inputs, int outputs,
                         long peakActivationBytes, long peakWithGradientsBytes, long peakTotalBytes,
                         long firstUpdateAllocatedBytes, long laterUpdateAllocatedBytes) {
    }

    private MemoryProbe() {
    }

    public static Result measure(String learnerName, int depth, int width, int batch, int inputs, int outputs) {
        MeteredRule rule = new MeteredRule(LearningRules.forBenchmark(learnerName));
        int[] hidden = new int[depth];
        Arrays.fill(hidden, width);
        Matrix x = new Matrix(batch, inputs);
        Rng data = new Rng(7);
        for (int k = 0; k < x.data.length; k++) {
            x.data[k] = (float) data.nextGaussian();
        }
        Matrix dOut = new Matrix(batch, outputs);
        for (int k = 0; k < dOut.data.length; k++) {
            dOut.data[k] = (float) (0.01 * data.nextGaussian());
        }
        Signals signals = Signals.synthetic(x.rows, new Rng(5)); // guided rules read them
        boolean vector = lpdm.core.tensor.MatrixOps.useVectorApi(false);
        try {
            return measure(learnerName, rule, depth, width, batch, inputs, hidden, outputs, x, signals, dOut);
        } finally {
            lpdm.core.tensor.MatrixOps.useVectorApi(vector);
        }
    }

    private static Result measure(String learnerName, MeteredRule rule, int depth, int width, int batch, int inputs,
            int[] hidden, int outputs, Matrix x, Signals signals, Matrix dOut) {
        // Warm-up learner: JIT and per-thread kernel scratch.
        update(bind(rule, inputs, hidden, outputs), x, signals, dOut);

        MeteredRule.Learner learner = bind(rule, inputs, hidden, outputs);
        // What reading the counter itself allocates, subtracted from each reading below.
        long c0 = allocated();
        long overhead = allocated() - c0;
        long a0 = allocated();
        update(learner, x, signals, dOut);
        long a1 = allocated() - overhead;
        ActivationMeter m = learner.meter();
        long act = m.peakActivations();
        long withGrad = m.peakWithoutPairWorkspace();
        long total = m.peak();
        update(learner, x, signals, dOut);
        long a2 = allocated() - 2 * overhead;
        boolean known = a0 >= 0;
        return new Result(learnerName, depth, width, batch, inputs, outputs, act, withGrad, total,
                known ? a1 - a0 : -1, known ? a2 - a1 : -1);
    }

    private static MeteredRule.Learner bind(MeteredRule rule, int inputs, int[] hidden, int outputs) {
        Network net = Network.mlp("probe", inputs, hidden, outputs, Activation.TANH);
        Initializers.initialise(net, "orthogonal", Math.sqrt(2), 1.0, new Rng(3));
        return rule.bind(net, NetworkRole.ACTOR, new Rng(4));
    }

    private static void update(NetworkLearner learner, Matrix x, Signals signals, Matrix dOut) {
        learner.forwardTrain(x, signals);
        learner.backward(dOut);
    }

    /** Bytes allocated by the current thread so far, or -1 if the JVM does not count them. */
    static long allocated() {
        if (THREADS != null) {
            return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private static com.sun.management.ThreadMXBean threads() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()) {
            return t;
        }
        return null;
    }
}
