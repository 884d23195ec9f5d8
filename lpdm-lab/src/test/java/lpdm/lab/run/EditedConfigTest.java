package lpdm.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19, defect 5: a config.json edited by hand against its checkpoint is refused, naming the key. */
class EditedConfigTest {
    @TempDir
    Path dir;

    private Path run;
    private String original;

    @BeforeEach
    void interruptedRun() throws Exception {
        run = dir.resolve("run");
        RunConfig config = new RunConfig("CartPole-v1", "reinforce", "lpdm", 7, 4000,
                Map.of("reinforce.batch_steps", "500", "run.checkpoint_every", "1"));
        TrainingRun.create(run, config).run(RunProgress.NONE);
        original = Files.readString(run.resolve("config.json"));
    }

    private void edit(String from, String to) throws Exception {
        assertThat(original).contains(from);
        Files.writeString(run.resolve("config.json"), original.replace(from, to));
    }

    @Test
    void anEditedSeedEnvOrLearnerIsNamed() throws Exception {
        edit("\"seed\" : 7", "\"seed\" : 8");
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class)
                .hasMessageContaining("config.json's seed is 8 but the run's checkpoint was made with 7");
        edit("\"env\" : \"CartPole-v1\"", "\"env\" : \"Acrobot-v1\"");
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class)
                .hasMessageContaining("config.json's env is \"Acrobot-v1\"");
        edit("\"learner\" : \"lpdm\"", "\"learner\" : \"bp\"");
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class)
                .hasMessageContaining("config.json's learner");
        edit("\"total_steps\" : 4000", "\"total_steps\" : 8000");
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class)
                .hasMessageContaining("config.json's total_steps");
    }

    @Test
    void aSettingEditedConsistentlyInOverridesAndSettingsIsNamed() throws Exception {
        edit("\"reinforce.batch_steps\" : \"500\"", "\"reinforce.batch_steps\" : \"400\""); // both occurrences
        assertThat(Files.readString(run.resolve("config.json"))).doesNotContain("\"500\"");
        assertThatThrownBy(() -> TrainingRun.resume(run)).isInstanceOf(UsageException.class)
                .hasMessageContaining("config.json's overrides.reinforce.batch_steps is \"400\"");
    }

    @Test
    void anUneditedRunResumes() throws Exception {
        assertThat(TrainingRun.resume(run).completed()).isTrue();
    }
}
