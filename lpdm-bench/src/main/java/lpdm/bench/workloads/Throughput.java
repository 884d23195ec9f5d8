package lpdm.bench.workloads;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import lpdm.core.learn.LearningRule;
import lpdm.envs.EnvRegistry;
import lpdm.lab.run.EpisodeLog;
import lpdm.rl.Algorithm;
import lpdm.rl.Algorithms;
import lpdm.rl.HyperParameters;
import lpdm.rl.LearningRules;
import lpdm.rl.RunSpec;
import lpdm.rl.TrainingListener;
import lpdm.rl.settings.Settings;

/**
 * End-to-end training throughput: one full training run with the algorithm's default settings for
 * the env (plus any overrides), in this thread, without a run directory. Wall time covers building
 * the run (envs, networks) and training; it excludes JVM start-up, which is reported separately.
 * CPU time is the training thread's own, which on a shared machine is the better measure of cost
 * (wall time also counts the time slices other processes get).
 */
public final class Throughput {

    /**
     * @param stepsPerSecond total steps / wall seconds
     * @param processCpuSeconds CPU seconds of the whole JVM during the run (training thread plus JIT compiler and GC threads), NaN if unknown
     * @param stepsPerCpuSecond total steps / CPU seconds of the training thread
     * @param finalMeanReturn mean return of the last 100 finished episodes (of all if fewer; NaN if none)
     * @param jvmUptimeSeconds JVM uptime when the run started (start-up and class loading before it)
     * @param loadAverage the system load average (1 minute) at the end of the run, -1 if unknown
     * @param threads the threads the run trained with ({@link Algorithm#trainingThreads()}, the setting run.threads)
     */
    public record Result(String env, String algo, String learner, long seed, long totalSteps, long episodes,
                         double wallSeconds, double cpuSeconds, double processCpuSeconds, double stepsPerSecond, double stepsPerCpuSecond,
                         double finalMeanReturn, double jvmUptimeSeconds, double loadAverage, int processors,
                         String javaVersion, int threads) {
    }

    private Throughput() {
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    public static Result run(String env, String algo, String learner, long steps, long seed, Map<String, String> overrides) {
        EnvRegistry.spec(env); // fails with the list of envs if unknown
        Map<String, String> o = new LinkedHashMap<>(overrides);
        double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long process0 = processCpuNanos();
        long t0 = System.nanoTime();
        Settings settings = Settings.resolve(Algorithms.settingsFor(algo), HyperParameters.apply(algo, env, learner, o)); // defaults unless hparams=tuned
        LearningRule rule = LearningRules.create(learner, settings);
        Algorithm algorithm = Algorithms.get(algo).factory().apply(new RunSpec(env, steps, seed, rule, settings));
        int trainingThreads = algorithm.trainingThreads();
        EpisodeLog episodes = new EpisodeLog();
        algorithm.train(new TrainingListener() {
            @Override
            public void onEpisode(long globalStep, double episodeReturn, int episodeLength) {
                episodes.add(new EpisodeLog.Episode(globalStep, episodeReturn, episodeLength));
            }
        });
        long t1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        long process1 = processCpuNanos();
        double processCpu = process0 >= 0 && process1 >= 0 ? (process1 - process0) / 1e9 : Double.NaN;
        double wall = (t1 - t0) / 1e9;
        double cpu = cpu0 >= 0 && cpu1 >= 0 ? (cpu1 - cpu0) / 1e9 : Double.NaN;
        long total = algorithm.globalStep();
        double mean = episodes.size() == 0 ? Double.NaN : episodes.meanReturnLast100();
        return new Result(env, algo, learner, seed, total, episodes.size(), wall, cpu, processCpu, total / wall, total / cpu, mean, uptime,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), trainingThreads);
    }
}
