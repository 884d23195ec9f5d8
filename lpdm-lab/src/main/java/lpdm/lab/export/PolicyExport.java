package lpdm.lab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Linear;
import lpdm.core.nn.Network;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.Wrapper;
import lpdm.envs.wrappers.ClipObservation;
import lpdm.envs.wrappers.NormalizeObservation;
import lpdm.envs.wrappers.ObservationWrapper;
import lpdm.envs.wrappers.RunningMeanStd;
import lpdm.lab.run.AtomicFiles;
import lpdm.rl.Algorithm;
import lpdm.rl.PolicyHead;
import lpdm.rl.settings.UsageException;

/**
 * A trained policy as an ONNX graph: observation in ({@code observation}, float32 [batch, n]),
 * action logits ({@code action_logits}, Discrete action spaces) or the Gaussian mean
 * ({@code action_mean}, Box action spaces) out, computing what lpdm computes when it acts:
 * <ol>
 *   <li>the observation pipeline of the algorithm's evaluation env ({@link Algorithm#makeEvalEnv()}),
 *       innermost wrapper first: {@link NormalizeObservation} with its frozen statistics as
 *       {@code Cast(float64) - mean) / sqrt(var + epsilon)} then {@code Cast(float32)}, in float64 as
 *       the wrapper computes, so the normalised observation equals lpdm's bit for bit (it is kept
 *       as nodes rather than folded into the first layer's weights, since a clip may follow it and
 *       folding would change the rounding); {@link ClipObservation} as {@code Min(Max(x, low), high)};
 *       wrappers that do not change observations (time limit, episode statistics, action clipping,
 *       reward wrappers) are skipped, any other observation wrapper is refused;</li>
 *   <li>the actor network ({@link Network}): per hidden layer {@code Gemm(x, W, b, transB=1)} and its
 *       activation ({@code tanh} and {@code tanh_fast} both as the exact {@code Tanh}, {@code relu}
 *       as {@code Relu}, {@code identity} as nothing), then the head's {@code Gemm}.</li>
 * </ol>
 * Not in the graph: sampling (a Gaussian policy's log-std is in the metadata {@code lpdm.log_std}),
 * the clipping of continuous actions to the action space (the env's {@code ClipAction}).
 * A convolutional network would add {@code Conv}/{@code Relu} nodes (4-D weight initializers,
 * {@link OnnxModel.Attribute#ofInts} for {@code kernel_shape}/{@code strides}) and a
 * {@code Flatten} before the first {@code Gemm}; lpdm has no convolutional network yet.
 */
public final class PolicyExport {
    private PolicyExport() {
    }

    /**
     * The exported model and a description of it.
     *
     * @param model the encoded ONNX ModelProto
     * @param output name of the graph output
     * @param observationSize observation components (input width)
     * @param outputSize output width (actions for logits, action dimensions for the mean)
     * @param steps the graph's stages in order, for messages (e.g. "normalise", "clip [-10, 10]", "64 tanh")
     */
    public record Exported(byte[] model, String output, int observationSize, int outputSize, List<String> steps) {
        /** One line: input, stages, output. */
        public String describe() {
            return String.format(Locale.ROOT, "observation [batch, %d] float32 -> %s -> %s [batch, %d]", observationSize,
                    String.join(" -> ", steps), output, outputSize);
        }
    }

