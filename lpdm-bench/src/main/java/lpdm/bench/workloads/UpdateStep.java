package lpdm.bench.workloads;

import lpdm.core.learn.LearningRule;
import lpdm.core.learn.NetworkLearner;
import lpdm.core.learn.NetworkRole;
import lpdm.core.learn.Signals;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Initializers;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.optim.Adam;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;

/**
 * One update step of an MLP (tanh_fast, the training default, unless another activation is
 * given) on a fixed minibatch, as an algorithm does it and as the Python
 * peer's {@code torch_mlp_step.py} does it: zero the RL gradients, {@code forwardTrain} (a local rule
 * trains the hidden layers here), the gradient of a mean squared error against fixed targets,
 * {@code backward}, one Adam step over the learner's {@code rlParameters()} (every parameter under
 * BP, the head only under LPDM and frozen). Orthogonal initialisation (gain sqrt 2, head gain 1),
 * Gaussian inputs and targets, all from fixed seeds. Not thread-safe.
 */
public final class UpdateStep {
    /** The two shapes of the performance issue. */
    public enum Shape {
        /** 4 -> 64 -> 64 -> 2, minibatch 128 (CartPole PPO's network and minibatch). */
        A(4, new int[] {64, 64}, 2, 128),
        /** 8 -> 256 -> 256 -> 256 -> 256 -> 4, minibatch 256. */
        B(8, new int[] {256, 256, 256, 256}, 4, 256);

        public final int inputs;
        private final int[] hidden;
        public final int outputs;
        public final int batch;

        Shape(int inputs, int[] hidden, int outputs, int batch) {
            this.inputs = inputs;
            this.hidden = hidden;
            this.outputs = outputs;
            this.batch = batch;
        }

        public int[] hidden() {
            return hidden.clone();
        }

        /** e.g. "4-64-64-2, minibatch 128". */
        public String describe() {
            StringBuilder sb = new StringBuilder().append(inputs);
            for (int h : hidden) {
                sb.append('-').append(h);
            }
            return sb.append('-').append(outputs).append(", minibatch ").append(batch).toString();
        }

        public static Shape parse(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    private final NetworkLearner learner;
    private final Adam optimizer;
    private final Matrix x;
    private final Matrix target;
    private final Matrix dOut;
    private final Signals signals;

    /** The hidden activation the networks train with by default (the default of net.activation). */
    public static final Activation DEFAULT_ACTIVATION = Activation.parse(lpdm.rl.NetworkSettings.SPECS.stream()
            .filter(spec -> spec.name().equals("net.activation")).findFirst().orElseThrow().defaultValue());

    public UpdateStep(int inputs, int[] hidden, int outputs, int batch, Activation activation, LearningRule rule, long seed) {
        Network net = Network.mlp("bench", inputs, hidden, outputs, activation);
        Initializers.initialise(net, "orthogonal", Math.sqrt(2), 1.0, new Rng(seed));
        this.learner = rule.bind(net, NetworkRole.ACTOR, new Rng(seed + 1));
        this.optimizer = new Adam(learner.rlParameters(), 1e-3, 1e-5);
        Rng data = new Rng(seed + 2);
        this.x = gaussian(batch, inputs, data);
        this.target = gaussian(batch, outputs, data);
        this.dOut = new Matrix(batch, outputs);
        this.signals = Signals.synthetic(batch, data);
    }

    public UpdateStep(Shape shape, LearningRule rule, long seed) {
        this(shape, DEFAULT_ACTIVATION, rule, seed);
    }

    public UpdateStep(Shape shape, Activation activation, LearningRule rule, long seed) {
        this(shape.inputs, shape.hidden, shape.outputs, shape.batch, activation, rule, seed);
    }

    private static Matrix gaussian(int rows, int cols, Rng rng) {
        Matrix m = new Matrix(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = (float) rng.nextGaussian();
        }
        return m;
    }

    /** One update; returns the loss (mean squared error over the minibatch) so that nothing is dead code. */
    public double run() {
        for (Parameter p : learner.rlParameters()) {
            p.zeroGrad();
        }
        Matrix out = learner.forwardTrain(x, signals);
        float scale = 2f / out.data.length;
        double loss = 0;
        for (int k = 0; k < out.data.length; k++) {
            float e = out.data[k] - target.data[k];
            loss += (double) e * e;
            dOut.data[k] = scale * e;
        }
        learner.backward(dOut);
        optimizer.step();
        return loss / out.data.length;
    }

    public NetworkLearner learner() {
        return learner;
    }
}
