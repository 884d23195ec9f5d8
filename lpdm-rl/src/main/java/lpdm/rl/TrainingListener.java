package lpdm.rl;

import java.util.Map;

/**
 * Receives what a training run produces, as typed template methods (no untyped locals).
 * Implementations write files, draw progress bars, or stop the run.
 */
public interface TrainingListener {

    /** A finished episode (by termination or truncation) of the training envs. */
    default void onEpisode(long globalStep, double episodeReturn, int episodeLength) {
    }

    /**
     * The end of one iteration (rollout + update). {@code metrics} holds the algorithm's losses
     * and the learners' per-layer diagnostics. Return false to stop training after this iteration.
     */
    default boolean onIteration(Algorithm algorithm, long iteration, long globalStep, Map<String, Double> metrics) {
        return true;
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
