package lpdm.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lpdm.lab.export.PolicyExport;
import lpdm.lab.run.BuildInfo;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.settings.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lpdm export RUN_DIR --onnx FILE}: the policy of the run's last checkpoint as an ONNX model. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export the policy of a run's last checkpoint as an ONNX model (opset 13): input 'observation'",
                "(float32 [batch, n], raw env observations as lpdm's envs give them; a grid flattened channels last),",
                "output 'action_logits' (Discrete actions) or 'action_mean' (Box actions), with the run's observation",
                "normalisation and clipping in the graph. Dense and convolutional networks."})
public final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory written by 'lpdm train'")
    Path runDir;

    @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "the ONNX file to write (replaced if it exists)")
    Path onnx;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(runDir.resolve(TrainingRun.CHECKPOINT))) {
            throw new UsageException(runDir + " has no checkpoint to export (" + TrainingRun.CHECKPOINT + ")");
        }
        if (Files.isDirectory(onnx)) {
            throw new UsageException("--onnx " + onnx + " is a directory; give the file to write");
        }
        PrintWriter pw = spec.commandLine().getOut();
        TrainingRun run = TrainingRun.resume(runDir);
        RunConfig c = run.config();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("lpdm.env", c.env());
        metadata.put("lpdm.algo", c.algo());
        metadata.put("lpdm.learner", c.learner());
        metadata.put("lpdm.seed", Long.toString(c.seed()));
        metadata.put("lpdm.global_step", Long.toString(run.algorithm().globalStep()));
        metadata.put("lpdm.activation", run.algorithm().agent().activation().settingName());
        PolicyExport.Exported e = PolicyExport.write(onnx, run.algorithm(), metadata, BuildInfo.lpdmVersion());
        pw.printf(Locale.ROOT, "policy of %s %s %s seed %d at step %d: %s%n", c.env(), c.algo(), c.learner(), c.seed(),
                run.algorithm().globalStep(), e.describe());
        pw.println("written: " + onnx + " (" + e.model().length + " bytes)");
        return 0;
    }
}
