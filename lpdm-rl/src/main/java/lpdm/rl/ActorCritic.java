package lpdm.rl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.NetworkLearner;
import lpdm.core.learn.NetworkRole;
import lpdm.core.nn.Initializers;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.optim.GradientClipping;
import lpdm.core.optim.Optimizer;
import lpdm.core.optim.OptimizerSpec;
import lpdm.core.random.Seeds;
import lpdm.core.state.StateDict;
import lpdm.core.state.Stateful;
import lpdm.core.tensor.Matrix;
import lpdm.envs.Space;

/**
 * The agent shared by every algorithm: a separate actor (policy) and critic (value) network, each
 * bound to the run's {@link LearningRule}, plus the optimisers of the RL loss.
 *
 * <p>Initial weights come from the run seed's "init" stream only, so BP, LPDM and frozen runs of
 * one seed start from identical weights. Two optimisers (Adam unless the algorithm asks for
 * RMSprop, {@link OptimizerSpec}) train what the RL loss reaches: one
 * for the heads (and the Gaussian log-std) with {@code headLr}, one for any other RL-trained
 * parameter (the hidden layers under back-propagation) with {@code lr}. Under a local rule the
 * second one is empty. Learning-rate annealing scales both by the same fraction.
 */
public final class ActorCritic implements Stateful {
    private final Network actor;
    private final Network critic;
    private final PolicyHead policy;
    private final lpdm.core.nn.Activation activation;
    private final NetworkLearner actorLearner;
    private final NetworkLearner criticLearner;
    private final OptimizerSpec optimizer;
    private final Optimizer headOptimizer;
    private final Optimizer bodyOptimizer;
    private final List<Parameter> rlParameters;
    private final double lr;
    private final double headLr;

    /**
     * @param observationShape shape of the env's observation space (a grid height x width x
     *        channels for convolutions; the networks read it flattened)
     * @param actionSpace the env's action space (decides the policy head)
     * @param net architecture and initialisation
     * @param rule the hidden layers' learning rule
     * @param seeds the run's seeds ("init", "learner.actor", "learner.critic" are used)
     * @param lr learning rate of RL-trained non-head parameters
     * @param headLr learning rate of the heads
     * @param adamEps Adam's epsilon
     */
    public ActorCritic(int[] observationShape, Space actionSpace, NetworkSettings net, LearningRule rule, Seeds seeds,
                       double lr, double headLr, double adamEps) {
        this(observationShape, actionSpace, net, rule, seeds, lr, headLr, OptimizerSpec.adam(adamEps));
    }

    /** As above, with the optimiser of the RL loss given ({@code optimizer}: Adam or RMSprop and their constants). */
    public ActorCritic(int[] observationShape, Space actionSpace, NetworkSettings net, LearningRule rule, Seeds seeds,
                       double lr, double headLr, OptimizerSpec optimizer) {
        this.policy = PolicyHead.forSpace(actionSpace, net.initialLogStd());
        this.activation = net.activation();
        this.actor = net.build("actor", observationShape, policy.outputSize());
        this.critic = net.build("critic", observationShape, 1);
        var initRng = seeds.rng("init");
        Initializers.initialise(actor, net.init(), net.hiddenGain(), net.actorHeadGain(), initRng);
        Initializers.initialise(critic, net.init(), net.hiddenGain(), net.criticHeadGain(), initRng);
        this.actorLearner = rule.bind(actor, NetworkRole.ACTOR, seeds.rng("learner.actor"));
        this.criticLearner = rule.bind(critic, NetworkRole.CRITIC, seeds.rng("learner.critic"));

        Set<Parameter> heads = new HashSet<>();
        heads.addAll(actor.headParameters());
        heads.addAll(critic.headParameters());
        List<Parameter> headParams = new ArrayList<>();
        List<Parameter> bodyParams = new ArrayList<>();
        List<Parameter> all = new ArrayList<>();
        for (NetworkLearner l : List.of(actorLearner, criticLearner)) {
            for (Parameter p : l.rlParameters()) {
                (heads.contains(p) ? headParams : bodyParams).add(p);
                all.add(p);
            }
        }
        headParams.addAll(policy.parameters());
        all.addAll(policy.parameters());
        this.rlParameters = List.copyOf(all);
        this.lr = lr;
        this.headLr = headLr;
        this.optimizer = optimizer;
        this.headOptimizer = optimizer.create(headParams, headLr);
        this.bodyOptimizer = optimizer.create(bodyParams, lr);
    }

