package lpdm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lpdm.lab.eval.Evaluator;
import lpdm.lab.eval.GifWriter;
import lpdm.lab.run.Json;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.settings.UsageException;
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

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (episodes <= 0) {
            throw new UsageException("--episodes must be positive, got " + episodes);
        }
        if (seed < 0) {
            throw new UsageException("--seed must be a non-negative integer, got " + seed);
        }
        if (!Files.exists(runDir.resolve(TrainingRun.CHECKPOINT))) {
            throw new UsageException(runDir + " has no checkpoint to evaluate (" + TrainingRun.CHECKPOINT + ")");
        }
        PrintWriter pw = spec.commandLine().getOut();
        TrainingRun run = TrainingRun.resume(runDir);
        List<BufferedImage> frames = gif != null ? new ArrayList<>() : null;
        Evaluator.Result det = Evaluator.evaluate(run.algorithm(), episodes, seed, true, frames, maxFrames);
        Evaluator.Result sto = Evaluator.evaluate(run.algorithm(), episodes, seed, false, null, 0);
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("run", runDir.toString());
        json.put("global_step", run.algorithm().globalStep());
        json.put("seed", seed);
        for (Evaluator.Result r : List.of(det, sto)) {
            ObjectNode o = json.putObject(r.mode());
            ArrayNode rs = o.putArray("returns");
            r.returns().forEach(rs::add);
            ArrayNode ls = o.putArray("lengths");
            r.lengths().forEach(ls::add);
            o.put("mean", r.mean());
            o.put("std", r.std());
            o.put("min", r.min());
            o.put("max", r.max());
            pw.printf(Locale.ROOT, "%-13s return %.2f +- %.2f (min %.2f, max %.2f) over %d episodes%n", r.mode(), r.mean(), r.std(), r.min(),
                    r.max(), r.returns().size());
        }
        Json.write(runDir.resolve("eval.json"), json);
        if (gif != null) {
            GifWriter.write(gif, frames, 40);
            pw.println("gif: " + gif + " (" + frames.size() + " frames)");
        }
        pw.println("written: " + runDir.resolve("eval.json"));
        return 0;
    }
}
