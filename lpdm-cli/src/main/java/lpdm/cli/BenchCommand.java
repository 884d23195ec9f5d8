package lpdm.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lpdm.bench.workloads.MemoryProbe;
import lpdm.bench.workloads.Throughput;
import lpdm.lab.run.Json;
import lpdm.rl.settings.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lpdm bench}: end-to-end training throughput and activation memory. The micro-benchmarks
 * (update steps, env steps, GAE, allocation) are JMH benchmarks in lpdm-bench; see
 * docs/performance.md for the commands and the measured tables.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Performance measurements: 'throughput' (env steps per second of a full training run) and "
                + "'memory' (peak activation bytes of one update).", "Micro-benchmarks: JMH, see docs/performance.md."},
        subcommands = {BenchCommand.ThroughputCommand.class, BenchCommand.MemoryCommand.class})
public final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    static String json(Object node) {
        try {
            // One line: easy to pipe into jq or to collect one object per run.
            return Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A finite number, or JSON null (NaN: e.g. no finished episode). */
    static void putNumber(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    @Command(name = "throughput", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"One full training run with the algorithm's default settings for the env (no run directory); "
                    + "prints steps_per_second, wall_seconds, total_steps, final_mean_return (and CPU time, load).",
                    "Wall time covers building the run and training, not JVM start-up (reported as jvm_uptime_seconds)."})
    static final class ThroughputCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--env", paramLabel = "ID", defaultValue = "CartPole-v1", description = "registered env id (default: ${DEFAULT-VALUE})")
        String env;

        @Option(names = "--algo", paramLabel = "ALGO", defaultValue = "ppo", description = "algorithm (default: ${DEFAULT-VALUE})")
        String algo;

        @Option(names = "--learner", paramLabel = "RULE", required = true, description = "hidden layers' learning rule: bp, lpdm or frozen")
        String learner;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "100000", description = "environment-step budget (default: ${DEFAULT-VALUE})")
        long steps;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "run seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a setting (repeatable), as for 'lpdm train'")
        List<String> sets = List.of();

        @Option(names = "--repeat", paramLabel = "R", defaultValue = "1",
                description = "train R times in this JVM (same seed, same results) and report the last run, every run listed;"
                        + " the first run pays for the JIT warm-up, later ones run compiled code, as the runs of a sweep after the first do (default: ${DEFAULT-VALUE})")
        int repeat;

        @Option(names = "--json", description = "print exactly one JSON object")
        boolean json;

        @Option(names = "--verbose", description = "stack traces on failure")
        boolean verbose;

        @Override
        public Integer call() {
            if (steps < 1) {
                throw new UsageException("--steps must be >= 1, got " + steps);
            }
            if (repeat < 1) {
                throw new UsageException("--repeat must be >= 1, got " + repeat);
            }
            Map<String, String> overrides = SetOptions.parse(sets);
            List<Throughput.Result> runs = new ArrayList<>();
            for (int i = 0; i < repeat; i++) {
                runs.add(Throughput.run(env, algo, learner, steps, seed, overrides));
            }
            Throughput.Result r = runs.get(runs.size() - 1);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("env", r.env());
                o.put("algo", r.algo());
                o.put("learner", r.learner());
                o.put("seed", r.seed());
                o.put("total_steps", r.totalSteps());
                o.put("episodes", r.episodes());
                putRunFigures(o, r);
                putNumber(o, "steps_per_cpu_second", r.stepsPerCpuSecond());
                putNumber(o, "jvm_uptime_seconds", r.jvmUptimeSeconds());
                putNumber(o, "load_average", r.loadAverage());
                o.put("processors", r.processors());
                o.put("threads", r.threads());
                o.put("java_version", r.javaVersion());
                o.put("kernels", lpdm.core.tensor.MatrixOps.kernels());
                if (repeat > 1) {
                    o.put("repeat", repeat);
                    ArrayNode list = o.putArray("runs");
                    for (Throughput.Result run : runs) {
                        ObjectNode ro = list.addObject();
                        ro.put("episodes", run.episodes());
                        putRunFigures(ro, run);
                    }
                }
                out.println(json(o));
            } else {
                out.printf(Locale.ROOT, "env %s, algo %s, learner %s, seed %d%n", r.env(), r.algo(), r.learner(), r.seed());
                out.printf(Locale.ROOT, "steps_per_second     %.0f%n", r.stepsPerSecond());
                out.printf(Locale.ROOT, "wall_seconds         %.3f%n", r.wallSeconds());
                out.printf(Locale.ROOT, "total_steps          %d%n", r.totalSteps());
                out.printf(Locale.ROOT, "final_mean_return    %.2f%n", r.finalMeanReturn());
                out.printf(Locale.ROOT, "episodes             %d%n", r.episodes());
                out.printf(Locale.ROOT, "threads              %d   (run.threads)%n", r.threads());
                out.printf(Locale.ROOT, "cpu_seconds          %.3f   (training thread; whole JVM incl. JIT, GC and a second training thread: %.3f)%n",
                        r.cpuSeconds(), r.processCpuSeconds());
                out.printf(Locale.ROOT, "steps_per_cpu_second %.0f%n", r.stepsPerCpuSecond());
                out.printf(Locale.ROOT, "jvm_uptime_seconds   %.2f   (before the run)%n", r.jvmUptimeSeconds());
                out.printf(Locale.ROOT, "load_average         %.2f   on %d processors, Java %s%n", r.loadAverage(), r.processors(), r.javaVersion());
                out.printf(Locale.ROOT, "kernels              %s   (vector: Vector API; plain: without --add-modules jdk.incubator.vector or with -Dlpdm.vector=false)%n",
                        lpdm.core.tensor.MatrixOps.kernels());
                if (repeat > 1) {
                    out.printf(Locale.ROOT, "runs (in this JVM; the figures above are the last one's):%n");
                    for (int i = 0; i < runs.size(); i++) {
                        Throughput.Result run = runs.get(i);
                        out.printf(Locale.ROOT, "  %d  steps_per_second %.0f  wall_seconds %.3f  cpu_seconds %.3f  process_cpu_seconds %.3f  final_mean_return %.2f%n",
                                i + 1, run.stepsPerSecond(), run.wallSeconds(), run.cpuSeconds(), run.processCpuSeconds(), run.finalMeanReturn());
                    }
                }
            }
            return 0;
        }

        /** The figures that differ from run to run: speed, wall and CPU time, final return. */
        private static void putRunFigures(ObjectNode o, Throughput.Result r) {
            putNumber(o, "steps_per_second", r.stepsPerSecond());
            putNumber(o, "wall_seconds", r.wallSeconds());
            putNumber(o, "final_mean_return", r.finalMeanReturn());
            putNumber(o, "cpu_seconds", r.cpuSeconds());
            putNumber(o, "process_cpu_seconds", r.processCpuSeconds());
        }
    }

    @Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Peak activation bytes of one update (forwardTrain + backward) of a tanh MLP per learner and depth, "
                    + "from the learners' own accounting (ActivationMeter), with the bytes a fresh learner's first update "
                    + "allocates as a cross-check.",
                    "peak_activation_bytes: forward activations alone; peak_with_gradient_buffers_bytes: plus gradient buffers; "
                    + "peak_total_bytes: plus LPDM's pair workspace (O(N^2) for all pairs)."})
    static final class MemoryCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--depth", paramLabel = "D,...", split = ",", defaultValue = "2,4,8,16", description = "hidden layers (default: ${DEFAULT-VALUE})")
        List<Integer> depths;

        @Option(names = "--width", paramLabel = "W", defaultValue = "256", description = "hidden width (default: ${DEFAULT-VALUE})")
        int width;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "minibatch size (default: ${DEFAULT-VALUE})")
        int batch;

        @Option(names = "--learner", paramLabel = "RULE,...", split = ",", defaultValue = "bp,lpdm",
                description = "bp, lpdm, lpdm-matrix (lpdm.gradient_form=matrix), lpdm-sampledK or frozen; comma-separated (default: ${DEFAULT-VALUE})")
        List<String> learners;

        @Option(names = "--inputs", paramLabel = "N", defaultValue = "8", description = "input size (default: ${DEFAULT-VALUE})")
        int inputs;

        @Option(names = "--outputs", paramLabel = "N", defaultValue = "4", description = "output size (default: ${DEFAULT-VALUE})")
        int outputs;

        @Option(names = "--json", description = "print one JSON object {\"results\": [...]}")
        boolean json;

        @Option(names = "--verbose", description = "stack traces on failure")
        boolean verbose;

        @Override
        public Integer call() {
            if (width < 1 || batch < 1 || inputs < 1 || outputs < 1) {
                throw new UsageException("--width, --batch, --inputs and --outputs must be >= 1");
            }
            for (int d : depths) {
                if (d < 0) {
                    throw new UsageException("--depth values must be >= 0, got " + d);
                }
            }
            for (int d : depths) { // refuse what cannot fit before allocating (one line naming the figure)
                int[] hidden = new int[d];
                java.util.Arrays.fill(hidden, width);
                String what = "--width " + width + " --depth " + d;
                long bytes = lpdm.lab.run.MemoryEstimate.mlpBytes(what, inputs, hidden, outputs) + 4L * batch * ((long) width * d + inputs + outputs);
                lpdm.lab.run.MemoryEstimate.requireFits(what + " --batch " + batch, bytes);
            }
            List<MemoryProbe.Result> results = new ArrayList<>();
            for (String learner : learners) {
                for (int d : depths) {
                    results.add(MemoryProbe.measure(learner.trim(), d, width, batch, inputs, outputs));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                ArrayNode arr = root.putArray("results");
                for (MemoryProbe.Result r : results) {
                    ObjectNode o = arr.addObject();
                    o.put("learner", r.learner());
                    o.put("depth", r.depth());
                    o.put("width", r.width());
                    o.put("batch", r.batch());
                    o.put("inputs", r.inputs());
                    o.put("outputs", r.outputs());
                    o.put("peak_activation_bytes", r.peakActivationBytes());
                    o.put("peak_with_gradient_buffers_bytes", r.peakWithGradientsBytes());
                    o.put("peak_total_bytes", r.peakTotalBytes());
                    o.put("first_update_allocated_bytes", r.firstUpdateAllocatedBytes());
                    o.put("later_update_allocated_bytes", r.laterUpdateAllocatedBytes());
                }
                out.println(json(root));
            } else {
                out.printf(Locale.ROOT, "%-16s %5s %5s %5s %16s %16s %16s %16s %12s%n", "learner", "depth", "width", "batch",
                        "activations", "+grad buffers", "+pair workspace", "1st update alloc", "later alloc");
                for (MemoryProbe.Result r : results) {
                    out.printf(Locale.ROOT, "%-16s %5d %5d %5d %16d %16d %16d %16d %12d%n", r.learner(), r.depth(), r.width(), r.batch(),
                            r.peakActivationBytes(), r.peakWithGradientsBytes(), r.peakTotalBytes(),
                            r.firstUpdateAllocatedBytes(), r.laterUpdateAllocatedBytes());
                }
                out.println("(bytes; peaks from the learners' ActivationMeter; allocation from the JVM's per-thread counter)");
            }
            return 0;
        }
    }
}
