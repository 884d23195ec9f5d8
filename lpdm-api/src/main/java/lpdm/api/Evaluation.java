package lpdm.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lpdm.lab.eval.Evaluator;
import lpdm.lab.run.Json;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.settings.UsageException;

/**
 * The evaluation of a run's last checkpoint, as {@code lpdm eval} computes it: deterministic
 * actions (argmax or Gaussian mean) and stochastic ones (sampled), on the same episodes (episode
 * {@code i} reset with seed {@code seed + i}), with the observation normalisation of the
 * checkpoint frozen.
 *
 * @param runDirectory the evaluated run
 * @param globalStep environment steps the checkpoint was trained for
 * @param seed the seed of the first episode
 * @param maxEpisodeSteps the step cap of an episode (episodes the env had not ended by then are
 *     counted in each result's {@code cut})
 * @param deterministic returns and lengths with deterministic actions
 * @param stochastic returns and lengths with sampled actions
 */
public record Evaluation(Path runDirectory, long globalStep, long seed, long maxEpisodeSteps, Evaluator.Result deterministic,
                         Evaluator.Result stochastic) {

    static Evaluation of(Path runDir, int episodes, long seed, List<BufferedImage> frames, int maxFrames, long maxEpisodeSteps)
            throws IOException {
        if (episodes <= 0) {
            throw new UsageException("--episodes must be positive, got " + episodes);
        }
        if (maxEpisodeSteps <= 0) {
            throw new UsageException("--max-episode-steps must be positive, got " + maxEpisodeSteps);
        }
        if (seed < 0) {
            throw new UsageException("--seed must be a non-negative integer, got " + seed);
        }
        if (!Files.exists(runDir.resolve(TrainingRun.CHECKPOINT))) {
            throw new UsageException(runDir + " has no checkpoint to evaluate (" + TrainingRun.CHECKPOINT + ")");
        }
        TrainingRun run = TrainingRun.resume(runDir);
        Evaluator.Result det = Evaluator.evaluate(run.algorithm(), episodes, seed, true, frames, maxFrames, maxEpisodeSteps);
        Evaluator.Result sto = Evaluator.evaluate(run.algorithm(), episodes, seed, false, null, 0, maxEpisodeSteps);
        return new Evaluation(runDir, run.algorithm().globalStep(), seed, maxEpisodeSteps, det, sto);
    }

    /**
     * Writes the evaluation as {@code lpdm eval} writes eval.json (docs/interfaces.md): run,
     * global_step, seed, max_episode_steps, and per mode the returns, lengths, mean, std, min, max
     * and episodes_cut (episodes ended by the step cap).
     *
     * @param file the file to write, e.g. {@code runDirectory().resolve("eval.json")}
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("run", runDirectory.toString());
        json.put("global_step", globalStep);
        json.put("seed", seed);
        json.put("max_episode_steps", maxEpisodeSteps);
        for (Evaluator.Result r : List.of(deterministic, stochastic)) {
            ObjectNode o = json.putObject(r.mode());
            ArrayNode rs = o.putArray("returns");
            r.returns().forEach(rs::add);
            ArrayNode ls = o.putArray("lengths");
            r.lengths().forEach(ls::add);
            o.put("mean", r.mean());
            o.put("std", r.std());
            o.put("min", r.min());
            o.put("max", r.max());
            o.put("episodes_cut", r.cut());
        }
        Json.write(file, json);
    }
}
