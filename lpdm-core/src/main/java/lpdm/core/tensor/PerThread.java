package lpdm.core.tensor;

import java.util.function.Supplier;

/**
 * A value per thread (kernel scratch buffers), like {@link ThreadLocal} but with the last thread's
 * value kept in a field: the kernels ask for their scratch on every call, almost always from the
 * same thread, and a field read and one comparison cost less than a ThreadLocal lookup (which a
 * profile of PPO on CartPole showed at over 10% of the run). Any other thread falls back to the
 * ThreadLocal, so each thread still gets its own value.
 */
public final class PerThread<T> {
    private final ThreadLocal<T> local;
    private volatile Entry<T> last;

    private record Entry<T>(Thread thread, T value) {
    }

    public PerThread(Supplier<? extends T> initial) {
        this.local = ThreadLocal.withInitial(initial);
    }

    /** This thread's value. */
    public T get() {
        Thread current = Thread.currentThread();
        Entry<T> e = last;
        if (e != null && e.thread == current) {
            return e.value;
        }
        T value = local.get();
        last = new Entry<>(current, value);
        return value;
    }
}
