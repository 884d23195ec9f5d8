package lpdm.core.dist;

import lpdm.core.random.Rng;

/**
 * The categorical distribution over {0..K-1} parameterised by logits z (one row of K floats at
 * {@code offset} in an array). Probabilities p = softmax(z); computed in double with the maximum
 * subtracted for stability.
 *
 * <p>Gradients with respect to the logits: d log p_a / dz_k = [k = a] - p_k;
 * for the entropy H = -sum_k p_k log p_k: dH/dz_k = -p_k (log p_k + H).
 */
public final class Categorical {
    private Categorical() {
    }

    /** log p_k for every k, written to {@code out} (length K). */
    public static void logProbabilities(float[] logits, int offset, int k, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        double logSum = max + Math.log(sum);
        for (int i = 0; i < k; i++) {
            out[i] = logits[offset + i] - logSum;
        }
    }

    /** Draws an action by inverse CDF with one uniform draw. */
    public static int sample(float[] logits, int offset, int k, Rng rng) {
        double[] lp = new double[k];
        logProbabilities(logits, offset, k, lp);
        double u = rng.nextDouble();
        double c = 0;
        for (int i = 0; i < k; i++) {
            c += Math.exp(lp[i]);
            if (u < c) {
                return i;
            }
        }
        // Rounding left u above the total: return the last action with non-zero probability.
        for (int i = k - 1; i >= 0; i--) {
            if (lp[i] > Double.NEGATIVE_INFINITY) {
                return i;
            }
        }
        return k - 1;
    }

    /** The most likely action (first on ties). */
    public static int mode(float[] logits, int offset, int k) {
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (logits[offset + i] > logits[offset + best]) {
                best = i;
            }
        }
        return best;
    }

    public static double logProb(float[] logits, int offset, int k, int action) {
        if (action < 0 || action >= k) {
            throw new IllegalArgumentException("action " + action + " outside 0.." + (k - 1));
        }
        double[] lp = new double[k];
        logProbabilities(logits, offset, k, lp);
        return lp[action];
    }

    public static double entropy(float[] logits, int offset, int k) {
        double[] lp = new double[k];
        logProbabilities(logits, offset, k, lp);
        double h = 0;
        for (int i = 0; i < k; i++) {
            double p = Math.exp(lp[i]);
            if (p > 0) {
                h -= p * lp[i];
            }
        }
        return h;
    }

    /** out[k] = d log p_action / d z_k = [k = action] - p_k. */
    public static void gradLogProb(float[] logits, int offset, int k, int action, double[] out) {
        double[] lp = new double[k];
        logProbabilities(logits, offset, k, lp);
        for (int i = 0; i < k; i++) {
            out[i] = (i == action ? 1.0 : 0.0) - Math.exp(lp[i]);
        }
    }

    /** out[k] = dH / d z_k = -p_k (log p_k + H). */
    public static void gradEntropy(float[] logits, int offset, int k, double[] out) {
        double[] lp = new double[k];
        logProbabilities(logits, offset, k, lp);
        double h = 0;
        for (int i = 0; i < k; i++) {
            double p = Math.exp(lp[i]);
            if (p > 0) {
                h -= p * lp[i];
            }
        }
        for (int i = 0; i < k; i++) {
            double p = Math.exp(lp[i]);
            out[i] = p > 0 ? -p * (lp[i] + h) : 0.0;
        }
    }
}
