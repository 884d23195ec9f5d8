package lpdm.bench;

import java.util.concurrent.TimeUnit;
import lpdm.core.random.Rng;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steps of every registered env (as {@code EnvRegistry.make} builds it, with its time limit), one
 * thread, uniformly random actions drawn in advance, resetting when an episode ends (the reset is
 * part of the measured step that ended the episode). {@code EnvStepBenchmarkTest} checks that the
 * env list below is the registry's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EnvStepBenchmark {
    @Param({"CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1",
            "LunarLander-v3", "LunarLanderContinuous-v3", "BipedalWalker-v3", "BipedalWalkerHardcore-v3",
            "MinAtar/Asterix-v0", "MinAtar/Asterix-v1", "MinAtar/Breakout-v0", "MinAtar/Breakout-v1", "MinAtar/Freeway-v0",
            "MinAtar/Freeway-v1", "MinAtar/Seaquest-v0", "MinAtar/Seaquest-v1", "MinAtar/SpaceInvaders-v0", "MinAtar/SpaceInvaders-v1",
            "InvertedPendulum-v5", "InvertedDoublePendulum-v5", "HalfCheetah-v5", "Hopper-v5", "Walker2d-v5", "Reacher-v5", "Ant-v5",
            "Humanoid-v5"})
    public String env;

    private static final int ACTIONS = 4096;
    private Env instance;
    private boolean discrete;
    private int[] discreteActions;
    private float[][] boxActions;
    private int next;

    @Setup
    public void setUp() {
        instance = EnvRegistry.make(env);
        Rng rng = new Rng(5);
        next = 0;
        discrete = instance.actionSpace() instanceof Discrete;
        if (instance.actionSpace() instanceof Discrete d) {
            discreteActions = new int[ACTIONS];
            for (int i = 0; i < ACTIONS; i++) {
                discreteActions[i] = rng.nextInt(d.n());
            }
        } else {
            discrete = false;
            Box b = (Box) instance.actionSpace();
            boxActions = new float[ACTIONS][b.size()];
            for (float[] a : boxActions) {
                for (int k = 0; k < a.length; k++) {
                    double lo = b.low()[k];
                    double hi = b.high()[k];
                    a[k] = (float) (lo + (hi - lo) * rng.nextDouble());
                }
            }
        }
        instance.reset(0);
    }

    @TearDown
    public void tearDown() {
        instance.close();
    }

    @Benchmark
    public float step() {
        int i = next;
        next = (i + 1) & (ACTIONS - 1);
        StepResult r = discrete ? instance.step(discreteActions[i]) : instance.step(boxActions[i]);
        if (r.done()) {
            instance.reset();
        }
        return r.observation()[0];
    }
}
