package lpdm.rl;

/** Pure return computations, unit-tested on hand-built cases. */
public final class Returns {
    private Returns() {
    }

    /**
     * Discounted return-to-go of one finished episode:
     * G_t = r_t + gamma G_{t+1}, with G_T = {@code bootstrap} after the last step.
     * Pass {@code bootstrap = 0} when the episode terminated, and the critic's value of the final
     * observation when a time limit truncated it (the MDP did not end there).
     */
    public static void discountedReturns(double[] rewards, int from, int length, double gamma, double bootstrap, double[] out) {
        double g = bootstrap;
        for (int t = from + length - 1; t >= from; t--) {
            g = rewards[t] + gamma * g;
            out[t] = g;
        }
    }

    /** Normalises {@code x[0..n)} to zero mean and unit standard deviation (unbiased std + 1e-8), in place. */
    public static void normaliseInPlace(double[] x, int n) {
        if (n == 0) {
            return;
        }
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += x[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = x[i] - mean;
            var += d * d;
        }
        double std = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
        for (int i = 0; i < n; i++) {
            x[i] = (x[i] - mean) / (std + 1e-8);
        }
    }
}
