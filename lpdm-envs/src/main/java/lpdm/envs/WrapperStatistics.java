package lpdm.envs;

/**
 * Statistics a {@link Wrapper} accumulates over the steps it sees (a running normaliser's mean and
 * variance) that belong in a checkpoint: {@link Wrapper#saveState} stores them under
 * {@code prefix + ".stats"} and {@link Wrapper#loadState} restores them. Wrappers implement it
 * through {@code StatefulWrapper} (package {@code wrappers}), which adds freezing for evaluation;
 * this part lives here so that {@code Wrapper} needs nothing from the wrappers package.
 */
public interface WrapperStatistics {

    /**
     * A copy of the statistics.
     *
     * @return the values, in a layout the implementing class documents
     */
    double[] saveState();

    /**
     * Restores statistics produced by {@link #saveState()} of a wrapper of the same kind and size.
     *
     * @param state what {@link #saveState()} returned
     */
    void loadState(double[] state);
}