    /** Exports {@code algorithm}'s current policy; {@code metadata} goes into the model's metadata_props. */
    public static Exported export(Algorithm algorithm, Map<String, String> metadata, String producerVersion) {
        Network actor = algorithm.agent().actor();
        if (actor.hasConvolutions()) {
            throw new UsageException("export writes dense networks only; this run's actor has convolutions (" + actor.describe() + ")");
        }
        PolicyHead head = algorithm.agent().policy();
        List<ObservationWrapper> pipeline = observationPipeline(algorithm);
        OnnxModel model = new OnnxModel("lpdm_policy");
        int n = actor.inputSize();
        String x = model.input("observation", OnnxModel.FLOAT, n);
        List<String> steps = new ArrayList<>();
        for (ObservationWrapper w : pipeline) {
            if (w instanceof NormalizeObservation norm) {
                RunningMeanStd stats = norm.statistics();
                double[] std = new double[n];
                for (int i = 0; i < n; i++) {
                    std[i] = Math.sqrt(stats.var(i) + norm.epsilon());
                }
                String x64 = model.node("Cast", List.of(x), "observation_f64", OnnxModel.Attribute.ofInt("to", OnnxModel.DOUBLE));
                String centred = model.node("Sub", List.of(x64, model.initializer("obs_mean", stats.mean(), n)), "observation_centred");
                String scaled = model.node("Div", List.of(centred, model.initializer("obs_std", std, n)), "observation_scaled");
                x = model.node("Cast", List.of(scaled), "observation_normalised", OnnxModel.Attribute.ofInt("to", OnnxModel.FLOAT));
                steps.add(String.format(Locale.ROOT, "normalise (statistics of %.0f observations)", stats.count()));
            } else if (w instanceof ClipObservation clip) {
                String low = model.node("Max", List.of(x, model.initializer("obs_clip_low", clip.low(), n)), "observation_clipped_low");
                x = model.node("Min", List.of(low, model.initializer("obs_clip_high", clip.high(), n)), "observation_clipped");
                steps.add(String.format(Locale.ROOT, "clip [%s, %s]", bound(clip.low()), bound(clip.high())));
            }
        }
        Activation hiddenActivation = algorithm.agent().activation();
        String activation = switch (hiddenActivation) {
            case TANH, TANH_FAST -> "Tanh";
            case RELU -> "Relu";
            case IDENTITY -> null;
        };
        List<Linear> layers = new ArrayList<>();
        for (Network.Hidden h : actor.hiddenLayers()) {
            layers.add((Linear) h.layer());
        }
        layers.add(actor.head());
        String output = head instanceof PolicyHead.CategoricalHead ? "action_logits" : "action_mean";
        for (int l = 0; l < layers.size(); l++) {
            Linear layer = layers.get(l);
            boolean last = l == layers.size() - 1;
            String name = last ? "head" : "layer" + l;
            String w = model.initializer(name + ".weight", layer.weight.value, layer.outputSize, layer.inputSize);
            String b = model.initializer(name + ".bias", layer.bias.value, layer.outputSize);
            x = model.node("Gemm", List.of(x, w, b), last ? output : name + ".linear", OnnxModel.Attribute.ofInt("transB", 1));
            if (!last && activation != null) {
                x = model.node(activation, List.of(x), name + "." + activation.toLowerCase(Locale.ROOT));
            }
            steps.add(last ? "linear " + layer.outputSize : layer.outputSize + " " + hiddenActivation.settingName());
        }
        model.output(output, OnnxModel.FLOAT, actor.outputSize());
        metadata.forEach(model::metadata);
        if (head instanceof PolicyHead.GaussianHead g) {
            StringBuilder s = new StringBuilder();
            for (float v : g.logStd().value) {
                s.append(s.length() == 0 ? "" : ",").append(v);
            }
            model.metadata("lpdm.log_std", s.toString());
        }
        model.docString("lpdm policy: " + String.join(" -> ", steps) + " -> " + output
                + (hiddenActivation.settingName().equals("tanh_fast") ? " (trained with tanh_fast, a float approximation "
                + "within 7 ulp of tanh; exported as the exact Tanh)" : ""));
        return new Exported(model.toByteArray(producerVersion), output, n, actor.outputSize(), Collections.unmodifiableList(steps));
    }

    /** One number when every component has the same bound, else the list. */
    private static String bound(float[] values) {
        for (float v : values) {
            if (v != values[0]) {
                return java.util.Arrays.toString(values);
            }
        }
        return Float.toString(values[0]);
    }

    /** Writes {@link #export} to {@code file} atomically. */
    public static Exported write(Path file, Algorithm algorithm, Map<String, String> metadata, String producerVersion) throws IOException {
        Exported e = export(algorithm, metadata, producerVersion);
        AtomicFiles.write(file, e.model());
        return e;
    }

    /**
     * The observation wrappers of the evaluation env, innermost first; refuses any that has no ONNX
     * form here, and an action space that is neither Discrete nor Box.
     */
    static List<ObservationWrapper> observationPipeline(Algorithm algorithm) {
        List<ObservationWrapper> pipeline = new ArrayList<>();
        try (Env env = algorithm.makeEvalEnv()) {
            if (!(env.actionSpace() instanceof Discrete) && !(env.actionSpace() instanceof Box)) {
                throw new UsageException("cannot export a policy for the action space " + env.actionSpace());
            }
            for (Env e = env; e instanceof Wrapper w; e = w.inner()) {
                if (w instanceof NormalizeObservation || w instanceof ClipObservation) {
                    pipeline.add(0, (ObservationWrapper) w);
                } else if (w instanceof ObservationWrapper) {
                    throw new UsageException("cannot export: the observation wrapper " + w.getClass().getSimpleName()
                            + " has no ONNX form in lpdm export (supported: NormalizeObservation, ClipObservation)");
                }
            }
        }
        return pipeline;
    }
}
