package lpdm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lpdm.envs.EnvRegistry;
import lpdm.rl.LearningRules;
import lpdm.bench.workloads.UpdateStep;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** Keeps the benchmarks' parameter lists in step with the code they measure (no timing is asserted). */
class EnvStepBenchmarkTest {

    private static List<String> params(Class<?> type, String field) throws NoSuchFieldException {
        return List.of(type.getField(field).getAnnotation(Param.class).value());
    }

    @Test
    void everyRegisteredEnvIsBenchmarked() throws Exception {
        assertThat(params(EnvStepBenchmark.class, "env")).containsExactlyInAnyOrderElementsOf(EnvRegistry.ids());
    }

    @Test
    void updateStepParametersAreValidAndEachStepRuns() throws Exception {
        assertThat(params(UpdateStepBenchmark.class, "learner")).containsExactlyElementsOf(LearningRules.BENCHMARK_NAMES);
        for (String learner : LearningRules.BENCHMARK_NAMES) {
            UpdateStep step = new UpdateStep(UpdateStep.Shape.A, LearningRules.forBenchmark(learner), 1);
            assertThat(step.run()).as(learner).isFinite();
        }
    }

    @Test
    void everyBenchmarkRunsOnce() {
        EnvStepBenchmark env = new EnvStepBenchmark();
        for (String id : EnvRegistry.ids()) {
            env.env = id;
            try {
                env.setUp();
            } catch (lpdm.envs.EnvUnavailableException missing) {
                // MuJoCo not installed on this developer's machine: say so; CI installs it and fails here without it.
                if ("true".equals(System.getenv("CI"))) {
                    throw missing;
                }
                System.err.println("SKIPPED " + id + ": " + missing.getMessage());
                continue;
            }
            for (int i = 0; i < 300; i++) {
                assertThat(env.step()).isFinite();
            }
            env.tearDown();
        }
        GaeBenchmark gae = new GaeBenchmark();
        gae.setUp();
        assertThat(gae.gae()).isFinite();
        FirstUpdateAllocationBenchmark alloc = new FirstUpdateAllocationBenchmark();
        alloc.learner = "lpdm";
        alloc.depth = 2;
        alloc.width = 16;
        alloc.batch = 8;
        alloc.setUp();
        assertThat(alloc.bindAndFirstUpdate().diagnostics().get("layer0/local_loss")).as("the first update measured the local loss").isFinite();
    }
}
