package lpdm.core.learn;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.learn.kernels.FastPairwiseDistanceLoss;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Layer;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.optim.Adam;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.state.Stateful;
import lpdm.core.tensor.Matrix;
import lpdm.core.tensor.MatrixOps;

/**
 * The learner shared by {@link LpdmRule} and {@link FrozenRule}: the forward-only schedule with the
 * local pairwise-distance loss measured at every hidden layer, and a pluggable
 * {@link HiddenLayerUpdate} that turns each layer's local gradient into a change of its weights
 * (LPDM: that layer's own Adam; frozen: nothing). Everything else, including the diagnostics and
 * the use of the pair-sampling generator, is the same code for both.
 *
 * <p>One training pass ({@link #forwardTrain}), for each hidden layer l in order:
 * <pre>
 *   h = phi(W_l a + b_l)                  computed once, with the weights before the update
 *   dL/dh from (a, h, g) by the {@link LocalLoss}; dL/dz = dL/dh (.) phi'(from h)
 *   dL/dW_l = (dL/dz)^T a, dL/db_l = column sums    (into the layer's Parameter.grad)
 *   update.step(l)                         the layer learns now
 *   a = h                                   the old a is dropped
 * </pre>
 * then head output = W_head a + b_head. {@link #backward} writes the head's gradients only; the
 * last hidden output and the head output are the only activations kept until then.
 *
 * <p>Pairs ({@code lpdm.pairs} = sampled:K) are drawn once per training pass from the learner's
 * own generator and used by every hidden layer of that pass. The guidance signal is read and
 * standardised only when lambda &gt; 0.
 *
 * <p>Each layer's input distances are the previous layer's output distances over the same pairs
 * (its input is that output), so they are passed on instead of being computed again
 * ({@link LocalLoss#outputSquaredDistances()}).
 *
 * <p>The frozen control learns nothing from its local loss; it measures it (and computes the local
 * gradients into the hidden layers' grad buffers, which nothing reads) only on the first training
 * pass after each {@link #diagnostics()} call, i.e. on the first minibatch after each report,
 * instead of on every pass. Its weights never change, so the reported values describe the same
 * network as any other pass would, on another minibatch of the same data; the other passes cost a
 * forward pass. Pairs are still drawn on every pass, so the generator's stream is the same.
 *
 * <p>Three options of issue 18, point 5 (docs/lpdm.md, "Options for deep networks"): with
 * {@code lpdm.target=observation} every layer's target distances are those of the network input x,
 * which is then kept (and metered) for the whole pass; {@code lpdm.decorrelation} mu adds
 * {@link DecorrelationTerm} to each layer's dL/dH; {@code lpdm.local_head} beta adds the error of
 * the layer's own readout ({@link LocalReadouts}) and steps that readout. The frozen control uses
 * neither term (it learns nothing).
 *
 * <p>Activation accounting (into the meter it is given; {@link MeteredRule} shows it), by {@link ActivationMeter.Kind}: activations are the
 * input x from the start of the pass until layer 0 is done, each layer's output until the next
 * layer is done, and the last hidden output and the head output until {@link #backward}; gradient
 * buffers are a layer's dL/dz and the loss's activation-shaped buffers
 * ({@link FastPairwiseDistanceLoss#gradientWorkspaceBytes}), held during the layer; the pair workspace is
 * the pair indices and the input distances carried from layer to layer (whole pass) and the loss's
 * per-pair buffers ({@link FastPairwiseDistanceLoss#pairWorkspaceBytes}, during the layer). The peak is
 * therefore a maximum over single layers and does not grow with depth.
 */
final class LocalLearner implements NetworkLearner {

    /** How a hidden layer's weights change given its local gradient (in its Parameter.grad). */
    interface HiddenLayerUpdate extends Stateful {
        /** Applies the update of hidden layer {@code layer}, whose weight/bias grads hold dL_local/dW, dL_local/db. */
        void step(int layer);

