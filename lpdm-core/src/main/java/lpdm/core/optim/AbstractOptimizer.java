package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.state.StateDict;

/**
 * What every optimiser here shares: its parameters, its learning rate, and per-parameter float
 * buffers (moments, momentum, square averages) saved in checkpoints as {@code PREFIX.NAME.PARAM}.
 */
abstract class AbstractOptimizer implements Optimizer {
    protected final List<Parameter> parameters;
    protected double learningRate;

    AbstractOptimizer(List<Parameter> parameters, double learningRate) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
    }

    /** One zeroed buffer per parameter, of the parameter's size. */
    protected final float[][] newBuffers() {
        float[][] b = new float[parameters.size()][];
        for (int i = 0; i < b.length; i++) {
            b[i] = new float[parameters.get(i).size()];
        }
        return b;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /**
     * Saves each buffer set {@code buffers[j]} as {@code prefix.names[j].PARAM}, parameter by
     * parameter (for Adam: m.w, v.w, m.b, v.b, the order its checkpoints have always had).
     */
    protected final void saveBuffers(StateDict state, String prefix, List<String> names, float[][]... buffers) {
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                state.putFloats(prefix + "." + names.get(j) + "." + parameters.get(i).name, buffers[j][i]);
            }
        }
    }

    /** Loads what {@link #saveBuffers} saved into {@code buffers}. */
    protected final void loadBuffers(StateDict state, String prefix, List<String> names, float[][]... buffers) {
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                state.copyFloatsInto(prefix + "." + names.get(j) + "." + parameters.get(i).name, buffers[j][i]);
            }
        }
    }
}
