package lpdm.core.learn.kernels;

import lpdm.core.learn.LpdmConfig.GradientForm;
import lpdm.core.learn.PairSet;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * All pairs, {@link GradientForm#MATRIX} ({@code lpdm.gradient_form=matrix}): the gradient as
 * the method writes it, dL/dH = diag(C 1) H - C H, with C rounded to a float N x N matrix and C H
 * by the float matrix-product kernel of {@link MatrixOps} (N^2 d multiply-adds, as the direct
 * form, but in the kernel that runs the networks' products); then row j of dL/dH =
 * (sum_i C_ij) h_j - (C H)_j in double, rounded to float. Distances as {@link AllPairsKernel}.
 *
 * <p>Each pair's two terms come from separate sums, so their rounding scales with |h| where the
 * direct form's scales with |h_i - h_j|. Two measures keep that small. H is centred first (its
 * column means subtracted, which leaves the gradient unchanged), so |h| is the spread of the rows,
 * not their distance from the origin. And a pair q = (i, j) whose outputs nearly coincide, whose
 * C_q grows like 1 / Dout_q, is left out of the matrix when Dout_q is at most {@link #GUARD} times
 * the mean output distance, and added from direct differences as the sampled-pair scatter does.
 * The result agrees with the direct form to float rounding, not bit for bit: within Higham's
 * bound for N + 3 rounded operations on the magnitudes summed (|C_q| times the centred rows, or
 * times |h_i - h_j| for guarded pairs), also with duplicated and nearly duplicated rows (tests).
 * Typically about 1e-6 of the gradient's rms on random data; where an entry is small beside the
 * terms it is made of (rows on a line, pairs just above the guard), 1e-4 of the rms was seen.
 */
public final class MatrixFormKernel implements PairKernel {
    /**
     * Pairs with an output distance at most this fraction of the mean output distance of the
     * batch's pairs are added from direct differences instead of through the matrix product.
     */
    public static final double GUARD = 1e-3;

    private final AllPairsKernel distances = new AllPairsKernel();
    /** C as a float N x N matrix, the product C H (N x d), the centred H and the guarded pairs' indices. */
    private Matrix coefficientMatrix = new Matrix(0, 0);
    private Matrix productCH = new Matrix(0, 0);
    private Matrix centred = new Matrix(0, 0);
    private float[] columnMeans = new float[0];
    private int[] guarded = new int[0];

    @Override
    public void squaredDistances(Matrix m, PairSet pairs, float[] out) {
        distances.squaredDistances(m, pairs, out);
    }

    @Override
    public void gradient(Matrix h, PairSet pairs, double[] c, double[] dout, double meanOut, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        final int p = pairs.size();
        if (coefficientMatrix.rows != n) {
            coefficientMatrix = new Matrix(n, n);
        }
        if (productCH.rows != n || productCH.cols != d) {
            productCH = new Matrix(n, d);
            centred = new Matrix(n, d);
        }
        if (guarded.length < p) {
            guarded = new int[p];
        }
        if (columnMeans.length < d) {
            columnMeans = new float[d];
        }
        // The gradient does not change when every row of H moves by the same vector, so H is centred
        // first: the rounding of the two separate sums then scales with the spread of the rows, not
        // with their distance from the origin (tanh outputs can sit far from 0 with a small spread).
        // Any vector would do, so the mean is a float one; where rows are close to it, h - mu is
        // exact in float.
        final float[] h0 = h.data;
        final float[] mu = columnMeans;
        java.util.Arrays.fill(mu, 0, d, 0f);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                mu[k] += h0[o + k];
            }
        }
        final float inverse = 1f / n;
        for (int k = 0; k < d; k++) {
            mu[k] *= inverse;
        }
        final float[] hd = centred.data;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                hd[o + k] = h0[o + k] - mu[k];
            }
        }
        // At most, not below: with every output equal (meanOut 0) each pair is taken directly.
        final double guard = GUARD * meanOut;
        final float[] cm = coefficientMatrix.data;
        int near = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            cm[i * n + i] = 0f;
            for (int j = i + 1; j < n; j++, q++) {
                float v;
                if (dout[q] <= guard) {
                    guarded[near++] = q;
                    v = 0f;
                } else {
                    v = (float) c[q];
                }
                cm[i * n + j] = v;
                cm[j * n + i] = v;
            }
        }
        MatrixOps.multiply(coefficientMatrix, centred, productCH);
        final float[] ch = productCH.data;
        final float[] gd = gradH.data;
        for (int j = 0; j < n; j++) {
            int r = j * n;
            double rowSum = 0;
            for (int i = 0; i < n; i++) {
                rowSum += cm[r + i];
            }
            int o = j * d;
            for (int k = 0; k < d; k++) {
                gd[o + k] = (float) (rowSum * hd[o + k] - ch[o + k]);
            }
        }
        final int[] fi = pairs.firstArray();
        final int[] se = pairs.secondArray();
        for (int g = 0; g < near; g++) {
            int pq = guarded[g];
            float cq = (float) c[pq];
            int a = fi[pq] * d;
            int b = se[pq] * d;
            for (int k = 0; k < d; k++) {
                float t = cq * (h0[a + k] - h0[b + k]); // the original rows: their difference is exact here
                gd[a + k] += t;
                gd[b + k] -= t;
            }
        }
    }
}
