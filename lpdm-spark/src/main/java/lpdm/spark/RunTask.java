package lpdm.spark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;
import lpdm.lab.study.RunEntry;
import lpdm.lab.study.StudySpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task: one run of the study, through {@link RunEntry#run}.
 *
 * <p>On a local (or shared, mounted) file system the run trains straight into its directory under
 * the study directory. With {@code stage} (every non-local file system: hdfs://, s3a://, ...) the
 * task copies the run's directory from the study directory into a local temporary directory
 * first (so a retried task continues from the last checkpoint an earlier attempt uploaded), trains
 * there, and uploads the run directory after every checkpoint it writes and at the end. Uploads
 * follow the order a run writes its files (tables, then the checkpoint, then summary.json), so a
 * copy interrupted mid-way never has a checkpoint that refers to table rows it lacks.
 *
 * <p>Returns one line for the driver's log (the run, its final return, seconds and attempt) and the
 * clock times around the run, from which the driver tells what Spark added ({@link TaskOverhead}).
 */
final class RunTask implements Function<String, RunTask.Result> {
    /** What a task sends back: its line for the driver's log, and when it ran its run ({@link TaskOverhead}). */
    record Result(String line, TaskOverhead.Timing timing) implements java.io.Serializable {
    }

    private static final long serialVersionUID = 1L;

    private final String studyJson;
    private final String out;
    private final boolean stage;
    private final String gitCommit;

    /** @param gitCommit the driver's commit, recorded in every run's config.json as a local run records its checkout's */
    RunTask(String studyJson, String out, boolean stage, String gitCommit) {
        this.studyJson = studyJson;
        this.out = out;
        this.stage = stage;
        this.gitCommit = gitCommit;
    }

    @Override
    public Result call(String label) throws Exception {
        long callStart = System.currentTimeMillis();
        if (System.getProperty("lpdm.git_commit") == null && System.getProperty("lpdm.home") == null) {
            System.setProperty("lpdm.git_commit", gitCommit); // before this JVM's first BuildInfo.gitCommit()
        }
        StudySpec study = RunEntry.studyOf(studyJson);
        StudySpec.RunKey key = RunEntry.key(study, label);
        URI outUri = URI.create(out);
        TaskContext ctx = TaskContext.get();
        int attempt = ctx != null ? ctx.attemptNumber() : 0;
        long start = System.nanoTime();
        long resumedAt = stepsDone(stage ? null : RunEntry.directory(Path.of(outUri), key));
        Summary s;
        long runStart;
        long runEnd;
        if (!stage) {
            runStart = System.currentTimeMillis();
            s = RunEntry.run(study, key, Path.of(outUri), RunProgress.NONE);
            runEnd = System.currentTimeMillis();
        } else {
            Configuration conf = new Configuration();
            String rel = key.relativeDirectory().toString().replace('\\', '/') + "/";
            URI remote = outUri.resolve(rel);
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "lpdm-spark", sha256(out + "|" + label + "|" + attempt));
            deleteTree(root);
            Path localRun = RunEntry.directory(root, key);
            Files.createDirectories(localRun);
            download(remote, localRun, conf);
            resumedAt = stepsDone(localRun);
            Path ckpt = localRun.resolve(TrainingRun.CHECKPOINT);
            long[] lastUploaded = {Files.exists(ckpt) ? Files.getLastModifiedTime(ckpt).toMillis() : Long.MIN_VALUE};
            RunProgress sync = (g, t, e, m, sps) -> {
                // Called before the iteration's checkpoint is written: uploads the previous one.
                try {
                    if (Files.exists(ckpt) && Files.getLastModifiedTime(ckpt).toMillis() != lastUploaded[0]) {
                        lastUploaded[0] = Files.getLastModifiedTime(ckpt).toMillis();
                        uploadRun(localRun, remote, conf);
                    }
                } catch (IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            };
            runStart = System.currentTimeMillis(); // staging's download before it and upload after it count as overhead
            s = RunEntry.run(study, key, root, sync);
            runEnd = System.currentTimeMillis();
            uploadRun(localRun, remote, conf);
            deleteTree(root);
        }
        String line = String.format("%s  final return %.2f  %.1f s  attempt %d  %s", label, s.final_mean_return(),
                (System.nanoTime() - start) / 1e9, attempt, resumedAt < 0 ? "new" : "resumed at step " + resumedAt);
        return new Result(line, new TaskOverhead.Timing(callStart, runStart, runEnd, System.currentTimeMillis()));
    }

    /** Uploads a run directory: tables and other files first, then the checkpoint, then summary.json. */
    static void uploadRun(Path localRun, URI remote, Configuration conf) throws IOException {
        List<Path> files;
        try (Stream<Path> w = Files.walk(localRun)) {
            files = new ArrayList<>(w.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).toList());
        }
        files.sort(Comparator.comparingInt((Path p) -> rank(localRun.relativize(p).toString().replace('\\', '/')))
                .thenComparing(Path::toString));
        for (Path f : files) {
            upload(f, remote.resolve(localRun.relativize(f).toString().replace('\\', '/')), conf);
        }
    }

    /** Steps of the run's last checkpoint per its summary.json (-1: none yet), for the log line. */
    private static long stepsDone(Path runDir) throws IOException {
        if (runDir == null || !Files.exists(runDir.resolve(TrainingRun.SUMMARY))) {
            return -1;
        }
        return lpdm.lab.run.Json.MAPPER.readTree(runDir.resolve(TrainingRun.SUMMARY).toFile()).path("total_steps").asLong(-1);
    }

    private static int rank(String rel) {
        return rel.equals(TrainingRun.SUMMARY) ? 2 : rel.equals(TrainingRun.CHECKPOINT) ? 1 : 0;
    }

    /** Copies one local file to {@code target} (overwriting). */
    static void upload(Path file, URI target, Configuration conf) throws IOException {
        FileSystem fs = FileSystem.get(target, conf);
        fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.fs.Path(target));
    }

    /** Copies one file to {@code local} if it exists; returns whether it did. */
    static boolean downloadFile(URI remote, Path local, Configuration conf) throws IOException {
        FileSystem fs = FileSystem.get(remote, conf);
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(remote);
        if (!fs.exists(p)) {
            return false;
        }
        Files.createDirectories(local.toAbsolutePath().getParent());
        fs.copyToLocalFile(false, p, new org.apache.hadoop.fs.Path(local.toUri()), true);
        return true;
    }

    /** Copies the tree under {@code remote} into {@code local} (nothing if it does not exist). */
    static void download(URI remote, Path local, Configuration conf) throws IOException {
        FileSystem fs = FileSystem.get(remote, conf);
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(remote);
        if (!fs.exists(root)) {
            return;
        }
        String base = fs.getFileStatus(root).getPath().toUri().getPath();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
            FileStatus f = it.next();
            String rel = f.getPath().toUri().getPath().substring(base.length()).replaceFirst("^/", "");
            Path target = local.resolve(rel);
            Files.createDirectories(target.getParent());
            fs.copyToLocalFile(false, f.getPath(), new org.apache.hadoop.fs.Path(target.toUri()), true);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
