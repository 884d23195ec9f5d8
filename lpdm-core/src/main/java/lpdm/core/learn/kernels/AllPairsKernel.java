package lpdm.core.learn.kernels;

import lpdm.core.learn.PairSet;
import lpdm.core.tensor.Matrix;

/**
 * All pairs i &lt; j (the set of {@link PairSet#fillAll}), from direct differences. The squared
 * distances are computed row by row over a transposed copy of the matrix, so that the innermost
 * loop runs over the partners j with every array indexed alike (which HotSpot's C2 vectorises).
 * The coefficients are laid out as a symmetric N x N matrix C (C_ii = 0), and
 * dL/dh_j = sum_i C_ij (h_j - h_i) is accumulated in double, again transposed, for all j at once,
 * four sources i per pass, then rounded to float once. N^2 d multiply-adds for the gradient, twice
 * P d. Vector API versions of both loops were measured no faster (docs/performance.md).
 */
public final class AllPairsKernel implements PairKernel {
    /** Row scratch (length N) of the distance kernel. */
    private float[] distanceRow = new float[0];
    /** Transposed copies (d rows of N) of the matrix whose distances are computed, float and double. */
    private float[][] transposedF = new float[0][];
    private double[][] transposedD = new double[0][];
    /** The symmetric coefficient matrix (N rows of N). */
    private double[][] coefficients = new double[0][];
    /** The dL/dH accumulator, transposed (d rows of N). */
    private double[][] accumulator = new double[0][];

    @Override
    public void squaredDistances(Matrix m, PairSet pairs, float[] out) {
        final int n = m.rows;
        final int d = m.cols;
        float[][] t = transposeF(m);
        if (distanceRow.length < n) {
            distanceRow = new float[n];
        }
        final float[] row = distanceRow;
        int q = 0;
        for (int i = 0; i < n - 1; i++) {
            distanceRow(t, d, i, n, row);
            System.arraycopy(row, i + 1, out, q, n - 1 - i);
            q += n - 1 - i;
        }
    }

    /** row[j] = ||h_i - h_j||^2 for i &lt; j &lt; n over the transposed rows t (kept small for the JIT). */
    private static void distanceRow(float[][] t, int d, int i, int n, float[] row) {
        java.util.Arrays.fill(row, i + 1, n, 0f);
        final int d4 = d & ~3;
        int k = 0;
        for (; k < d4; k += 4) {
            float[] t0 = t[k];
            float[] t1 = t[k + 1];
            float[] t2 = t[k + 2];
            float[] t3 = t[k + 3];
            float a0 = t0[i];
            float a1 = t1[i];
            float a2 = t2[i];
            float a3 = t3[i];
            for (int j = i + 1; j < n; j++) {
                float e0 = a0 - t0[j];
                float e1 = a1 - t1[j];
                float e2 = a2 - t2[j];
                float e3 = a3 - t3[j];
                row[j] += e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3;
            }
        }
        for (; k < d; k++) {
            float[] t0 = t[k];
            float a0 = t0[i];
            for (int j = i + 1; j < n; j++) {
                float e0 = a0 - t0[j];
                row[j] += e0 * e0;
            }
        }
    }

    /** m (N x d) transposed into d float rows of length N (scratch). */
    private float[][] transposeF(Matrix m) {
        final int n = m.rows;
        final int d = m.cols;
        if (transposedF.length < d || (d > 0 && transposedF[0].length < n)) {
            transposedF = new float[Math.max(d, transposedF.length)][Math.max(n, transposedF.length == 0 ? 0 : transposedF[0].length)];
        }
        final float[] md = m.data;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                transposedF[k][i] = md[o + k];
            }
        }
        return transposedF;
    }

    /**
     * With C symmetric (C_ii = 0), dL/dh_j = sum_i C_ij (h_j - h_i), accumulated in double for every
     * j at once, coordinate by coordinate, four sources i per pass, from direct differences.
     */
    @Override
    public void gradient(Matrix h, PairSet pairs, double[] c, double[] dout, double meanOut, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        if (coefficients.length < n || coefficients[0].length < n) {
            coefficients = new double[n][n];
        }
        if (transposedD.length < d || (d > 0 && transposedD[0].length < n)) {
            transposedD = new double[Math.max(d, transposedD.length)][Math.max(n, transposedD.length == 0 ? 0 : transposedD[0].length)];
        }
        if (accumulator.length < d || (d > 0 && accumulator[0].length < n)) {
            accumulator = new double[Math.max(d, accumulator.length)][Math.max(n, accumulator.length == 0 ? 0 : accumulator[0].length)];
        }
        final double[][] cm = coefficients;
        int q = 0;
        for (int i = 0; i < n; i++) {
            double[] ci = cm[i];
            ci[i] = 0;
            for (int j = i + 1; j < n; j++) {
                double v = c[q++];
                ci[j] = v;
                cm[j][i] = v;
            }
        }
        final float[] hd = h.data;
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int k = 0; k < d; k++) {
                transposedD[k][i] = hd[o + k];
            }
        }
        sourceBlocks(cm, d, n);
        final float[] gd = gradH.data;
        for (int j = 0; j < n; j++) {
            int o = j * d;
            for (int k = 0; k < d; k++) {
                gd[o + k] = (float) accumulator[k][j];
            }
        }
    }

    /** accumulator_k[j] = sum_i C_ij (t_k[j] - t_k[i]) by plain loops: sources in blocks of four, outermost. */
    private void sourceBlocks(double[][] cm, int d, int n) {
        for (int k = 0; k < d; k++) {
            java.util.Arrays.fill(accumulator[k], 0, n, 0.0);
        }
        final int n4 = n & ~3;
        int i = 0;
        for (; i < n4; i += 4) {
            sourceBlock(transposedD, accumulator, cm[i], cm[i + 1], cm[i + 2], cm[i + 3], i, d, n);
        }
        for (; i < n; i++) {
            double[] c0 = cm[i];
            for (int k = 0; k < d; k++) {
                double[] t = transposedD[k];
                double[] g = accumulator[k];
                double a0 = t[i];
                for (int j = 0; j < n; j++) {
                    g[j] += c0[j] * (t[j] - a0);
                }
            }
        }
    }

    /** g_k[j] += sum over the four sources i..i+3 of C_ij (t_k[j] - t_k[i]), every coordinate k (kept small for the JIT). */
    private static void sourceBlock(double[][] tt, double[][] acc, double[] c0, double[] c1, double[] c2, double[] c3, int i, int d, int n) {
        for (int k = 0; k < d; k++) {
            double[] t = tt[k];
            double[] g = acc[k];
            double a0 = t[i];
            double a1 = t[i + 1];
            double a2 = t[i + 2];
            double a3 = t[i + 3];
            for (int j = 0; j < n; j++) {
                double hj = t[j];
                g[j] += c0[j] * (hj - a0) + c1[j] * (hj - a1) + c2[j] * (hj - a2) + c3[j] * (hj - a3);
            }
        }
    }
}
