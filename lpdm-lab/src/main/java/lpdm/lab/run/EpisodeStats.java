package lpdm.lab.run;

/**
 * The running statistics of a run's finished episodes, in constant memory: the count, the mean
 * return of the last 100 and the best running 100-episode mean. Gives the same numbers, to the
 * bit, as {@link EpisodeLog} over the same returns (same sums in the same order).
 */
public final class EpisodeStats {
    private static final int WINDOW = 100;
    private final double[] last = new double[WINDOW];
    private long count;
    /** Running sum of the last 100 returns, updated as {@link EpisodeLog#bestMeanReturn100} does. */
    private double window;
    /** Best running mean over the episode ends with at least 100 episodes finished. */
    private double bestFull = Double.NEGATIVE_INFINITY;

    public void add(double episodeReturn) {
        window += episodeReturn;
        if (count >= WINDOW) {
            window -= last[(int) (count % WINDOW)];
        }
        last[(int) (count % WINDOW)] = episodeReturn;
        count++;
        if (count >= WINDOW) {
            bestFull = Math.max(bestFull, window / WINDOW);
        }
    }

    public long count() {
        return count;
    }

    /** Mean return of the last min(100, n) episodes, NaN if none. */
    public double meanReturnLast100() {
        int n = (int) Math.min(WINDOW, count);
        if (n == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (long i = count - n; i < count; i++) {
            s += last[(int) (i % WINDOW)];
        }
        return s / n;
    }

    /**
     * Maximum over episode ends of the running 100-episode mean, counted once min(100, n) episodes
     * exist (with fewer than 100 episodes: the mean of all), NaN if none.
     */
    public double bestMeanReturn100() {
        if (count == 0) {
            return Double.NaN;
        }
        return count >= WINDOW ? bestFull : window / count;
    }
}
