package lpdm.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lpdm.lab.report.StudyReport;
import lpdm.lab.run.BuildInfo;
import lpdm.lab.study.Gather;
import lpdm.lab.study.RunEntry;
import lpdm.lab.study.Shard;
import lpdm.lab.study.StudySpec;
import lpdm.rl.settings.UsageException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a study's runs as Spark tasks, one task per run, and writes the same study directory as
 * {@code lpdm compare} (docs/lab.md, "Studies on a cluster").
 *
 * <p>The driver writes (or checks) {@code study.json}, sends every task the study's
 * {@code study.json} text and one run's label, and each task calls {@link RunEntry#run}, the
 * entry point every way of running a study shares, so a run's directory is the same whichever
 * executor ran it. An executor is a JVM that runs many tasks, so the JIT stays warm across runs.
 * A task that fails or is lost is retried by Spark ({@code spark.task.maxFailures}; in local mode
 * the F of {@code local[N,F]}) and continues from its run's last checkpoint. When every task has
 * finished, the driver gathers the runs as {@code lpdm gather} does (every run completed exactly
 * once) and writes report.md, report.html, results.json and plots.
 *
 * <p>Output on a non-local Hadoop file system (hdfs://, s3a://, ...): see {@link RunTask}.
 */
@Command(name = "lpdm-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a study (lpdm compare --study) as Spark tasks, one per run, and write its report.")
public final class SparkStudy implements Callable<Integer> {
    @Option(names = "--study", paramLabel = "STUDY.yaml", required = true, description = "study file (docs/lab.md)")
    Path studyFile;

    @Option(names = "--out", paramLabel = "PATH", required = true,
            description = "study directory: a local path or any Hadoop file system URI (hdfs://..., s3a://...)")
    String out;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when not set by spark-submit (default: local[N,3], N = cores, 3 attempts per task)")
    String master;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "2000", description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--stage-locally", description = "train every run in a local temporary directory and copy it to --out, "
            + "as is done for non-local file systems (for testing that path on a local one)")
    boolean stageLocally;

    /** Where the job writes its log and report table (standard output from {@link #main}). */
    private PrintWriter log = new PrintWriter(System.out, true);

    public static void main(String[] args) {
        // What Spark's launcher sets on Java 17 (the jar's manifest opens the packages); before Netty loads.
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the job; returns the exit code (0 every run completed, 1 failed runs, 2 usage error). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        SparkStudy job = new SparkStudy();
        job.log = out;
        CommandLine cl = new CommandLine(job);
        cl.setOut(out).setErr(err);
        cl.setExecutionExceptionHandler((ex, c, parse) -> {
            if (ex instanceof UsageException) {
                err.println("lpdm-spark: " + ex.getMessage());
                return 2;
            }
            err.println("lpdm-spark: " + ex);
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        return code;
    }

    @Override
    public Integer call() throws Exception {
        if (bootstrap < 1) {
            throw new UsageException("--bootstrap must be positive, got " + bootstrap);
        }
        if (System.getProperty("lpdm.home") == null && Files.exists(Path.of(".git"))) {
            System.setProperty("lpdm.home", Path.of("").toAbsolutePath().toString()); // submitted from the checkout
        }
        StudySpec study = StudySpec.read(studyFile);
        String studyJson = RunEntry.studyJson(study);
        URI outUri = outUri(out);
        boolean local = "file".equals(outUri.getScheme());
        // The driver's view of the study directory: the directory itself, or a local staging copy.
        Path driverDir = local ? Path.of(outUri) : Files.createTempDirectory("lpdm-spark-driver");
        if (!local) {
            RunTask.downloadFile(outUri.resolve("study.json"), driverDir.resolve("study.json"), new Configuration());
        }
        Shard.prepareStudyDirectory(driverDir, study); // validates the study, writes or checks study.json
        if (!local) {
            RunTask.upload(driverDir.resolve("study.json"), outUri.resolve("study.json"), new Configuration());
        }

        SparkConf conf = new SparkConf().setAppName("lpdm study " + studyFile.getFileName());
        if (!conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[" + Runtime.getRuntime().availableProcessors() + ",3]");
        } else if (master != null) {
            throw new UsageException("--master " + master + " conflicts with spark.master=" + conf.get("spark.master") + " (from spark-submit)");
        }
        conf.setIfMissing("spark.log.level", "WARN");
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        List<String> labels = new ArrayList<>();
        study.runs().forEach(k -> labels.add(k.label()));
        List<RunTask.Result> results;
        TaskOverhead overhead = new TaskOverhead();
        long start = System.nanoTime();
        long startMs = System.currentTimeMillis();
        long resultsMs;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.sc().addSparkListener(overhead);
            // One partition per run: a task is a run; Spark schedules them over the executors' cores.
            results = sc.parallelize(labels, labels.size())
                    .map(new RunTask(studyJson, outUri.toString(), stageLocally || !local, BuildInfo.gitCommit()))
                    .collect();
            resultsMs = System.currentTimeMillis();
        } // stopping the context delivers the listener's last events
        double seconds = (System.nanoTime() - start) / 1e9;
        log.printf("lpdm-spark: %d runs in %.1f s%n", results.size(), seconds);
        results.forEach(r -> log.println("  " + r.line()));
        log.println(overhead.summarise(results.stream().map(RunTask.Result::timing).toList(), startMs, resultsMs).line());

        if (!local) {
            RunTask.download(outUri, driverDir, new Configuration());
        }
        Gather.Result g = Gather.gather(List.of(driverDir), driverDir, false);
        Path shown = Path.of(out); // as compare shows its --out
        StudyReport report = StudyReport.build(g.study(), driverDir, g.outcomes(), StudyReport.Options.defaults().withBootstrap(bootstrap)
                .withCommand(StudyReport.compareCommand(studyFile, study, shown, bootstrap)));
        List<Path> written = report.write();
        if (!local) {
            for (Path f : written) {
                RunTask.upload(f, outUri.resolve(driverDir.relativize(f).toString().replace('\\', '/')), new Configuration());
            }
        }
        log.print(report.consoleTable());
        log.println("report: " + (local ? driverDir.resolve(StudyReport.REPORT_HTML).toAbsolutePath() : outUri.resolve(StudyReport.REPORT_HTML)));
        return 0;
    }

    /** {@code --out} as a URI ending in '/': a path without a scheme is a local path. */
    static URI outUri(String out) {
        URI u = URI.create(out.replace(" ", "%20"));
        if (u.getScheme() == null || u.getScheme().length() == 1) { // no scheme, or a Windows drive letter
            u = Path.of(out).toAbsolutePath().normalize().toUri();
        }
        String s = u.toString();
        return URI.create(s.endsWith("/") ? s : s + "/");
    }

    static FileSystem fileSystem(URI uri, Configuration conf) throws IOException {
        return FileSystem.get(uri, conf);
    }
}
