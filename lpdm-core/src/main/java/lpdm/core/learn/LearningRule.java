package lpdm.core.learn;

import lpdm.core.nn.Mlp;
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
    NetworkLearner bind(Mlp network, NetworkRole role, Rng rng);

    /**
     * Whether a network's update under this rule costs so much that updating an actor and a critic
     * on two threads pays even in a fresh JVM, whose JIT compiler also wants the second core (the
     * value {@code auto} of the setting {@code run.threads}). False by default: measured for
     * back-propagation and the frozen control, a cold 100k-step CartPole run lost more than it
     * gained (docs/performance.md, session 6).
     */
    default boolean updatesPayForASecondThread() {
        return false;
    }
}
