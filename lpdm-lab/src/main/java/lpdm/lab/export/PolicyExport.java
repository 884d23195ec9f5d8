package lpdm.lab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Conv2d;
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
 *   <li>the actor network ({@link Network}), each hidden layer followed by its activation ({@code tanh}
 *       and {@code tanh_fast} both as the exact {@code Tanh}, {@code relu} as {@code Relu},
 *       {@code identity} as nothing): a dense layer as {@code Gemm(x, W, b, transB=1)}; a
 *       convolution ({@link Conv2d}, stride 1, valid or same padding) as {@code Conv} on an NCHW
 *       tensor, the observation rows (a grid stored channels last, as lpdm's envs give it) being
 *       reshaped to [batch, height, width, channels] and transposed to NCHW before the first
 *       convolution, and the feature map transposed back to channels last and flattened before
 *       the next dense layer; then the head's {@code Gemm}.</li>
 * </ol>
 * So the input is the flat observation vector for every network, as lpdm's forward pass reads it;
 * the metadata {@code lpdm.observation_shape} gives its shape (e.g. {@code 10,10,4}: height,
 * width, channels, flattened in that order). Not in the graph: sampling (a Gaussian policy's
 * log-std is in the metadata {@code lpdm.log_std}), the clipping of continuous actions to the
 * action space (the env's {@code ClipAction}).
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
        checkLayers(actor);
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
        String output = head instanceof PolicyHead.CategoricalHead ? "action_logits" : "action_mean";
        network(model, actor, x, output, steps);
        model.output(output, OnnxModel.FLOAT, actor.outputSize());
        metadata.forEach(model::metadata);
        model.metadata("lpdm.observation_shape", shapeText(actor.inputShape(), ","));
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

    /**
     * Refuses, in one line naming it, a hidden layer that is neither a dense layer nor a convolution
     * (lpdm builds no other today; a new kind of layer needs its ONNX form here before export).
     */
    static void checkLayers(Network actor) {
        for (Network.Hidden h : actor.hiddenLayers()) {
            if (!(h.layer() instanceof Linear) && !(h.layer() instanceof Conv2d)) {
                throw new UsageException("cannot export: the actor's layer " + h.layer().describe() + " (" + h.layer().getClass().getSimpleName()
                        + ") has no ONNX form in lpdm export (supported: dense layers and stride-1 convolutions)");
            }
        }
    }

    /**
     * Appends the actor's layers, reading the flat observation rows {@code x}, up to the head's
     * output {@code output}. Convolutions run on NCHW tensors, as ONNX's Conv computes: before the
     * first one the rows (a grid stored channels last) are reshaped to [batch, height, width,
     * channels] and transposed to [batch, channels, height, width]; before the next dense layer the
     * feature map is transposed back to channels last and flattened, which gives the rows lpdm's
     * dense layer reads, so dense weights are exported unchanged.
     */
    private static void network(OnnxModel model, Network actor, String x, String output, List<String> steps) {
        int[] grid = null; // (height, width, channels) while x is an NCHW feature map; null while x holds flat rows
        int convolutions = 0;
        int dense = 0;
        for (Network.Hidden h : actor.hiddenLayers()) {
            String name;
            String text;
            if (h.layer() instanceof Conv2d conv) {
                if (grid == null) {
                    int[] shape = {conv.inputHeight, conv.inputWidth, conv.inputChannels};
                    String nhwc = model.node("Reshape", List.of(x, model.initializer("observation_grid_shape",
                            new long[] {-1, shape[0], shape[1], shape[2]}, 4)), "observation_nhwc");
                    x = model.node("Transpose", List.of(nhwc), "observation_nchw", OnnxModel.Attribute.ofInts("perm", 0, 3, 1, 2));
                    steps.add("grid " + shapeText(shape, "x") + " (channels last) to NCHW");
                }
                name = "conv" + convolutions++;
                x = convolution(model, conv, x, name);
                grid = new int[] {conv.outputHeight, conv.outputWidth, conv.outputChannels};
                text = String.format(Locale.ROOT, "conv %d %dx%d %s -> %s", conv.outputChannels, conv.kernelHeight, conv.kernelWidth,
                        conv.padding.settingName(), shapeText(grid, "x"));
            } else {
                x = flatten(model, x, grid, steps);
                grid = null;
                Linear layer = (Linear) h.layer();
                name = "layer" + dense++;
                x = dense(model, layer, x, name, name + ".linear");
                text = Integer.toString(layer.outputSize);
            }
            String activation = switch (h.activation()) {
                case TANH, TANH_FAST -> "Tanh";
                case RELU -> "Relu";
                case IDENTITY -> null;
            };
            if (activation != null) {
                x = model.node(activation, List.of(x), name + "." + activation.toLowerCase(Locale.ROOT));
            }
            steps.add(text + " " + h.activation().settingName());
        }
        x = flatten(model, x, grid, steps);
        dense(model, actor.head(), x, "head", output);
        steps.add("linear " + actor.head().outputSize);
    }

    /** {@code Gemm(x, W, b, transB=1)}: lpdm's dense weight (outputs x inputs) as it is. */
    private static String dense(OnnxModel model, Linear layer, String x, String name, String out) {
        String w = model.initializer(name + ".weight", layer.weight.value, layer.outputSize, layer.inputSize);
        String b = model.initializer(name + ".bias", layer.bias.value, layer.outputSize);
        return model.node("Gemm", List.of(x, w, b), out, OnnxModel.Attribute.ofInt("transB", 1));
    }

    /**
     * ONNX {@code Conv} (NCHW, stride 1) computing {@code conv}: the weight rearranged from lpdm's
     * (filter, kernel row, kernel column, input channel) order to ONNX's (filter, input channel,
     * kernel row, kernel column), and the padding as explicit begin and end pads (a same-padded even
     * kernel has one more row and column of zeros below and right, as lpdm pads).
     */
    private static String convolution(OnnxModel model, Conv2d conv, String x, String name) {
        int kh = conv.kernelHeight;
        int kw = conv.kernelWidth;
        int ch = conv.inputChannels;
        float[] lpdm = conv.weight.value;
        float[] onnx = new float[lpdm.length];
        for (int o = 0; o < conv.outputChannels; o++) {
            for (int k = 0; k < ch; k++) {
                for (int dr = 0; dr < kh; dr++) {
                    for (int dc = 0; dc < kw; dc++) {
                        onnx[((o * ch + k) * kh + dr) * kw + dc] = lpdm[o * conv.patchSize + (dr * kw + dc) * ch + k];
                    }
                }
            }
        }
        int padBottom = conv.outputHeight - 1 + kh - conv.inputHeight - conv.padTop;
        int padRight = conv.outputWidth - 1 + kw - conv.inputWidth - conv.padLeft;
        String w = model.initializer(name + ".weight", onnx, conv.outputChannels, ch, kh, kw);
        String b = model.initializer(name + ".bias", conv.bias.value, conv.outputChannels);
        return model.node("Conv", List.of(x, w, b), name + ".conv", OnnxModel.Attribute.ofInts("kernel_shape", kh, kw),
                OnnxModel.Attribute.ofInts("strides", 1, 1), OnnxModel.Attribute.ofInts("dilations", 1, 1),
                OnnxModel.Attribute.ofInts("pads", conv.padTop, conv.padLeft, padBottom, padRight));
    }

    /**
     * x itself if it holds flat rows ({@code grid} null); else the NCHW feature map of shape
     * {@code grid} (height, width, channels) transposed to channels last and flattened to rows.
     */
    private static String flatten(OnnxModel model, String x, int[] grid, List<String> steps) {
        if (grid == null) {
            return x;
        }
        String nhwc = model.node("Transpose", List.of(x), x + ".nhwc", OnnxModel.Attribute.ofInts("perm", 0, 2, 3, 1));
        steps.add("flatten " + shapeText(grid, "x") + " (channels last)");
        return model.node("Flatten", List.of(nhwc), x + ".flat", OnnxModel.Attribute.ofInt("axis", 1));
    }

    private static String shapeText(int[] shape, String separator) {
        return String.join(separator, java.util.Arrays.stream(shape).mapToObj(Integer::toString).toList());
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
