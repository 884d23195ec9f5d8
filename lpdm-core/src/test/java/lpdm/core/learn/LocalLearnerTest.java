package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lpdm.core.learn.LpdmConfig.GradientForm;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.learn.LpdmConfig.PairSampling;
import lpdm.core.learn.kernels.FastPairwiseDistanceLoss;
import lpdm.core.nn.DenseLayers;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Initializers;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.optim.Adam;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/** The forward-only schedule of {@link LpdmRule} and {@link FrozenRule} as learners of a whole network. */
class LocalLearnerTest {
    static final LpdmConfig GUIDED = new LpdmConfig(1.0, GuidanceForm.JOINT, Signals.ADVANTAGE, Signals.VALUE,
            Normalisation.MEAN, PairSampling.sampled(3), 1e-3, 1e-8, 1e-5);

    static Network network(int obs, int[] hidden, int out, long seed) {
        Network net = Network.mlp("actor", obs, hidden, out, Activation.TANH);
        Initializers.initialise(net, "orthogonal", Math.sqrt(2), 0.01, new Rng(seed));
        return net;
    }

    static Matrix batch(int n, int cols, Rng rng) {
        Matrix m = new Matrix(n, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = (float) rng.nextGaussian();
        }
        return m;
    }

    static Signals signals(int n, Rng rng) {
        float[] v = new float[n];
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (3 * rng.nextGaussian());
            a[i] = (float) rng.nextGaussian();
        }
        return new Signals(Map.of(Signals.VALUE, v, Signals.ADVANTAGE, a));
    }

    static float[][] values(List<Parameter> ps) {
        float[][] out = new float[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            out[i] = ps.get(i).value.clone();
        }
        return out;
    }

    /** One RL-style update: out = forwardTrain; dOut = (out - 1) / N (a squared loss); backward; head Adam step. */
    static void update(NetworkLearner learner, Adam head, Matrix x, Signals s) {
        Matrix out = learner.forwardTrain(x, s);
        Matrix dOut = new Matrix(out.rows, out.cols);
        for (int k = 0; k < out.data.length; k++) {
            dOut.data[k] = (out.data[k] - 1f) / out.rows;
        }
        learner.backward(dOut);
        head.step();
    }

    @Test
    void activationPeakIsFlatInDepthForLpdmAndGrowsForBackprop() {
        int n = 64;
        int width = 32;
        long[] lpdmPeak = new long[2];
        long[] bpPeak = new long[2];
        int[] depths = {2, 8};
        for (int d = 0; d < 2; d++) {
            int[] hidden = new int[depths[d]];
            Arrays.fill(hidden, width);
            Matrix x = batch(n, 4, new Rng(1));
            for (LearningRule rule : List.of(new LpdmRule(LpdmConfig.PLAIN), new BackpropRule())) {
                MeteredRule.Learner learner = new MeteredRule(rule).bind(network(4, hidden, 2, 5), NetworkRole.ACTOR, new Rng(2));
                Matrix out = learner.forwardTrain(x, Signals.NONE);
                learner.backward(new Matrix(out.rows, out.cols));
                assertThat(learner.meter().live()).as(rule.name() + " releases everything").isZero();
                (rule instanceof LpdmRule ? lpdmPeak : bpPeak)[d] = learner.meter().peak();
            }
        }
        assertThat(lpdmPeak[1]).as("LPDM peak, depth 8 vs 2").isEqualTo(lpdmPeak[0]);
        // Exactly one layer's input, output and dL/dz, the pair indices and the loss workspace.
        long pairs = n * (n - 1L) / 2;
        long layer = 3L * 4 * n * width + 8 * pairs + FastPairwiseDistanceLoss.workspaceBytes((int) pairs, n, width);
        assertThat(lpdmPeak[0]).isEqualTo(layer);
        assertThat(bpPeak[1] - bpPeak[0]).as("BP grows by 6 layer outputs").isEqualTo(6L * 4 * n * width);
    }

    @Test
    void lpdmTrainsTheHiddenLayersAndFrozenKeepsThemBitIdentical() {
        Rng data = new Rng(3);
        for (LearningRule rule : List.of(new LpdmRule(GUIDED), new FrozenRule(GUIDED))) {
            Network net = network(4, new int[] {16, 16}, 2, 9);
            NetworkLearner learner = rule.bind(net, NetworkRole.ACTOR, new Rng(4));
            assertThat(learner.rlParameters()).containsExactlyElementsOf(net.headParameters());
            float[][] hidden0 = values(net.parameters().subList(0, 4));
            float[][] head0 = values(net.headParameters());
            Adam head = new Adam(learner.rlParameters(), 1e-2, 1e-5);
            for (int t = 0; t < 5; t++) {
                update(learner, head, batch(32, 4, data), signals(32, data));
            }
            float[][] hidden1 = values(net.parameters().subList(0, 4));
            float[][] head1 = values(net.headParameters());
            assertThat(Arrays.deepEquals(head0, head1)).as(rule.name() + ": head changed").isFalse();
            for (int i = 0; i < 4; i++) {
                assertThat(Arrays.equals(hidden0[i], hidden1[i]))
                        .as(rule.name() + ": hidden parameter " + i + " unchanged")
                        .isEqualTo(rule instanceof FrozenRule);
            }
            Map<String, Double> diag = learner.diagnostics();
            assertThat(diag.keySet()).contains("layer0/weight_norm", "layer0/update_norm", "layer1/local_loss",
                    "layer1/dist_corr", "layer1/out_scale", "layer1/saturation");
            assertThat(diag.get("layer0/local_loss")).isFinite().isPositive();
            assertThat(diag.get("layer1/dist_corr")).isBetween(-1.0, 1.0);
            assertThat(diag.get("layer0/saturation")).isBetween(0.0, 1.0);
            assertThat(diag.get("layer0/update_norm")).as(rule.name() + " update norm")
                    .satisfies(u -> assertThat(u == 0.0).isEqualTo(rule instanceof FrozenRule));
        }
    }

    @Test
    void sameSeedGivesIdenticalNetworksAndFirstOutputsUnderEveryRule() {
        List<LearningRule> rules = List.of(new BackpropRule(), new LpdmRule(GUIDED), new FrozenRule(GUIDED));
        Network reference = network(3, new int[] {8, 8, 8}, 2, 77);
        Matrix expected = reference.forward(batch(20, 3, new Rng(6))).copy(); // inference, nothing learned
        List<float[][]> outputs = new ArrayList<>();
        for (LearningRule rule : rules) {
            Network net = network(3, new int[] {8, 8, 8}, 2, 77);
            NetworkLearner learner = rule.bind(net, NetworkRole.CRITIC, new Rng(1));
            assertThat(Arrays.deepEquals(values(net.parameters()), values(reference.parameters())))
                    .as(rule.name() + " starts from the seed's weights").isTrue();
            Matrix out = learner.forwardTrain(batch(20, 3, new Rng(6)), signals(20, new Rng(7)));
            // The output of the training pass uses the activations from before each layer's update.
            assertThat(out.data).as(rule.name() + " first output").containsExactly(expected.data);
            outputs.add(new float[][] {out.data.clone()});
        }
    }

    @Test
    void eachLayerLearnsFromItsInputBeforeTheUpdateWithItsOwnAdam() {
        // Frozen computes the same local gradients but never steps, so its activations are the
        // pre-update ones; one Adam step on those gradients must give LPDM's weights exactly.
        Matrix x = batch(24, 4, new Rng(12));
        Signals s = signals(24, new Rng(13));
        Network frozenNet = network(4, new int[] {12, 10, 12}, 2, 21);
        new FrozenRule(GUIDED).bind(frozenNet, NetworkRole.ACTOR, new Rng(30)).forwardTrain(x, s);
        Network lpdmNet = network(4, new int[] {12, 10, 12}, 2, 21);
        new LpdmRule(GUIDED).bind(lpdmNet, NetworkRole.ACTOR, new Rng(30)).forwardTrain(x, s);
        for (int l = 0; l < 3; l++) {
            Parameter w = DenseLayers.of(frozenNet, l).weight;
            Parameter b = DenseLayers.of(frozenNet, l).bias;
            assertThat(w.grad).as("local gradient of layer " + l).containsExactly(DenseLayers.of(lpdmNet, l).weight.grad);
            new Adam(List.of(w, b), GUIDED.lr(), GUIDED.adamEps()).step();
            assertThat(w.value).as("weights of layer " + l).containsExactly(DenseLayers.of(lpdmNet, l).weight.value);
            assertThat(b.value).as("bias of layer " + l).containsExactly(DenseLayers.of(lpdmNet, l).bias.value);
        }
    }

    @Test
    void headGradientsEqualBackpropsOnTheSameActivations() {
        Matrix x = batch(16, 4, new Rng(40));
        Matrix dOut = batch(16, 3, new Rng(41));
        Network a = network(4, new int[] {8, 8}, 3, 50);
        Network b = network(4, new int[] {8, 8}, 3, 50);
        NetworkLearner frozen = new FrozenRule(LpdmConfig.PLAIN).bind(a, NetworkRole.ACTOR, new Rng(0));
        NetworkLearner bp = new BackpropRule().bind(b, NetworkRole.ACTOR, new Rng(0));
        frozen.forwardTrain(x, Signals.NONE);
        bp.forwardTrain(x, Signals.NONE);
        frozen.backward(dOut);
        bp.backward(dOut);
        assertThat(a.head().weight.grad).containsExactly(b.head().weight.grad);
        assertThat(a.head().bias.grad).containsExactly(b.head().bias.grad);
    }

    @Test
    void stateRoundTripContinuesBitExactly() {
        int[] hidden = {10, 10};
        Rng data = new Rng(60);
        List<Matrix> xs = new ArrayList<>();
        List<Signals> ss = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            xs.add(batch(20, 4, data));
            ss.add(signals(20, data));
        }
        Network net = network(4, hidden, 2, 61);
        NetworkLearner learner = new LpdmRule(GUIDED).bind(net, NetworkRole.ACTOR, new Rng(62));
        Adam head = new Adam(learner.rlParameters(), 1e-2, 1e-5);
        for (int t = 0; t < 3; t++) {
            update(learner, head, xs.get(t), ss.get(t));
        }
        StateDict saved = new StateDict();
        for (Parameter p : net.parameters()) {
            saved.putFloats("net." + p.name, p.value);
        }
        learner.saveState(saved, "actor.learner");
        head.saveState(saved, "actor.head");
        for (int t = 3; t < 6; t++) {
            update(learner, head, xs.get(t), ss.get(t));
        }
        float[][] continued = values(net.parameters());

        for (boolean restore : new boolean[] {true, false}) {
            Network net2 = network(4, hidden, 2, 999); // different weights, overwritten below
            NetworkLearner learner2 = new LpdmRule(GUIDED).bind(net2, NetworkRole.ACTOR, new Rng(12345));
            Adam head2 = new Adam(learner2.rlParameters(), 1e-2, 1e-5);
            for (Parameter p : net2.parameters()) {
                saved.copyFloatsInto("net." + p.name, p.value);
            }
            if (restore) {
                learner2.loadState(saved, "actor.learner");
            }
            head2.loadState(saved, "actor.head");
            for (int t = 3; t < 6; t++) {
                update(learner2, head2, xs.get(t), ss.get(t));
            }
            assertThat(Arrays.deepEquals(values(net2.parameters()), continued))
                    .as(restore ? "resumed run equals the continued one" : "without the learner's state it differs")
                    .isEqualTo(restore);
        }
    }

    @Test
    void guidanceReadsTheRoleSignalOnlyWhenLambdaIsPositive() {
        Matrix x = batch(8, 4, new Rng(70));
        Signals valueOnly = new Signals(Map.of(Signals.VALUE, new float[8]));
        MeteredRule.Learner actor = new MeteredRule(new LpdmRule(GUIDED)).bind(network(4, new int[] {6}, 2, 1), NetworkRole.ACTOR, new Rng(0));
        assertThatThrownBy(() -> actor.forwardTrain(x, valueOnly)).hasMessageContaining("'advantage'");
        assertThat(actor.meter().live()).as("a refused pass holds nothing").isZero();
        NetworkLearner critic = new LpdmRule(GUIDED).bind(network(4, new int[] {6}, 2, 1), NetworkRole.CRITIC, new Rng(0));
        critic.forwardTrain(x, valueOnly);
        assertThatThrownBy(() -> critic.forwardTrain(x, new Signals(Map.of(Signals.VALUE, new float[7]))))
                .hasMessageContaining("7 values for a minibatch of 8");
        // lambda = 0: signals are not read at all, and giving them changes nothing.
        Network a = network(4, new int[] {6, 6}, 2, 1);
        Network b = network(4, new int[] {6, 6}, 2, 1);
        new LpdmRule(LpdmConfig.PLAIN).bind(a, NetworkRole.ACTOR, new Rng(0)).forwardTrain(x, Signals.NONE);
        new LpdmRule(LpdmConfig.PLAIN).bind(b, NetworkRole.ACTOR, new Rng(0)).forwardTrain(x, signals(8, new Rng(1)));
        assertThat(Arrays.deepEquals(values(a.parameters()), values(b.parameters()))).isTrue();
    }

    @Test
    void misuseFailsClearly() {
        MeteredRule.Learner learner = new MeteredRule(new LpdmRule(LpdmConfig.PLAIN)).bind(network(4, new int[] {6}, 2, 1), NetworkRole.ACTOR, new Rng(0));
        assertThatThrownBy(() -> learner.backward(new Matrix(8, 2))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> learner.forwardTrain(new Matrix(8, 3), Signals.NONE)).hasMessageContaining("3 columns");
        learner.forwardTrain(new Matrix(8, 4), Signals.NONE);
        assertThatThrownBy(() -> learner.backward(new Matrix(7, 2))).isInstanceOf(IllegalStateException.class);
        // A second training pass without backward releases the first one's activations.
        learner.forwardTrain(new Matrix(8, 4), Signals.NONE);
        learner.backward(new Matrix(8, 2));
        assertThat(learner.meter().live()).isZero();
    }

    @Test
    void diagnosticsAreNanBeforeTheFirstPassAndANetworkWithoutHiddenLayersWorks() {
        MeteredRule.Learner learner = new MeteredRule(new LpdmRule(LpdmConfig.PLAIN)).bind(network(4, new int[] {6}, 2, 1), NetworkRole.ACTOR, new Rng(0));
        assertThat(learner.diagnostics().get("layer0/local_loss")).isNaN();
        Network headOnly = network(4, new int[0], 2, 1);
        MeteredRule.Learner h = new MeteredRule(new LpdmRule(GUIDED)).bind(headOnly, NetworkRole.ACTOR, new Rng(0));
        Matrix x = batch(5, 4, new Rng(2));
        Matrix out = h.forwardTrain(x, Signals.NONE);
        assertThat(out.data).containsExactly(headOnly.forward(x).data);
        h.backward(new Matrix(5, 2));
        assertThat(h.meter().live()).isZero();
        assertThat(h.diagnostics()).isEmpty();
    }

    /**
     * With the plain kernels: Vector API code allocates its temporaries until C2 compiles it (a few
     * thousand calls), which this short test does not wait for; JMH's FirstUpdateAllocation with
     * {@code -prof gc} checks the compiled vector path.
     */
    @Test
    void trainingPassesAllocateNothingOnceTheBuffersExist() {
        boolean vector = lpdm.core.tensor.MatrixOps.useVectorApi(false);
        try {
            allocationPerPass();
        } finally {
            lpdm.core.tensor.MatrixOps.useVectorApi(vector);
        }
    }

    private void allocationPerPass() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        long id = Thread.currentThread().getId();
        Matrix x = batch(32, 4, new Rng(80));
        Signals s = signals(32, new Rng(81));
        for (LearningRule rule : List.of(new LpdmRule(GUIDED), new FrozenRule(GUIDED), new LpdmRule(LpdmConfig.PLAIN))) {
            NetworkLearner learner = rule.bind(network(4, new int[] {16, 16}, 2, 1), NetworkRole.ACTOR, new Rng(0));
            Matrix dOut = new Matrix(32, 2);
            for (int t = 0; t < 200; t++) { // warm-up: buffers and JIT
                learner.forwardTrain(x, s);
                learner.backward(dOut);
            }
            long before = threads.getThreadAllocatedBytes(id);
            int passes = 200;
            for (int t = 0; t < passes; t++) {
                learner.forwardTrain(x, s);
                learner.backward(dOut);
            }
            long perPass = (threads.getThreadAllocatedBytes(id) - before) / passes;
            assertThat(perPass).as(rule + " bytes allocated per training pass").isLessThan(16);
        }
    }

    @Test
    void isometricLayerHasZeroLocalLossAndGradientInTheLearner() {
        for (Normalisation nz : Normalisation.values()) {
            Network net = Network.mlp("iso", 3, new int[] {3}, 1, Activation.IDENTITY);
            lpdm.core.nn.Linear layer = DenseLayers.of(net, 0);
            for (int k = 0; k < 3; k++) {
                layer.weight.value[k * 3 + k] = 1f;
            }
            LpdmConfig config = new LpdmConfig(0, GuidanceForm.ADDITIVE, "value", "value", nz, PairSampling.all(), 1e-3, 1e-8, 1e-5);
            NetworkLearner learner = new LpdmRule(config).bind(net, NetworkRole.ACTOR, new Rng(0));
            learner.forwardTrain(batch(11, 3, new Rng(90)), Signals.NONE);
            assertThat(learner.diagnostics().get("layer0/local_loss")).as(nz + " loss").isLessThan(1e-24);
            for (float g : layer.weight.grad) {
                assertThat(Math.abs(g)).as(nz + " dL/dW").isLessThan(1e-12f);
            }
            for (float g : layer.bias.grad) {
                assertThat(Math.abs(g)).as(nz + " dL/db").isLessThan(1e-12f);
            }
            assertThat(learner.diagnostics().get("layer0/dist_corr")).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void rulesHaveTheirCommandLineNames() {
        assertThat(new LpdmRule().name()).isEqualTo("lpdm");
        assertThat(new FrozenRule().name()).isEqualTo("frozen");
        assertThat(LpdmRule.fromSettings(Map.of("lpdm.guidance", "2")).config().guidance()).isEqualTo(2.0);
        assertThat(FrozenRule.fromSettings(Map.of("lpdm.pairs", "sampled:4")).config().pairs()).isEqualTo(PairSampling.sampled(4));
    }

    @Test
    void activationAccountingCountsTheMatrixFormsBuffers() {
        int n = 48;
        int width = 24;
        LpdmConfig config = LpdmConfig.fromSettings(Map.of("lpdm.preset", "plain", "lpdm.gradient_form", "matrix"));
        MeteredRule.Learner learner = new MeteredRule(new LpdmRule(config)).bind(LocalLearnerTest.network(4, new int[] {width, width, width}, 2, 5),
                NetworkRole.ACTOR, new Rng(2));
        Matrix out = learner.forwardTrain(LocalLearnerTest.batch(n, 4, new Rng(1)), Signals.NONE);
        learner.backward(new Matrix(out.rows, out.cols));
        long pairs = n * (n - 1L) / 2;
        long layer = 3L * 4 * n * width + 8 * pairs + FastPairwiseDistanceLoss.workspaceBytes((int) pairs, n, width, GradientForm.MATRIX);
        assertThat(learner.meter().peak()).isEqualTo(layer);
        assertThat(FastPairwiseDistanceLoss.workspaceBytes((int) pairs, n, width, GradientForm.MATRIX))
                .as("float C (4 N^2) and a product buffer instead of a double C and double copies")
                .isLessThan(FastPairwiseDistanceLoss.workspaceBytes((int) pairs, n, width, GradientForm.DIRECT));
    }

    /**
     * The reference switch end to end: an LPDM learner on the reference local loss takes the same
     * training steps as one on the kernels, to float rounding (all pairs, sampled pairs, matrix form,
     * guided). The learners draw the same pairs from equal generators.
     */
    @Test
    void referenceAndKernelsTrainTheSameNetwork() {
        for (Map<String, String> settings : List.of(Map.of("lpdm.preset", "plain"), Map.of("lpdm.guidance", "1.5"),
                Map.of("lpdm.pairs", "sampled:4", "lpdm.guidance", "1"), Map.of("lpdm.gradient_form", "matrix", "lpdm.normalise", "mean"))) {
            LpdmConfig config = LpdmConfig.fromSettings(settings);
            Network a = network(4, new int[] {16, 16}, 2, 3);
            Network b = network(4, new int[] {16, 16}, 2, 3);
            NetworkLearner kernels = new LpdmRule(config, LocalLoss.Implementation.KERNELS).bind(a, NetworkRole.ACTOR, new Rng(5));
            NetworkLearner reference = new LpdmRule(config, LocalLoss.Implementation.REFERENCE).bind(b, NetworkRole.ACTOR, new Rng(5));
            Rng data = new Rng(8);
            for (int step = 0; step < 3; step++) {
                Matrix x = batch(32, 4, data);
                Signals s = signals(32, data);
                kernels.forwardTrain(x, s);
                reference.forwardTrain(x, s);
            }
            Map<String, Double> dk = kernels.diagnostics();
            Map<String, Double> dr = reference.diagnostics();
            for (int l = 0; l < 2; l++) {
                assertThat(dk.get("layer" + l + "/local_loss")).as(settings + " layer " + l)
                        .isCloseTo(dr.get("layer" + l + "/local_loss"), org.assertj.core.data.Offset.offset(1e-4 * Math.max(1e-3, dr.get("layer" + l + "/local_loss"))));
                float[] wa = DenseLayers.of(a, l).weight.value;
                float[] wb = DenseLayers.of(b, l).weight.value;
                float[] w0 = DenseLayers.of(network(4, new int[] {16, 16}, 2, 3), l).weight.value;
                double moved = 0;
                double differ = 0;
                for (int k = 0; k < wa.length; k++) {
                    moved = Math.max(moved, Math.abs(wa[k] - w0[k]));
                    differ = Math.max(differ, Math.abs(wa[k] - wb[k]));
                }
                assertThat(moved).as(settings + " the weights moved").isGreaterThan(1e-5);
                assertThat(differ).as(settings + " kernels vs reference, layer " + l).isLessThan(1e-3 * moved);
            }
        }
    }
}
