package lpdm.rl;

import lpdm.core.state.Stateful;

/**
 * A training run of one algorithm on one env. {@link #train} runs iterations until the step
 * budget is spent (or a listener stops it); after {@link #loadState} it continues from the
 * checkpointed iteration, bit-exactly.
 */
public interface Algorithm extends Stateful {

    /** Runs the training loop from the current iteration to the end of the budget. */
    void train(TrainingListener listener);

    /** Environment steps taken so far (over all envs). */
    long globalStep();

    /** Iterations completed so far. */
    long iteration();

    /** True once the step budget is spent. */
    boolean finished();

    /** The agent being trained (for evaluation and checkpoints). */
    ActorCritic agent();

    /**
     * The threads {@link #train} uses, as chosen by the code that built the algorithm (the setting
     * {@code run.threads} resolved by {@link RunThreads}); 1 for an algorithm that always trains on
     * one thread.
     */
    default int trainingThreads() {
        return 1;
    }

    /** Builds the env used for evaluation, with the same observation pipeline as training (normalisation frozen). */
    lpdm.envs.Env makeEvalEnv();
}
