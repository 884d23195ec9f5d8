package lpdm.cli;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lpdm.api.Evaluation;
import lpdm.api.Lpdm;
import lpdm.lab.eval.Evaluator;
import lpdm.lab.eval.GifWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lpdm eval RUN_DIR}: evaluates the run's last checkpoint, deterministically and stochastically. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a run's last checkpoint: deterministic (argmax / mean action) and stochastic (sampled) episodes.",
                "Writes RUN_DIR/eval.json; --gif records the first deterministic episode."})
public final class EvalCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory written by 'lpdm train'")
    Path runDir;

    @Option(names = "--episodes", paramLabel = "N", defaultValue = "10", description = "episodes per mode (default: ${DEFAULT-VALUE})")
    int episodes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1000000", description = "episode i is reset with seed S + i (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--gif", paramLabel = "FILE", description = "write an animated GIF of the first deterministic episode")
    Path gif;

    @Option(names = "--max-frames", paramLabel = "N", defaultValue = "500", description = "frames kept for the GIF (default: ${DEFAULT-VALUE})")
    int maxFrames;

    @Option(names = "--max-episode-steps", paramLabel = "N", defaultValue = "" + Evaluator.DEFAULT_MAX_EPISODE_STEPS,
            description = "end an episode after N steps if the env has not (envs without a time limit, e.g. most MinAtar games; "
                    + "default: ${DEFAULT-VALUE})")
    long maxEpisodeSteps;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        List<BufferedImage> frames = gif != null ? new ArrayList<>() : null;
        Evaluation evaluation = Lpdm.evaluate(runDir, episodes, seed, frames, maxFrames, maxEpisodeSteps);
        for (Evaluator.Result r : List.of(evaluation.deterministic(), evaluation.stochastic())) {
            pw.printf(Locale.ROOT, "%-13s return %.2f +- %.2f (min %.2f, max %.2f) over %d episodes%s%n", r.mode(), r.mean(), r.std(), r.min(),
                    r.max(), r.returns().size(), r.cut() == 0 ? ""
                            : String.format(Locale.ROOT, "; %d cut at %d steps (--max-episode-steps), the env had not ended them", r.cut(),
                                    maxEpisodeSteps));
        }
        evaluation.write(runDir.resolve("eval.json"));
        if (gif != null) {
            GifWriter.write(gif, frames, 40);
            pw.println("gif: " + gif + " (" + frames.size() + " frames)");
        }
        pw.println("written: " + runDir.resolve("eval.json"));
        return 0;
    }
}
