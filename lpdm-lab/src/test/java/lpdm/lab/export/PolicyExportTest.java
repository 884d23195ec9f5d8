package lpdm.lab.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Conv2d;
import lpdm.core.nn.ConvSpec;
import lpdm.core.nn.Layer;
import lpdm.core.nn.Linear;
import lpdm.core.nn.Network;
import lpdm.core.nn.Parameter;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import lpdm.envs.wrappers.ClipObservation;
import lpdm.envs.wrappers.NormalizeObservation;
import lpdm.envs.wrappers.ObservationWrapper;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.Algorithm;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs exported policies with ONNX Runtime and compares them with lpdm's own forward pass (the
 * evaluation env's observation pipeline, then the actor network) on 1,000 observations: 800 from
 * random-action episodes and 200 from states scaled by 20 (so that observation clipping acts in
 * the CartPole case with {@code a2c.clip_obs=3}); for convolutional networks on MinAtar, 800 from
 * random-action episodes of the game and 200 random 0/1 grids.
 *
 * <p>Differences come from summation order in the matrix products and from the activation: the
 * graph's Tanh is ONNX Runtime's, lpdm's {@code tanh} is correctly rounded and {@code tanh_fast}
 * is within 7 ulp of it. The tolerance is the 1e-5 for every case; the measured largest
 * differences are printed (docs/lab.md quotes them).
 */
class PolicyExportTest {
    private static final int ROLLOUT_OBSERVATIONS = 800;
    private static final int SCALED_OBSERVATIONS = 200;

    @TempDir
    Path dir;

    /**
     * Runs trained here, briefly; plus, with {@code -Dlpdm.export.runs=DIR,DIR,...}, run
     * directories trained elsewhere (longer runs have larger weights and outputs).
     */
    static Stream<Arguments> cases() {
        Stream<Arguments> trained = Stream.of(
                Arguments.of("CartPole-v1", "ppo", "bp", 4096L, Map.of(), 0f),
                Arguments.of("CartPole-v1", "ppo", "bp", 4096L, Map.of("net.activation", "tanh"), 0f),
                // Normalised and clipped to [-10, 10] by default; Pendulum's states (|thetadot| <= 8) do not reach the clip.
                Arguments.of("Pendulum-v1", "ppo", "bp", 4096L, Map.of(), 0f),
                Arguments.of("Pendulum-v1", "ppo", "bp", 4096L, Map.of("net.activation", "tanh"), 0f),
                Arguments.of("CartPole-v1", "a2c", "lpdm", 2000L,
                        Map.of("net.activation", "relu", "a2c.norm_obs", "true", "a2c.clip_obs", "3"), 3f));
        Stream<Arguments> convolutional = Stream.of(
                // MinAtar's network (one 3x3 convolution of 16 filters, 128 units) for each learner, padding and activation,
                // on games with 4, 6, 7 and 10 channels, minimal and full (-v0, six actions) action sets.
                minatar("MinAtar/Breakout-v1", "ppo", "bp", "16x3", "valid", "relu"),
                minatar("MinAtar/SpaceInvaders-v1", "ppo", "bp", "16x3", "same", "relu"),
                minatar("MinAtar/Asterix-v1", "ppo", "bp", "16x3", "valid", "tanh"),
                minatar("MinAtar/Freeway-v1", "ppo", "bp", "16x3", "same", "tanh"),
                minatar("MinAtar/Seaquest-v1", "ppo", "frozen", "16x3", "valid", "relu"),
                minatar("MinAtar/Breakout-v0", "ppo", "frozen", "16x3", "same", "relu"),
                minatar("MinAtar/SpaceInvaders-v1", "ppo", "frozen", "16x3", "valid", "tanh"),
                minatar("MinAtar/Asterix-v1", "ppo", "frozen", "16x3", "same", "tanh"),
                minatar("MinAtar/Freeway-v1", "ppo", "lpdm", "16x3", "valid", "relu"),
                minatar("MinAtar/Asterix-v0", "ppo", "lpdm", "16x3", "same", "relu"),
                minatar("MinAtar/Seaquest-v1", "ppo", "lpdm", "16x3", "valid", "tanh"),
                minatar("MinAtar/Breakout-v1", "ppo", "lpdm", "16x3", "same", "tanh"),
                // Two convolutions, an even and a non-square kernel (same padding puts the extra zeros below and right),
                // the default tanh_fast, observations normalised and clipped.
                minatar("MinAtar/Seaquest-v1", "a2c", "lpdm", "8x2,4x3x5", "same", "tanh_fast", "a2c.norm_obs", "true", "a2c.clip_obs", "5"),
                minatar("MinAtar/Freeway-v1", "ppo", "bp", "8x2x3,4x2", "valid", "relu", "ppo.norm_obs", "true", "ppo.clip_obs", "5"));
        trained = Stream.concat(trained, convolutional);
        String given = System.getProperty("lpdm.export.runs", "");
        Stream<Arguments> runs = given.isEmpty() ? Stream.empty()
                : Stream.of(given.split(",")).map(d -> Arguments.of(d, "", "", 0L, Map.of(), 0f));
        return Stream.concat(trained, runs);
    }

