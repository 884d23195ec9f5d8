package lpdm.core.learn;

import static lpdm.core.learn.LocalLearnerTest.batch;
import static lpdm.core.learn.LocalLearnerTest.network;
import static lpdm.core.learn.LocalLearnerTest.signals;
import static lpdm.core.learn.LocalLearnerTest.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lpdm.core.nn.DenseLayers;
import lpdm.core.nn.Linear;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * The design-study extensions of the LPDM rule: random-projection targets, the lambda and
 * learning-rate schedules, per-layer learning-rate decay, the td signal name and the settings.
 */
class LpdmExtensionsTest {

    private static LpdmConfig config(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return LpdmConfig.fromSettings(m, LpdmConfig.PLAIN);
    }

    private static double maxAbsChange(float[] before, float[] after) {
        double max = 0;
        for (int i = 0; i < before.length; i++) {
            max = Math.max(max, Math.abs(after[i] - before[i]));
        }
        return max;
    }

    @Test
    void randomProjectionTargetWithoutGuidanceIsExactlyFrozenAtInitialisation() {
        Network net = network(4, new int[] {16, 16}, 2, 3);
        float[][] before = values(net.parameters());
        NetworkLearner learner = new LpdmRule(config("lpdm.target", "random_projection", "lpdm.lr", "0.01"))
                .bind(net, NetworkRole.ACTOR, new Rng(4));
        Rng data = new Rng(5);
        for (int t = 0; t < 3; t++) {
            learner.forwardTrain(batch(24, 4, data), Signals.NONE);
            Map<String, Double> d = learner.diagnostics();
            assertThat(d.get("layer0/local_loss")).isEqualTo(0.0);
            assertThat(d.get("layer1/local_loss")).isEqualTo(0.0);
        }
        assertThat(Arrays.deepEquals(values(net.parameters()), before)).as("zero loss, zero gradient, no change").isTrue();

        // The plain target (input distances) does move the same network.
        Network plainNet = network(4, new int[] {16, 16}, 2, 3);
        NetworkLearner plain = new LpdmRule(config("lpdm.lr", "0.01")).bind(plainNet, NetworkRole.ACTOR, new Rng(4));
        plain.forwardTrain(batch(24, 4, new Rng(5)), Signals.NONE);
        assertThat(Arrays.deepEquals(values(plainNet.parameters()), before)).isFalse();
    }

    @Test
    void randomProjectionWithGuidanceLearnsAndKeepsItsTargetFixed() {
        Network net = network(4, new int[] {12, 12}, 2, 7);
        float[] w0 = DenseLayers.of(net, 0).weight.value.clone();
        NetworkLearner learner = new LpdmRule(config("lpdm.target", "random_projection", "lpdm.guidance", "2",
                "lpdm.lr", "0.01")).bind(net, NetworkRole.ACTOR, new Rng(8));
        Rng data = new Rng(9);
        double first = Double.NaN;
        double last = Double.NaN;
        Matrix x = batch(32, 4, data);
        Signals s = signals(32, data);
        for (int t = 0; t < 60; t++) {
            learner.forwardTrain(x, s);
            double loss = learner.diagnostics().get("layer0/local_loss");
            if (t == 0) {
                first = loss;
            }
            last = loss;
        }
        assertThat(first).isGreaterThan(0);
        assertThat(last).as("the guided target is fitted over repeated passes").isLessThan(first * 0.7);
        assertThat(maxAbsChange(w0, DenseLayers.of(net, 0).weight.value)).isGreaterThan(1e-3);
    }

