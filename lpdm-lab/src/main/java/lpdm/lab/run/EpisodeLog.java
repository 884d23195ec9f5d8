package lpdm.lab.run;

import java.util.ArrayList;
import java.util.List;

/** Every finished episode of a run, with the running statistics the summary reports. */
public final class EpisodeLog {
    /** One finished episode. */
    public record Episode(long globalStep, double episodeReturn, int length) {
    }

    private final List<Episode> episodes = new ArrayList<>();

    public void add(Episode e) {
        episodes.add(e);
    }

    public List<Episode> episodes() {
        return episodes;
    }

    public int size() {
        return episodes.size();
    }

    /** Mean return of the last min(100, n) episodes, NaN if none. */
    public double meanReturnLast100() {
        return meanOfWindowEndingAt(episodes.size(), 100);
    }

    private double meanOfWindowEndingAt(int end, int window) {
        int start = Math.max(0, end - window);
        if (end - start == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = start; i < end; i++) {
            s += episodes.get(i).episodeReturn();
        }
        return s / (end - start);
    }

    /** Maximum over episode ends of the running 100-episode mean, counted once min(100, n) episodes exist. */
    public double bestMeanReturn100() {
        int n = episodes.size();
        if (n == 0) {
            return Double.NaN;
        }
        int from = Math.min(100, n);
        double best = Double.NEGATIVE_INFINITY;
        double window = 0;
        for (int i = 0; i < n; i++) {
            window += episodes.get(i).episodeReturn();
            if (i >= 100) {
                window -= episodes.get(i - 100).episodeReturn();
            }
            if (i + 1 >= from) {
                best = Math.max(best, window / Math.min(100, i + 1));
            }
        }
        return best;
    }

    /** Keeps only the first {@code count} episodes (used when resuming from a checkpoint). */
    public void truncate(int count) {
        while (episodes.size() > count) {
            episodes.remove(episodes.size() - 1);
        }
    }
}
