package lpdm.core.learn;

import lpdm.core.nn.Network;
import lpdm.core.random.Rng;

/**
 * How the hidden layers of a network learn: back-propagation of the RL loss, a local rule such as
 * LPDM, or nothing (the frozen control). Algorithms receive a rule as a constructor argument and
 * never branch on which one it is.
 */
public interface LearningRule {
    /** The learner's name as used on the command line: {@code bp}, {@code lpdm}, {@code frozen}. */
    String name();

    /**
     * Binds the rule to one network. {@code rng} is the learner's own stream (e.g. for pair
     * sampling); {@code role} selects per-network settings such as the guidance signal.
     */
    NetworkLearner bind(Network network, NetworkRole role, Rng rng);
}