    /** A brief run of a convolutional network on a MinAtar game (then one dense layer of 128, or 32 with two convolutions). */
    private static Arguments minatar(String envId, String algo, String learner, String conv, String padding, String activation,
                                     String... more) {
        Map<String, String> set = new TreeMap<>(Map.of("net.conv", conv, "net.conv_padding", padding,
                "net.hidden", conv.contains(",") ? "32" : "128", "net.activation", activation));
        if (algo.equals("ppo")) {
            set.putAll(Map.of("ppo.num_envs", "4", "ppo.num_steps", "128", "ppo.num_minibatches", "4", "ppo.update_epochs", "2"));
        }
        float clip = 0f; // with observation clipping, the random grids reach the bound (a rare channel's 1 is far from its mean)
        for (int i = 0; i < more.length; i += 2) {
            set.put(more[i], more[i + 1]);
            clip = more[i].endsWith(".clip_obs") ? Float.parseFloat(more[i + 1]) : clip;
        }
        return Arguments.of(envId, algo, learner, 2048L, set, clip);
    }

    /** Trains {@code steps} steps of the case (or, with {@code steps} 0, takes the run directory {@code envId}) and compares. */
    @ParameterizedTest(name = "{0} {1} {2} {4}")
    @MethodSource("cases")
    void onnxRuntimeAgreesWithLpdm(String envId, String algo, String learner, long steps, Map<String, String> overrides,
                                   float clip) throws Exception {
        Path run = Path.of(envId);
        Network trained = null;
        if (steps > 0) {
            run = dir.resolve("run");
            TrainingRun training = TrainingRun.create(run, new RunConfig(envId, algo, learner, 11, steps, overrides));
            training.run(RunProgress.NONE);
            trained = training.algorithm().agent().actor();
        }
        if (trained != null) {
            assertThat(trained.hasConvolutions()).isEqualTo(overrides.containsKey("net.conv"));
        }
        float[] processed = compare(run, overrides.toString(), trained);
        if (clip > 0) { // the scaled states reach the clipping bound
            assertThat(maxAbs(processed)).isEqualTo(clip);
        }
    }

    /**
     * Exports the run's last checkpoint, compares, prints the differences; returns lpdm's processed
     * observations. With {@code trained} (the actor at the end of training, before the checkpoint
     * was read back), also checks that the loaded actor computes exactly what it computed, so that
     * the exported weights are those the learner trained and acted with.
     */
    private static float[] compare(Path run, String label, Network trained) throws Exception {
        TrainingRun loaded = TrainingRun.resume(run); // as 'lpdm export' loads it
        Algorithm algorithm = loaded.algorithm();
        String envId = loaded.config().env();
        String what = String.format("%s %s %s, %d steps %s", envId, loaded.config().algo(), loaded.config().learner(),
                algorithm.globalStep(), label);
        PolicyExport.Exported exported = PolicyExport.export(algorithm, Map.of("lpdm.env", envId), "test");

        Matrix raw = new Matrix(ROLLOUT_OBSERVATIONS + SCALED_OBSERVATIONS, exported.observationSize());
        Matrix processed = new Matrix(raw.rows, raw.cols);
        observations(envId, algorithm, raw, processed);

        Network actor = algorithm.agent().actor();
        float[] lpdm = actor.forward(processed).data.clone();
        if (trained != null) {
            assertThat(trained.forward(processed).data).as("the checkpoint's actor computes what the trained actor computed").isEqualTo(lpdm);
        }
        float[] onnx = runOnnx(exported.model(), raw, exported.output());
        assertThat(onnx).hasSameSizeAs(lpdm);
        double maxDiff = maxAbsDiff(onnx, lpdm);
        int split = ROLLOUT_OBSERVATIONS * exported.outputSize();
        float[] lpdmEpisodes = Arrays.copyOf(lpdm, split);
        float[] lpdmOther = Arrays.copyOfRange(lpdm, split, lpdm.length);
        String line = String.format("%s: %s; max |onnx - lpdm| = %.3g, max |lpdm| = %.3g (episodes: %.3g, %.3g; %s: %.3g, %.3g)", what,
                exported.describe(), maxDiff, maxAbs(lpdm), maxAbsDiff(Arrays.copyOf(onnx, split), lpdmEpisodes), maxAbs(lpdmEpisodes),
                actor.inputShape().length == 3 ? "random grids" : "scaled states",
                maxAbsDiff(Arrays.copyOfRange(onnx, split, onnx.length), lpdmOther), maxAbs(lpdmOther));
        if (algorithm.agent().activation() == Activation.TANH_FAST) {
            Network exact = new Network("actor", actor.inputShape(), actor.hiddenLayers().stream()
                    .map(h -> new Network.Hidden(h.layer().copy(h.layer().parameters().get(0).name + ".exact"), Activation.TANH)).toList(),
                    actor.head());
            float[] lpdmTanh = exact.forward(processed).data.clone();
            line += String.format("; with exact tanh: max |onnx - lpdm| = %.3g, max |tanh_fast - tanh| = %.3g",
                    maxAbsDiff(onnx, lpdmTanh), maxAbsDiff(lpdm, lpdmTanh));
        }
        System.out.println("ONNX export " + line);
        assertThat(maxDiff).as(line).isLessThanOrEqualTo(1e-5);
        return processed.data;
    }

