package lpdm.core.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lpdm.core.learn.LpdmConfig.GuidanceForm;
import lpdm.core.learn.LpdmConfig.Normalisation;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Conv2d;
import lpdm.core.nn.Conv2d.Padding;
import lpdm.core.nn.ConvSpec;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import org.junit.jupiter.api.Test;

/**
 * Convolution layers through the three learners: LPDM's local gradient of a convolution as the
 * learner computes it matches finite differences of the local loss, the frozen control never
 * changes a convolution while LPDM does, and a convolution with 1x1 kernels on a 1x1 grid trains
 * exactly as the dense layer with the same weights under every learner.
 */
class ConvLearnersTest {

    private static Matrix grids(int n, int size, Rng rng) {
        Matrix x = new Matrix(n, size);
        for (int i = 0; i < x.data.length; i++) {
            x.data[i] = rng.nextDouble() < 0.3 ? 1f : 0f; // 0/1 grids, as MinAtar's observations
        }
        return x;
    }

    private static Signals advantages(int n, Rng rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        return new Signals(Map.of(Signals.ADVANTAGE, a, Signals.VALUE, a.clone()));
    }

    private static Network convNetwork(Padding padding, long seed) {
        Network net = Network.build("actor", new int[] {5, 5, 2}, List.of(new ConvSpec(3, 3, 3, padding)), new int[] {4}, 3, Activation.TANH);
        net.initialise("orthogonal", 1.0, 0.5, new Rng(seed));
        Rng rng = new Rng(seed + 1);
        for (Parameter p : net.parameters()) {
            if (p.name.endsWith("bias")) {
                for (int i = 0; i < p.value.length; i++) {
                    p.value[i] = (float) rng.uniform(-0.2, 0.2);
                }
            }
        }
        return net;
    }

    /** The local loss of the first hidden layer (a convolution) in double, as LPDM's reference computes it. */
    private static double localLoss(Conv2d conv, Matrix x, double[] g, PairSet pairs) {
        Matrix h = new Matrix(x.rows, conv.outputSize);
        conv.forward(x, h);
        Activation.TANH.apply(h.data, h.data, h.data.length);
        return new PairwiseDistanceLoss(2.0, GuidanceForm.ADDITIVE, Normalisation.NONE, 1e-8, false).evaluate(x, null, h, g, pairs, new Matrix(x.rows, conv.outputSize));
    }

    /**
     * The frozen control computes LPDM's local gradient into the convolution's grad buffers (with
     * the default kernels) and leaves the weights alone, so the buffers can be compared with central
     * differences of the loss; tolerance as in Conv2dLocalLossTest.
     */
    @Test
    void localGradientOfAConvolutionThroughTheLearnerMatchesFiniteDifferences() {
        for (Padding padding : Padding.values()) {
            Network net = convNetwork(padding, 3);
            Conv2d conv = (Conv2d) net.hiddenLayers().get(0).layer();
            int n = 7;
            Rng rng = new Rng(4);
            Matrix x = grids(n, net.inputSize(), rng);
            Signals signals = advantages(n, rng);
            new FrozenRule(LpdmConfig.DEFAULTS).bind(net, NetworkRole.ACTOR, new Rng(5)).forwardTrain(x, signals);
            double[] g = new double[n];
            PairwiseDistanceLoss.standardise(signals.get(Signals.ADVANTAGE), n, g);
            PairSet pairs = new PairSet();
            pairs.fillAll(n);
            for (Parameter p : conv.parameters()) {
                float[] analytic = p.grad.clone();
                double scale = 0;
                for (float v : analytic) {
                    scale = Math.max(scale, Math.abs(v));
                }
                assertThat(scale).as("%s %s has a gradient", padding, p.name).isGreaterThan(1e-4);
                for (int i = 0; i < p.value.length; i++) {
                    float saved = p.value[i];
                    float step = 1e-2f;
                    p.value[i] = saved + step;
                    double up = localLoss(conv, x, g, pairs);
                    p.value[i] = saved - step;
                    double down = localLoss(conv, x, g, pairs);
                    p.value[i] = saved;
                    double numeric = (up - down) / (2.0 * step);
                    assertThat(Math.abs(analytic[i] - numeric)).as("%s %s[%d]: learner %s, finite difference %s", padding, p.name, i, analytic[i], numeric)
                            .isLessThanOrEqualTo(1e-2 * Math.max(Math.abs(analytic[i]), 1e-2 * scale));
                }
            }
        }
    }