    public Network actor() {
        return actor;
    }

    public Network critic() {
        return critic;
    }

    /** The hidden layers' activation ({@code net.activation}). */
    public lpdm.core.nn.Activation activation() {
        return activation;
    }

    public PolicyHead policy() {
        return policy;
    }

    public NetworkLearner actorLearner() {
        return actorLearner;
    }

    public NetworkLearner criticLearner() {
        return criticLearner;
    }

    /** Every parameter the RL loss trains (heads, log-std, and hidden layers under BP). */
    public List<Parameter> rlParameters() {
        return rlParameters;
    }

    /** Zeroes every RL gradient. */
    public void zeroGrad() {
        for (Parameter p : rlParameters) {
            p.zeroGrad();
        }
    }

    /** Clips the global norm of all RL gradients together; returns the norm before clipping. */
    public double clipGradients(double maxNorm) {
        return GradientClipping.clipGlobalNorm(rlParameters, maxNorm);
    }

    /** One optimiser step over every RL-trained parameter. */
    public void step() {
        headOptimizer.step();
        bodyOptimizer.step();
    }

    /**
     * Sets both learning rates to {@code fraction} of their initial values (annealing), and tells both
     * learners (LPDM's {@code lpdm.lr_schedule=follow} anneals the hidden layers by the same fraction).
     */
    public void setLearningRateFraction(double fraction) {
        headOptimizer.setLearningRate(headLr * fraction);
        bodyOptimizer.setLearningRate(lr * fraction);
        actorLearner.setLearningRateFraction(fraction);
        criticLearner.setLearningRateFraction(fraction);
    }

    /** Passes training progress (fraction of the budget done) to both learners, for their schedules. */
    public void setTrainingProgress(double progress) {
        actorLearner.setTrainingProgress(progress);
        criticLearner.setTrainingProgress(progress);
    }

    /** The current learning rate of the non-head parameters (the algorithm's lr). */
    public double learningRate() {
        return bodyOptimizer.learningRate();
    }

    /** Critic value of every row of {@code observations} (inference, nothing learned). */
    public void values(Matrix observations, float[] out) {
        Matrix v = critic.forward(observations);
        System.arraycopy(v.data, 0, out, 0, observations.rows);
    }

    @Override
    public void saveState(StateDict state, String prefix) {
        for (Network net : List.of(actor, critic)) {
            for (Parameter p : net.parameters()) {
                state.putFloats(prefix + ".param." + p.name, p.value);
            }
        }
        for (Parameter p : policy.parameters()) {
            state.putFloats(prefix + ".param." + p.name, p.value);
        }
        headOptimizer.saveState(state, prefix + "." + optimizer.stateName() + "_heads");
        bodyOptimizer.saveState(state, prefix + "." + optimizer.stateName() + "_body");
        actorLearner.saveState(state, prefix + ".learner.actor");
        criticLearner.saveState(state, prefix + ".learner.critic");
    }

    @Override
    public void loadState(StateDict state, String prefix) {
        for (Network net : List.of(actor, critic)) {
            for (Parameter p : net.parameters()) {
                state.copyFloatsInto(prefix + ".param." + p.name, p.value);
            }
        }
        for (Parameter p : policy.parameters()) {
            state.copyFloatsInto(prefix + ".param." + p.name, p.value);
        }
        headOptimizer.loadState(state, prefix + "." + optimizer.stateName() + "_heads");
        bodyOptimizer.loadState(state, prefix + "." + optimizer.stateName() + "_body");
        actorLearner.loadState(state, prefix + ".learner.actor");
        criticLearner.loadState(state, prefix + ".learner.critic");
        // Diagnostics are "since the previous report" (e.g. update_norm); checkpoints are taken right
        // after a report, so restart them from the loaded weights, as an uninterrupted run would.
        actorLearner.diagnostics();
        criticLearner.diagnostics();
    }
}
