package lpdm.core.dist;

import lpdm.core.random.Rng;

/**
 * A diagonal Gaussian over R^d with mean mu (a row of d floats) and log standard deviations s
 * (state-independent in PPO, d floats).
 *
 * <p>log p(a) = -sum_i [ (a_i - mu_i)^2 / (2 e^{2 s_i}) + s_i + log(2 pi) / 2 ];
 * d log p / d mu_i = (a_i - mu_i) / sigma_i^2; d log p / d s_i = (a_i - mu_i)^2 / sigma_i^2 - 1;
 * entropy H = sum_i (s_i + (1 + log 2 pi) / 2), dH / d s_i = 1, dH / d mu = 0.
 */
public final class DiagonalGaussian {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private DiagonalGaussian() {
    }

    /** out[i] = mu_i + sigma_i * n_i with standard normal n_i. */
    public static void sample(float[] mean, int offset, float[] logStd, Rng rng, float[] out) {
        for (int i = 0; i < logStd.length; i++) {
            out[i] = (float) (mean[offset + i] + Math.exp(logStd[i]) * rng.nextGaussian());
        }
    }

    public static double logProb(float[] mean, int offset, float[] logStd, float[] action) {
        double sum = 0;
        for (int i = 0; i < logStd.length; i++) {
            double s = logStd[i];
            double diff = action[i] - mean[offset + i];
            sum += -diff * diff / (2 * Math.exp(2 * s)) - s - HALF_LOG_TWO_PI;
        }
        return sum;
    }

    public static double entropy(float[] logStd) {
        double sum = 0;
        for (float s : logStd) {
            sum += s + 0.5 + HALF_LOG_TWO_PI;
        }
        return sum;
    }

    /** d log p / d mu into gradMean (length d) and d log p / d s into gradLogStd (length d). */
    public static void gradLogProb(float[] mean, int offset, float[] logStd, float[] action,
                                   double[] gradMean, double[] gradLogStd) {
        for (int i = 0; i < logStd.length; i++) {
            double var = Math.exp(2.0 * logStd[i]);
            double diff = action[i] - mean[offset + i];
            gradMean[i] = diff / var;
            gradLogStd[i] = diff * diff / var - 1;
        }
    }
}
