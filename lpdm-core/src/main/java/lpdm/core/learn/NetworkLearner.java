package lpdm.core.learn;

import java.util.List;
import java.util.Map;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.state.Stateful;
import lpdm.core.tensor.Matrix;

/**
 * A {@link LearningRule} bound to one network. One training step on a minibatch is:
 * <pre>
 *   Matrix out = learner.forwardTrain(x, signals); // local rules update hidden layers here
 *   ... the algorithm computes dLoss/dOut from out ...
 *   learner.backward(dOut);                          // gradients into rlParameters()
 *   ... clip, optimiser.step() over rlParameters() ...
 * </pre>
 */
public interface NetworkLearner extends Stateful {
    Network network();

    /** The parameters the RL loss trains: every parameter under BP, the head only under local rules. */
    List<Parameter> rlParameters();

    /**
     * The training forward pass on a minibatch (N x inputSize). Returns the head output
     * (N x outputSize), an internal buffer valid until the next call. Local rules update each
     * hidden layer here, once, from its own input and output.
     */
    Matrix forwardTrain(Matrix input, Signals signals);

    /**
     * Given dLoss/dOutput for the last {@link #forwardTrain}, writes the gradients of the
     * {@link #rlParameters()} (overwriting their grad buffers).
     */
    void backward(Matrix outputGradient);

    /**
     * Per-hidden-layer diagnostics since the previous call, keyed {@code layer{i}/name}
     * (weight_norm, update_norm, and rule-specific ones such as grad_norm or local_loss).
     */
    Map<String, Double> diagnostics();

    /**
     * Tells the learner how far training has got: {@code progress} in [0, 1] is the fraction of the
     * step budget done, set by the algorithm at the start of every iteration. Rules with schedules
     * (LPDM's lambda and learning-rate schedules) use it; the default ignores it.
     */
    default void setTrainingProgress(double progress) {
    }

    /**
     * Tells the learner the fraction of their initial learning rate at which the algorithm now trains
     * the {@link #rlParameters()}, whenever it anneals them (PPO with {@code ppo.anneal_lr}: 1 - progress,
     * at the start of every iteration); never called by an algorithm that does not anneal, so a learner
     * takes 1 until told otherwise. LPDM's {@code follow} schedules use it; the default ignores it.
     */
    default void setLearningRateFraction(double fraction) {
    }
}
