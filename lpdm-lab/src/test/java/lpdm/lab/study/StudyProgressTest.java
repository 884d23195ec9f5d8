package lpdm.lab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lpdm.lab.run.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress a study reports counts each run up to its budget (issue 19, defect 11: "364032/360000"). */
class StudyProgressTest {
    @Test
    void stepsDoneNeverExceedTheBudgetThoughRunsRoundUpToWholeRollouts(@TempDir Path dir) throws Exception {
        // PPO's CartPole rollout is 4 envs x 128 steps = 512: a budget of 1000 trains 1024 steps.
        StudySpec study = StudySpec.ofLearners("CartPole-v1", "ppo", List.of("bp", "frozen"), 2, 1000);
        List<long[]> updates = new ArrayList<>();
        List<StudyRunner.RunOutcome> outcomes = StudyRunner.run(study, dir, 2, false,
                (done, total, stepsDone, stepsTotal, sps) -> updates.add(new long[] {done, total, stepsDone, stepsTotal}));
        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        Summary any = StudyRunner.completedSummary(dir.resolve(study.runs().get(0).relativeDirectory()));
        assertThat(any.total_steps()).as("a run trains whole rollouts, past its budget").isEqualTo(1024);
        assertThat(updates).isNotEmpty().allSatisfy(u -> assertThat(u[2]).isLessThanOrEqualTo(u[3]));
        long[] last = updates.get(updates.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]);
        assertThat(last[2]).as("all runs done: exactly the budget").isEqualTo(last[3]).isEqualTo(4 * 1000L);
    }
}
