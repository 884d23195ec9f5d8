package lpdm.rl;

import lpdm.core.dist.Categorical;
import lpdm.core.dist.DiagonalGaussian;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Space;

/**
 * Turns the actor network's output row into an action distribution: categorical over logits for
 * {@link Discrete} spaces, a diagonal Gaussian with a state-independent learned log-std for
 * {@link Box} spaces. Actions are stored as float rows ({@code actionSize()} values; a discrete
 * action is its index as a float).
 */
public interface PolicyHead {

    /** Network output size. */
    int outputSize();

    /** Float values per stored action (1 for discrete). */
    int actionSize();

    /** Extra RL-trained parameters (the Gaussian log-std), empty for categorical. */
    java.util.List<Parameter> parameters();

    /** Samples an action into {@code action} and returns its log-probability. */
    double sample(float[] out, int offset, Rng rng, float[] action);

    /** The deterministic action (argmax / mean) into {@code action}. */
    void mode(float[] out, int offset, float[] action);

    double logProb(float[] out, int offset, float[] action, int actionOffset);

    double entropy(float[] out, int offset);

    /**
     * Accumulates the gradient of {@code a * logProb(action) + b * entropy} with respect to the
     * output row into {@code dOut[dOffset..]} (added) and into the head's own parameters' grads (added).
     */
    void accumulateGradient(float[] out, int offset, float[] action, int actionOffset, double a, double b,
                            float[] dOut, int dOffset);

    /** The head for an action space. */
    static PolicyHead forSpace(Space space, double initialLogStd) {
        if (space instanceof Discrete d) {
            return new CategoricalHead(d.n());
        }
        if (space instanceof Box b) {
            return new GaussianHead(b.size(), initialLogStd);
        }
        throw new IllegalArgumentException("unsupported action space " + space);
    }

    /** Categorical over logits. */
    final class CategoricalHead implements PolicyHead {
        private final int n;
        private final double[] scratch;

        CategoricalHead(int n) {
            this.n = n;
            this.scratch = new double[n];
        }

        @Override
        public int outputSize() {
            return n;
        }

        @Override
        public int actionSize() {
            return 1;
        }

        @Override
        public java.util.List<Parameter> parameters() {
            return java.util.List.of();
        }

        @Override
        public double sample(float[] out, int offset, Rng rng, float[] action) {
            int a = Categorical.sample(out, offset, n, rng);
            action[0] = a;
            return Categorical.logProb(out, offset, n, a);
        }

        @Override
        public void mode(float[] out, int offset, float[] action) {
            action[0] = Categorical.mode(out, offset, n);
        }

        @Override
        public double logProb(float[] out, int offset, float[] action, int actionOffset) {
            return Categorical.logProb(out, offset, n, (int) action[actionOffset]);
        }

        @Override
        public double entropy(float[] out, int offset) {
            return Categorical.entropy(out, offset, n);
        }

        @Override
        public void accumulateGradient(float[] out, int offset, float[] action, int actionOffset, double a, double b,
                                       float[] dOut, int dOffset) {
            if (a != 0) {
                Categorical.gradLogProb(out, offset, n, (int) action[actionOffset], scratch);
                for (int k = 0; k < n; k++) {
                    dOut[dOffset + k] += (float) (a * scratch[k]);
                }
            }
            if (b != 0) {
                Categorical.gradEntropy(out, offset, n, scratch);
                for (int k = 0; k < n; k++) {
                    dOut[dOffset + k] += (float) (b * scratch[k]);
                }
            }
        }
    }

    /** Diagonal Gaussian with a state-independent log-std parameter. */
    final class GaussianHead implements PolicyHead {
        private final int d;
        private final Parameter logStd;
        private final double[] gMean;
        private final double[] gLogStd;
        private final float[] actionScratch;

        GaussianHead(int d, double initialLogStd) {
            this.d = d;
            this.logStd = new Parameter("actor.log_std", 1, d);
            java.util.Arrays.fill(logStd.value, (float) initialLogStd);
            this.gMean = new double[d];
            this.gLogStd = new double[d];
            this.actionScratch = new float[d];
        }

        public Parameter logStd() {
            return logStd;
        }

        @Override
        public int outputSize() {
            return d;
        }

        @Override
        public int actionSize() {
            return d;
        }

        @Override
        public java.util.List<Parameter> parameters() {
            return java.util.List.of(logStd);
        }

        @Override
        public double sample(float[] out, int offset, Rng rng, float[] action) {
            DiagonalGaussian.sample(out, offset, logStd.value, rng, action);
            return DiagonalGaussian.logProb(out, offset, logStd.value, action);
        }

        @Override
        public void mode(float[] out, int offset, float[] action) {
            System.arraycopy(out, offset, action, 0, d);
        }

        @Override
        public double logProb(float[] out, int offset, float[] action, int actionOffset) {
            System.arraycopy(action, actionOffset, actionScratch, 0, d);
            return DiagonalGaussian.logProb(out, offset, logStd.value, actionScratch);
        }

        @Override
        public double entropy(float[] out, int offset) {
            return DiagonalGaussian.entropy(logStd.value);
        }

        @Override
        public void accumulateGradient(float[] out, int offset, float[] action, int actionOffset, double a, double b,
                                       float[] dOut, int dOffset) {
            System.arraycopy(action, actionOffset, actionScratch, 0, d);
            DiagonalGaussian.gradLogProb(out, offset, logStd.value, actionScratch, gMean, gLogStd);
            for (int k = 0; k < d; k++) {
                dOut[dOffset + k] += (float) (a * gMean[k]);
                logStd.grad[k] += (float) (a * gLogStd[k] + b); // dH/ds = 1
            }
        }
    }
}
