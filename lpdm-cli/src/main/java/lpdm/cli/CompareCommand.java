package lpdm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lpdm.lab.report.StudyReport;
import lpdm.lab.study.Shard;
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;
import lpdm.rl.settings.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpdm compare}: a paired multi-seed study with statistics and a report. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a paired multi-seed study (every env x variant x seed, in parallel) and write report.md, report.html, "
                + "results.json and plots.", "Either --env/--learners/--seeds or --study FILE."})
public final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--env", paramLabel = "ID", description = "env id")
    String env;

    @Option(names = "--algo", paramLabel = "ALGO", defaultValue = "ppo", description = "algorithm (default: ${DEFAULT-VALUE})")
    String algo;

    @Option(names = "--learners", paramLabel = "LEARNER", split = ",", description = "learners to compare, e.g. bp,frozen,lpdm")
    List<String> learners;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "5", description = "seeds 1..K (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100000", description = "step budget per run (default: ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "a setting for every run of the --env/--learners form (repeatable), "
            + "e.g. --set hparams=tuned: each learner's tuned set, as 'lpdm train' uses by default")
    List<String> sets;

    @Option(names = "--study", paramLabel = "STUDY.yaml", description = "study file: envs, algo, steps, seeds, variants (see docs/lab.md)")
    Path studyFile;

    @Option(names = "--out", paramLabel = "DIR", description = "study directory (default: studies/out/NAME)")
    Path out;

    @Option(names = "--jobs", paramLabel = "J", description = "worker threads (default: the number of cores)")
    Integer jobs;

    @Option(names = "--resume", description = "continue an interrupted study: skip completed runs, resume partial ones")
    boolean resume;

    @Option(names = "--shard", paramLabel = "I/N", description = "run only shard I of N (a stable hash of each run's env/variant/seed); "
            + "resumes its own runs when restarted; then 'lpdm gather' writes the report (docs/lab.md)")
    String shard;

    @Option(names = "--dry-run", description = "check the study (every variant on every env; with --resume the directory's runs) "
            + "and say how many runs are complete, started and new, then stop: nothing is run or written")
    boolean dryRun;

    @Option(names = "--quiet", description = "no periodic progress lines")
    boolean quiet;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "2000", description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        StudySpec study;
        String name;
        if (bootstrap < 1) {
            throw new UsageException("--bootstrap must be positive, got " + bootstrap);
        }
        if (jobs != null && jobs < 1) {
            throw new UsageException("--jobs must be positive, got " + jobs);
        }
        if (studyFile != null) {
            if (env != null || learners != null) {
                throw new UsageException("give either --study or --env/--learners, not both");
            }
            for (String option : List.of("--algo", "--seeds", "--steps", "--set")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new UsageException(option + " belongs to the --env/--learners form; with --study the study file sets it"
                            + (option.equals("--set") ? " (its top-level 'set')" : ""));
                }
            }
            study = StudySpec.read(studyFile);
            name = studyFile.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
        } else {
            if (env == null || learners == null) {
                throw new UsageException("missing --env and --learners (or give --study FILE)");
            }
            if (steps <= 0) {
                throw new UsageException("--steps must be positive, got " + steps);
            }
            study = StudySpec.ofLearners(env, algo, learners, seeds, steps, SetOptions.parse(sets));
            name = env + "_" + algo + "_" + String.join("-", learners);
        }
        Path dir = out != null ? out : Path.of("studies", "out", name);
        Shard share = shard != null ? Shard.parse(shard) : Shard.ALL;
        if (dryRun) {
            StudyRunner.Plan plan = StudyRunner.plan(study, dir, resume || shard != null, share);
            pw.println(header(name, study, (shard != null ? ", shard " + shard + ": " + (plan.complete() + plan.started() + plan.toStart()) : "")
                    + " -> " + dir));
            pw.printf(Locale.ROOT, "dry run: the study is valid; %d complete, %d started (continued from their checkpoints), %d to start; "
                    + "at most %d env steps to run; nothing was run or written%n", plan.complete(), plan.started(), plan.toStart(), plan.steps());
            return 0;
        }
        if (shard != null) {
            return runShard(pw, study, dir, share);
        }
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        StudyRunner.validate(study); // a mistake in any variant is reported before anything is printed or run
        pw.println(header(name, study, " on " + j + " worker threads -> " + dir));
        pw.flush();
        List<StudyRunner.RunOutcome> outcomes = StudyRunner.run(study, dir, j, resume, progress(pw));
        String command = reproduceCommand(studyFile, study, dir, bootstrap);
        StudyReport report = StudyReport.build(study, dir, outcomes, StudyReport.Options.defaults().withBootstrap(bootstrap).withCommand(command));
        report.write();
        pw.println();
        pw.print(report.consoleTable());
        pw.println("report: " + dir.resolve("report.html").toAbsolutePath());
        return failures(outcomes);
    }

    /** The study's first line: {@code study NAME: N runs (ENVS x V variants x S seeds)} and {@code tail}. */
    private static String header(String name, StudySpec study, String tail) {
        return String.format(Locale.ROOT, "study %s: %d runs (%s x %d variants x %d seeds)%s", name, study.runs().size(),
                String.join(",", study.envs()), study.variants().size(), study.seeds().size(), tail);
    }

    /** A progress line every 5 s (and at the end), unless --quiet. */
    private StudyRunner.Progress progress(PrintWriter pw) {
        long[] lastPrint = {0};
        return (done, total, stepsDone, stepsTotal, sps) -> {
            long now = System.nanoTime();
            if (quiet || (now - lastPrint[0] < 5_000_000_000L && done < total)) {
                return;
            }
            lastPrint[0] = now;
            double eta = sps > 0 ? Math.max(0, stepsTotal - stepsDone) / sps : Double.NaN;
            pw.printf(Locale.ROOT, "runs %d/%d  steps %d/%d  %.0f steps/s  ETA %s%n", done, total, stepsDone, stepsTotal, sps, formatEta(eta));
            pw.flush();
        };
    }

    /** Prints the failed runs; exit code 1 if any failed, else 0. */
    private int failures(List<StudyRunner.RunOutcome> outcomes) {
        long failed = outcomes.stream().filter(o -> o.failure() != null).count();
        if (failed > 0) {
            for (StudyRunner.RunOutcome o : outcomes) {
                if (o.failure() != null) {
                    spec.commandLine().getErr().println("lpdm: run " + o.key().label() + " failed: " + o.failure());
                }
            }
            spec.commandLine().getErr().println("lpdm: " + failed + " of " + outcomes.size() + " runs failed; rerun with --resume after fixing the cause");
            return 1;
        }
        return 0;
    }

    /** The command shown in the report that reruns the study into {@code dir} (also what {@code gather} shows). */
    static String reproduceCommand(Path studyFile, StudySpec study, Path dir, int bootstrap) {
        return StudyReport.compareCommand(studyFile, study, dir, bootstrap);
    }

    /** {@code --shard I/N}: runs this shard's runs (resuming its own), records them, writes no report. */
    private int runShard(PrintWriter pw, StudySpec study, Path dir, Shard share) throws java.io.IOException {
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        int mine = share.select(study.runs()).size();
        pw.printf(Locale.ROOT, "shard %s: %d of the study's %d runs on %d worker threads -> %s%n", share, mine, study.runs().size(), j, dir);
        pw.flush();
        Shard.prepareStudyDirectory(dir, study);
        List<StudyRunner.RunOutcome> outcomes = StudyRunner.run(study, dir, j, true, progress(pw), share);
        share.writeMarker(dir, study, studyFile);
        long failed = outcomes.stream().filter(o -> o.failure() != null).count();
        pw.printf(Locale.ROOT, "shard %s: %d of %d runs completed in %s; when every shard is done: lpdm gather DIR... --out DIR%n", share,
                outcomes.size() - failed, outcomes.size(), dir);
        return failures(outcomes);
    }

    static String formatEta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60) : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
