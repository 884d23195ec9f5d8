package lpdm.lab.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import lpdm.lab.run.BuildInfo;
import lpdm.lab.run.Json;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.Algorithms;
import lpdm.rl.RunThreads;
import lpdm.rl.settings.UsageException;
import lpdm.envs.EnvRegistry;

/**
 * Runs every (env, variant, seed) of a {@link StudySpec} on a pool of worker threads, one run
 * directory each under {@code DIR/runs/}. With {@code resume}, completed runs are skipped and
 * partial ones continue from their checkpoints; a directory made by another lpdm version, or whose
 * started runs the study would now give other settings, is refused (variants not started yet may
 * change, and variants, seeds and envs may be added).
 */
public final class StudyRunner {
    public static final String STUDY_FILE = "study.json";

    /** Combined progress of a study. */
    public interface Progress {
        /**
         * @param runsDone completed runs
         * @param runsTotal all runs
         * @param stepsDone environment steps done over all runs, each run counted up to its budget (on-policy runs round
         *     their budget up to whole rollouts, so they may train a little longer than it says)
         * @param stepsTotal the budget over all runs
         * @param stepsPerSecond aggregate rate since the start
         */
        void update(int runsDone, int runsTotal, long stepsDone, long stepsTotal, double stepsPerSecond);
    }

    /** What one run of the study produced. */
    public record RunOutcome(StudySpec.RunKey key, Path directory, Summary summary, String failure) {
    }

    private StudyRunner() {
    }

    public static List<RunOutcome> run(StudySpec spec, Path dir, int jobs, boolean resume, Progress progress) throws IOException {
        return run(spec, dir, jobs, resume, progress, Shard.ALL);
    }

