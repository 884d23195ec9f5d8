package lpdm.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import lpdm.rl.LearningRules;
import lpdm.bench.workloads.UpdateStep;

/**
 * Not JMH: the update steps of {@link UpdateStepBenchmark} timed in thread CPU time, which on a
 * shared machine does not count the time slices other processes get (JMH measures wall time).
 * For each shape and learner: a warm-up, then the best and the median of {@code rounds} rounds of
 * the mean CPU time per update. Learners are interleaved round by round, so that a change of the
 * machine's load affects all of them alike and their ratios stay meaningful.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp lpdm-bench/target/benchmarks.jar lpdm.bench.UpdateStepCpuTime \
 *      [A,B] [bp,lpdm,lpdm-matrix,lpdm-sampled16,frozen] [rounds] [tanh_fast|tanh|relu|identity]
 * </pre>
 * Without {@code --add-modules jdk.incubator.vector} (or with {@code -Dlpdm.vector=false}) the
 * product kernels run as plain loops (same results, slower).
 */
public final class UpdateStepCpuTime {
    private UpdateStepCpuTime() {
    }

    public static void main(String[] args) {
        String[] shapes = args.length > 0 ? args[0].split(",") : new String[] {"A", "B"};
        String[] learners = args.length > 1 ? args[1].split(",") : LearningRules.BENCHMARK_NAMES.toArray(new String[0]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        lpdm.core.nn.Activation activation = args.length > 3 ? lpdm.core.nn.Activation.parse(args[3]) : UpdateStep.DEFAULT_ACTIVATION;
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        System.out.printf(Locale.ROOT, "%-6s %-16s %12s %12s   (thread CPU time per update, %d rounds, %s, %s kernels)%n", "shape", "learner",
                "best us", "median us", rounds, activation.settingName(), lpdm.core.tensor.MatrixOps.kernels());
        for (String shapeName : shapes) {
            UpdateStep.Shape shape = UpdateStep.Shape.parse(shapeName);
            UpdateStep[] steps = new UpdateStep[learners.length];
            for (int l = 0; l < learners.length; l++) {
                steps[l] = new UpdateStep(shape, activation, LearningRules.forBenchmark(learners[l]), 42);
            }
            int perRound = shape == UpdateStep.Shape.A ? 400 : 20;
            for (UpdateStep s : steps) {
                for (int i = 0; i < 10 * perRound; i++) {
                    sink += s.run();
                }
            }
            double[][] means = new double[learners.length][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int l = 0; l < learners.length; l++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < perRound; i++) {
                        sink += steps[l].run();
                    }
                    means[l][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / perRound;
                }
            }
            for (int l = 0; l < learners.length; l++) {
                double[] m = means[l].clone();
                java.util.Arrays.sort(m);
                System.out.printf(Locale.ROOT, "%-6s %-16s %12.1f %12.1f%n", shape, learners[l], m[0], m[rounds / 2]);
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }
}
