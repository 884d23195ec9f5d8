package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HandoffThreadTest {

    @Test
    void runsEachTaskOnItsOwnThreadAndHandsBackResultAndWrites() {
        double[] shared = new double[1000];
        try (HandoffThread worker = new HandoffThread("test-worker")) {
            AtomicReference<String> ranOn = new AtomicReference<>();
            for (int round = 0; round < 2000; round++) {
                final int r = round;
                // Plain writes by the owner before start, read by the task; the task's plain writes read by the owner after join.
                shared[r % shared.length] = r;
                worker.start(() -> {
                    ranOn.set(Thread.currentThread().getName());
                    double seen = shared[r % shared.length];
                    shared[(r + 1) % shared.length] = seen + 0.5;
                    return seen * 2;
                });
                if (round % 3 == 0) {
                    sleepMicros(300); // long enough for the worker to give up spinning and park
                }
                assertThat(worker.join()).isEqualTo(2.0 * r);
                assertThat(shared[(r + 1) % shared.length]).isEqualTo(r + 0.5);
            }
            assertThat(ranOn.get()).isEqualTo("test-worker");
        }
    }

    @Test
    void aTasksExceptionIsRethrownAsItIsAndTheThreadGoesOn() {
        try (HandoffThread worker = new HandoffThread("test-worker")) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            worker.start(() -> {
                throw boom;
            });
            assertThatThrownBy(worker::join).isSameAs(boom);
            AssertionError error = new AssertionError("an error");
            worker.start(() -> {
                throw error;
            });
            assertThatThrownBy(worker::join).isSameAs(error);
            worker.start(() -> 7.0);
            assertThat(worker.join()).isEqualTo(7.0);
        }
    }

    @Test
    void onlyTheOwnerMayUseItOneTaskAtATimeAndCloseEndsTheThread() throws Exception {
        HandoffThread worker = new HandoffThread("test-worker-close");
        AtomicReference<Throwable> fromOther = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try {
                worker.start(() -> 1.0);
            } catch (Throwable t) {
                fromOther.set(t);
            }
        });
        other.start();
        other.join();
        assertThat(fromOther.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("only the thread");

        worker.start(() -> {
            sleepMicros(2000);
            return 1.0;
        });
        assertThatThrownBy(() -> worker.start(() -> 2.0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not been joined");
        assertThat(worker.join()).isEqualTo(1.0);
        worker.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("test-worker-close"));
        assertThatThrownBy(() -> worker.start(() -> 3.0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static void sleepMicros(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(0, 100_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
