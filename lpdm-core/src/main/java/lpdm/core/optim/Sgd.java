package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;

/** Stochastic gradient descent with optional (PyTorch-style) momentum: b = mu b + g; p -= lr b. */
public final class Sgd extends AbstractOptimizer {
    private final float[][] buffers;
    private final double momentum;

    public Sgd(List<Parameter> parameters, double learningRate, double momentum) {
        super(parameters, learningRate, "momentum");
        if (!(learningRate >= 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("invalid SGD settings: lr " + learningRate + ", momentum " + momentum);
        }
        this.momentum = momentum;
        this.buffers = buffers(0);
    }

    @Override
    public void step() {
        float lr = (float) learningRate;
        float mu = (float) momentum;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] b = buffers[i];
            for (int k = 0; k < p.value.length; k++) {
                b[k] = mu * b[k] + p.grad[k];
                p.value[k] -= lr * b[k];
            }
        }
    }
}
