package lpdm.rl;

import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;

/**
 * A second thread of one run that takes one task at a time from its owner ({@link #start}) and
 * hands back the result ({@link #join}). Both sides wait by spinning for a short while before they
 * park: in PPO the task is a minibatch's critic update (about 0.1 ms for CartPole's 64x64 critic
 * under back-propagation), and with an executor's hand-over (park, unpark, wake-up) a warm
 * back-propagation run on two threads was no faster than on one (docs/notes/performance-notebook.md, session 6).
 * The spins are bounded (20 us for the worker, 50 us for the owner), so a thread with nothing to
 * do, such as the worker during a rollout, parks and leaves the core to others.
 *
 * <p>Only the owner may call {@link #start}, {@link #join} and {@link #close}; one task at a time.
 * Everything the owner wrote before {@link #start} is visible to the task, and everything the task
 * wrote is visible to the owner after {@link #join} returns (volatile hand-over fields).
 */
final class HandoffThread implements CriticExecution.Worker {
    /** How long the worker spins for its next task before parking. */
    static final long WORKER_SPIN_NANOS = 20_000;
    /** How long the owner spins for the result before parking. */
    static final long OWNER_SPIN_NANOS = 50_000;

    private final Thread owner;
    private final Thread worker;
    private volatile DoubleSupplier task;
    private volatile boolean finished = true;
    private volatile boolean closed;
    // Written by the worker before its volatile write of finished; read by the owner after reading it.
    private double result;
    private Throwable failure;

    /** Starts the worker thread, named {@code name} (a daemon: it never keeps the JVM alive). */
    HandoffThread(String name) {
        this.owner = Thread.currentThread();
        this.worker = new Thread(this::serve, name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Hands {@code work} to the worker; the previous task must have been joined. */
    @Override
    public void start(DoubleSupplier work) {
        checkOwner();
        if (!finished) {
            throw new IllegalStateException("the previous task has not been joined");
        }
        if (closed) {
            throw new IllegalStateException("closed");
        }
        finished = false;
        task = work;
        LockSupport.unpark(worker);
    }

    /** Waits for the task handed over last and returns its result; its exception is rethrown here as it is. */
    @Override
    public double join() {
        checkOwner();
        long deadline = System.nanoTime() + OWNER_SPIN_NANOS;
        while (!finished) {
            if (System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
        return result;
    }

    /** Stops the worker once its current task (if any) is done; waits for it to end. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
        boolean interrupted = false;
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        while (true) {
            DoubleSupplier work = awaitTask();
            if (work == null) {
                return;
            }
            try {
                result = work.getAsDouble();
            } catch (Throwable t) {
                failure = t;
            }
            task = null;
            finished = true;
            LockSupport.unpark(owner);
        }
    }

    /** The next task, or null once closed (spins, then parks). */
    private DoubleSupplier awaitTask() {
        long deadline = System.nanoTime() + WORKER_SPIN_NANOS;
        while (true) {
            DoubleSupplier work = task;
            if (work != null) {
                return work;
            }
            if (closed) {
                return null;
            }
            if (System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("only the thread that created this HandoffThread may use it");
        }
    }
}
