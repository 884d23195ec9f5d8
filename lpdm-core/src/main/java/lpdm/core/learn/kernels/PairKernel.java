package lpdm.core.learn.kernels;

import lpdm.core.learn.PairSet;
import lpdm.core.tensor.Matrix;

/**
 * The pair work of the local loss, the part that costs: squared distances between rows over a
 * pair set, and the scatter of the per-pair coefficients onto the rows' gradient. Everything else
 * in {@link FastPairwiseDistanceLoss} is O(P) arithmetic on the distances. Each implementation is
 * checked against {@link lpdm.core.learn.PairwiseDistanceLoss}, the reference, by property tests.
 *
 * <p>Implementations: {@link AllPairsKernel} (all pairs, direct differences),
 * {@link MatrixFormKernel} (all pairs, dL/dH = diag(C 1) H - C H through the matrix product) and
 * {@link SampledPairsKernel} (any pair set; the Vector API versions of {@link VectorPairKernels}
 * when they apply). They keep scratch buffers between calls and are not thread-safe.
 */
public interface PairKernel {

    /**
     * out[q] = ||m_i - m_j||^2 in float for every pair q = (i, j) of {@code pairs}, from direct
     * differences; a pair's terms are always added in the same order, so its distance does not
     * depend on where it sits in the set.
     *
     * @param m the rows (not modified)
     * @param pairs the pairs over m.rows samples
     * @param out the squared distances (modified; length &gt;= pairs.size())
     */
    void squaredDistances(Matrix m, PairSet pairs, float[] out);

    /**
     * gradH = dL/dH for the coefficients C_q = dL/dDout_q / max(Dout_q, eps):
     * dL/dh_i = sum over pairs q = (i, j) of C_q (h_i - h_j), and -C_q (h_i - h_j) onto h_j.
     *
     * @param h the layer output (not modified)
     * @param pairs the pairs
     * @param c the coefficient of each pair (not modified)
     * @param dout each pair's output distance (not modified; the matrix form's guard reads it)
     * @param meanOut the mean output distance over the pairs
     * @param gradH dL/dH (modified, overwritten)
     */
    void gradient(Matrix h, PairSet pairs, double[] c, double[] dout, double meanOut, Matrix gradH);
}