    @Test
    void randomProjectionStateRoundTripsBitExactly() {
        LpdmConfig c = config("lpdm.target", "random_projection", "lpdm.guidance", "1", "lpdm.lr", "0.01");
        Network net = network(4, new int[] {8, 8}, 2, 11);
        NetworkLearner learner = new LpdmRule(c).bind(net, NetworkRole.ACTOR, new Rng(12));
        Rng data = new Rng(13);
        Matrix x1 = batch(16, 4, data);
        Signals s1 = signals(16, data);
        Matrix x2 = batch(16, 4, data);
        Signals s2 = signals(16, data);
        learner.forwardTrain(x1, s1);
        StateDict saved = new StateDict();
        for (Parameter p : net.parameters()) {
            saved.putFloats("net." + p.name, p.value.clone());
        }
        learner.saveState(saved, "l");
        learner.forwardTrain(x2, s2);
        float[][] continued = values(net.parameters());

        // Another network (other initial weights, hence another projection unless it is loaded).
        Network net2 = network(4, new int[] {8, 8}, 2, 99);
        NetworkLearner learner2 = new LpdmRule(c).bind(net2, NetworkRole.ACTOR, new Rng(1));
        for (Parameter p : net2.parameters()) {
            saved.copyFloatsInto("net." + p.name, p.value);
        }
        learner2.loadState(saved, "l");
        learner2.forwardTrain(x2, s2);
        assertThat(Arrays.deepEquals(values(net2.parameters()), continued)).isTrue();
    }

    @Test
    void linearDecayOfLambdaReachesThePlainLossAtTheEnd() {
        Rng data = new Rng(21);
        Matrix x = batch(20, 4, data);
        Signals s = signals(20, data);
        double[] losses = new double[3];
        String[][] settings = {
            {"lpdm.guidance", "2", "lpdm.guidance_schedule", "linear_decay"},
            {"lpdm.guidance", "2"},
            {"lpdm.guidance", "0"}};
        for (int k = 0; k < 3; k++) {
            Network net = network(4, new int[] {10}, 2, 22);
            NetworkLearner learner = new LpdmRule(config(settings[k])).bind(net, NetworkRole.ACTOR, new Rng(23));
            learner.setTrainingProgress(1.0);
            learner.forwardTrain(x, s);
            losses[k] = learner.diagnostics().get("layer0/local_loss");
        }
        assertThat(losses[0]).isEqualTo(losses[2]);
        assertThat(losses[1]).isNotEqualTo(losses[2]);
    }

    @Test
    void learningRateScheduleAndLayerDecayScaleEachLayersAdamStep() {
        // Adam's first step moves every entry with a nonzero gradient by about lr, so the largest
        // change of a layer's weights measures its learning rate.
        double lr = 1e-3;
        Rng data = new Rng(31);
        Matrix x = batch(24, 4, data);
        // progress 0.75 in every case; cases 3-5 are also told an algorithm lr fraction of 0.5 (annealing), case 6 none
        String[][] settings = {
            {"lpdm.lr", "0.001"},
            {"lpdm.lr", "0.001", "lpdm.layer_lr_decay", "0.25"},
            {"lpdm.lr", "0.001", "lpdm.lr_schedule", "linear_decay"},
            {"lpdm.lr", "0.001", "lpdm.lr_schedule", "follow"},
            {"lpdm.lr", "0.001", "lpdm.lr_schedule", "constant"},
            {"lpdm.lr", "0.001", "lpdm.lr_schedule", "linear_decay"},
            {"lpdm.lr", "0.001", "lpdm.lr_schedule", "follow"}}; // never told a fraction
        double[][] changes = new double[settings.length][];
        for (int k = 0; k < settings.length; k++) {
            Network net = network(4, new int[] {10, 10}, 2, 32);
            List<Linear> hidden = DenseLayers.all(net);
            float[] w0 = hidden.get(0).weight.value.clone();
            float[] w1 = hidden.get(1).weight.value.clone();
            NetworkLearner learner = new LpdmRule(config(settings[k])).bind(net, NetworkRole.ACTOR, new Rng(33));
            if (k >= 3 && k <= 5) {
                learner.setLearningRateFraction(0.5);
            }
            learner.setTrainingProgress(0.75);
            learner.forwardTrain(x, Signals.NONE);
            changes[k] = new double[] {maxAbsChange(w0, hidden.get(0).weight.value), maxAbsChange(w1, hidden.get(1).weight.value)};
        }
        assertThat(changes[0][0]).isCloseTo(lr, within(lr * 0.02));
        assertThat(changes[0][1]).isCloseTo(lr, within(lr * 0.02));
        assertThat(changes[1][0]).isCloseTo(lr, within(lr * 0.02));
        assertThat(changes[1][1]).isCloseTo(lr * 0.25, within(lr * 0.25 * 0.02));
        assertThat(changes[2][0]).isCloseTo(lr * 0.25, within(lr * 0.25 * 0.02));
        assertThat(changes[2][1]).isCloseTo(lr * 0.25, within(lr * 0.25 * 0.02));
        // follow: the algorithm's fraction; an algorithm that does not anneal never tells one (case 6: 1, as constant)
        assertThat(changes[3][0]).isCloseTo(lr * 0.5, within(lr * 0.5 * 0.02));
        assertThat(changes[3][1]).isCloseTo(lr * 0.5, within(lr * 0.5 * 0.02));
        // constant and linear_decay ignore the algorithm's fraction
        assertThat(changes[4][0]).isEqualTo(changes[0][0]);
        assertThat(changes[5][0]).isEqualTo(changes[2][0]);
        assertThat(changes[6][0]).isEqualTo(changes[0][0]);
    }

