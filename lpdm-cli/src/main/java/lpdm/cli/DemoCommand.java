package lpdm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lpdm.lab.report.StudyReport;
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;
import lpdm.rl.settings.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lpdm demo}: a short paired study, back-propagation vs frozen random features vs LPDM (its
 * current defaults), PPO on CartPole-v1, 3 seeds each, with a table and a report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A short paired study on CartPole-v1 (PPO): back-propagation vs frozen hidden layers vs LPDM, 3 seeds each, "
                + "run in parallel; prints a table and the path of report.html.",
                "Equivalent to: lpdm compare --env CartPole-v1 --algo ppo --learners bp,frozen,lpdm --seeds 3 --steps 40000"})
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "study directory (default: a new directory under runs/)")
    Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "40000", description = "step budget per run (default: ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "3", description = "seeds per learner (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--jobs", paramLabel = "J", description = "worker threads (default: the number of cores)")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        // Every check before anything is printed or created (no empty run directory after a usage error).
        if (steps <= 0) {
            throw new UsageException("--steps must be positive, got " + steps);
        }
        if (jobs != null && jobs < 1) {
            throw new UsageException("--jobs must be positive, got " + jobs);
        }
        StudySpec study = StudySpec.ofLearners("CartPole-v1", "ppo", List.of("bp", "frozen", "lpdm"), seeds, steps);
        new lpdm.lab.run.RunConfig("CartPole-v1", "ppo", "bp", 1, steps, Map.of()); // the step budget's upper limit
        Path dir = out;
        if (dir == null) {
            Files.createDirectories(Path.of("runs"));
            dir = Files.createTempDirectory(Path.of("runs"), "demo-");
        }
        int j = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        pw.printf(Locale.ROOT, "lpdm demo: PPO on CartPole-v1, %d steps per run; back-propagation (bp), frozen random hidden layers (frozen) "
                + "and LPDM (lpdm), %d seeds each, %d runs on %d threads.%n", steps, seeds, study.runs().size(), j);
        pw.println("Random play scores about 22, the maximum is 500; the budget is short, so expect partial learning.");
        pw.flush();
        long start = System.nanoTime();
        long[] last = {0};
        List<StudyRunner.RunOutcome> outcomes = StudyRunner.run(study, dir, j, false, (done, total, stepsDone, stepsTotal, sps) -> {
            long now = System.nanoTime();
            if (now - last[0] > 5_000_000_000L || done == total) {
                last[0] = now;
                pw.printf(Locale.ROOT, "  runs %d/%d  steps %d/%d  %.0f steps/s%n", done, total, stepsDone, stepsTotal, sps);
                pw.flush();
            }
        });
        StudyReport report = StudyReport.build(study, dir, outcomes,
                StudyReport.Options.defaults().withCommand("lpdm compare --env CartPole-v1 --algo ppo --learners bp,frozen,lpdm --seeds "
                        + seeds + " --steps " + steps + " --out " + StudyReport.shellQuote(dir.toString())));
        report.write();
        pw.println();
        pw.print(report.consoleTable());
        pw.printf(Locale.ROOT, "%nwall time %.0f s%n", (System.nanoTime() - start) / 1e9);
        pw.println("report: " + dir.resolve(StudyReport.REPORT_HTML).toAbsolutePath());
        return outcomes.stream().anyMatch(o -> o.failure() != null) ? 1 : 0;
    }
}
