package lpdm.core.learn;

import java.util.List;
import java.util.Map;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.tensor.Matrix;

/**
 * A learning rule whose learners show their activation accounting: a decorator for the memory
 * probe ({@code lpdm bench memory}) and the tests of that accounting. Each bound learner is a
 * {@link Learner} that trains exactly as the wrapped rule's and adds {@link Learner#meter()}, the
 * {@link ActivationMeter} its training passes account their live buffers into. Training never
 * needs it, so neither {@link LearningRule} nor {@link NetworkLearner} mentions metering.
 */
public final class MeteredRule implements LearningRule {

    /** A rule whose learners can account into a given meter (the rules of this package). */
    interface Accounting {
        /** As {@link LearningRule#bind}, accounting the learner's buffers into {@code meter}. */
        NetworkLearner bind(Network network, NetworkRole role, Rng rng, ActivationMeter meter);
    }

    private final LearningRule rule;

    /** Wraps {@code rule}, one of {@link BackpropRule}, {@link LpdmRule}, {@link FrozenRule}. */
    public MeteredRule(LearningRule rule) {
        if (!(rule instanceof Accounting)) {
            throw new IllegalArgumentException("rule " + rule + " keeps no activation accounting");
        }
        this.rule = rule;
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public Learner bind(Network network, NetworkRole role, Rng rng) {
        ActivationMeter meter = new ActivationMeter();
        return new Learner(((Accounting) rule).bind(network, role, rng, meter), meter);
    }

    @Override
    public String toString() {
        return "metered " + rule;
    }

    /** A bound learner and the meter of its training passes. */
    public static final class Learner implements NetworkLearner {
        private final NetworkLearner learner;
        private final ActivationMeter meter;

        private Learner(NetworkLearner learner, ActivationMeter meter) {
            this.learner = learner;
            this.meter = meter;
        }

        /** The activation-buffer accounting of this learner's training passes. */
        public ActivationMeter meter() {
            return meter;
        }

        @Override
        public Network network() {
            return learner.network();
        }

        @Override
        public List<Parameter> rlParameters() {
            return learner.rlParameters();
        }

        @Override
        public Matrix forwardTrain(Matrix input, Signals signals) {
            return learner.forwardTrain(input, signals);
        }

        @Override
        public void backward(Matrix outputGradient) {
            learner.backward(outputGradient);
        }

        @Override
        public Map<String, Double> diagnostics() {
            return learner.diagnostics();
        }

        @Override
        public void setTrainingProgress(double progress) {
            learner.setTrainingProgress(progress);
        }

        @Override
        public void setLearningRateFraction(double fraction) {
            learner.setLearningRateFraction(fraction);
        }

        @Override
        public void saveState(StateDict state, String prefix) {
            learner.saveState(state, prefix);
        }

        @Override
        public void loadState(StateDict state, String prefix) {
            learner.loadState(state, prefix);
        }
    }
}
