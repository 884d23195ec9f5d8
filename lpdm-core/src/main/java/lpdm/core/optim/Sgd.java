package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.state.StateDict;

/** Stochastic gradient descent with optional (PyTorch-style) momentum: b = mu b + g; p -= lr b. */
public final class Sgd implements Optimizer {
    private final List<Parameter> parameters;
    private final float[][] buffers;
    private final double momentum;
    private double learningRate;

    public Sgd(List<Parameter> parameters, double learningRate, double momentum) {
        if (!(learningRate >= 0) || !(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("invalid SGD settings: lr " + learningRate + ", momentum " + momentum);
        }
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.buffers = new float[this.parameters.size()][];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = new float[this.parameters.get(i).size()];
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
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

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    @Override
    public void saveState(StateDict state, String prefix) {
        state.putDouble(prefix + ".lr", learningRate);
        for (int i = 0; i < parameters.size(); i++) {
            state.putFloats(prefix + ".momentum." + parameters.get(i).name, buffers[i]);
        }
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        learningRate = state.getDouble(prefix + ".lr");
        for (int i = 0; i < parameters.size(); i++) {
            state.copyFloatsInto(prefix + ".momentum." + parameters.get(i).name, buffers[i]);
        }
    }
}
