package lpdm.lab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import lpdm.lab.run.Json;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;

class StudySpecTest {
    static StudySpec parse(String yaml) throws Exception {
        return StudySpec.parse(Json.YAML.readTree(yaml), "test.yaml");
    }

    @Test
    void settingValuesKeepPlainDecimals() throws Exception {
        StudySpec s = parse("envs: CartPole-v1\nalgo: reinforce\nsteps: 100\nseeds: [3, 1]\n"
                + "variants: {a: {learner: bp, set: {reinforce.lr: 0.0005, reinforce.gamma: 1.0, net.hidden: '32,32', reinforce.batch_steps: 200}}}\n");
        assertThat(s.envs()).containsExactly("CartPole-v1");
        assertThat(s.seeds()).containsExactly(3L, 1L);
        assertThat(s.variants().get("a").settings()).containsEntry("reinforce.lr", "0.0005").containsEntry("reinforce.gamma", "1.0")
                .containsEntry("net.hidden", "32,32").containsEntry("reinforce.batch_steps", "200");
        assertThat(s.runs()).hasSize(2);
        assertThat(s.runs().get(0).label()).isEqualTo("CartPole-v1/a/seed3");
    }

    @Test
    void topLevelSettingsApplyToEveryVariantAndVariantsOverrideThem() throws Exception {
        StudySpec s = parse("envs: CartPole-v1\nalgo: ppo\nsteps: 100\nseeds: 1\nset: {ppo.gamma: 0.999, ppo.lr: 0.001}\n"
                + "variants:\n  a: {learner: bp}\n  b: {learner: lpdm, set: {ppo.lr: 0.0003}}\n");
        assertThat(s.variants().get("a").settings()).containsEntry("ppo.gamma", "0.999").containsEntry("ppo.lr", "0.001");
        assertThat(s.variants().get("b").settings()).containsEntry("ppo.gamma", "0.999").containsEntry("ppo.lr", "0.0003");
        assertThatThrownBy(() -> parse("envs: CartPole-v1\nalgo: ppo\nsteps: 100\nseeds: 1\nset: 3\nvariants:\n  a: {learner: bp}\n"))
                .isInstanceOf(UsageException.class).hasMessageContaining("top-level 'set'");
    }

    @Test
    void repeatedOrMalformedSeedsAndEnvsAreRefused() {
        for (String[] c : List.of(
                new String[] {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 100\nseeds: [1, 2, 1]\nvariants: {a: {learner: bp}}\n", "seed 1 twice"},
                new String[] {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 100\nseeds: [1, 2.5]\nvariants: {a: {learner: bp}}\n", "2.5"},
                new String[] {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 100\nseeds: [-1]\nvariants: {a: {learner: bp}}\n", "-1"},
                new String[] {"envs: [CartPole-v1, CartPole-v1]\nalgo: reinforce\nsteps: 100\nseeds: 1\nvariants: {a: {learner: bp}}\n", "twice"},
                new String[] {"envs: [[CartPole-v1]]\nalgo: reinforce\nsteps: 100\nseeds: 1\nvariants: {a: {learner: bp}}\n", "env ids"})) {
            assertThatThrownBy(() -> parse(c[0])).isInstanceOf(UsageException.class).hasMessageContaining(c[1]);
        }
    }
}