    /** Raw observations and, for the same states, what the evaluation env's pipeline makes of them. */
    private static void observations(String envId, Algorithm algorithm, Matrix raw, Matrix processed) {
        if (algorithm.agent().actor().inputShape().length == 3) {
            gridObservations(envId, algorithm, raw, processed);
            return;
        }
        Rng rng = new Rng(2024);
        int n = raw.cols;
        try (Env plain = EnvRegistry.make(envId); Env eval = algorithm.makeEvalEnv()) {
            long seed = 100;
            float[] a = plain.reset(seed);
            float[] b = eval.reset(seed);
            for (int i = 0; i < raw.rows; i++) {
                if (i >= ROLLOUT_OBSERVATIONS) {
                    double[] state = plain.state();
                    for (int k = 0; k < state.length; k++) {
                        state[k] *= 20;
                    }
                    a = plain.setState(state);
                    b = eval.setState(state);
                }
                System.arraycopy(a, 0, raw.data, i * n, n);
                System.arraycopy(b, 0, processed.data, i * n, n);
                StepResult ra;
                StepResult rb;
                if (plain.actionSpace() instanceof Box box) {
                    float[] action = new float[box.size()];
                    for (int k = 0; k < action.length; k++) {
                        action[k] = box.low()[k] + (float) rng.nextDouble() * (box.high()[k] - box.low()[k]);
                    }
                    ra = plain.step(action);
                    rb = eval.step(action.clone());
                } else {
                    int action = rng.nextInt(((Discrete) plain.actionSpace()).n());
                    ra = plain.step(action);
                    rb = eval.step(action);
                }
                a = ra.observation();
                b = rb.observation();
                if (ra.done() || i >= ROLLOUT_OBSERVATIONS) {
                    seed++;
                    a = plain.reset(seed);
                    b = eval.reset(seed);
                }
            }
        }
    }

    /**
     * Grid observations: rows 0 ... 799 from random-action episodes of the env, the others random
     * 0/1 grids (each value 1 with a probability drawn per grid from [0.02, 0.5]); processed by the
     * evaluation env's own observation wrappers (their statistics copied and frozen), rebuilt
     * around an env that returns the given grid, since a random grid is no state of the game.
     */
    private static void gridObservations(String envId, Algorithm algorithm, Matrix raw, Matrix processed) {
        Rng rng = new Rng(2024);
        int n = raw.cols;
        try (Env game = EnvRegistry.make(envId)) {
            int actions = ((Discrete) game.actionSpace()).n();
            long seed = 100;
            float[] obs = game.reset(seed);
            for (int i = 0; i < ROLLOUT_OBSERVATIONS; i++) {
                System.arraycopy(obs, 0, raw.data, i * n, n);
                StepResult r = game.step(rng.nextInt(actions));
                obs = r.done() ? game.reset(++seed) : r.observation();
            }
        }
        for (int i = ROLLOUT_OBSERVATIONS; i < raw.rows; i++) {
            double p = 0.02 + 0.48 * rng.nextDouble();
            for (int k = 0; k < n; k++) {
                raw.data[i * n + k] = rng.nextDouble() < p ? 1f : 0f;
            }
        }
        GridFeed feed = new GridFeed(algorithm.agent().actor().inputShape());
        Env pipeline = feed;
        for (ObservationWrapper w : PolicyExport.observationPipeline(algorithm)) {
            if (w instanceof NormalizeObservation norm) {
                NormalizeObservation copy = new NormalizeObservation(pipeline, norm.epsilon());
                copy.loadState(norm.saveState());
                copy.setFrozen(true);
                pipeline = copy;
            } else if (w instanceof ClipObservation clip) {
                pipeline = new ClipObservation(pipeline, clip.low(), clip.high());
            }
        }
        for (int i = 0; i < raw.rows; i++) {
            double[] grid = new double[n];
            for (int k = 0; k < n; k++) {
                grid[k] = raw.data[i * n + k];
            }
            System.arraycopy(pipeline.setState(grid), 0, processed.data, i * n, n);
        }
    }

