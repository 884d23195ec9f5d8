package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.state.Stateful;

/**
 * Turns gradients into parameter updates. An optimiser only transforms updates: it does not know
 * whether a gradient came from back-propagation, a local loss or an RL head loss.
 */
public interface Optimizer extends Stateful {
    /** The parameters this optimiser updates, in a fixed order. */
    List<Parameter> parameters();

    /** Applies one update to every parameter from its current {@code grad}. */
    void step();

    double learningRate();

    void setLearningRate(double learningRate);

    /** Zeroes the gradient buffers of every parameter. */
    default void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }
}
