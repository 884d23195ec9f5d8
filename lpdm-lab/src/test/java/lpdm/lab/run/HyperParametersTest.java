package lpdm.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvUnavailableException;
import lpdm.rl.Algorithms;
import lpdm.rl.HyperParameters;
import lpdm.rl.HyperParameters.Preset;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped tuned settings (lpdm/hparams/*.yaml) and the {@code hparams} setting that chooses them. */
class HyperParametersTest {
    private static final List<String> LEARNERS = List.of("bp", "frozen", "lpdm");
    private static final Map<String, String> TUNED = Map.of(HyperParameters.SETTING, HyperParameters.TUNED);

    @TempDir
    Path dir;

    @Test
    void aRunGivenNoBudgetTrainsTheBudgetOfItsTunedSet() {
        for (String algo : List.of("ppo", "a2c")) {
            for (Preset p : HyperParameters.presets(algo).values()) {
                assertThat(RunConfig.defaultSteps(p.env(), algo, "bp", Map.of())).as(p.name()).isEqualTo(p.steps());
                assertThat(RunConfig.defaultSteps(p.env(), algo, "lpdm", Map.of("ppo.lr", "0.001"))).as(p.name()).isEqualTo(p.steps());
                assertThat(RunConfig.defaultSteps(p.env(), algo, "bp", Map.of(HyperParameters.SETTING, HyperParameters.DEFAULTS)))
                        .as(p.name()).isEqualTo(RunConfig.DEFAULT_STEPS);
            }
        }
        assertThat(HyperParameters.presets("reinforce")).isEmpty();
        assertThat(RunConfig.defaultSteps("CartPole-v1", "reinforce", "bp", Map.of())).isEqualTo(RunConfig.DEFAULT_STEPS);
        assertThat(RunConfig.tunedSteps("CartPole-v1", "reinforce", "bp", Map.of())).isZero();
    }

    @Test
    void theShippedFilesParseAndNameOnlyRegisteredEnvsAndKnownLearners() {
        for (String algo : List.of("ppo", "a2c")) {
            Map<String, Preset> presets = HyperParameters.presets(algo);
            assertThat(presets).as(algo).isNotEmpty();
            for (Preset p : presets.values()) {
                assertThat(EnvRegistry.ids()).as(p.name()).contains(p.env());
                assertThat(p.source()).as(p.name()).isNotBlank();
                assertThat(p.steps()).as(p.name()).isPositive();
                assertThat(LEARNERS).as(p.name()).containsAll(p.learners().keySet());
            }
        }
    }

    /**
     * Whether {@code env} can be made on this machine: the MuJoCo envs need Debian's libmujoco-dev.
     * Without it a developer's run skips their presets here, saying why; under CI, which installs
     * it, the test fails instead.
     */
    private static boolean runnableHere(String env) {
        try {
            EnvRegistry.make(env).close();
            return true;
        } catch (EnvUnavailableException missing) {
            if ("true".equals(System.getenv("CI"))) {
                throw missing;
            }
            System.err.println("SKIPPED the presets of " + env + ": " + missing.getMessage());
            return false;
        }
    }

    @Test
    void everyRegisteredEnvHasATunedPpoSet() {
        assertThat(HyperParameters.presets("ppo").keySet()).containsAll(EnvRegistry.ids());
    }

    /** Every value names a declared setting and passes its declaration, and the resulting run config is valid, for every learner. */
    @Test
    void everyValueIsAValidSettingAndEveryRunItDescribesCanBeBuilt() {
        for (String algo : List.of("ppo", "a2c")) {
            for (Preset p : HyperParameters.presets(algo).values()) {
                if (!runnableHere(p.env())) {
                    continue;
                }
                for (String learner : LEARNERS) {
                    Algorithms.check(algo, learner, p.env(), TUNED);
                    Settings s = Algorithms.resolve(algo, learner, p.env(), TUNED);
                    p.valuesFor(learner).forEach((name, value) -> {
                        assertThat(s.declaration(name)).as(p.name() + " " + name).isNotNull();
                        assertThat(s.string(name)).as(p.name() + " " + learner + " " + name).isEqualTo(value);
                    });
                }
            }
        }
    }

    @Test
    void learnerValuesApplyOnTopOfTheEntrysOnlyForThatLearner() {
        Settings frozen = Algorithms.resolve("ppo", "frozen", "LunarLander-v3", TUNED);
        Settings bp = Algorithms.resolve("ppo", "bp", "LunarLander-v3", TUNED);
        assertThat(frozen.string("head_lr")).isEqualTo("0.003");
        assertThat(bp.string("head_lr")).isEmpty();
        assertThat(frozen.string("ppo.num_envs")).isEqualTo("16");
        assertThat(bp.string("ppo.num_envs")).isEqualTo("16");
    }

    @Test
    void explicitSettingsOverrideTheTunedSet() {
        Map<String, String> o = new HashMap<>(TUNED);
        o.put("ppo.lr", "0.001");
        Settings s = Algorithms.resolve("ppo", "bp", "LunarLander-v3", o);
        assertThat(s.string("ppo.lr")).isEqualTo("0.001");
        assertThat(s.string("ppo.num_steps")).isEqualTo("1024");
    }

    @Test
    void defaultsGiveThePlainAlgorithmDefaults() {
        Map<String, String> plain = Algorithms.resolve("ppo", "bp", "LunarLander-v3", Map.of()).values();
        Settings asked = Algorithms.resolve("ppo", "bp", "LunarLander-v3", Map.of(HyperParameters.SETTING, "defaults"));
        assertThat(asked.values()).isEqualTo(plain);
        assertThat(plain.get("ppo.num_envs")).isEqualTo("4");
        assertThat(HyperParameters.choose("ppo", "LunarLander-v3", "bp", Map.of(HyperParameters.SETTING, "defaults")).name())
                .isEqualTo("defaults");
    }

    /**
     * CartPole-v1 PPO's tuned set is today's defaults (CleanRL's CartPole settings) for bp and frozen, so train
     * and demo agree for them; lpdm's adds only its head learning rate from the claims study's tuning (3e-2, with the
     * hidden layers annealed as the default does since issue 18's point 5).
     */
    @Test
    void cartPolePpoTunedIsTheDefaultsPlusLpdmsHeadLearningRate() {
        for (String learner : List.of("bp", "frozen", "lpdm")) {
            Map<String, String> tuned = new HashMap<>(Algorithms.resolve("ppo", learner, "CartPole-v1", TUNED).values());
            tuned.remove(HyperParameters.SETTING);
            Map<String, String> plain = new HashMap<>(Algorithms.resolve("ppo", learner, "CartPole-v1", Map.of()).values());
            plain.remove(HyperParameters.SETTING);
            if (learner.equals("lpdm")) {
                assertThat(tuned.get("head_lr")).isEqualTo("0.03");
                plain.put("head_lr", "0.03");
            }
            assertThat(tuned).as(learner).isEqualTo(plain);
        }
    }

    @Test
    void anAlgorithmOrEnvWithoutATunedSetFallsBackToTheDefaultsAndSaysSo() {
        HyperParameters.Choice noFile = HyperParameters.choose("reinforce", "CartPole-v1", "bp", TUNED);
        assertThat(noFile.name()).isEqualTo("defaults");
        assertThat(noFile.values()).isEmpty();
        assertThat(noFile.describe()).contains("no tuned set for reinforce on CartPole-v1");
        HyperParameters.Choice noEntry = HyperParameters.choose("ppo", "NoSuchEnv-v0", "bp", TUNED);
        assertThat(noEntry.describe()).startsWith("defaults (no tuned set for ppo on NoSuchEnv-v0");
        assertThat(Algorithms.resolve("reinforce", "bp", "CartPole-v1", TUNED).overrides()).containsOnlyKeys(HyperParameters.SETTING);
    }

    @Test
    void aBadHparamsValueIsOneLineNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> HyperParameters.choose("ppo", "CartPole-v1", "bp", Map.of(HyperParameters.SETTING, "fast")))
                .isInstanceOf(UsageException.class).hasMessage("setting hparams: expected defaults or tuned, got 'fast'");
        assertThatThrownBy(() -> Algorithms.check("ppo", "bp", "CartPole-v1", Map.of(HyperParameters.SETTING, "zoo")))
                .isInstanceOf(UsageException.class).hasMessageContaining("hparams").hasMessageContaining("'zoo'");
    }

    @Test
    void aMalformedFileFailsNamingTheEntryAndKey() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode e = root.putObject("CartPole-v1");
        e.put("source", "x");
        e.put("steps", 1000);
        e.put("budget", 5);
        assertThatThrownBy(() -> HyperParameters.parse("ppo", root, "ppo.yaml"))
                .hasMessageContaining("ppo.yaml: CartPole-v1: unknown key 'budget'");
        e.remove("budget");
        e.remove("steps");
        assertThatThrownBy(() -> HyperParameters.parse("ppo", root, "ppo.yaml")).hasMessageContaining("'steps' must be a positive integer");
    }

    @Test
    void configJsonRecordsTheSetAndEveryValueAndTheRunResumes() throws Exception {
        Path run = dir.resolve("run");
        TrainingRun.create(run, new RunConfig("LunarLander-v3", "ppo", "frozen", 1, 100_000, TUNED));
        JsonNode c = Json.MAPPER.readTree(run.resolve(TrainingRun.CONFIG).toFile());
        assertThat(c.path("overrides").path("hparams").asText()).isEqualTo("tuned");
        assertThat(c.path("settings").path("hparams").asText()).isEqualTo("tuned");
        assertThat(c.path("settings").path("ppo.num_steps").asText()).isEqualTo("1024");
        assertThat(c.path("settings").path("head_lr").asText()).isEqualTo("0.003");
        assertThat(c.path("hparams").path("set").asText()).isEqualTo("ppo/LunarLander-v3");
        assertThat(c.path("hparams").path("source").asText()).contains("rl-baselines3-zoo", "round9-lunarlander");
        assertThat(c.path("hparams").path("steps").asLong()).isEqualTo(1_000_000);
        assertThat(c.path("hparams").path("values").path("head_lr").asText()).isEqualTo("0.003");
        TrainingRun resumed = TrainingRun.resume(run);
        assertThat(resumed.settingValues()).containsEntry("ppo.num_envs", "16").containsEntry("head_lr", "0.003");
        assertThat(resumed.hyperParameters().name()).isEqualTo("ppo/LunarLander-v3");

        Path plain = dir.resolve("plain");
        TrainingRun.create(plain, new RunConfig("LunarLander-v3", "ppo", "bp", 1, 100_000, Map.of()));
        JsonNode p = Json.MAPPER.readTree(plain.resolve(TrainingRun.CONFIG).toFile());
        assertThat(p.path("hparams").path("set").asText()).isEqualTo("defaults");
        assertThat(p.path("settings").path("ppo.num_envs").asText()).isEqualTo("4");
    }

    /** A run recorded before {@code hparams} existed (no such setting in its config.json) resumes with the defaults. */
    @Test
    void aRunRecordedBeforeTheSettingExistedResumes() throws Exception {
        Path run = dir.resolve("old");
        TrainingRun.create(run, new RunConfig("LunarLander-v3", "ppo", "bp", 1, 100_000, Map.of()));
        for (String f : List.of(TrainingRun.CONFIG, TrainingRun.RECORD)) {
            ObjectNode c = (ObjectNode) Json.MAPPER.readTree(run.resolve(f).toFile());
            ((ObjectNode) c.get("settings")).remove("hparams");
            c.remove("hparams");
            Json.write(run.resolve(f), c);
        }
        TrainingRun resumed = TrainingRun.resume(run);
        assertThat(resumed.settingValues()).containsEntry("hparams", "defaults").containsEntry("ppo.num_envs", "4");
    }
}
