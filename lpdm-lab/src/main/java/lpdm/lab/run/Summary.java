package lpdm.lab.run;

/**
 * summary.json of a run (interfaces.md). {@code finalMeanReturn} is the mean return of the last
 * 100 finished episodes (of all, if fewer); {@code bestMeanReturn100} the maximum of that running
 * mean over the run, counted from the moment min(100, episodes at the end) episodes had finished.
 */
public record Summary(String env, String algo, String learner, long seed, long total_steps, long episodes,
                      double final_mean_return, double best_mean_return_100, double wall_seconds,
                      double steps_per_second, boolean completed, long peak_heap_bytes) {
}
