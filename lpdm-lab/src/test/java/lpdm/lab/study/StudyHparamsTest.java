package lpdm.lab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.Algorithms;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Study files keep the algorithms' defaults unless they opt in to the tuned sets with {@code set: {hparams: tuned}}. */
class StudyHparamsTest {
    @TempDir
    Path dir;

    @Test
    void aStudyWithoutHparamsRunsTheDefaultsAndOneWithHparamsTunedTheTunedSet() throws Exception {
        StudySpec s = StudySpecTest.parse("envs: LunarLander-v3\nalgo: ppo\nsteps: 100000\nseeds: 1\n"
                + "variants:\n  bp: {learner: bp}\n  tuned: {learner: bp, set: {hparams: tuned}}\n  mine: {learner: bp, set: {hparams: tuned, ppo.lr: 0.001}}\n");
        Map<String, String> plain = TrainingRun.create(dir.resolve("bp"), s.runConfig(new StudySpec.RunKey("LunarLander-v3", "bp", 1)))
                .settingValues();
        Map<String, String> tuned = TrainingRun.create(dir.resolve("tuned"), s.runConfig(new StudySpec.RunKey("LunarLander-v3", "tuned", 1)))
                .settingValues();
        Map<String, String> mine = TrainingRun.create(dir.resolve("mine"), s.runConfig(new StudySpec.RunKey("LunarLander-v3", "mine", 1)))
                .settingValues();
        assertThat(plain).containsEntry("hparams", "defaults").containsEntry("ppo.num_envs", "4");
        assertThat(tuned).containsEntry("hparams", "tuned").containsEntry("ppo.num_envs", "16").containsEntry("ppo.lr", "0.0003");
        assertThat(mine).containsEntry("ppo.num_envs", "16").containsEntry("ppo.lr", "0.001");
    }

    /** The study's check before any run sees the tuned values: a setting that does not fit them is refused up front. */
    @Test
    void validationSeesTheTunedValues() {
        Map<String, String> o = Map.of("hparams", "tuned", "ppo.num_minibatches", "3");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "LunarLander-v3", o)).isInstanceOf(UsageException.class)
                .hasMessageContaining("num_minibatches");
        Algorithms.check("ppo", "bp", "LunarLander-v3", Map.of("ppo.num_minibatches", "4"));
    }
}
