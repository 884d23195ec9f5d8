package lpdm.rl;

/**
 * The per-sample terms of the PPO loss and their derivatives, pure and unit-tested. {@link Ppo}
 * averages them over a minibatch.
 */
public final class PpoLosses {
    private PpoLosses() {
    }

    /**
     * Clipped surrogate of one sample: {@code max(-A r, -A clip(r, 1 - c, 1 + c))} with
     * {@code r = exp(logratio)} (Schulman et al. 2017, eq. 7, as a loss). {@code c = infinity}
     * gives the plain policy-gradient surrogate {@code -A r}.
     */
    public static double clippedSurrogate(double advantage, double logratio, double clipCoef) {
        double ratio = Math.exp(logratio);
        return Math.max(-advantage * ratio, -advantage * clip(ratio, 1 - clipCoef, 1 + clipCoef));
    }

    /**
     * d {@link #clippedSurrogate} / d log pi(a|s) (= d / d logratio): {@code -A r} where the
     * unclipped term is the maximum, 0 where the clipped term is (it is constant in r there).
     */
    public static double clippedSurrogateGradient(double advantage, double logratio, double clipCoef) {
        double ratio = Math.exp(logratio);
        double unclipped = -advantage * ratio;
        double clipped = -advantage * clip(ratio, 1 - clipCoef, 1 + clipCoef);
        return unclipped >= clipped ? -advantage * ratio : 0.0;
    }

    /**
     * Value loss of one sample: {@code 0.5 (V - R)^2}, or with {@code clipVloss}
     * {@code 0.5 max((V - R)^2, (V_old + clip(V - V_old, -c, c) - R)^2)} (CleanRL's clip_vloss).
     */
    public static double valueLoss(double value, double oldValue, double target, double clipCoef, boolean clipVloss) {
        double unclipped = (value - target) * (value - target);
        if (!clipVloss) {
            return 0.5 * unclipped;
        }
        double vClipped = oldValue + clip(value - oldValue, -clipCoef, clipCoef);
        return 0.5 * Math.max(unclipped, (vClipped - target) * (vClipped - target));
    }

    /** d {@link #valueLoss} / d V: {@code V - R}, or 0 where the clipped term is the larger (it is constant in V there). */
    public static double valueLossGradient(double value, double oldValue, double target, double clipCoef, boolean clipVloss) {
        if (clipVloss) {
            double vClipped = oldValue + clip(value - oldValue, -clipCoef, clipCoef);
            if ((vClipped - target) * (vClipped - target) > (value - target) * (value - target)) {
                return 0.0;
            }
        }
        return value - target;
    }

    /** x limited to [lo, hi]. */
    public static double clip(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }

    /** 1 - Var(target - predicted) / Var(target) over {@code [0, n)} (population variances); NaN if Var(target) = 0. */
    public static double explainedVariance(float[] predicted, float[] target, int n) {
        double meanY = 0;
        double meanD = 0;
        for (int i = 0; i < n; i++) {
            meanY += target[i];
            meanD += target[i] - predicted[i];
        }
        meanY /= n;
        meanD /= n;
        double varY = 0;
        double varD = 0;
        for (int i = 0; i < n; i++) {
            double y = target[i] - meanY;
            double d = target[i] - predicted[i] - meanD;
            varY += y * y;
            varD += d * d;
        }
        return varY == 0 ? Double.NaN : 1 - varD / varY;
    }
}
