package lpdm.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import lpdm.core.random.Rng;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;

/**
 * Not JMH: a uniformly random policy run for {@code steps} steps per env (discrete envs only), one
 * thread, resetting (unseeded) when an episode ends, timed in wall time and in thread CPU time
 * (which on a shared machine does not count the time slices other processes get). Prints steps per
 * second of each and the random policy's episodes and mean return. The first steps include the
 * JIT's warm-up.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp lpdm-bench/target/benchmarks.jar lpdm.bench.EnvRolloutCpuTime \
 *      MinAtar/Asterix-v1,MinAtar/Breakout-v1 [steps, default 1000000]
 * </pre>
 */
public final class EnvRolloutCpuTime {
    private EnvRolloutCpuTime() {
    }

    public static void main(String[] args) {
        String[] ids = args[0].split(",");
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%-26s %10s %9s %13s %9s %13s %9s %12s%n", "env", "steps", "wall s", "steps/s wall", "cpu s",
                "steps/s cpu", "episodes", "mean return");
        for (String id : ids) {
            Env env = EnvRegistry.make(id);
            int n = ((Discrete) env.actionSpace()).n();
            Rng rng = new Rng(5);
            env.reset(0);
            long episodes = 0;
            double returns = 0;
            long w0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            for (long t = 0; t < steps; t++) {
                StepResult r = env.step(rng.nextInt(n));
                returns += r.reward();
                if (r.done()) {
                    episodes++;
                    env.reset();
                }
            }
            double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            double wall = (System.nanoTime() - w0) / 1e9;
            System.out.printf(Locale.ROOT, "%-26s %10d %9.2f %13.0f %9.2f %13.0f %9d %12.2f%n", id, steps, wall, steps / wall, cpu,
                    steps / cpu, episodes, episodes > 0 ? returns / episodes : Double.NaN);
            env.close();
        }
    }
}