        /** Scales every layer's learning rate by {@code factor} of its initial value (a schedule). */
        default void setLearningRateFactor(double factor) {
        }

        /** The frozen control: hidden weights never change, nothing is saved. */
        HiddenLayerUpdate NONE = new HiddenLayerUpdate() {
            @Override
            public void step(int layer) {
            }

            @Override
            public void saveState(StateDict state, String prefix) {
            }

            @Override
            public void loadState(StateDict state, String prefix) {
            }
        };

        /**
         * One Adam per hidden layer over its (weight, bias), layer l at {@code lr * layerDecay^l},
         * saved as {@code prefix.layer{l}.adam}.
         */
        static HiddenLayerUpdate adamPerLayer(List<Network.Hidden> hidden, double lr, double layerDecay, double adamEps) {
            Adam[] optimisers = new Adam[hidden.size()];
            double[] initialLr = new double[hidden.size()];
            for (int l = 0; l < hidden.size(); l++) {
                initialLr[l] = lr * Math.pow(layerDecay, l);
                optimisers[l] = new Adam(hidden.get(l).layer().parameters(), initialLr[l], adamEps);
            }
            return new HiddenLayerUpdate() {
                @Override
                public void step(int layer) {
                    optimisers[layer].step();
                }

                @Override
                public void setLearningRateFactor(double factor) {
                    for (int l = 0; l < optimisers.length; l++) {
                        optimisers[l].setLearningRate(initialLr[l] * factor);
                    }
                }

                @Override
                public void saveState(StateDict state, String prefix) {
                    for (int l = 0; l < optimisers.length; l++) {
                        optimisers[l].saveState(state, prefix + ".layer" + l + ".adam");
                    }
                }

                @Override
                public void loadState(StateDict state, String prefix) {
                    for (int l = 0; l < optimisers.length; l++) {
                        optimisers[l].loadState(state, prefix + ".layer" + l + ".adam");
                    }
                }
            };
        }
    }

    private final Network net;
    private final List<Network.Hidden> hidden;
    private final LpdmConfig config;
    private final String signalName; // null when lambda = 0: the signal is not read
    private final Rng rng;
    private final HiddenLayerUpdate update;
    private final LocalLoss localLoss;
    private final PairSet pairs = new PairSet();
    private final ActivationMeter meter;
    private final LayerDiagnostics layerDiagnostics;
    /** lpdm.target = random_projection: each hidden layer's fixed initial weights and bias; else null. */
    private final Layer[] projections;
    private Matrix[] projected = new Matrix[0];
    /** lpdm.decorrelation &gt; 0 and not frozen: the term; else null. */
    private final DecorrelationTerm decorrelation;
    /** lpdm.local_head &gt; 0 and not frozen: the readouts; else null. */
    private final LocalReadouts readouts;
    private double[] readoutTarget = new double[0];
    private final double[] lastDecorrelation;
    private final double[] lastReadoutError;

    private final double[] lastLoss;
    private final double[] lastDistCorr;
    private final double[] lastOutScale;
    private final double[] lastSaturation;

    private int rows = -1;
    private Matrix[] outputs = new Matrix[0];
    private Matrix[] gradZ = new Matrix[0];
    private Matrix headOutput;
    private double[] signal = new double[0];

    private Matrix lastHidden;
    private boolean holding;
    /** The frozen control (a hidden-layer update that does nothing). */
    private final boolean frozen;
    /** Frozen: measure the local loss on the next pass (the first after a report). */
    private boolean measureNext = true;
    // where training is, for the schedules: the budget's fraction done, and the algorithm's lr fraction
    private double progress;
    private double algorithmLrFraction = 1.0;

