package lpdm.core.learn;

import lpdm.core.learn.kernels.FastPairwiseDistanceLoss;
import lpdm.core.tensor.Matrix;

/**
 * The local loss of one hidden layer and its gradient dL/dH, as {@link LocalLearner} uses it.
 * Two implementations compute the same function: {@link PairwiseDistanceLoss}, the reference,
 * written as the equations of docs/lpdm.md read, and {@link FastPairwiseDistanceLoss}, the same
 * loss on the fast kernels of {@link lpdm.core.learn.kernels}, which training uses by default.
 * Property tests hold the kernels to the reference. To run the reference instead (slower; for
 * instance after changing it), start the JVM with {@code -Dlpdm.kernel=reference}
 * ({@code LPDM_JAVA_OPTS=-Dlpdm.kernel=reference ./lpdm train ...}) or pass
 * {@link Implementation#REFERENCE} to {@link LpdmRule} or {@link FrozenRule}.
 */
public interface LocalLoss {

    /** Which implementation computes the local loss. */
    enum Implementation {
        /** The fast kernels (the default). */
        KERNELS,
        /** {@link PairwiseDistanceLoss}, the readable reference. */
        REFERENCE;

        /** The JVM property that chooses the implementation: {@code kernels} (default) or {@code reference}. */
        public static final String PROPERTY = "lpdm.kernel";

        /** The implementation the system property {@value #PROPERTY} names (kernels when it is absent). */
        public static Implementation fromSystemProperty() {
            String v = System.getProperty(PROPERTY, "kernels");
            return switch (v) {
                case "kernels" -> KERNELS;
                case "reference" -> REFERENCE;
                default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + v + ": expected kernels (the fast kernels, default) or reference (the readable reference, slower)");
            };
        }
    }

    /** The loss with {@code config}'s settings (guidance, form, normalisation, eps, gradient form) in {@code implementation}. */
    static LocalLoss of(LpdmConfig config, Implementation implementation) {
        return implementation == Implementation.REFERENCE ? PairwiseDistanceLoss.of(config) : FastPairwiseDistanceLoss.of(config);
    }

    /**
     * Computes the loss and writes dL/dH into {@code gradH}.
     *
     * @param x layer input, N x d_in (not modified)
     * @param inputSquared the squared input distances of {@code pairs} if known (the previous layer's
     *        {@link #outputSquaredDistances()} over the same pairs), or null to compute them from x;
     *        an implementation may ignore them
     * @param h layer output, N x d_out (not modified)
     * @param signal standardised guidance signal of length N, or null for no guidance
     * @param pairs the pairs, over N = x.rows samples
     * @param gradH dL/dH, N x d_out (modified)
     * @return the loss L (0 when there are no pairs)
     */
    double evaluate(Matrix x, float[] inputSquared, Matrix h, double[] signal, PairSet pairs, Matrix gradH);

    /** {@link #evaluate(Matrix, float[], Matrix, double[], PairSet, Matrix)} with the input distances computed from x. */
    default double evaluate(Matrix x, Matrix h, double[] signal, PairSet pairs, Matrix gradH) {
        return evaluate(x, null, h, signal, pairs, gradH);
    }

    /**
     * The squared output distances (float, one per pair) of the last {@link #evaluate}, valid until
     * the call after next: the next layer's input distances over the same pairs.
     */
    float[] outputSquaredDistances();

    /** The loss of the last {@link #evaluate} (NaN before the first). */
    double loss();

    /** Pearson correlation of Din and Dout over the last call's pairs (NaN if either is constant). */
    double distCorr();

    /** mean Dout / mean Din over the last call's pairs (NaN if mean Din = 0). */
    double outScale();

    /** Changes the guidance weight (for a schedule of lambda); {@code lambda} must be >= 0 and finite. */
    void setLambda(double lambda);
}
