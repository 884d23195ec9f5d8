package lpdm.core.nn;

import java.util.List;
import java.util.Locale;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * A 2-D convolution with stride 1: the affine part of a convolutional layer, as {@link Linear} is of
 * a dense one (the activation is applied by whoever runs the layer, as for dense layers).
 *
 * <p>Every sample is one row of a {@link Matrix}: a grid of {@code height x width} cells with
 * {@code channels} values each, stored channels last, i.e. value (row r, column c, channel k) at
 * flat index {@code (r * width + c) * channels + k} (the layout of the MinAtar observations). The
 * output rows use the same layout with the output grid and {@code outputChannels} channels.
 *
 * <p>With kernel size kh x kw, padding offsets (pt, pl) and x read as 0 outside the grid:
 * <pre>
 *   z[n](r, c, o) = b[o] + sum_{dr &lt; kh, dc &lt; kw, k &lt; channels} W[o][(dr * kw + dc) * channels + k] * x[n](r + dr - pt, c + dc - pl, k)
 * </pre>
 * The weight is stored as one {@code outputChannels x (kh * kw * channels)} matrix (row-major):
 * output channel o's row holds its kernel in the same channels-last order as a patch of the input.
 * A 1x1 kernel on a 1x1 grid is therefore exactly a dense layer with the same weight matrix.
 * Padding {@link Padding#VALID}: pt = pl = 0, output grid (height - kh + 1) x (width - kw + 1).
 * {@link Padding#SAME}: output grid = input grid, pt = (kh - 1) / 2, pl = (kw - 1) / 2 (for an even
 * kernel the extra row and column of zeros go below and to the right, as in PyTorch and TensorFlow).
 *
 * <p>How it is computed: by im2col. The patches of all samples and output cells form a matrix P of
 * (N * outH * outW) rows and kh * kw * channels columns, so that Z = P W^T + b is one product with
 * {@link MatrixOps#multiplyTransB}, and Z's rows, read in order, are the output rows above. The
 * gradients are dL/dW = dZ^T P, dL/db = column sums of dZ, and dL/dx = col2im(dZ W): each patch
 * gradient is added back to the cells it was read from. P is built and used in blocks of whole
 * samples of at most {@link #BLOCK_ROWS} rows, which stay in the core's cache (dL/dW is summed
 * block by block; with one block, i.e. up to 1024 samples of a 1x1 grid, the three products are
 * exactly those of a {@link Linear} layer). {@link #parameterGradients} builds P again: the layer
 * keeps no state between calls, as {@link Linear}. The plain loops of the formula are the reference
 * the tests compare with ({@code ReferenceConv2d} in the test sources).
 */
public final class Conv2d implements Layer {
    /** How the border is treated (stride 1). */
    public enum Padding {
        /** No padding: the kernel stays inside the grid, which shrinks by kernel size - 1. */
        VALID,
        /** Zero padding that keeps the output grid the size of the input grid. */
        SAME;

        /** The lower-case name used in settings ("valid", "same"). */
        public String settingName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a settings name, case-insensitively. */
        public static Padding parse(String name) {
            for (Padding p : values()) {
                if (p.name().equalsIgnoreCase(name)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown padding '" + name + "' (expected valid or same)");
        }
    }

    public final String name;
    public final int inputHeight;
    public final int inputWidth;
    public final int inputChannels;
    public final int kernelHeight;
    public final int kernelWidth;
    public final int outputChannels;
    public final Padding padding;
    public final int outputHeight;
    public final int outputWidth;
    /** Rows of zeros above the grid (the output cell r reads input rows r - padTop ... r - padTop + kh - 1). */
    public final int padTop;
    /** Columns of zeros left of the grid. */
    public final int padLeft;
    /** Values per input row: inputHeight * inputWidth * inputChannels. */
    public final int inputSize;
    /** Values per output row: outputHeight * outputWidth * outputChannels. */
    public final int outputSize;
    /** Values per patch and columns of the weight: kernelHeight * kernelWidth * inputChannels (the fan-in). */
    public final int patchSize;
    /** outputChannels x patchSize, row-major; column (dr * kernelWidth + dc) * inputChannels + k. */
    public final Parameter weight;
    /** One value per output channel. */
    public final Parameter bias;
    private final Matrix weightView;
    private final Matrix weightGradView;

    /**
     * @param name prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param inputHeight rows of the input grid
     * @param inputWidth columns of the input grid
     * @param inputChannels values per input cell
     * @param outputChannels filters (values per output cell)
     * @param kernelHeight kernel rows
     * @param kernelWidth kernel columns
     * @param padding {@link Padding#VALID} or {@link Padding#SAME}
     */
    public Conv2d(String name, int inputHeight, int inputWidth, int inputChannels, int outputChannels,
                  int kernelHeight, int kernelWidth, Padding padding) {
        if (inputHeight <= 0 || inputWidth <= 0 || inputChannels <= 0 || outputChannels <= 0 || kernelHeight <= 0 || kernelWidth <= 0) {
            throw new IllegalArgumentException("Conv2d " + name + " needs positive sizes, got a " + inputHeight + "x" + inputWidth + "x" + inputChannels
                    + " grid, " + outputChannels + " filters of " + kernelHeight + "x" + kernelWidth);
        }
        if (padding == null) {
            throw new IllegalArgumentException("Conv2d " + name + " needs a padding (valid or same)");
        }
        if (padding == Padding.VALID && (kernelHeight > inputHeight || kernelWidth > inputWidth)) {
            throw new IllegalArgumentException("Conv2d " + name + ": a " + kernelHeight + "x" + kernelWidth + " kernel does not fit a "
                    + inputHeight + "x" + inputWidth + " grid without padding (use padding same or a smaller kernel)");
        }
        this.name = name;
        this.inputHeight = inputHeight;
        this.inputWidth = inputWidth;
        this.inputChannels = inputChannels;
        this.kernelHeight = kernelHeight;
        this.kernelWidth = kernelWidth;
        this.outputChannels = outputChannels;
        this.padding = padding;
        boolean same = padding == Padding.SAME;
        this.outputHeight = same ? inputHeight : inputHeight - kernelHeight + 1;
        this.outputWidth = same ? inputWidth : inputWidth - kernelWidth + 1;
        this.padTop = same ? (kernelHeight - 1) / 2 : 0;
        this.padLeft = same ? (kernelWidth - 1) / 2 : 0;
        this.inputSize = Math.multiplyExact(Math.multiplyExact(inputHeight, inputWidth), inputChannels);
        this.outputSize = Math.multiplyExact(Math.multiplyExact(outputHeight, outputWidth), outputChannels);
        this.patchSize = Math.multiplyExact(Math.multiplyExact(kernelHeight, kernelWidth), inputChannels);
        this.weight = new Parameter(name + ".weight", outputChannels, patchSize);
        this.bias = new Parameter(name + ".bias", 1, outputChannels);
        this.weightView = new Matrix(outputChannels, patchSize, weight.value);
        this.weightGradView = new Matrix(outputChannels, patchSize, weight.grad);
    }

    /** The weight as a matrix view (outputChannels x patchSize) over {@code weight.value}. */
    public Matrix weightMatrix() {
        return weightView;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public int outputSize() {
        return outputSize;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** Cells of the output grid: outputHeight * outputWidth. */
    public int outputCells() {
        return outputHeight * outputWidth;
    }

    /** E.g. {@code "10x10x4 -> 10x10x16 (16 filters 3x3, same)"}. */
    @Override
    public String describe() {
        return inputHeight + "x" + inputWidth + "x" + inputChannels + " -> " + outputHeight + "x" + outputWidth + "x" + outputChannels
                + " (" + outputChannels + " filters " + kernelHeight + "x" + kernelWidth + ", " + padding.settingName() + ")";
    }

    /**
     * Checks that a grid of the given shape (e.g. an observation space's height, width, channels)
     * is what this layer reads.
     *
     * @throws IllegalArgumentException naming the expected and the given shape
     */
    public void checkInputShape(int height, int width, int channels) {
        if (height != inputHeight || width != inputWidth || channels != inputChannels) {
            throw new IllegalArgumentException("Conv2d " + name + " expects a " + inputHeight + "x" + inputWidth + "x" + inputChannels
                    + " grid (height x width x channels), got " + height + "x" + width + "x" + channels);
        }
    }

    @Override
    public void initialise(String scheme, double gain, Rng rng) {
        switch (scheme) {
            case "orthogonal" -> initialiseOrthogonal(gain, rng);
            case "uniform" -> initialiseUniformFanIn(rng);
            default -> throw new IllegalArgumentException("unknown init scheme '" + scheme + "' (expected orthogonal or uniform)");
        }
    }

    @Override
    public Conv2d copy(String newName) {
        Conv2d c = new Conv2d(newName, inputHeight, inputWidth, inputChannels, outputChannels, kernelHeight, kernelWidth, padding);
        System.arraycopy(weight.value, 0, c.weight.value, 0, weight.value.length);
        System.arraycopy(bias.value, 0, c.bias.value, 0, bias.value.length);
        return c;
    }

    /** z = conv(x) + b. x: N x inputSize, z: N x outputSize (modified). */
    @Override
    public void forward(Matrix x, Matrix z) {
        checkShapes(x, "input", z, "output");
        Workspace w = workspace(x.rows);
        for (int n0 = 0; n0 < x.rows; n0 += w.blockSamples) {
            int count = Math.min(w.blockSamples, x.rows - n0);
            im2col(x, n0, count, w.patches); // rows past count keep old values; their outputs are not copied
            MatrixOps.multiplyTransB(w.patches, weightView, w.cells);
            System.arraycopy(w.cells.data, 0, z.data, n0 * outputSize, count * outputSize);
        }
        MatrixOps.addRowInPlace(new Matrix(x.rows * outputCells(), outputChannels, z.data), bias.value);
    }

    /**
     * Given dL/dz (N x outputSize) and the layer input x (N x inputSize), writes dL/dW and dL/db into
     * the parameters' gradient buffers (overwriting them).
     */
    @Override
    public void parameterGradients(Matrix dz, Matrix x) {
        checkShapes(x, "input", dz, "output gradient");
        Workspace w = workspace(x.rows);
        java.util.Arrays.fill(weight.grad, 0f);
        for (int n0 = 0; n0 < x.rows; n0 += w.blockSamples) {
            int count = Math.min(w.blockSamples, x.rows - n0);
            im2col(x, n0, count, w.patches);
            System.arraycopy(dz.data, n0 * outputSize, w.cells.data, 0, count * outputSize);
            if (count < w.blockSamples) {
                // A short last block: zero rows add exact zeros to the sums.
                java.util.Arrays.fill(w.patches.data, count * outputCells() * patchSize, w.patches.data.length, 0f);
                java.util.Arrays.fill(w.cells.data, count * outputSize, w.cells.data.length, 0f);
            }
            // The block's dW^T = P^T dZ (patchSize x outputChannels): its rows are outputChannels
            // long (16 in MinAtar's network, one vector), where dZ^T P's would be patchSize long
            // (36, with a tail the vector kernel does one element at a time). Same sums, transposed.
            MatrixOps.multiplyTransA(w.patches, w.cells, w.partialTransposed);
            float[] g = weight.grad;
            float[] pt = w.partialTransposed.data;
            for (int o = 0; o < outputChannels; o++) {
                int go = o * patchSize;
                for (int j = 0; j < patchSize; j++) {
                    g[go + j] += pt[j * outputChannels + o];
                }
            }
        }
        MatrixOps.columnSums(new Matrix(dz.rows * outputCells(), outputChannels, dz.data), bias.grad);
    }

    /** dL/dx from dL/dz. dz: N x outputSize, dx: N x inputSize (modified). */
    @Override
    public void inputGradient(Matrix dz, Matrix dx) {
        checkShapes(dx, "input gradient", dz, "output gradient");
        Workspace w = workspace(dz.rows);
        java.util.Arrays.fill(dx.data, 0f);
        // W with zero columns up to a multiple of 16, so that the product's rows are whole vectors.
        for (int o = 0; o < outputChannels; o++) {
            System.arraycopy(weight.value, o * patchSize, w.paddedWeight.data, o * w.paddedPatchSize, patchSize);
        }
        for (int n0 = 0; n0 < dz.rows; n0 += w.blockSamples) {
            int count = Math.min(w.blockSamples, dz.rows - n0);
            System.arraycopy(dz.data, n0 * outputSize, w.cells.data, 0, count * outputSize);
            MatrixOps.multiply(w.cells, w.paddedWeight, w.patchGrads); // rows past count are not read
            col2im(w.patchGrads, n0, count, dx);
        }
    }

    /** Initialises the weight as {@link Initializers#orthogonal} a dense layer of patchSize inputs and outputChannels outputs; bias zero. */
    public void initialiseOrthogonal(double gain, Rng rng) {
        Linear dense = new Linear(name, patchSize, outputChannels);
        Initializers.orthogonal(dense, gain, rng);
        System.arraycopy(dense.weight.value, 0, weight.value, 0, weight.value.length);
        java.util.Arrays.fill(bias.value, 0f);
    }

    /** Initialises the weight as {@link Initializers#uniformFanIn} a dense layer of patchSize inputs (fan-in kh * kw * channels); bias zero. */
    public void initialiseUniformFanIn(Rng rng) {
        Linear dense = new Linear(name, patchSize, outputChannels);
        Initializers.uniformFanIn(dense, rng);
        System.arraycopy(dense.weight.value, 0, weight.value, 0, weight.value.length);
        java.util.Arrays.fill(bias.value, 0f);
    }

    /**
     * Writes the patch of every output cell of samples firstSample ... + count - 1 as one row of
     * {@code patches}: row ((n - firstSample) * outH + r) * outW + c holds x[n](r + dr - pt, c + dc - pl, k) at (dr * kw + dc) * channels + k,
     * 0 outside the grid. Cells next to each other in a grid row are next to each other in memory,
     * so each kernel row of a patch is copied as one run.
     */
    private void im2col(Matrix x, int firstSample, int count, Matrix patches) {
        final float[] src = x.data;
        final float[] dst = patches.data;
        final int ch = inputChannels;
        final int kw = kernelWidth;
        final int kernelRow = kw * ch;
        int row = 0;
        for (int n = firstSample; n < firstSample + count; n++) {
            int sample = n * inputSize;
            for (int r = 0; r < outputHeight; r++) {
                for (int c = 0; c < outputWidth; c++, row++) {
                    int out = row * patchSize;
                    int c0 = c - padLeft;
                    int lo = Math.max(0, -c0); // first kernel column inside the grid
                    int hi = Math.min(kw, inputWidth - c0); // one past the last
                    for (int dr = 0; dr < kernelHeight; dr++, out += kernelRow) {
                        int ir = r + dr - padTop;
                        if (ir < 0 || ir >= inputHeight || lo >= hi) {
                            java.util.Arrays.fill(dst, out, out + kernelRow, 0f);
                            continue;
                        }
                        java.util.Arrays.fill(dst, out, out + lo * ch, 0f);
                        System.arraycopy(src, sample + (ir * inputWidth + c0 + lo) * ch, dst, out + lo * ch, (hi - lo) * ch);
                        java.util.Arrays.fill(dst, out + hi * ch, out + kernelRow, 0f);
                    }
                }
            }
        }
    }

    /** Adds every patch gradient of samples firstSample ... + count - 1 to the input cells its patch was read from (im2col's adjoint). */
    private void col2im(Matrix patchGrads, int firstSample, int count, Matrix dx) {
        final float[] src = patchGrads.data;
        final int stride = patchGrads.cols; // patchSize or more (padding columns are not read)
        final float[] dst = dx.data;
        final int ch = inputChannels;
        final int kw = kernelWidth;
        final int kernelRow = kw * ch;
        int row = 0;
        for (int n = firstSample; n < firstSample + count; n++) {
            int sample = n * inputSize;
            for (int r = 0; r < outputHeight; r++) {
                for (int c = 0; c < outputWidth; c++, row++) {
                    int in = row * stride;
                    int c0 = c - padLeft;
                    int lo = Math.max(0, -c0);
                    int hi = Math.min(kw, inputWidth - c0);
                    for (int dr = 0; dr < kernelHeight; dr++, in += kernelRow) {
                        int ir = r + dr - padTop;
                        if (ir < 0 || ir >= inputHeight) {
                            continue;
                        }
                        int s = in + lo * ch;
                        int d = sample + (ir * inputWidth + c0 + lo) * ch;
                        for (int j = 0, len = (hi - lo) * ch; j < len; j++) {
                            dst[d + j] += src[s + j];
                        }
                    }
                }
            }
        }
    }

    /** Input-shaped and output-shaped rows, as many of each. */
    private void checkShapes(Matrix in, String inWhat, Matrix out, String outWhat) {
        checkRows(in, inWhat, inputSize, inputHeight, inputWidth, inputChannels);
        checkRows(out, outWhat, outputSize, outputHeight, outputWidth, outputChannels);
        if (in.rows != out.rows) {
            throw new IllegalArgumentException("Conv2d " + name + ": " + outWhat + " has " + out.rows + " rows for a batch of " + in.rows);
        }
    }

    private void checkRows(Matrix m, String what, int size, int h, int w, int ch) {
        if (m.cols != size) {
            throw new IllegalArgumentException("Conv2d " + name + " expects " + what + " rows of " + h + "x" + w + "x" + ch + " = " + size
                    + " values (height x width x channels, channels last), got " + m.rows + " x " + m.cols);
        }
    }

    /** Patch rows per block: a block's patches (at most this many rows) stay in the core's cache. */
    static final int BLOCK_ROWS = 1024;

    /**
     * The matrices of one block for one batch size: the patches, the patch gradients and the output
     * cells (or their gradients) of {@code blockSamples} samples, a block's weight gradient
     * (transposed) and the weight with zero columns up to a multiple of 16. Each layer keeps its own per thread, for the last two batch sizes it saw (rollout
     * and minibatch), so nothing is shared between calls that may overlap.
     */
    private final class Workspace {
        final int batch;
        final int blockSamples;
        final Matrix patches;
        final Matrix cells;
        final Matrix partialTransposed;
        final int paddedPatchSize;
        final Matrix paddedWeight;
        final Matrix patchGrads;

        Workspace(int batch) {
            this.batch = batch;
            this.blockSamples = Math.max(1, Math.min(batch, BLOCK_ROWS / outputCells()));
            int rows = blockSamples * outputCells();
            this.patches = new Matrix(rows, patchSize);
            this.cells = new Matrix(rows, outputChannels);
            this.partialTransposed = new Matrix(patchSize, outputChannels);
            this.paddedPatchSize = (patchSize + 15) / 16 * 16;
            this.paddedWeight = new Matrix(outputChannels, paddedPatchSize);
            this.patchGrads = new Matrix(rows, paddedPatchSize);
        }
    }

    private final ThreadLocal<Workspace[]> workspaces = ThreadLocal.withInitial(() -> new Workspace[2]);

    private Workspace workspace(int batch) {
        Workspace[] kept = workspaces.get();
        if (kept[0] != null && kept[0].batch == batch) {
            return kept[0];
        }
        Workspace w = kept[1] != null && kept[1].batch == batch ? kept[1] : new Workspace(batch);
        kept[1] = kept[0];
        kept[0] = w;
        return w;
    }
}
