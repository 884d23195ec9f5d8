package lpdm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpdm demo}: a short real training run on CartPole-v1 that prints what it got. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A short real training on CartPole-v1 (REINFORCE, back-propagation) that prints what it got.")
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the run (default: a new temporary directory)")
    Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "60000", description = "step budget (default: ${DEFAULT-VALUE})")
    long steps;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        Path dir = out != null ? out : Files.createTempDirectory("lpdm-demo-").resolve("run");
        RunConfig config = new RunConfig("CartPole-v1", "reinforce", "bp", 1, steps, Map.of());
        pw.println("Training REINFORCE (back-propagation) on CartPole-v1 for " + steps + " steps, seed 1 ...");
        TrainingRun run = TrainingRun.create(dir, config);
        Summary s;
        try (ConsoleProgress progress = new ConsoleProgress(pw, false, steps, "demo")) {
            s = run.run(progress);
        }
        pw.printf("final mean return (last 100 episodes): %.1f  (random play is about 22, the maximum 500)%n", s.final_mean_return());
        pw.printf("%d episodes in %.1f s, %.0f steps/s%n", s.episodes(), s.wall_seconds(), s.steps_per_second());
        pw.println("learning curve: " + dir.resolve(TrainingRun.CURVE));
        pw.println("run directory:  " + dir);
        return 0;
    }
}
