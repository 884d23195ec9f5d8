package lpdm.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.lab.run.Json;
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The random-policy anchor of a pooled report plays the env the runs played: with their env.* settings. */
class RandomAnchorTest {
    private static final List<String> ENVS = List.of("MinAtar/Breakout-v1", "MinAtar/SpaceInvaders-v1");

    @TempDir
    Path dir;

    @Test
    void theAnchorTakesTheEnvArguments() {
        String env = "MinAtar/SpaceInvaders-v1";
        double asDefault = RandomPolicy.meanReturn(env, 20);
        assertThat(RandomPolicy.meanReturn(env, Map.of("sticky_action_prob", 0.1), 20)).isEqualTo(asDefault);
        assertThat(RandomPolicy.meanReturn(env, Map.of("sticky_action_prob", 0.9), 20)).isNotEqualTo(asDefault);
    }

    private JsonNode report(Map<String, StudySpec.Variant> variants, String name) throws Exception {
        Map<String, Long> steps = new LinkedHashMap<>();
        ENVS.forEach(e -> steps.put(e, 2048L));
        StudySpec spec = new StudySpec(ENVS, "ppo", steps, List.of(1L), variants);
        Path out = dir.resolve(name);
        List<StudyRunner.RunOutcome> outcomes = StudyRunner.run(spec, out, 1, false, (a, b, c, d, e) -> { });
        assertThat(outcomes).allMatch(o -> o.failure() == null);
        StudyReport.build(spec, out, outcomes, StudyReport.Options.defaults().withBootstrap(50)).write();
        return Json.MAPPER.readTree(out.resolve("results.json").toFile());
    }

    private static Map<String, String> small(String... more) {
        Map<String, String> s = new LinkedHashMap<>(Map.of("ppo.num_envs", "2", "ppo.num_steps", "64", "net.conv", "2x3", "net.hidden", "8"));
        for (int i = 0; i < more.length; i += 2) {
            s.put(more[i], more[i + 1]);
        }
        return s;
    }

    @Test
    void aStudyWithEnvSettingsIsAnchoredOnThoseSettings() throws Exception {
        Map<String, StudySpec.Variant> variants = new LinkedHashMap<>();
        variants.put("bp", new StudySpec.Variant("bp", small("env.sticky_actions", "0.9")));
        variants.put("frozen", new StudySpec.Variant("frozen", small("env.sticky_actions", "0.9")));
        JsonNode norm = report(variants, "sticky").path("normalisation");
        // (these tiny runs may end below random play, which leaves no upper anchor; the random anchor is what is checked)
        assertThat(norm.path("problem").asText()).doesNotContain("different env arguments");
        for (String env : ENVS) {
            assertThat(norm.path(env).path("random_policy_return").asDouble()).as(env)
                    .isEqualTo(RandomPolicy.meanReturn(env, Map.of("sticky_action_prob", 0.9), RandomPolicy.EPISODES));
        }
        assertThat(norm.path("MinAtar/Breakout-v1").path("random_policy_return").asDouble())
                .isNotEqualTo(RandomPolicy.meanReturn("MinAtar/Breakout-v1", RandomPolicy.EPISODES));
    }

    @Test
    void variantsOnDifferentEnvArgumentsAreNotPooledOnOneAnchor() throws Exception {
        Map<String, StudySpec.Variant> variants = new LinkedHashMap<>();
        variants.put("sticky", new StudySpec.Variant("bp", small()));
        variants.put("unsticky", new StudySpec.Variant("bp", small("env.sticky_actions", "0")));
        JsonNode results = report(variants, "mixed");
        assertThat(results.path("normalisation").path("problem").asText())
                .startsWith("cannot normalise MinAtar/Breakout-v1: its variants run it with different env arguments ["
                        + "{sticky_action_prob=0.1, difficulty_ramping=true}, {sticky_action_prob=0.0, difficulty_ramping=true}]");
        assertThat(results.path("variants").path("sticky").path("aggregate").path("scores").asText()).isEqualTo("raw (normalisation impossible)");
    }
}
