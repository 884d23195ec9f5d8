package lpdm.rl;

import java.util.function.DoubleSupplier;

/**
 * Where an actor-critic algorithm runs the critic's part of each minibatch update (its forward
 * pass, value loss and backward pass): on the training thread after the actor's part, or on a
 * second thread at the same time as the actor's part. Actor and critic touch disjoint parameters,
 * buffers and generators, and the gradient clipping and optimiser step wait for both, so the
 * results are bit-identical either way. The choice is made by whoever builds the algorithm
 * ({@link RunThreads#criticExecution}, from the setting {@code run.threads}); the algorithm only
 * starts the critic's task and joins it.
 */
public enum CriticExecution {
    /** The critic's part runs on the training thread, when its result is asked for. */
    SAME_THREAD,
    /** The critic's part runs on a second thread ({@link HandoffThread}). */
    SECOND_THREAD;

    /** One task at a time: {@link #start} hands it over, {@link #join} returns its result. */
    public interface Worker extends AutoCloseable {
        /** Starts {@code task} (or keeps it for {@link #join}); the previous task must have been joined. */
        void start(DoubleSupplier task);

        /** The result of the task started last (run now if it has not run yet); its exception is rethrown here. */
        double join();

        @Override
        void close();
    }

    /** The threads a run with this execution trains with: 1 or 2. */
    public int threads() {
        return this == SECOND_THREAD ? 2 : 1;
    }

    /** The execution for {@code threads} (1 or 2). */
    public static CriticExecution of(int threads) {
        return threads == 2 ? SECOND_THREAD : SAME_THREAD;
    }

    /** A worker for one training loop, to be closed when it ends; {@code name} names the second thread. */
    Worker open(String name) {
        return this == SECOND_THREAD ? new HandoffThread(name) : new SameThread();
    }

    /** Runs each task on the caller's thread when it is joined. */
    private static final class SameThread implements Worker {
        private DoubleSupplier task;

        @Override
        public void start(DoubleSupplier task) {
            if (this.task != null) {
                throw new IllegalStateException("the previous task has not been joined");
            }
            this.task = task;
        }

        @Override
        public double join() {
            DoubleSupplier t = task;
            task = null;
            return t.getAsDouble();
        }

        @Override
        public void close() {
        }
    }
}
