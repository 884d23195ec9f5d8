package lpdm.bench;

import java.util.concurrent.TimeUnit;
import lpdm.core.random.Rng;
import lpdm.rl.Gae;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** GAE(lambda) ({@link Gae#compute}) over a rollout of 2048 steps x 4 envs with random rewards, values and 1% episode ends. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GaeBenchmark {
    static final int STEPS = 2048;
    static final int ENVS = 4;
    private final float[] rewards = new float[STEPS * ENVS];
    private final float[] values = new float[STEPS * ENVS];
    private final float[] finalValues = new float[STEPS * ENVS];
    private final boolean[] terminated = new boolean[STEPS * ENVS];
    private final boolean[] truncated = new boolean[STEPS * ENVS];
    private final float[] nextValues = new float[ENVS];
    private final float[] advantages = new float[STEPS * ENVS];
    private final float[] returns = new float[STEPS * ENVS];

    @Setup
    public void setUp() {
        Rng rng = new Rng(9);
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = (float) rng.nextGaussian();
            values[i] = (float) rng.nextGaussian();
            finalValues[i] = (float) rng.nextGaussian();
            terminated[i] = rng.nextDouble() < 0.01;
            truncated[i] = rng.nextDouble() < 0.005;
        }
        for (int e = 0; e < ENVS; e++) {
            nextValues[e] = (float) rng.nextGaussian();
        }
    }

    @Benchmark
    public float gae() {
        Gae.compute(STEPS, ENVS, rewards, values, terminated, truncated, finalValues, nextValues, 0.99, 0.95, advantages, returns);
        return advantages[0] + returns[returns.length - 1];
    }
}
