package lpdm.core.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lpdm.core.nn.Layer;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.tensor.Matrix;

/**
 * Back-propagation (the baseline): the RL loss is propagated through every layer and every
 * parameter receives its gradient. The training pass keeps each hidden layer's output alive until
 * {@link NetworkLearner#backward} has used it, so activation memory grows with depth.
 */
public final class BackpropRule implements LearningRule, MeteredRule.Accounting {

    @Override
    public String name() {
        return "bp";
    }

    @Override
    public NetworkLearner bind(Network network, NetworkRole role, Rng rng) {
        return new Learner(network, new ActivationMeter());
    }

    @Override
    public NetworkLearner bind(Network network, NetworkRole role, Rng rng, ActivationMeter meter) {
        return new Learner(network, meter);
    }

    static final class Learner implements NetworkLearner {
        private final Network net;
        private final List<Network.Hidden> hidden;
        private final ActivationMeter meter;
        private final LayerDiagnostics layerDiagnostics;
        private final double[] gradNorms;
        private Matrix input;
        private Matrix[] outputs = new Matrix[0];
        private Matrix headOutput;
        private Matrix[] gradBuffers = new Matrix[0];
        private int rows = -1;
        private boolean holding;

        Learner(Network net, ActivationMeter meter) {
            this.net = net;
            this.meter = meter;
            this.hidden = net.hiddenLayers();
            this.layerDiagnostics = new LayerDiagnostics(net);
            this.gradNorms = new double[hidden.size()];
        }

        @Override
        public Network network() {
            return net;
        }

        @Override
        public List<Parameter> rlParameters() {
            return net.parameters();
        }

        private void ensureBuffers(int n) {
            if (n == rows) {
                return;
            }
            outputs = new Matrix[hidden.size()];
            gradBuffers = new Matrix[hidden.size()];
            // The backward pass needs at most two gradient buffers at a time (dL/dH of layer l and of
            // l - 1): layer l uses slot l mod 2 of its width, so equal widths share two buffers.
            Map<Long, Matrix> gradPool = new java.util.HashMap<>();
            for (int l = 0; l < hidden.size(); l++) {
                int width = hidden.get(l).layer().outputSize();
                outputs[l] = new Matrix(n, width);
                gradBuffers[l] = gradPool.computeIfAbsent(((long) width << 1) | (l & 1), k -> new Matrix(n, width));
            }
            headOutput = new Matrix(n, net.outputSize());
            rows = n;
        }

        @Override
        public Matrix forwardTrain(Matrix x, Signals signals) {
            if (x.cols != net.inputSize()) {
                throw new IllegalArgumentException("input has " + x.cols + " columns, network expects " + net.inputSize());
            }
            releaseHeld();
            ensureBuffers(x.rows);
            meter.reset();
            input = x;
            meter.hold(x.bytes());
            Matrix a = x;
            for (int l = 0; l < hidden.size(); l++) {
                Matrix h = outputs[l];
                hidden.get(l).layer().forward(a, h);
                hidden.get(l).activation().apply(h.data, h.data, h.data.length);
                meter.hold(h.bytes()); // kept until backward
                a = h;
            }
            net.head().forward(a, headOutput);
            meter.hold(headOutput.bytes());
            holding = true;
            return headOutput;
        }

        @Override
        public void backward(Matrix dOut) {
            if (!holding || dOut.rows != rows || dOut.cols != net.outputSize()) {
                throw new IllegalStateException("backward needs the output gradient of the last forwardTrain (" + rows + " x " + net.outputSize() + ")");
            }
            int depth = hidden.size();
            Matrix lastHidden = depth == 0 ? input : outputs[depth - 1];
            net.head().parameterGradients(dOut, lastHidden);
            if (depth > 0) {
                Matrix dH = gradBuffers[depth - 1];
                meter.hold(ActivationMeter.Kind.GRADIENT, dH.bytes());
                net.head().inputGradient(dOut, dH);
                for (int l = depth - 1; l >= 0; l--) {
                    Matrix h = outputs[l];
                    hidden.get(l).activation().multiplyDerivativeFromOutputInPlace(dH.data, h.data, h.data.length); // dH becomes dZ
                    meter.drop(h.bytes()); // layer l's output is no longer needed (its consumers are done)
                    Matrix layerInput = l == 0 ? input : outputs[l - 1];
                    Layer layer = hidden.get(l).layer();
                    layer.parameterGradients(dH, layerInput);
                    gradNorms[l] = Math.sqrt(sumOfSquares(layer.parameters().get(0).grad));
                    if (l > 0) {
                        Matrix dPrev = gradBuffers[l - 1];
                        meter.hold(ActivationMeter.Kind.GRADIENT, dPrev.bytes());
                        layer.inputGradient(dH, dPrev);
                        meter.drop(ActivationMeter.Kind.GRADIENT, dH.bytes());
                        dH = dPrev;
                    }
                }
                meter.drop(ActivationMeter.Kind.GRADIENT, dH.bytes());
            }
            meter.drop(headOutput.bytes());
            meter.drop(input.bytes());
            holding = false;
            input = null;
        }

        /** Sum of squares in double with four partial sums (a diagnostic: only the order of the additions differs from a plain loop). */
        private static double sumOfSquares(float[] g) {
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            int k = 0;
            for (int n4 = g.length & ~3; k < n4; k += 4) {
                s0 += (double) g[k] * g[k];
                s1 += (double) g[k + 1] * g[k + 1];
                s2 += (double) g[k + 2] * g[k + 2];
                s3 += (double) g[k + 3] * g[k + 3];
            }
            for (; k < g.length; k++) {
                s0 += (double) g[k] * g[k];
            }
            return (s0 + s1) + (s2 + s3);
        }

        private void releaseHeld() {
            if (holding) {
                // A training pass without backward (e.g. an evaluation): release what it held.
                for (Matrix h : outputs) {
                    meter.drop(h.bytes());
                }
                meter.drop(headOutput.bytes());
                meter.drop(input.bytes());
                holding = false;
                input = null;
            }
        }

        @Override
        public Map<String, Double> diagnostics() {
            Map<String, Double> out = layerDiagnostics.report();
            for (int l = 0; l < gradNorms.length; l++) {
                out.put("layer" + l + "/grad_norm", gradNorms[l]);
            }
            return out;
        }

        @Override
        public void saveState(StateDict state, String prefix) {
            // Back-propagation keeps no state of its own: the algorithm's optimiser holds it.
        }

        @Override
        public void loadState(StateDict state, String prefix) {
        }
    }

    /** Every parameter of a list of learners, in order (for one optimiser over several networks). */
    public static List<Parameter> allRlParameters(List<NetworkLearner> learners) {
        List<Parameter> ps = new ArrayList<>();
        for (NetworkLearner l : learners) {
            ps.addAll(l.rlParameters());
        }
        return ps;
    }
}
