package lpdm.lab.run;

/** Where a run reports its progress (the CLI draws a bar or prints lines; a study aggregates). */
public interface RunProgress {
    /**
     * Called after every iteration.
     *
     * @param globalStep environment steps so far
     * @param totalSteps the budget
     * @param episodes finished episodes
     * @param meanReturn100 mean return of the last 100 episodes (NaN if none)
     * @param stepsPerSecond environment steps per second of wall time since the (re)start
     */
    void update(long globalStep, long totalSteps, long episodes, double meanReturn100, double stepsPerSecond);

    /** Reports nowhere. */
    RunProgress NONE = (g, t, e, m, s) -> {
    };
}
