package lpdm.bench;

import java.util.concurrent.TimeUnit;
import lpdm.rl.LearningRules;
import lpdm.bench.workloads.UpdateStep;
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
 * One update step ({@link UpdateStep}: zero grads, forwardTrain, MSE gradient, backward, Adam step over
 * the RL-trained parameters) of shape a (4-64-64-2 tanh, minibatch 128) and b
 * (8-256x4-4 tanh, minibatch 256) under BP, LPDM with all pairs, LPDM with 16 sampled partners per
 * sample, and frozen. The counterpart of the Python peer's torch_mlp_step.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class UpdateStepBenchmark {
    @Param({"A", "B"})
    public String shape;

    @Param({"bp", "lpdm", "lpdm-matrix", "lpdm-sampled16", "frozen"})
    public String learner;

    /** Hidden activation (the training default; {@code -p activation=tanh} for the exact tanh). */
    @Param({"tanh_fast"})
    public String activation;

    private UpdateStep step;

    @Setup
    public void setUp() {
        step = new UpdateStep(UpdateStep.Shape.parse(shape), lpdm.core.nn.Activation.parse(activation), LearningRules.forBenchmark(learner), 42);
    }

    @Benchmark
    public double update() {
        return step.run();
    }
}
