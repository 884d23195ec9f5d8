package lpdm.core.learn;

import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * The decorrelation term of {@code lpdm.decorrelation} (issue 18, point 5): the mean squared
 * correlation between the units of a hidden layer over the minibatch, added with weight mu to the
 * layer's local loss. It penalises redundant units, the representational collapse that a deep
 * stack of layers each trained on its own can fall into, and is blind to each unit's scale, which
 * the pairwise-distance loss sets. It uses only the layer's own output H.
 *
 * <pre>
 *   Hc = H - column means,        C = Hc^T Hc / (N - 1)                (d x d)
 *   v_k = C_kk + eps,             R_km = C_km / sqrt(v_k v_m)
 *   L = mu / (d (d - 1)) sum_{k != m} R_km^2
 * </pre>
 * Gradient, with Gamma = dL/dC (symmetric; the diagonal collects the paths through v_k):
 * <pre>
 *   Gamma_km = 2 a R_km / sqrt(v_k v_m)                  k != m,   a = mu / (d (d - 1))
 *   Gamma_kk = -(2 a / v_k) sum_{m != k} R_km^2
 *   dL/dH = 2 Hc Gamma / (N - 1)
 * </pre>
 * (dC_km/dHc_ik = Hc_im / (N - 1) for k != m, 2 Hc_ik / (N - 1) for k = m; the centring adds
 * nothing because the columns of Hc Gamma sum to zero.) With N &lt; 2 or d &lt; 2 the term is 0.
 * The two d x d and N x d products use {@link MatrixOps} in float; everything else is double.
 * Not thread-safe; reuses its buffers while N and d stay the same.
 */
final class DecorrelationTerm {
    /** Guard of a unit's variance (a constant unit has no correlation with anything). */
    static final double EPS = 1e-8;

    private Matrix centred = new Matrix(0, 0);
    private Matrix cov = new Matrix(0, 0);
    private Matrix gamma = new Matrix(0, 0);
    private Matrix product = new Matrix(0, 0);

    /**
     * Adds mu dL/dH of the term to {@code gradH} and returns mu L.
     *
     * @param h layer output, N x d (not modified)
     * @param mu the weight (&gt;= 0)
     * @param gradH N x d, incremented
     */
    double addTo(Matrix h, double mu, Matrix gradH) {
        final int n = h.rows;
        final int d = h.cols;
        if (gradH.rows != n || gradH.cols != d) {
            throw new IllegalArgumentException("decorrelation: dL/dH is " + gradH + ", H is " + h);
        }
        if (n < 2 || d < 2 || mu == 0) {
            return 0;
        }
        if (centred.rows != n || centred.cols != d) {
            centred = new Matrix(n, d);
            product = new Matrix(n, d);
            cov = new Matrix(d, d);
            gamma = new Matrix(d, d);
        }
        for (int k = 0; k < d; k++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += h.get(i, k);
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                centred.set(i, k, (float) (h.get(i, k) - mean));
            }
        }
        MatrixOps.multiplyTransA(centred, centred, cov); // Hc^T Hc
        double[] v = new double[d];
        for (int k = 0; k < d; k++) {
            v[k] = cov.get(k, k) / (n - 1) + EPS;
        }
        double a = mu / ((double) d * (d - 1));
        double loss = 0;
        double[] diagonal = new double[d];
        for (int k = 0; k < d; k++) {
            for (int m = 0; m < d; m++) {
                if (m == k) {
                    continue;
                }
                double scale = Math.sqrt(v[k] * v[m]);
                double r = cov.get(k, m) / (n - 1) / scale;
                loss += r * r;
                diagonal[k] += r * r;
                gamma.set(k, m, (float) (2 * a * r / scale));
            }
        }
        for (int k = 0; k < d; k++) {
            gamma.set(k, k, (float) (-2 * a / v[k] * diagonal[k]));
        }
        MatrixOps.multiply(centred, gamma, product); // Hc Gamma
        double factor = 2.0 / (n - 1);
        for (int e = 0; e < gradH.data.length; e++) {
            gradH.data[e] += (float) (factor * product.data[e]);
        }
        return a * loss;
    }
}
