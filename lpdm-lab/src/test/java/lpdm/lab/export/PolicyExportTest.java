package lpdm.lab.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Network;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.Algorithm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs exported policies with ONNX Runtime and compares them with lpdm's own forward pass (the
 * evaluation env's observation pipeline, then the actor network) on 1,000 observations: 800 from
 * random-action episodes and 200 from states scaled by 20 (so that observation clipping acts in
 * the CartPole case with {@code a2c.clip_obs=3}).
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
        String given = System.getProperty("lpdm.export.runs", "");
        Stream<Arguments> runs = given.isEmpty() ? Stream.empty()
                : Stream.of(given.split(",")).map(d -> Arguments.of(d, "", "", 0L, Map.of(), 0f));
        return Stream.concat(trained, runs);
    }

    /** Trains {@code steps} steps of the case (or, with {@code steps} 0, takes the run directory {@code envId}) and compares. */
    @ParameterizedTest(name = "{0} {1} {2} {4}")
    @MethodSource("cases")
    void onnxRuntimeAgreesWithLpdm(String envId, String algo, String learner, long steps, Map<String, String> overrides,
                                   float clip) throws Exception {
        Path run = Path.of(envId);
        if (steps > 0) {
            run = dir.resolve("run");
            TrainingRun.create(run, new RunConfig(envId, algo, learner, 11, steps, overrides)).run(RunProgress.NONE);
        }
        float[] processed = compare(run, overrides.toString());
        if (clip > 0) { // the scaled states reach the clipping bound
            assertThat(maxAbs(processed)).isEqualTo(clip);
        }
    }

    /** Exports the run's last checkpoint, compares, prints the differences; returns lpdm's processed observations. */
    private static float[] compare(Path run, String label) throws Exception {
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
        float[] onnx = runOnnx(exported.model(), raw, exported.output());
        assertThat(onnx).hasSameSizeAs(lpdm);
        double maxDiff = maxAbsDiff(onnx, lpdm);
        String line = String.format("%s: %s; max |onnx - lpdm| = %.3g, max |lpdm| = %.3g", what, exported.output(), maxDiff,
                maxAbs(lpdm));
        if (algorithm.agent().activation() == Activation.TANH_FAST) {
            Network exact = Network.mlp("actor", actor.inputSize(), actor.hiddenLayers().stream().mapToInt(h -> h.layer().outputSize()).toArray(),
                    actor.outputSize(), Activation.TANH);
            exact.copyFrom(actor);
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
                    int action = rng.nextInt(((lpdm.envs.Discrete) plain.actionSpace()).n());
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
