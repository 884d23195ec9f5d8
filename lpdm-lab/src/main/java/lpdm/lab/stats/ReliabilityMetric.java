package lpdm.lab.stats;

/**
 * The reliability metrics of Chan et al. (2020), "Measuring the Reliability of Reinforcement
 * Learning Algorithms", with the direction in which a value is better. See {@link Reliability} for
 * the formulas.
 */
public enum ReliabilityMetric {
    /** Dispersion across Time: IQR of the detrended curve within windows / curve range. */
    DT(false, true),
    /** Short-term Risk across Time: lower CVaR of the detrended curve / curve range. */
    SRT(true, true),
    /** Long-term Risk across Time: CVaR of the worst drawdowns (upper tail) / curve range. */
    LRT(false, true),
    /** Dispersion across Runs: IQR across runs of the low-passed curves / median curve range. */
    DR(false, false),
    /** Risk across Runs: lower CVaR across runs of the range-normalised, low-passed curves. */
    RR(true, false),
    /** Dispersion across rollouts of the fixed final policy: IQR of evaluation returns. */
    IQR_AFTER_LEARNING(false, true),
    /** Risk across rollouts of the fixed final policy: lower CVaR of evaluation returns. */
    CVAR_AFTER_LEARNING(true, true);

    private final boolean higherIsBetter;
    private final boolean perRun;

    ReliabilityMetric(boolean higherIsBetter, boolean perRun) {
        this.higherIsBetter = higherIsBetter;
        this.perRun = perRun;
    }

    /** Whether larger values mean a more reliable learner. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /**
     * Whether the metric has one value per run (summarised by the mean over runs) rather than one
     * value per set of runs.
     */
    public boolean perRun() {
        return perRun;
    }
}
