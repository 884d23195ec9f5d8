package lpdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import lpdm.envs.box2d.LunarLanderReplay;
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
                "LunarLander files carry the recorded random draws instead of a state; a per-episode divergence report is printed."})
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
        ObjectNode result;
        java.util.List<LunarLanderReplay.EpisodeReport> drawReports = java.util.List.of();
        try {
            String envId = doc.path("env_id").asText("");
            if (envId.startsWith("LunarLander")) {
                // Its start cannot be set from a state vector: the recorded random draws are fed instead.
                LunarLanderReplay.Result r = LunarLanderReplay.replay(doc);
                result = r.json();
                drawReports = r.reports();
            } else {
                result = TrajectoryReplay.replay(doc);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(input + ": " + e.getMessage());
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(result);
        PrintWriter pw = spec.commandLine().getOut();
        PrintWriter report = out != null ? pw : spec.commandLine().getErr();
        for (LunarLanderReplay.EpisodeReport r : drawReports) {
            if (r.recordedSteps() > 0) { // the input carried recorded observations to compare with
                report.println(r.summary());
            }
        }
        if (out != null) {
            AtomicFiles.write(out, bytes);
            int steps = 0;
            for (JsonNode e : result.path("episodes")) {
                steps += e.path("observations").size();
            }
            pw.printf("replayed %d episodes (%d steps) of %s -> %s%n", result.path("episodes").size(), steps,
                    result.path("env_id").asText(), out);
        } else {
            pw.println(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        }
        return 0;
    }
}
