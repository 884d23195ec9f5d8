package lpdm.core.learn.kernels;

import lpdm.core.learn.PairSet;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * Any pair set (sampled pairs, explicit test sets): each pair's squared distance is a short loop
 * over the coordinates with eight partial sums, and its gradient is scattered onto both samples'
 * float rows. With the Vector API on ({@link MatrixOps#vectorApi()}) the same float operations in
 * the same order run as {@link VectorPairKernels} where the width allows: the same bits.
 * Time O(P d); each sample receives about 2 P / N contributions (few for sampled pairs).
 */
public final class SampledPairsKernel implements PairKernel {
    /** Rows of H and of the dL/dH accumulator (N rows of d, float). */
    private float[][] rowsF = new float[0][];
    private float[][] accumulatorRowsF = new float[0][];

    @Override
    public void squaredDistances(Matrix m, PairSet pairs, float[] out) {
        final int d = m.cols;
        final float[] md = m.data;
        final int[] fi = pairs.firstArray();
        final int[] se = pairs.secondArray();
        final int p = pairs.size();
        if (d % 8 == 0 && MatrixOps.vectorApi()) {
            VectorPairKernels.sampledSquaredDistances(md, d, fi, se, p, out);
            return;
        }
        final int d8 = d & ~7;
        for (int q = 0; q < p; q++) {
            int a = fi[q] * d;
            int b = se[q] * d;
            // Eight independent partial sums (short dependency chains), combined pairwise.
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float s4 = 0f;
            float s5 = 0f;
            float s6 = 0f;
            float s7 = 0f;
            int k = 0;
            for (; k < d8; k += 8) {
                float e0 = md[a + k] - md[b + k];
                float e1 = md[a + k + 1] - md[b + k + 1];
                float e2 = md[a + k + 2] - md[b + k + 2];
                float e3 = md[a + k + 3] - md[b + k + 3];
                float e4 = md[a + k + 4] - md[b + k + 4];
                float e5 = md[a + k + 5] - md[b + k + 5];
                float e6 = md[a + k + 6] - md[b + k + 6];
                float e7 = md[a + k + 7] - md[b + k + 7];
                s0 += e0 * e0;
                s1 += e1 * e1;
                s2 += e2 * e2;
                s3 += e3 * e3;
                s4 += e4 * e4;
                s5 += e5 * e5;
                s6 += e6 * e6;
                s7 += e7 * e7;
            }
            for (; k < d; k++) {
                float e0 = md[a + k] - md[b + k];
                s0 += e0 * e0;
            }
            out[q] = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }
    }

    /** dL/dh_i += C_q (h_i - h_j), dL/dh_j -= C_q (h_i - h_j) per pair, on float rows (the scatter vectorises over the coordinates). */
    @Override
    public void gradient(Matrix h, PairSet pairs, double[] c, double[] dout, double meanOut, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        if (rowsF.length < n || (n > 0 && rowsF[0].length < d)) {
            rowsF = new float[Math.max(n, rowsF.length)][Math.max(d, rowsF.length == 0 ? 0 : rowsF[0].length)];
        }
        if (accumulatorRowsF.length < n || (n > 0 && accumulatorRowsF[0].length < d)) {
            accumulatorRowsF = new float[Math.max(n, accumulatorRowsF.length)][Math.max(d, accumulatorRowsF.length == 0 ? 0 : accumulatorRowsF[0].length)];
        }
        final float[] hd = h.data;
        for (int i = 0; i < n; i++) {
            System.arraycopy(hd, i * d, rowsF[i], 0, d);
            java.util.Arrays.fill(accumulatorRowsF[i], 0, d, 0f);
        }
        final int[] fi = pairs.firstArray();
        final int[] se = pairs.secondArray();
        final int p = pairs.size();
        for (int q = 0; q < p; q++) {
            float cq = (float) c[q];
            if (cq == 0) {
                continue;
            }
            scatterPair(rowsF[fi[q]], rowsF[se[q]], accumulatorRowsF[fi[q]], accumulatorRowsF[se[q]], cq, d);
        }
        final float[] gd = gradH.data;
        for (int i = 0; i < n; i++) {
            System.arraycopy(accumulatorRowsF[i], 0, gd, i * d, d);
        }
    }

    private static void scatterPair(float[] hi, float[] hj, float[] ai, float[] aj, float c, int d) {
        if (MatrixOps.vectorApi() && VectorPairKernels.scatters(d)) { // the same bits, vectors of the matrix kernels' shape
            VectorPairKernels.scatter(hi, hj, ai, aj, c, d);
            return;
        }
        for (int k = 0; k < d; k++) {
            float t = c * (hi[k] - hj[k]);
            ai[k] += t;
            aj[k] -= t;
        }
    }
}
