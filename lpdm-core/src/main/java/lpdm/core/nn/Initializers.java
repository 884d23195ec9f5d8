package lpdm.core.nn;

import lpdm.core.random.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Weight initialisation schemes. Biases are set to zero by both. */
public final class Initializers {
    private Initializers() {
    }

    /**
     * Orthogonal initialisation with a gain (Saxe et al. 2014), as torch.nn.init.orthogonal_: draw
     * a standard normal matrix, take the Q of its QR decomposition (of the transpose when there are
     * fewer rows than columns), fix signs by the diagonal of R, multiply by {@code gain}.
     */
    public static void orthogonal(Linear layer, double gain, Rng rng) {
        int rows = layer.outputSize;
        int cols = layer.inputSize;
        boolean transpose = rows < cols;
        int r = transpose ? cols : rows;
        int c = transpose ? rows : cols;
        DMatrixRMaj a = new DMatrixRMaj(r, c);
        for (int i = 0; i < r * c; i++) {
            a.data[i] = rng.nextGaussian();
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(r, c);
        if (!qr.decompose(a.copy())) {
            throw new IllegalStateException("QR decomposition failed");
        }
        DMatrixRMaj q = qr.getQ(null, true); // r x c
        DMatrixRMaj rr = qr.getR(null, true); // c x c
        for (int j = 0; j < c; j++) {
            double d = rr.get(j, j);
            double sign = d < 0 ? -1 : 1;
            for (int i = 0; i < r; i++) {
                q.set(i, j, q.get(i, j) * sign);
            }
        }
        float[] w = layer.weight.value;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = transpose ? q.get(j, i) : q.get(i, j);
                w[i * cols + j] = (float) (gain * v);
            }
        }
        java.util.Arrays.fill(layer.bias.value, 0f);
    }

    /** Uniform fan-in initialisation: every weight uniform in [-1/sqrt(in), 1/sqrt(in)). */
    public static void uniformFanIn(Linear layer, Rng rng) {
        double bound = 1.0 / Math.sqrt(layer.inputSize);
        float[] w = layer.weight.value;
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.uniform(-bound, bound);
        }
        java.util.Arrays.fill(layer.bias.value, 0f);
    }

    /** Initialises every hidden layer and the head of {@code net} (see {@link Network#initialise}). */
    public static void initialise(Network net, String scheme, double hiddenGain, double headGain, Rng rng) {
        net.initialise(scheme, hiddenGain, headGain, rng);
    }
}
