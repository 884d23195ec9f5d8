package lpdm.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What Spark adds to each run (docs/lab.md, "Throughput"): the time a task slot spends between
 * the end of one run and the start of the next, from the clock times every task records around its
 * run, with Spark's own task metrics for its parts.
 *
 * <p>A slot that runs tasks one after another from the job's queue is, between its first run's
 * start and its last run's end, either running a run or busy with Spark's work for the next task:
 * sending the result back, the driver's status update and scheduling, sending and deserialising
 * the task, and the task's own work before {@link lpdm.lab.study.RunEntry#run} (reading the study).
 * Summed over the S slots, the span is the S latest run ends minus the S earliest run starts,
 * whichever slot ran which task; minus the runs' own time it is the time between runs, and there
 * are n - S such gaps for n tasks. S is the largest number of runs that ran at once. This holds on
 * one machine (one clock) for one job whose tasks all wait from the start, as the study job's do.
 * The job's start (creating the SparkContext until the first run starts) and end (the last run's
 * end until the driver has every result) are fixed costs of the job, reported apart.
 */
final class TaskOverhead extends SparkListener {
    /** Clock times (epoch ms) a task records: call start, run start, run end, call end. */
    record Timing(long callStartMs, long runStartMs, long runEndMs, long callEndMs) implements java.io.Serializable {
    }

    private final List<long[]> sparkMetrics = new ArrayList<>();

    /** Records Spark's deserialisation and result serialisation time (ms) of each successful task. */
    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskInfo() != null && end.taskInfo().successful() && end.taskMetrics() != null) {
            sparkMetrics.add(new long[] {end.taskMetrics().executorDeserializeTime(), end.taskMetrics().resultSerializationTime()});
        }
    }

    /** The figures in seconds (means per task), with {@code tasks} and {@code slots}. */
    record Summary(int tasks, int slots, double meanRun, double betweenRuns, double beforeRunInTask, double deserialize,
            double resultSerialize, double start, double end) {
        String line() {
            return String.format("lpdm-spark: overhead per task %.3f s = %.2f%% of the mean run (%.2f s): slot time between runs "
                    + "(of it: task deserialisation %.3f s, result serialisation %.3f s, the task's own work outside its run %.3f s); "
                    + "%d tasks on %d slots; job start %.1f s, end %.1f s",
                    betweenRuns, 100 * betweenRuns / meanRun, meanRun, deserialize, resultSerialize, beforeRunInTask,
                    tasks, slots, start, end);
        }
    }

    /**
     * Summarises the tasks' timings and the Spark metrics recorded so far.
     *
     * @param contextStartMs when the SparkContext was being created (epoch ms)
     * @param resultsMs when the driver had every result (epoch ms)
     */
    Summary summarise(List<Timing> timings, long contextStartMs, long resultsMs) {
        List<long[]> metrics;
        synchronized (this) {
            metrics = new ArrayList<>(sparkMetrics);
        }
        double deserialize = metrics.stream().mapToLong(m -> m[0]).average().orElse(Double.NaN) / 1e3;
        double result = metrics.stream().mapToLong(m -> m[1]).average().orElse(Double.NaN) / 1e3;
        return summarise(timings, deserialize, result, contextStartMs, resultsMs);
    }

    static Summary summarise(List<Timing> timings, double deserialize, double resultSerialize, long contextStartMs, long resultsMs) {
        int n = timings.size();
        long[] starts = timings.stream().mapToLong(Timing::runStartMs).sorted().toArray();
        long[] ends = timings.stream().mapToLong(Timing::runEndMs).sorted().toArray();
        if (n == 0) {
            return new Summary(0, 0, Double.NaN, Double.NaN, Double.NaN, deserialize, resultSerialize, Double.NaN, Double.NaN);
        }
        int slots = maxConcurrent(starts, ends);
        long runs = timings.stream().mapToLong(t -> t.runEndMs() - t.runStartMs()).sum();
        long span = Arrays.stream(ends, n - slots, n).sum() - Arrays.stream(starts, 0, slots).sum();
        long outside = timings.stream().mapToLong(t -> (t.runStartMs() - t.callStartMs()) + (t.callEndMs() - t.runEndMs())).sum();
        int gaps = n - slots;
        return new Summary(n, slots, runs / 1e3 / n, gaps == 0 ? Double.NaN : (span - runs) / 1e3 / gaps,
                outside / 1e3 / n, deserialize, resultSerialize, (starts[0] - contextStartMs) / 1e3, (resultsMs - ends[n - 1]) / 1e3);
    }

    /** The largest number of intervals [start, end) open at once (both arrays sorted). */
    static int maxConcurrent(long[] startsSorted, long[] endsSorted) {
        int open = 0;
        int max = 0;
        int e = 0;
        for (long s : startsSorted) {
            while (e < endsSorted.length && endsSorted[e] <= s) {
                e++;
                open--;
            }
            open++;
            max = Math.max(max, open);
        }
        return max;
    }
}
