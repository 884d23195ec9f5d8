package lpdm.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The time between runs on a slot, from clock times that do not say which slot ran which task. */
class TaskOverheadTest {
    /** A run from {@code start} to {@code end} (ms); the task's own work: 3 ms before the run, 2 after. */
    static TaskOverhead.Timing run(long start, long end) {
        return new TaskOverhead.Timing(start - 3, start, end, end + 2);
    }

    /** Slot A: gaps of 20 and 30 ms; slot B: one gap of 10 ms; so 20 ms per gap on average. */
    static List<TaskOverhead.Timing> twoSlots() {
        return new ArrayList<>(List.of(
                run(0, 1000), run(1020, 2000), run(2030, 3000),
                run(5, 1500), run(1510, 2600)));
    }

    @Test
    void theMeanGapBetweenRunsOnASlotIsFoundWhicheverSlotRanWhichTask() {
        List<TaskOverhead.Timing> timings = twoSlots();
        for (int shuffle = 0; shuffle < 5; shuffle++) {
            Collections.shuffle(timings, new Random(shuffle));
            TaskOverhead.Summary s = TaskOverhead.summarise(timings, 0.004, 0.001, -1000, 3100);
            assertThat(s.tasks()).isEqualTo(5);
            assertThat(s.slots()).isEqualTo(2);
            assertThat(s.betweenRuns()).isCloseTo(0.020, within(1e-12));
            assertThat(s.meanRun()).isCloseTo((1000 + 980 + 970 + 1495 + 1090) / 5.0 / 1e3, within(1e-12));
            assertThat(s.beforeRunInTask()).isCloseTo(0.005, within(1e-12));
            assertThat(s.start()).isCloseTo(1.0, within(1e-12));
            assertThat(s.end()).isCloseTo(0.1, within(1e-12));
            assertThat(s.line()).contains("overhead per task 0.020 s = 1.81% of the mean run (1.11 s)", "5 tasks on 2 slots");
        }
    }

    @Test
    void aLongerGapOnOneSlotRaisesTheMean() {
        List<TaskOverhead.Timing> timings = twoSlots();
        timings.set(1, run(1120, 2100)); // slot A waits 120 ms instead of 20 (and its run ends 100 ms later)
        timings.set(2, run(2130, 3100));
        assertThat(TaskOverhead.summarise(timings, 0, 0, 0, 3100).betweenRuns()).isCloseTo(0.020 + 0.100 / 3, within(1e-12));
    }

    @Test
    void runsThatTouchDoNotOverlap() {
        assertThat(TaskOverhead.maxConcurrent(new long[] {0, 10, 20}, new long[] {10, 20, 30})).isEqualTo(1);
        assertThat(TaskOverhead.maxConcurrent(new long[] {0, 5, 9}, new long[] {10, 20, 30})).isEqualTo(3);
    }

    @Test
    void withNoTaskAfterTheFirstOnEachSlotThereIsNoGapToMeasure() {
        TaskOverhead.Summary s = TaskOverhead.summarise(List.of(run(0, 100), run(1, 90)), 0, 0, 0, 100);
        assertThat(s.slots()).isEqualTo(2);
        assertThat(s.betweenRuns()).isNaN();
    }
}
