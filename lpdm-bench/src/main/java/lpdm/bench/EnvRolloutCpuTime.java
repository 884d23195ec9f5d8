package lpdm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import lpdm.core.random.Rng;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;

/**
 * Not JMH: a uniformly random policy run for {@code steps} steps per env and round (Discrete
 * actions uniform; Box actions from {@code Box.sample}, uniform within bounded components), one thread, resetting (unseeded) when an episode ends, timed in thread CPU time, which on
 * a shared machine does not count the time slices other processes get (nor the garbage collector's
 * threads), and in wall time. Envs are interleaved round by round; the first round includes the
 * JIT's warm-up. Prints per env the best and median steps per second in CPU time, the wall time of
 * all rounds, and the random policy's episodes and mean return over all rounds.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp lpdm-bench/target/benchmarks.jar lpdm.bench.EnvRolloutCpuTime \
 *      MinAtar/Asterix-v1,MinAtar/Breakout-v1 [steps per round, default 1000000] [rounds, default 3]
 * </pre>
 */
public final class EnvRolloutCpuTime {
    private EnvRolloutCpuTime() {
    }

    public static void main(String[] args) {
        String[] ids = args[0].split(",");
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Env[] envs = new Env[ids.length];
        Rng[] rngs = new Rng[ids.length];
        double[][] cpuRates = new double[ids.length][rounds];
        double[] wall = new double[ids.length];
        long[] episodes = new long[ids.length];
        double[] returns = new double[ids.length];
        for (int e = 0; e < ids.length; e++) {
            envs[e] = EnvRegistry.make(ids[e]);
            envs[e].reset(0);
            rngs[e] = new Rng(5);
        }
        for (int round = 0; round < rounds; round++) {
            for (int e = 0; e < ids.length; e++) {
                Env env = envs[e];
                Discrete discrete = env.actionSpace() instanceof Discrete d ? d : null;
                long w0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                for (long t = 0; t < steps; t++) {
                    StepResult r = discrete != null ? env.step(rngs[e].nextInt(discrete.n()))
                            : env.step(((lpdm.envs.Box) env.actionSpace()).sample(rngs[e]));
                    returns[e] += r.reward();
                    if (r.done()) {
                        episodes[e]++;
                        env.reset();
                    }
                }
                cpuRates[e][round] = steps / ((threads.getCurrentThreadCpuTime() - c0) / 1e9);
                wall[e] += (System.nanoTime() - w0) / 1e9;
            }
        }
        System.out.printf(Locale.ROOT, "%-26s %12s %12s %12s %14s %9s %12s   (%d rounds of %d steps)%n", "env", "best cpu/s",
                "median cpu/s", "wall s", "steps/s wall", "episodes", "mean return", rounds, steps);
        for (int e = 0; e < ids.length; e++) {
            double[] r = cpuRates[e].clone();
            Arrays.sort(r);
            System.out.printf(Locale.ROOT, "%-26s %12.0f %12.0f %12.2f %14.0f %9d %12.2f%n", ids[e], r[rounds - 1], r[rounds / 2], wall[e],
                    rounds * steps / wall[e], episodes[e], episodes[e] > 0 ? returns[e] / episodes[e] : Double.NaN);
            envs[e].close();
        }
    }
}
