package lpdm.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.NetworkLearner;
import lpdm.core.learn.NetworkRole;
import lpdm.core.learn.Signals;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Initializers;
import lpdm.core.nn.Network;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.rl.LearningRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The memory cross-check for {@code lpdm bench memory}, to run with {@code -prof gc}: learners
 * allocate their activation and workspace buffers on their first update and reuse them afterwards,
 * so the bytes a fresh learner's first update allocates are the buffers it keeps. {@code bind}
 * measures binding a learner to a prebuilt network (diagnostics copies, LPDM's per-layer Adam state);
 * {@code bindAndFirstUpdate} adds the first forwardTrain + backward. The difference of their
 * {@code gc.alloc.rate.norm} is the first update's allocation, to compare with the meter's peaks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FirstUpdateAllocationBenchmark {
    @Param({"bp", "lpdm"})
    public String learner;

    @Param({"2", "4", "8", "16"})
    public int depth;

    @Param({"256"})
    public int width;

    @Param({"256"})
    public int batch;

    private LearningRule rule;
    private Network net;
    private Matrix x;
    private Matrix dOut;

    @Setup
    public void setUp() {
        rule = LearningRules.forBenchmark(learner);
        int[] hidden = new int[depth];
        Arrays.fill(hidden, width);
        net = Network.mlp("alloc", 8, hidden, 4, Activation.TANH);
        Initializers.initialise(net, "orthogonal", Math.sqrt(2), 1.0, new Rng(1));
        Rng data = new Rng(2);
        x = new Matrix(batch, 8);
        for (int k = 0; k < x.data.length; k++) {
            x.data[k] = (float) data.nextGaussian();
        }
        dOut = new Matrix(batch, 4);
    }

    @Benchmark
    public NetworkLearner bind() {
        return rule.bind(net, NetworkRole.ACTOR, new Rng(3));
    }

    @Benchmark
    public NetworkLearner bindAndFirstUpdate() {
        NetworkLearner l = rule.bind(net, NetworkRole.ACTOR, new Rng(3));
        l.forwardTrain(x, Signals.synthetic(x.rows, new Rng(4)));
        l.backward(dOut);
        return l;
    }
}