    /** An env whose state is an observation grid: {@code setState(grid)} returns the grid. */
    private static final class GridFeed extends AbstractEnv {
        private double[] grid;

        GridFeed(int[] shape) {
            super(Box.uniform(0f, 1f, shape), new Discrete(1));
            grid = new double[Arrays.stream(shape).reduce(1, Math::multiplyExact)];
        }

        @Override
        protected float[] resetEpisode() {
            return setStateInternal(new double[grid.length]);
        }

        @Override
        protected float[] setStateInternal(double[] state) {
            grid = state.clone();
            float[] x = new float[grid.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) grid[k];
            }
            return x;
        }

        @Override
        public double[] state() {
            return grid.clone();
        }

        @Override
        public BufferedImage render() {
            return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        }
    }

    /** A kind of layer the exporter does not know is refused in one line naming it, before anything is written. */
    @Test
    void anUnknownLayerIsRefusedInOneLine() {
        Linear dense = new Linear("actor.layer0", 4, 8);
        Layer unknown = new Layer() { // a dense layer under another class
            @Override
            public int inputSize() {
                return dense.inputSize();
            }

            @Override
            public int outputSize() {
                return dense.outputSize();
            }

            @Override
            public List<Parameter> parameters() {
                return dense.parameters();
            }

            @Override
            public void forward(Matrix x, Matrix z) {
                dense.forward(x, z);
            }

            @Override
            public void parameterGradients(Matrix dz, Matrix x) {
                dense.parameterGradients(dz, x);
            }

            @Override
            public void inputGradient(Matrix dz, Matrix dx) {
                dense.inputGradient(dz, dx);
            }

            @Override
            public void initialise(String scheme, double gain, Rng rng) {
                dense.initialise(scheme, gain, rng);
            }

            @Override
            public Layer copy(String name) {
                return dense.copy(name);
            }

            @Override
            public String describe() {
                return "gated 4 -> 8";
            }
        };
        Network actor = new Network("actor", new int[] {4}, List.of(new Network.Hidden(unknown, Activation.RELU)),
                new Linear("actor.head", 8, 2));
        assertThatThrownBy(() -> PolicyExport.checkLayers(actor))
                .isInstanceOf(UsageException.class)
                .hasMessageNotContaining("\n")
                .hasMessageStartingWith("cannot export: the actor's layer gated 4 -> 8 (")
                .hasMessageEndingWith(") has no ONNX form in lpdm export (supported: dense layers and stride-1 convolutions)");
        PolicyExport.checkLayers(Network.build("actor", new int[] {10, 10, 4}, List.of(new ConvSpec(4, 3, 3,
                Conv2d.Padding.SAME)), new int[] {8}, 2, Activation.RELU)); // dense layers and convolutions pass
    }

    private static float[] runOnnx(byte[] model, Matrix input, String output) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input.data), new long[] {input.rows, input.cols});
                 OrtSession.Result result = session.run(Map.of("observation", x))) {
                float[][] y = (float[][]) result.get(output).orElseThrow().getValue();
                float[] flat = new float[y.length * y[0].length];
                for (int i = 0; i < y.length; i++) {
                    System.arraycopy(y[i], 0, flat, i * y[0].length, y[0].length);
                }
                return flat;
            }
        }
    }

    private static double maxAbsDiff(float[] x, float[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs((double) x[i] - y[i]));
        }
        return m;
    }

    private static double maxAbs(float[] x) {
        double m = 0;
        for (float v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