    /** Runs only {@code shard}'s runs of the study (the outcomes are theirs); {@link Shard#ALL}: every run. */
    public static List<RunOutcome> run(StudySpec spec, Path dir, int jobs, boolean resume, Progress progress, Shard shard)
            throws IOException {
        if (jobs <= 0) {
            throw new UsageException("--jobs must be positive, got " + jobs);
        }
        ObjectNode studyJson = studyJson(spec);
        Path studyFile = dir.resolve(STUDY_FILE);
        if (check(spec, dir, resume)) {
            Json.write(studyFile, studyJson); // the study as it is now (variants fixed or added)
        } else {
            Files.createDirectories(dir);
            Json.write(studyFile, studyJson);
        }

        List<StudySpec.RunKey> keys = shard.select(spec.runs());
        long stepsTotal = 0;
        for (StudySpec.RunKey k : keys) {
            stepsTotal += spec.steps().get(k.env());
        }
        Map<StudySpec.RunKey, Long> stepsByRun = new ConcurrentHashMap<>();
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        long[] stepsAtStart = {0};
        final long total = stepsTotal;
        Runnable report = () -> {
            long sum = 0;
            long withinBudgets = 0; // on-policy runs round their budget up to whole rollouts: never show more than the budget
            for (Map.Entry<StudySpec.RunKey, Long> e : stepsByRun.entrySet()) {
                sum += e.getValue();
                withinBudgets += Math.min(e.getValue(), spec.steps().get(e.getKey().env()));
            }
            double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
            synchronized (progress) {
                progress.update(done.get(), keys.size(), withinBudgets, total, (sum - stepsAtStart[0]) / secs);
            }
        };

        // Completed runs are read, not rerun; the rest go to the pool.
        List<RunOutcome> outcomes = new ArrayList<>();
        Map<StudySpec.RunKey, Future<RunOutcome>> futures = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "lpdm-study");
            t.setDaemon(true);
            return t;
        });
        // run.threads=auto gives each run a second thread only if the cores suffice for all workers.
        try (RunThreads.Scope parallel = RunThreads.parallelRuns(Math.max(1, Math.min(jobs, keys.size())))) {
            for (StudySpec.RunKey key : keys) {
                Path runDir = dir.resolve(key.relativeDirectory());
                Summary existing = completedSummary(runDir);
                if (existing != null) {
                    stepsByRun.put(key, existing.total_steps());
                    stepsAtStart[0] += existing.total_steps();
                    done.incrementAndGet();
                    continue;
                }
                futures.put(key, pool.submit(() -> {
                    try {
                        RunProgress sink = (g, t, e, m, s) -> {
                            stepsByRun.put(key, g);
                            report.run();
                        };
                        Summary s = RunEntry.run(spec, key, dir, sink); // the one entry point of a run (RunEntry)
                        done.incrementAndGet();
                        report.run();
                        return new RunOutcome(key, runDir, s, null);
                    } catch (Exception | Error ex) {
                        done.incrementAndGet();
                        report.run();
                        return new RunOutcome(key, runDir, null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
                    }
                }));
            }
            report.run();
            for (StudySpec.RunKey key : keys) {
                Future<RunOutcome> f = futures.get(key);
                if (f == null) {
                    Path runDir = dir.resolve(key.relativeDirectory());
                    outcomes.add(new RunOutcome(key, runDir, completedSummary(runDir), null));
                } else {
                    try {
                        outcomes.add(f.get());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("study interrupted", e);
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.add(new RunOutcome(key, dir.resolve(key.relativeDirectory()), null, String.valueOf(e.getCause())));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    /**
     * The checks a study passes before anything is written: every variant valid on every env; a
     * directory that already holds a study only with {@code resume}, made by this lpdm version, its
     * started runs made with the settings the study now gives them.
     *
     * @return whether {@code dir} already holds a study
     */
    private static boolean check(StudySpec spec, Path dir, boolean resume) throws IOException {
        validate(spec);
        Path studyFile = dir.resolve(STUDY_FILE);
        if (!Files.exists(studyFile)) {
            return false;
        }
        if (!resume) {
            throw new UsageException("study directory " + dir + " already holds a study; use --resume or another --out");
        }
        JsonNode old = Json.MAPPER.readTree(studyFile.toFile());
        if (!old.path("lpdm_version").asText().equals(BuildInfo.lpdmVersion())) {
            throw new UsageException("cannot resume " + dir + ": made by lpdm " + old.path("lpdm_version").asText()
                    + ", this is " + BuildInfo.lpdmVersion());
        }
        checkStartedRuns(spec, dir);
        return true;
    }

    /**
     * What {@link #run} would do with these arguments, without running or writing anything: the
     * same checks (the same errors), then how many of the selected runs are complete in {@code dir},
     * started (a checkpoint to continue from) or still to start.
     *
     * @param complete runs whose summary.json says completed: read, not rerun
     * @param started runs with a run directory but not complete: continued from their checkpoint
     * @param toStart runs not begun
     * @param steps the budgets of the started and new runs: at most the environment steps still to
     *     take (a started run continues from its checkpoint)
     */
    public record Plan(int complete, int started, int toStart, long steps) {
    }

    /** The {@link Plan} of {@code shard}'s runs of {@code spec} in {@code dir} (see {@link #run}). */
    public static Plan plan(StudySpec spec, Path dir, boolean resume, Shard shard) throws IOException {
        boolean existing = check(spec, dir, resume);
        int complete = 0;
        int started = 0;
        int toStart = 0;
        long steps = 0;
        for (StudySpec.RunKey key : shard.select(spec.runs())) {
            Path runDir = dir.resolve(key.relativeDirectory());
            long budget = spec.steps().get(key.env());
            if (existing && completedSummary(runDir) != null) {
                complete++;
            } else if (existing && Files.isRegularFile(runDir.resolve(TrainingRun.CONFIG))) {
                started++;
                steps += budget;
            } else {
                toStart++;
                steps += budget;
            }
        }
        return new Plan(complete, started, toStart, steps);
    }

    /** The content of study.json: the resolved study and the lpdm version. */
    static ObjectNode studyJson(StudySpec spec) {
        ObjectNode studyJson = spec.toJson();
        studyJson.put("lpdm_version", BuildInfo.lpdmVersion());
        return studyJson;
    }

    /** Checks every variant's learner and settings, on every env, before any run starts. */
    public static void validate(StudySpec spec) {
        for (String env : spec.envs()) {
            EnvRegistry.spec(env);
        }
        Algorithms.get(spec.algo());
        for (Map.Entry<String, StudySpec.Variant> v : spec.variants().entrySet()) {
            for (String env : spec.envs()) {
                try {
                    Algorithms.check(spec.algo(), v.getValue().learner(), env, v.getValue().settings());
                } catch (UsageException e) {
                    throw new UsageException("variant '" + v.getKey() + "'" + (spec.envs().size() > 1 ? " on " + env : "") + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Refuses to resume when a run already started in {@code dir} was made with other settings than
     * the study now gives it (its results would be mixed with those of the new settings), naming
     * the run and the first difference. Runs not started yet (a variant fixed or added, a seed
     * added) are free to change.
     */
    static void checkStartedRuns(StudySpec spec, Path dir) throws IOException {
        for (StudySpec.RunKey key : spec.runs()) {
            Path config = dir.resolve(key.relativeDirectory()).resolve(TrainingRun.CONFIG);
            if (!Files.isRegularFile(config)) {
                continue;
            }
            JsonNode c = Json.MAPPER.readTree(config.toFile());
            RunConfig now = spec.runConfig(key);
            Map<String, String> recorded = new java.util.TreeMap<>();
            c.path("overrides").fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asText()));
            String difference = null;
            if (!c.path("learner").asText().equals(now.learner())) {
                difference = "learner " + c.path("learner").asText() + ", now " + now.learner();
            } else if (!c.path("algo").asText().equals(now.algo())) {
                difference = "algo " + c.path("algo").asText() + ", now " + now.algo();
            } else if (c.path("total_steps").asLong() != now.totalSteps()) {
                difference = "steps " + c.path("total_steps").asLong() + ", now " + now.totalSteps();
            } else if (!recorded.equals(now.overrides())) {
                java.util.Set<String> names = new java.util.TreeSet<>(recorded.keySet());
                names.addAll(now.overrides().keySet());
                for (String n : names) {
                    if (!java.util.Objects.equals(recorded.get(n), now.overrides().get(n))) {
                        difference = n + " " + (recorded.containsKey(n) ? "= " + recorded.get(n) : "unset") + ", now "
                                + (now.overrides().containsKey(n) ? "= " + now.overrides().get(n) : "unset");
                        break;
                    }
                }
            }
            if (difference != null) {
                throw new UsageException("cannot resume " + dir + ": it was made from a different study for variant '" + key.variant()
                        + "' (run " + key.label() + " ran with " + difference + "); restore it, or give the changed variant a new name");
            }
        }
    }

    static Summary completedSummary(Path runDir) throws IOException {
        Path f = runDir.resolve(TrainingRun.SUMMARY);
        if (!Files.exists(f)) {
            return null;
        }
        Summary s = Json.MAPPER.readValue(f.toFile(), Summary.class);
        return s.completed() ? s : null;
    }
}