    @Test
    void settingsParseRoundTripAndRefuseBadValues() {
        assertThat(new LpdmRule().config()).as("the shipped default is guided").isEqualTo(LpdmConfig.DEFAULTS);
        assertThat(LpdmConfig.DEFAULTS.guidance()).isPositive();
        LpdmConfig c = config("lpdm.target", "random_projection", "lpdm.guidance_schedule", "linear_decay",
                "lpdm.lr_schedule", "linear_decay", "lpdm.layer_lr_decay", "0.5", "lpdm.actor_signal", "td",
                "lpdm.guidance_scale", "relative");
        assertThat(c.relativeGuidance()).isTrue();
        assertThat(c.target()).isEqualTo(LpdmConfig.Target.RANDOM_PROJECTION);
        assertThat(c.guidanceSchedule()).isEqualTo(LpdmConfig.Schedule.LINEAR_DECAY);
        assertThat(c.lrSchedule()).isEqualTo(LpdmConfig.Schedule.LINEAR_DECAY);
        assertThat(c.layerLrDecay()).isEqualTo(0.5);
        assertThat(c.actorSignal()).isEqualTo(Signals.TD);
        assertThat(LpdmConfig.fromSettings(c.toSettings())).isEqualTo(c);
        assertThatThrownBy(() -> config("lpdm.target", "output")).hasMessageContaining("lpdm.target").hasMessageContaining("output");
        assertThatThrownBy(() -> config("lpdm.guidance_schedule", "cosine")).hasMessageContaining("lpdm.guidance_schedule");
        assertThatThrownBy(() -> config("lpdm.lr_schedule", "")).hasMessageContaining("lpdm.lr_schedule");
        assertThatThrownBy(() -> config("lpdm.layer_lr_decay", "0")).hasMessageContaining("lpdm.layer_lr_decay");
        assertThatThrownBy(() -> config("lpdm.layer_lr_decay", "x")).hasMessageContaining("lpdm.layer_lr_decay");
        assertThatThrownBy(() -> config("lpdm.guidance_scale", "big")).hasMessageContaining("lpdm.guidance_scale");
    }

    @Test
    void tdSignalMissingFromAnAlgorithmIsNamed() {
        NetworkLearner learner = new LpdmRule(config("lpdm.guidance", "1", "lpdm.actor_signal", "td"))
                .bind(network(4, new int[] {6}, 2, 1), NetworkRole.ACTOR, new Rng(2));
        Rng data = new Rng(3);
        assertThatThrownBy(() -> learner.forwardTrain(batch(8, 4, data), signals(8, data)))
                .hasMessageContaining("'td'").hasMessageContaining("not provided");
    }
}
