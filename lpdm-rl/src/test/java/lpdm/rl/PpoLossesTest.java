package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import lpdm.core.random.Rng;
import org.junit.jupiter.api.Test;

/** The per-sample PPO loss terms: hand values at each branch, and derivatives against central differences. */
class PpoLossesTest {
    private static final double C = 0.2;

    @Test
    void surrogateHandValues() {
        double ln = Math.log(1.5); // ratio 1.5, outside [0.8, 1.2]
        // A = 2 > 0, r = 1.5: max(-3, -2 * 1.2 = -2.4) = -2.4 (clipped: no incentive beyond 1 + c)
        assertThat(PpoLosses.clippedSurrogate(2, ln, C)).isCloseTo(-2.4, within(1e-12));
        assertThat(PpoLosses.clippedSurrogateGradient(2, ln, C)).isEqualTo(0.0);
        // A = -2 < 0, r = 1.5: max(3, 2.4) = 3 (the pessimistic unclipped term), d/dlog r = -A r = 3
        assertThat(PpoLosses.clippedSurrogate(-2, ln, C)).isCloseTo(3.0, within(1e-12));
        assertThat(PpoLosses.clippedSurrogateGradient(-2, ln, C)).isCloseTo(3.0, within(1e-12));
        // inside the range, r = 1.1: loss -A r, gradient -A r
        double l11 = Math.log(1.1);
        assertThat(PpoLosses.clippedSurrogate(2, l11, C)).isCloseTo(-2.2, within(1e-12));
        assertThat(PpoLosses.clippedSurrogateGradient(2, l11, C)).isCloseTo(-2.2, within(1e-12));
        // A = 2, r = 0.5 (below 1 - c): max(-1, -1.6) = -1, unclipped, gradient -1
        double l05 = Math.log(0.5);
        assertThat(PpoLosses.clippedSurrogate(2, l05, C)).isCloseTo(-1.0, within(1e-12));
        assertThat(PpoLosses.clippedSurrogateGradient(2, l05, C)).isCloseTo(-1.0, within(1e-12));
        // no clipping (A2C): -A r everywhere
        assertThat(PpoLosses.clippedSurrogate(2, ln, Double.POSITIVE_INFINITY)).isCloseTo(-3.0, within(1e-12));
        assertThat(PpoLosses.clippedSurrogateGradient(2, ln, Double.POSITIVE_INFINITY)).isCloseTo(-3.0, within(1e-12));
    }

    @Test
    void valueLossHandValues() {
        // V = 3, V_old = 1, R = 2, c = 0.2: unclipped 0.5 * 1 = 0.5; V_clipped = 1.2 -> 0.5 * 0.64 = 0.32; max = 0.5, grad V - R = 1
        assertThat(PpoLosses.valueLoss(3, 1, 2, C, true)).isCloseTo(0.5, within(1e-12));
        assertThat(PpoLosses.valueLossGradient(3, 1, 2, C, true)).isCloseTo(1.0, within(1e-12));
        // V = 3, V_old = 1, R = 0: unclipped 0.5 * 9 = 4.5; clipped 0.5 * 1.44 = 0.72; grad 3
        assertThat(PpoLosses.valueLoss(3, 1, 0, C, true)).isCloseTo(4.5, within(1e-12));
        // V = 1.5, V_old = 1, R = 1.4: unclipped 0.5 * 0.01 = 0.005; V_clipped = 1.2 -> 0.5 * 0.04 = 0.02 wins; grad 0
        assertThat(PpoLosses.valueLoss(1.5, 1, 1.4, C, true)).isCloseTo(0.02, within(1e-12));
        assertThat(PpoLosses.valueLossGradient(1.5, 1, 1.4, C, true)).isEqualTo(0.0);
        // without clipping: 0.5 * 0.01, grad 0.1
        assertThat(PpoLosses.valueLoss(1.5, 1, 1.4, C, false)).isCloseTo(0.005, within(1e-12));
        assertThat(PpoLosses.valueLossGradient(1.5, 1, 1.4, C, false)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void gradientsMatchCentralDifferencesAwayFromKinks() {
        Rng rng = new Rng(7);
        double h = 1e-6;
        int checked = 0;
        for (int k = 0; k < 2000; k++) {
            double a = rng.uniform(-3, 3);
            double logratio = rng.uniform(-0.6, 0.6);
            double r = Math.exp(logratio);
            if (Math.abs(r - (1 - C)) < 1e-3 || Math.abs(r - (1 + C)) < 1e-3) {
                continue;
            }
            double fd = (PpoLosses.clippedSurrogate(a, logratio + h, C) - PpoLosses.clippedSurrogate(a, logratio - h, C)) / (2 * h);
            assertThat(PpoLosses.clippedSurrogateGradient(a, logratio, C)).isCloseTo(fd, within(1e-6));

            double v = rng.uniform(-2, 2);
            double vOld = rng.uniform(-2, 2);
            double target = rng.uniform(-2, 2);
            double vClipped = vOld + PpoLosses.clip(v - vOld, -C, C);
            boolean nearKink = Math.abs(Math.abs(v - vOld) - C) < 1e-3
                    || Math.abs(Math.abs(vClipped - target) - Math.abs(v - target)) < 1e-3;
            if (!nearKink) {
                for (boolean clipV : new boolean[] {true, false}) {
                    double fdv = (PpoLosses.valueLoss(v + h, vOld, target, C, clipV) - PpoLosses.valueLoss(v - h, vOld, target, C, clipV)) / (2 * h);
                    assertThat(PpoLosses.valueLossGradient(v, vOld, target, C, clipV)).isCloseTo(fdv, within(1e-6));
                }
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(1500);
    }

    @Test
    void explainedVariance() {
        float[] y = {1, 2, 3, 4};
        // perfect prediction: 1
        assertThat(PpoLosses.explainedVariance(y, y, 4)).isCloseTo(1.0, within(1e-12));
        // predicting a constant: Var(y - c) = Var(y): 0
        assertThat(PpoLosses.explainedVariance(new float[] {7, 7, 7, 7}, y, 4)).isCloseTo(0.0, within(1e-12));
        // y - pred = [1, 0, 1, 0]: Var = 0.25; Var(y) = 1.25: 1 - 0.2 = 0.8
        assertThat(PpoLosses.explainedVariance(new float[] {0, 2, 2, 4}, y, 4)).isCloseTo(0.8, within(1e-12));
        // constant target: NaN (as CleanRL)
        assertThat(PpoLosses.explainedVariance(y, new float[] {5, 5, 5, 5}, 4)).isNaN();
    }
}