    LocalLearner(Network net, LpdmConfig config, LocalLoss.Implementation lossImplementation, NetworkRole role, Rng rng, HiddenLayerUpdate update,
            ActivationMeter meter) {
        this.net = net;
        this.meter = meter;
        this.hidden = net.hiddenLayers();
        this.config = config;
        this.signalName = config.guidance() > 0 ? config.signalFor(role) : null;
        this.rng = rng;
        this.update = update;
        this.frozen = update == HiddenLayerUpdate.NONE;
        this.localLoss = LocalLoss.of(config, lossImplementation);
        this.layerDiagnostics = new LayerDiagnostics(net);
        int depth = hidden.size();
        if (config.target() == LpdmConfig.Target.RANDOM_PROJECTION) {
            projections = new Layer[depth];
            for (int l = 0; l < depth; l++) {
                Layer layer = hidden.get(l).layer();
                projections[l] = layer.copy(layer.parameters().get(0).name + ".projection");
            }
        } else {
            projections = null;
        }
        this.lastLoss = nans(depth);
        this.lastDistCorr = nans(depth);
        this.lastOutScale = nans(depth);
        this.lastSaturation = nans(depth);
        this.lastDecorrelation = nans(depth);
        this.lastReadoutError = nans(depth);
        this.decorrelation = config.decorrelation() > 0 && !frozen ? new DecorrelationTerm() : null;
        if (config.localHead() > 0 && !frozen) {
            int[] widths = new int[depth];
            for (int l = 0; l < depth; l++) {
                widths[l] = hidden.get(l).layer().outputSize();
            }
            this.readouts = new LocalReadouts(widths, config.lr(), config.adamEps());
        } else {
            this.readouts = null;
        }
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    @Override
    public Network network() {
        return net;
    }

    @Override
    public List<Parameter> rlParameters() {
        return net.headParameters();
    }

    /**
     * (Re)allocates the buffers for n rows. Hidden outputs alternate between two buffers per width
     * (layer l uses slot l mod 2), so that with equal widths the whole stack needs two.
     */
    private void ensureBuffers(int n) {
        if (n == rows) {
            return;
        }
        int depth = hidden.size();
        outputs = new Matrix[depth];
        gradZ = new Matrix[depth];
        Map<Long, Matrix> outputPool = new HashMap<>();
        Map<Integer, Matrix> gradPool = new HashMap<>();
        for (int l = 0; l < depth; l++) {
            int width = hidden.get(l).layer().outputSize();
            outputs[l] = outputPool.computeIfAbsent(((long) width << 1) | (l & 1), k -> new Matrix(n, width));
            gradZ[l] = gradPool.computeIfAbsent(width, k -> new Matrix(n, width));
        }
        headOutput = new Matrix(n, net.outputSize());
        if (projections != null) {
            projected = new Matrix[depth];
            Map<Integer, Matrix> projectionPool = new HashMap<>();
            for (int l = 0; l < depth; l++) {
                projected[l] = projectionPool.computeIfAbsent(hidden.get(l).layer().outputSize(), w -> new Matrix(n, w));
            }
        }
        signal = new double[n];
        readoutTarget = new double[n];
        rows = n;
    }

    @Override
    public Matrix forwardTrain(Matrix x, Signals signals) {
        if (x.cols != net.inputSize()) {
            throw new IllegalArgumentException("input has " + x.cols + " columns, network expects " + net.inputSize());
        }
        releaseHeld();
        final int n = x.rows;
        ensureBuffers(n);
        double[] g = null;
        if (signalName != null && !hidden.isEmpty()) {
            float[] raw = signals.get(signalName);
            if (raw.length != n) {
                throw new IllegalArgumentException("guidance signal '" + signalName + "' has " + raw.length + " values for a minibatch of " + n);
            }
            PairwiseDistanceLoss.standardise(raw, n, signal);
            g = signal;
        }
        double[] y = null;
        if (readouts != null && !hidden.isEmpty()) {
            float[] raw = signals.get(config.localHeadSignal());
            if (raw.length != n) {
                throw new IllegalArgumentException("local-head signal '" + config.localHeadSignal() + "' has " + raw.length + " values for a minibatch of " + n);
            }
            PairwiseDistanceLoss.standardise(raw, n, readoutTarget);
            y = readoutTarget;
        }
        if (config.pairs().allPairs()) {
            if (pairs.samples() != n || pairs.size() == 0 && n >= 2) {
                pairs.fillAll(n);
            }
        } else {
            pairs.fillSampled(n, config.pairs().partners(), rng);
        }
        // The frozen control learns nothing: it measures its local loss only on the first pass after
        // each diagnostics() report (see the class comment).
        final boolean measure = !frozen || measureNext;
        measureNext = false;
        final boolean all = pairs.isAllPairs();
        // Carried from layer to layer: the squared distances of the current layer's input (4 bytes per pair).
        final long carried = measure ? 4L * pairs.size() : 0L;
        meter.reset();
        meter.hold(x.bytes());
        final boolean observationTarget = config.target() == LpdmConfig.Target.OBSERVATION;
        if (observationTarget) {
            meter.hold(x.bytes()); // x stays alive as every layer's target source
        }
        if (measure) {
            meter.hold(ActivationMeter.Kind.PAIR_WORKSPACE, pairs.bytes() + carried);
        }

        Matrix a = x;
        float[] inputSquared = null; // layer 0: computed from x
        for (int l = 0; l < hidden.size(); l++) {
            Layer layer = hidden.get(l).layer();
            Activation activation = hidden.get(l).activation();
            Matrix h = outputs[l];
            layer.forward(a, h);
            activation.apply(h.data, h.data, h.data.length);
            meter.hold(h.bytes());
            if (measure) {
                Matrix dz = gradZ[l];
                long gradientBytes = dz.bytes() + FastPairwiseDistanceLoss.gradientWorkspaceBytes(n, h.cols, all, config.gradientForm());
                Matrix targetSource = a; // the matrix whose distances make the target (before guidance)
                if (projections != null) {
                    // The fixed random nonlinear projection phi(W0 a + b0), alive during this layer only.
                    targetSource = projected[l];
                    projections[l].forward(a, targetSource);
                    activation.apply(targetSource.data, targetSource.data, targetSource.data.length);
                    gradientBytes += targetSource.bytes();
                    inputSquared = null; // the carried distances are those of a, not of the projection
                } else if (observationTarget) {
                    targetSource = x; // every layer matches the observation's distances
                    inputSquared = null; // computed from x (d_obs columns); the carried ones are a's
                }
                long pairBytes = FastPairwiseDistanceLoss.pairWorkspaceBytes(pairs.size(), n, all, config.gradientForm()) - carried;
                meter.hold(ActivationMeter.Kind.GRADIENT, gradientBytes);
                meter.hold(ActivationMeter.Kind.PAIR_WORKSPACE, pairBytes);
                lastLoss[l] = localLoss.evaluate(targetSource, inputSquared, h, g, pairs, dz); // dz holds dL/dh
                inputSquared = localLoss.outputSquaredDistances(); // the next layer's input distances
                lastDistCorr[l] = localLoss.distCorr();
                lastOutScale[l] = localLoss.outScale();
                lastSaturation[l] = saturation(h);
                if (decorrelation != null) {
                    lastDecorrelation[l] = decorrelation.addTo(h, config.decorrelation(), dz);
                }
                if (readouts != null) {
                    lastReadoutError[l] = readouts.addToAndLearn(l, h, y, config.localHead(), dz);
                }
                activation.multiplyDerivativeFromOutputInPlace(dz.data, h.data, h.data.length); // dz holds dL/dz
                layer.parameterGradients(dz, a); // dL/dW = dz^T a, dL/db = column sums of dz (a convolution: over its patches)
                update.step(l);
                meter.drop(ActivationMeter.Kind.PAIR_WORKSPACE, pairBytes);
                meter.drop(ActivationMeter.Kind.GRADIENT, gradientBytes);
            }
            meter.drop(a.bytes()); // the layer's input is no longer needed
            a = h;
        }
        if (measure) {
            meter.drop(ActivationMeter.Kind.PAIR_WORKSPACE, pairs.bytes() + carried);
        }
        if (observationTarget) {
            meter.drop(x.bytes());
        }

        net.head().forward(a, headOutput);
        meter.hold(headOutput.bytes());
        lastHidden = a;
        holding = true;
        return headOutput;
    }

    private static double saturation(Matrix h) {
        int count = MatrixOps.countAbsAbove(h.data, h.data.length, 0.99f);
        return h.data.length == 0 ? Double.NaN : (double) count / h.data.length;
    }

    @Override
    public void backward(Matrix dOut) {
        if (!holding || dOut.rows != rows || dOut.cols != net.outputSize()) {
            throw new IllegalStateException("backward needs the output gradient of the last forwardTrain (" + rows + " x " + net.outputSize() + ")");
        }
        net.head().parameterGradients(dOut, lastHidden);
        releaseHeld();
    }

    private void releaseHeld() {
        if (holding) {
            meter.drop(headOutput.bytes());
            meter.drop(lastHidden.bytes());
            lastHidden = null;
            holding = false;
        }
    }

    /**
     * weight_norm and update_norm (since the previous call) per hidden layer, and from the last
     * training pass: local_loss, dist_corr (Pearson correlation of Din and Dout over the pairs
     * used), out_scale (mean Dout / mean Din) and saturation (fraction of entries of h with
     * |h| &gt; 0.99). NaN before the first pass or where undefined.
     */
    @Override
    public Map<String, Double> diagnostics() {
        measureNext = true;
        Map<String, Double> out = layerDiagnostics.report();
        for (int l = 0; l < hidden.size(); l++) {
            out.put("layer" + l + "/local_loss", lastLoss[l]);
            out.put("layer" + l + "/dist_corr", lastDistCorr[l]);
            out.put("layer" + l + "/out_scale", lastOutScale[l]);
            out.put("layer" + l + "/saturation", lastSaturation[l]);
            if (decorrelation != null) {
                out.put("layer" + l + "/decorrelation", lastDecorrelation[l]);
            }
            if (readouts != null) {
                out.put("layer" + l + "/readout_mse", lastReadoutError[l]);
            }
        }
        return out;
    }

    /** Applies lpdm.guidance_schedule to lambda and lpdm.lr_schedule to the hidden layers' learning rates. */
    @Override
    public void setTrainingProgress(double progress) {
        this.progress = progress;
        applySchedules();
    }

    /** Keeps the algorithm's learning-rate fraction for the {@code follow} schedules. */
    @Override
    public void setLearningRateFraction(double fraction) {
        this.algorithmLrFraction = fraction;
        applySchedules();
    }

    private void applySchedules() {
        localLoss.setLambda(config.guidance() * config.guidanceSchedule().factor(progress, algorithmLrFraction));
        update.setLearningRateFactor(config.lrSchedule().factor(progress, algorithmLrFraction));
    }

    /** The hidden layers' update state (LPDM: each layer's Adam) and the pair-sampling generator's state. */
    @Override
    public void saveState(StateDict state, String prefix) {
        update.saveState(state, prefix);
        if (readouts != null) {
            readouts.saveState(state, prefix);
        }
        state.putLongs(prefix + ".rng", rng.state());
        if (projections != null) {
            for (int l = 0; l < projections.length; l++) {
                state.putFloats(prefix + ".layer" + l + ".projection.weight", projections[l].parameters().get(0).value.clone());
                state.putFloats(prefix + ".layer" + l + ".projection.bias", projections[l].parameters().get(1).value.clone());
            }
        }
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        update.loadState(state, prefix);
        if (readouts != null) {
            readouts.loadState(state, prefix);
        }
        rng.restore(state.longs(prefix + ".rng"));
        if (projections != null) {
            for (int l = 0; l < projections.length; l++) {
                state.copyFloatsInto(prefix + ".layer" + l + ".projection.weight", projections[l].parameters().get(0).value);
                state.copyFloatsInto(prefix + ".layer" + l + ".projection.bias", projections[l].parameters().get(1).value);
            }
        }
    }
}
