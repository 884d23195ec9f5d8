package lpdm.rl;

import static lpdm.rl.RlTestSupport.assertSameState;
import static lpdm.rl.RlTestSupport.make;
import static lpdm.rl.RlTestSupport.state;
import static lpdm.rl.RlTestSupport.trainUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import lpdm.core.learn.FrozenRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.LpdmRule;
import lpdm.core.nn.Linear;
import lpdm.core.state.StateDict;
import lpdm.rl.RlTestSupport.Recorder;
import org.junit.jupiter.api.Test;

/** PPO and A2C are rule-agnostic: the same code trains with LPDM (guided) and with frozen hidden layers. */
class PpoLocalRulesTest {
    private static final Map<String, String> SMALL = Map.of("ppo.num_envs", "2", "ppo.num_steps", "64",
            "ppo.num_minibatches", "2", "ppo.update_epochs", "2");
    private static final Supplier<LearningRule> GUIDED_LPDM = () -> LpdmRule.fromSettings(
            Map.of("lpdm.guidance", "1", "lpdm.actor_signal", "advantage", "lpdm.critic_signal", "value"));

    private static float[] copy(Linear l) {
        return l.weight.value.clone();
    }

    @Test
    void frozenRuleTrainsOnlyTheHeads() {
        Algorithm a = make("ppo", "CartPole-v1", 1_000_000, 1, new FrozenRule(), SMALL);
        List<Linear> hidden = a.agent().actor().hiddenLayers().stream().map(h -> (Linear) h.layer()).toList();
        float[] hidden0 = copy(hidden.get(0));
        float[] head = copy(a.agent().actor().head());
        float[] criticHidden1 = copy((Linear) a.agent().critic().hiddenLayers().get(1).layer());
        trainUntil(a, 2);
        assertThat(hidden.get(0).weight.value).containsExactly(hidden0);
        assertThat(a.agent().critic().hiddenLayers().get(1).layer().parameters().get(0).value).containsExactly(criticHidden1);
        assertThat(a.agent().actor().head().weight.value).isNotEqualTo(head);
    }

    @Test
    void lpdmRuleTrainsHiddenLayersLocallyWithGuidanceFromTheMinibatchSignals() {
        Algorithm a = make("ppo", "CartPole-v1", 1_000_000, 1, GUIDED_LPDM.get(), SMALL);
        float[] hidden0 = copy((Linear) a.agent().actor().hiddenLayers().get(0).layer());
        Recorder r = trainUntil(a, 2);
        assertThat(a.agent().actor().hiddenLayers().get(0).layer().parameters().get(0).value).isNotEqualTo(hidden0);
        assertThat(r.metrics.get(1)).containsKeys("layer0/local_loss", "critic/layer1/local_loss");
    }

    @Test
    void bpLpdmAndFrozenStartFromIdenticalWeights() {
        StateDict bp = state(make("ppo", "CartPole-v1", 1000, 4, SMALL));
        StateDict lpdm = state(make("ppo", "CartPole-v1", 1000, 4, GUIDED_LPDM.get(), SMALL));
        for (String k : bp.entries().keySet()) {
            if (k.contains(".param.")) {
                assertThat((float[]) lpdm.entries().get(k)).as(k).containsExactly((float[]) bp.entries().get(k));
            }
        }
    }

    private static void assertResumes(String algo, String env, Supplier<LearningRule> rule, Map<String, String> o, int first, int more) {
        Algorithm a = make(algo, env, 1_000_000, 9, rule.get(), o);
        trainUntil(a, first);
        StateDict checkpoint = state(a);
        Recorder continued = trainUntil(a, first + more);
        Algorithm b = make(algo, env, 1_000_000, 9, rule.get(), o);
        b.loadState(checkpoint, "algo");
        Recorder resumed = trainUntil(b, first + more);
        assertSameState(state(a), state(b));
        assertThat(resumed.metrics).isEqualTo(continued.metrics);
    }

    @Test
    void lpdmRunsResumeBitExactly() {
        assertResumes("ppo", "CartPole-v1", GUIDED_LPDM, SMALL, 2, 2);
        assertResumes("ppo", "Pendulum-v1", () -> LpdmRule.fromSettings(Map.of("lpdm.guidance", "2", "lpdm.pairs", "sampled:8")),
                Map.of("ppo.num_steps", "64", "ppo.num_minibatches", "2", "ppo.update_epochs", "2"), 2, 2);
        assertResumes("a2c", "CartPole-v1", GUIDED_LPDM, Map.of(), 5, 5);
    }

    @Test
    void frozenRunsResumeBitExactly() {
        assertResumes("ppo", "CartPole-v1", FrozenRule::new, SMALL, 2, 2);
    }
}
