package lpdm.rl;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/**
 * How many threads one run trains with: the setting {@code run.threads}, {@code 1}, {@code 2}
 * (PPO and A2C update the critic on a second thread; results are bit-identical either way) or
 * {@code auto}, the default: 2 when the learner's updates pay for a second thread
 * ({@link #AUTO_LEARNERS}: LPDM), the minibatches have at least
 * {@link #AUTO_MIN_MINIBATCH} samples, and the machine has two cores for every run this JVM trains
 * at the same time ({@link #parallelRuns}); otherwise 1. Other processes on the machine are not
 * seen: set 1 when several lpdm processes share the cores.
 *
 * <p>The minibatch bound is measured (docs/notes/performance-notebook.md, session 6; PPO CartPole, LPDM, 50k
 * steps, cold / warm JVM): 32 samples per minibatch 0.95x / 0.95x, 64 0.9x / 1.05-1.5x, 128
 * 1.1x / 1.4x, 256 1.45x / 1.55x; A2C's 40-sample updates (8 envs x 5 steps) 1.05x / 0.9x. An LPDM update's pair
 * work grows with the square of the minibatch, the hand-over costs the same at every size.
 *
 * <p>{@link #resolve(String, String, int, int, int)} is the rule itself, a plain function of the
 * setting, the learner, the minibatch size, the cores and the number of runs trained at once; the
 * code that builds an algorithm calls {@link #criticExecution} and hands the result to it.
 */
public final class RunThreads {
    /** The setting's name. */
    public static final String SETTING = "run.threads";

    /** The smallest minibatch for which {@code auto} uses a second thread. */
    public static final int AUTO_MIN_MINIBATCH = 128;

    /**
     * The learners whose network updates cost so much that updating an actor and a critic on two
     * threads pays even in a fresh JVM, whose JIT compiler also wants the second core: LPDM's pair
     * work makes its update several times a back-propagated one. Measured for back-propagation and
     * the frozen control, a cold 100k-step CartPole run lost more than it gained
     * (docs/notes/performance-notebook.md, session 6).
     */
    public static final Set<String> AUTO_LEARNERS = Set.of("lpdm");

    private static final AtomicInteger PARALLEL_RUNS = new AtomicInteger(1);

    private RunThreads() {
    }

    /**
     * Declares that up to {@code runs} runs train at the same time in this JVM (a multi-seed runner
     * with that many workers) until the returned scope is closed; the previous declaration is
     * restored then.
     */
    public static Scope parallelRuns(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("parallel runs must be positive, got " + runs);
        }
        return new Scope(PARALLEL_RUNS.getAndSet(runs));
    }

    /**
     * Where {@code run}'s actor-critic updates of {@code minibatchSize} samples run the critic, on
     * this machine, now (its cores, the runs this JVM trains at once); a malformed setting fails here.
     */
    public static CriticExecution criticExecution(RunSpec run, int minibatchSize) {
        return CriticExecution.of(resolve(run.settings(), run.rule().name(), minibatchSize));
    }

    /** The threads a run with these settings, this learner and minibatches of this size trains with, on this machine, now. */
    public static int resolve(Settings settings, String learner, int minibatchSize) {
        return resolve(settings.string(SETTING), learner, minibatchSize, Runtime.getRuntime().availableProcessors(), PARALLEL_RUNS.get());
    }

    /**
     * The rule: the value of {@code run.threads}, for the learner named {@code learner} (bp, lpdm,
     * frozen), minibatches of {@code minibatchSize} samples, {@code cores} cores and
     * {@code parallelRuns} runs trained at once in this JVM.
     */
    static int resolve(String value, String learner, int minibatchSize, int cores, int parallelRuns) {
        switch (value) {
            case "1":
                return 1;
            case "2":
                return 2;
            case Settings.AUTO:
                return AUTO_LEARNERS.contains(learner) && minibatchSize >= AUTO_MIN_MINIBATCH && cores >= 2 * parallelRuns ? 2 : 1;
            default:
                throw new UsageException(SETTING + ": expected 1, 2 (actor and critic on two threads) or auto, got '" + value + "'");
        }
    }

    /** Ends a {@link #parallelRuns} declaration. */
    public static final class Scope implements AutoCloseable {
        private final int previous;

        private Scope(int previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            PARALLEL_RUNS.set(previous);
        }
    }
}
