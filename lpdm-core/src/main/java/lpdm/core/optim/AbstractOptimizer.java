package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.state.StateDict;

/**
 * What every optimiser here shares: its parameters, its learning rate, its per-parameter float
 * buffers (moments, momentum, square averages), and their checkpoint: the learning rate as
 * {@code PREFIX.lr}, then each buffer as {@code PREFIX.NAME.PARAM}, parameter by parameter (for
 * Adam m.w, v.w, m.b, v.b, the order its checkpoints have always had). A subclass names its
 * buffers in the constructor and adds any other state in {@link #saveCounters}.
 */
abstract class AbstractOptimizer implements Optimizer {
    protected final List<Parameter> parameters;
    protected double learningRate;
    private final List<String> bufferNames;
    private final float[][][] buffers;

    /** {@code bufferNames}: one zeroed buffer set per name, a buffer per parameter of its size. */
    AbstractOptimizer(List<Parameter> parameters, double learningRate, String... bufferNames) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        this.bufferNames = List.of(bufferNames);
        this.buffers = new float[bufferNames.length][this.parameters.size()][];
        for (float[][] set : buffers) {
            for (int i = 0; i < set.length; i++) {
                set[i] = new float[this.parameters.get(i).size()];
            }
        }
    }

    /** The buffer set named {@code bufferNames[index]} in the constructor. */
    protected final float[][] buffers(int index) {
        return buffers[index];
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

    /** State saved before the learning rate (Adam: its step count); none by default. */
    protected void saveCounters(StateDict state, String prefix) {
    }

    /** Loads what {@link #saveCounters} saved. */
    protected void loadCounters(StateDict state, String prefix) {
    }

    @Override
    public final void saveState(StateDict state, String prefix) {
        saveCounters(state, prefix);
        state.putDouble(prefix + ".lr", learningRate);
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < buffers.length; j++) {
                state.putFloats(prefix + "." + bufferNames.get(j) + "." + parameters.get(i).name, buffers[j][i]);
            }
        }
    }

    @Override
    public final void loadState(StateDict state, String prefix) {
        loadCounters(state, prefix);
        learningRate = state.getDouble(prefix + ".lr");
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < buffers.length; j++) {
                state.copyFloatsInto(prefix + "." + bufferNames.get(j) + "." + parameters.get(i).name, buffers[j][i]);
            }
        }
    }
}
