package lpdm.core.nn;

/**
 * The convolution of {@link Conv2d} and its gradients by direct loops over the formula in its class
 * comment, in double, with no im2col. Each result comes with the sum of the absolute values of the
 * terms that make it up, from which the tests bound the float32 rounding error of the fast path.
 * Arrays are flat in the layer's layouts: x[n * inputSize + (r * width + c) * channels + k],
 * z[n * outputSize + (r * outW + c) * outputChannels + o], W[o * patchSize + (dr * kw + dc) * channels + k].
 */
final class ReferenceConv2d {
    /** Values and, per value, the sum of the absolute terms. */
    record Result(double[] value, double[] absTerms) {
    }

    private final Conv2d layer;
    /** The padding offsets, worked out here from the padding setting rather than read from the layer. */
    private final int padTop;
    private final int padLeft;

    ReferenceConv2d(Conv2d layer) {
        this.layer = layer;
        boolean same = layer.padding == Conv2d.Padding.SAME;
        // same: k - 1 zeros in all, the smaller half before (above / left of) the grid.
        this.padTop = same ? (layer.kernelHeight - 1) / 2 : 0;
        this.padLeft = same ? (layer.kernelWidth - 1) / 2 : 0;
        int outH = same ? layer.inputHeight : layer.inputHeight - layer.kernelHeight + 1;
        int outW = same ? layer.inputWidth : layer.inputWidth - layer.kernelWidth + 1;
        if (layer.outputHeight != outH || layer.outputWidth != outW) {
            throw new AssertionError("output grid " + layer.outputHeight + "x" + layer.outputWidth + ", expected " + outH + "x" + outW);
        }
    }

    /** x(n, r, c, k), or -1 when (r, c) lies outside the grid (the zero padding). */
    private int inputIndex(int n, int r, int c, int k) {
        if (r < 0 || r >= layer.inputHeight || c < 0 || c >= layer.inputWidth) {
            return -1;
        }
        return n * layer.inputSize + (r * layer.inputWidth + c) * layer.inputChannels + k;
    }

    private int outputIndex(int n, int r, int c, int o) {
        return n * layer.outputSize + (r * layer.outputWidth + c) * layer.outputChannels + o;
    }

    private int weightIndex(int o, int dr, int dc, int k) {
        return o * layer.patchSize + (dr * layer.kernelWidth + dc) * layer.inputChannels + k;
    }

    /** One term of the convolution sum: output index, weight index, input index (all flat). */
    private interface Term {
        void accept(int out, int weight, int in);
    }

    /**
     * Every term W(o, dr, dc, k) x(n, r + dr - pt, c + dc - pl, k) of every output z(n, r, c, o)
     * whose input cell lies inside the grid (the others are the zero padding).
     */
    private void forEachTerm(int batch, Term term) {
        for (int n = 0; n < batch; n++) {
            for (int r = 0; r < layer.outputHeight; r++) {
                for (int c = 0; c < layer.outputWidth; c++) {
                    for (int o = 0; o < layer.outputChannels; o++) {
                        for (int dr = 0; dr < layer.kernelHeight; dr++) {
                            for (int dc = 0; dc < layer.kernelWidth; dc++) {
                                for (int k = 0; k < layer.inputChannels; k++) {
                                    int i = inputIndex(n, r + dr - padTop, c + dc - padLeft, k);
                                    if (i >= 0) {
                                        term.accept(outputIndex(n, r, c, o), weightIndex(o, dr, dc, k), i);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** z = b + the sum of the terms. */
    Result forward(float[] x, int batch) {
        double[] z = new double[batch * layer.outputSize];
        double[] abs = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = layer.bias.value[i % layer.outputChannels];
            abs[i] = Math.abs(z[i]);
        }
        float[] w = layer.weight.value;
        forEachTerm(batch, (out, weight, in) -> {
            double t = (double) w[weight] * x[in];
            z[out] += t;
            abs[out] += Math.abs(t);
        });
        return new Result(z, abs);
    }

    /** dL/dW(o, dr, dc, k) = sum over the terms it appears in of dz(n, r, c, o) x(n, r + dr - pt, c + dc - pl, k). */
    Result weightGradient(float[] dz, float[] x, int batch) {
        double[] g = new double[layer.weight.size()];
        double[] abs = new double[g.length];
        forEachTerm(batch, (out, weight, in) -> {
            double t = (double) dz[out] * x[in];
            g[weight] += t;
            abs[weight] += Math.abs(t);
        });
        return new Result(g, abs);
    }

    /** dL/db(o) = sum over samples and output cells of dz(n, r, c, o). */
    Result biasGradient(float[] dz, int batch) {
        double[] g = new double[layer.outputChannels];
        double[] abs = new double[g.length];
        for (int i = 0; i < batch * layer.outputSize; i++) {
            g[i % layer.outputChannels] += dz[i];
            abs[i % layer.outputChannels] += Math.abs(dz[i]);
        }
        return new Result(g, abs);
    }

    /** dL/dx(n, r', c', k) = sum over the terms that read x(n, r', c', k) of dz(n, r, c, o) W(o, dr, dc, k). */
    Result inputGradient(float[] dz, int batch) {
        double[] g = new double[batch * layer.inputSize];
        double[] abs = new double[g.length];
        float[] w = layer.weight.value;
        forEachTerm(batch, (out, weight, in) -> {
            double t = (double) dz[out] * w[weight];
            g[in] += t;
            abs[in] += Math.abs(t);
        });
        return new Result(g, abs);
    }
}