    @Test
    void frozenKeepsConvolutionsFixedAndLpdmTrainsThem() {
        Network frozenNet = convNetwork(Padding.VALID, 8);
        Network lpdmNet = convNetwork(Padding.VALID, 8);
        float[] initial = frozenNet.parameters().get(0).value.clone();
        NetworkLearner frozen = new FrozenRule(LpdmConfig.DEFAULTS).bind(frozenNet, NetworkRole.ACTOR, new Rng(9));
        NetworkLearner lpdm = new LpdmRule(LpdmConfig.DEFAULTS).bind(lpdmNet, NetworkRole.ACTOR, new Rng(9));
        Rng rng = new Rng(10);
        for (int k = 0; k < 3; k++) {
            Matrix x = grids(6, frozenNet.inputSize(), rng);
            Signals s = advantages(6, rng);
            frozen.forwardTrain(x, s);
            frozen.backward(new Matrix(6, 3));
            lpdm.forwardTrain(x, s);
            lpdm.backward(new Matrix(6, 3));
        }
        assertThat(frozenNet.parameters().get(0).name).isEqualTo("actor.conv0.weight");
        assertThat(frozenNet.parameters().get(0).value).containsExactly(initial);
        assertThat(lpdmNet.parameters().get(0).value).isNotEqualTo(initial);
        assertThat(frozen.rlParameters()).containsExactlyElementsOf(frozenNet.headParameters());
    }

    /**
     * A 1x1 convolution on a 1x1 grid of C channels is the dense layer C -> filters with the same
     * weights (one row of C values per filter): under BP, frozen and LPDM (guided, all pairs), three
     * training passes with a plain gradient step on the learner's RL parameters give the same
     * outputs and parameters bit for bit.
     */
    @Test
    void aOneByOneConvolutionOnAOneByOneGridTrainsAsADenseLayerUnderEveryLearner() {
        for (LearningRule rule : List.of(new BackpropRule(), new FrozenRule(LpdmConfig.DEFAULTS), new LpdmRule(LpdmConfig.DEFAULTS))) {
            Network conv = Network.build("n", new int[] {1, 1, 5}, List.of(new ConvSpec(6, 1, 1, Padding.VALID)), new int[] {4}, 2, Activation.TANH);
            conv.initialise("orthogonal", Math.sqrt(2), 0.1, new Rng(20));
            Network dense = Network.mlp("n", 5, new int[] {6, 4}, 2, Activation.TANH);
            dense.copyFrom(conv);
            NetworkLearner a = rule.bind(conv, NetworkRole.ACTOR, new Rng(21));
            NetworkLearner b = rule.bind(dense, NetworkRole.ACTOR, new Rng(21));
            Rng rng = new Rng(22);
            for (int k = 0; k < 3; k++) {
                Matrix x = LocalLearnerTest.batch(8, 5, rng);
                Signals s = advantages(8, rng);
                Matrix dOut = LocalLearnerTest.batch(8, 2, rng);
                float[] outA = a.forwardTrain(x, s).data.clone();
                float[] outB = b.forwardTrain(x, s).data.clone();
                assertThat(outA).as("%s output, pass %d", rule.name(), k).containsExactly(outB);
                a.backward(dOut);
                b.backward(dOut);
                for (int i = 0; i < a.rlParameters().size(); i++) {
                    Parameter pa = a.rlParameters().get(i);
                    Parameter pb = b.rlParameters().get(i);
                    assertThat(pa.grad).as("%s grad of %s", rule.name(), pa.name).containsExactly(pb.grad);
                    for (int j = 0; j < pa.value.length; j++) {
                        pa.value[j] -= 0.05f * pa.grad[j];
                        pb.value[j] -= 0.05f * pb.grad[j];
                    }
                }
            }
            for (int i = 0; i < conv.parameters().size(); i++) {
                assertThat(conv.parameters().get(i).value).as("%s %s", rule.name(), conv.parameters().get(i).name)
                        .containsExactly(dense.parameters().get(i).value);
            }
        }
    }
}
