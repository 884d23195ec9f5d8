package lpdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import lpdm.envs.EnvReplayer;
import lpdm.envs.replay.TrajectoryReplay;
import lpdm.lab.run.AtomicFiles;
import lpdm.lab.run.Json;
import lpdm.rl.settings.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lpdm replay FILE}: open-loop replay of recorded episodes (trajectory format of interfaces.md). */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay recorded episodes: set each episode's initial_state, apply its actions, and write the same JSON "
                + "with initial_observation, observations, rewards, terminated and truncated added.",
                "Envs with a recording format of their own are replayed in it (LunarLander: recorded random draws; "
                        + "MinAtar: golden trajectories with seeds); where the input holds recorded values, a per-episode report is printed."})
public final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TRAJECTORIES.json", description = "input: {env_id, episodes: [{name, initial_state, actions}]}")
    Path input;

    @Option(names = "--out", paramLabel = "FILE", description = "write the result here (default: standard output)")
    Path out;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        if (!Files.isReadable(input)) {
            throw new UsageException("cannot read trajectory file " + input);
        }
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(input.toFile());
        } catch (IOException e) {
            throw new UsageException("trajectory file " + input + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        EnvReplayer.Result replayed;
        try {
            replayed = TrajectoryReplay.replayAny(doc);
        } catch (IllegalArgumentException e) {
            throw new UsageException(input + ": " + e.getMessage());
        }
        ObjectNode result = replayed.document();
        byte[] bytes = Json.MAPPER.writeValueAsBytes(result);
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter report = out != null ? pw : spec.commandLine().getErr();
        for (String line : replayed.report()) {
            report.println(line);
        }
        if (out != null) {
            AtomicFiles.write(out, bytes);
            int steps = 0;
            for (JsonNode e : result.path("episodes")) {
                steps += e.has("observations") ? e.path("observations").size() : e.path("obs").size(); // MinAtar: "obs"
            }
            pw.printf(Locale.ROOT, "replayed %d episodes (%d steps) of %s -> %s%n", result.path("episodes").size(), steps,
                    result.path("env_id").asText(), out);
        } else {
            pw.println(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        return 0;
    }
}
