package lpdm.envs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Replays a document of recorded episodes in a format of the env's own (for example LunarLander's
 * recorded random draws, or MinAtar's golden trajectories), offered by an {@link EnvProvider} for
 * the ids it registers; {@code lpdm replay} uses it in place of the state-vector replay of
 * {@link lpdm.envs.replay.TrajectoryReplay}.
 */
@FunctionalInterface
public interface EnvReplayer {

    /**
     * Replays every episode of {@code document} (not modified). Bad input fails with an
     * {@link IllegalArgumentException} whose message names the episode and the field.
     *
     * @param document the recorded episodes
     * @return the replayed document and a report
     */
    Result replay(JsonNode document);

    /**
     * What a replay returns.
     *
     * @param document the output: the input with every field the replay computes replaced
     * @param report lines describing how the replay compares with values recorded in the input
     *     (empty when the input recorded none)
     */
    record Result(ObjectNode document, List<String> report) {
        /**
         * Keeps a copy of {@code report}.
         *
         * @param document the output document
         * @param report the comparison lines
         */
        public Result {
            report = List.copyOf(report);
        }
    }
}
