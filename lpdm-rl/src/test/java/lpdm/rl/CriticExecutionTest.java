package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CriticExecutionTest {

    @Test
    void theSameThreadRunsTheTaskWhenJoinedOnTheCallersThread() {
        List<String> order = new ArrayList<>();
        try (CriticExecution.Worker worker = CriticExecution.SAME_THREAD.open("unused")) {
            Thread caller = Thread.currentThread();
            worker.start(() -> {
                order.add("critic");
                assertThat(Thread.currentThread()).isSameAs(caller);
                return 2.5;
            });
            order.add("actor");
            assertThat(worker.join()).isEqualTo(2.5);
            assertThat(order).containsExactly("actor", "critic"); // the single-thread order of the update: actor, then critic
            worker.start(() -> 1.0);
            assertThatThrownBy(() -> worker.start(() -> 0.0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("joined");
            assertThat(worker.join()).isEqualTo(1.0);
        }
    }

    @Test
    void theSecondThreadRunsTheTaskElsewhere() {
        try (CriticExecution.Worker worker = CriticExecution.SECOND_THREAD.open("critic-test")) {
            Thread caller = Thread.currentThread();
            worker.start(() -> Thread.currentThread() == caller ? 0.0 : 1.0);
            assertThat(worker.join()).isEqualTo(1.0);
        }
    }

    @Test
    void threadsAndBack() {
        assertThat(CriticExecution.of(1)).isEqualTo(CriticExecution.SAME_THREAD);
        assertThat(CriticExecution.of(2)).isEqualTo(CriticExecution.SECOND_THREAD);
        for (CriticExecution e : CriticExecution.values()) {
            assertThat(CriticExecution.of(e.threads())).isEqualTo(e);
        }
    }
}
