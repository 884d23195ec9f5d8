package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lpdm.core.nn.Parameter;
import lpdm.core.state.StateDict;
import lpdm.rl.settings.Settings;
import org.junit.jupiter.api.Test;

class ReinforceTest {

    static RunSpec spec(long steps, long seed, Map<String, String> overrides) {
        Settings s = Settings.resolve(Algorithms.settingsFor("reinforce"), overrides);
        return new RunSpec("CartPole-v1", steps, seed, LearningRules.create("bp", s), s);
    }

    static List<float[]> parameters(Algorithm a) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : a.agent().rlParameters()) {
            out.add(p.value.clone());
        }
        return out;
    }

    @Test
    void smokeRunCountsStepsAndEpisodes() {
        Reinforce r = new Reinforce(spec(3000, 3, Map.of("reinforce.batch_steps", "500")));
        List<Double> returns = new ArrayList<>();
        long[] iterations = {0};
        r.train(new TrainingListener() {
            @Override
            public void onEpisode(long globalStep, double episodeReturn, int episodeLength) {
                returns.add(episodeReturn);
                assertThat(episodeReturn).isEqualTo(episodeLength); // CartPole: +1 per step
            }

            @Override
            public boolean onIteration(Algorithm a, long iteration, long globalStep, Map<String, Double> metrics) {
                iterations[0]++;
                assertThat(metrics).containsKeys("losses/policy_loss", "losses/value_loss", "layer0/grad_norm", "critic/layer1/weight_norm");
                assertThat(metrics.values()).allMatch(v -> Double.isFinite(v));
                return true;
            }
        });
        assertThat(r.globalStep()).isGreaterThanOrEqualTo(3000);
        assertThat(r.finished()).isTrue();
        assertThat(iterations[0]).isEqualTo(r.iteration()).isGreaterThanOrEqualTo(5);
        assertThat(returns).isNotEmpty();
    }

    @Test
    void localRulesCanBeGuidedByTheTdError() {
        Settings s = Settings.resolve(Algorithms.settingsFor("reinforce"), Map.of("reinforce.batch_steps", "400",
                "lpdm.guidance", "2", "lpdm.actor_signal", "td", "lpdm.critic_signal", "td"));
        Reinforce r = new Reinforce(new RunSpec("CartPole-v1", 1200, 4, LearningRules.create("lpdm", s), s));
        float[] hiddenBefore = r.agent().actor().hiddenLayers().get(0).layer().parameters().get(0).value.clone();
        r.train(TrainingListener.NONE);
        assertThat(r.agent().actor().hiddenLayers().get(0).layer().parameters().get(0).value).isNotEqualTo(hiddenBefore);
    }

    @Test
    void sameSeedGivesIdenticalParameters() {
        Reinforce a = new Reinforce(spec(2000, 7, Map.of("reinforce.batch_steps", "400")));
        Reinforce b = new Reinforce(spec(2000, 7, Map.of("reinforce.batch_steps", "400")));
        a.train(TrainingListener.NONE);
        b.train(TrainingListener.NONE);
        List<float[]> pa = parameters(a);
        List<float[]> pb = parameters(b);
        for (int i = 0; i < pa.size(); i++) {
            assertThat(pb.get(i)).containsExactly(pa.get(i));
        }
        Reinforce c = new Reinforce(spec(2000, 8, Map.of("reinforce.batch_steps", "400")));
        c.train(TrainingListener.NONE);
        assertThat(parameters(c).get(0)).isNotEqualTo(pa.get(0));
    }

    @Test
    void resumingFromSavedStateIsBitExact() {
        Map<String, String> o = Map.of("reinforce.batch_steps", "300", "reinforce.num_minibatches", "2");
        Reinforce full = new Reinforce(spec(3000, 11, o));
        full.train(TrainingListener.NONE);

        Reinforce first = new Reinforce(spec(3000, 11, o));
        StateDict[] saved = new StateDict[1];
        first.train(new TrainingListener() {
            @Override
            public boolean onIteration(Algorithm a, long iteration, long globalStep, Map<String, Double> metrics) {
                if (iteration == 4) {
                    saved[0] = new StateDict();
                    a.saveState(saved[0], "algo");
                    return false;
                }
                return true;
            }
        });
        Reinforce resumed = new Reinforce(spec(3000, 11, o));
        resumed.loadState(saved[0], "algo");
        assertThat(resumed.iteration()).isEqualTo(4);
        resumed.train(TrainingListener.NONE);
        assertThat(resumed.globalStep()).isEqualTo(full.globalStep());
        List<float[]> pf = parameters(full);
        List<float[]> pr = parameters(resumed);
        for (int i = 0; i < pf.size(); i++) {
            assertThat(pr.get(i)).containsExactly(pf.get(i));
        }
    }
}
