package lpdm.rl;

import java.util.Arrays;
import java.util.List;
import lpdm.core.nn.Activation;
import lpdm.core.nn.Conv2d;
import lpdm.core.nn.ConvSpec;
import lpdm.core.nn.Network;
import lpdm.core.settings.Setting;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/**
 * Architecture and initialisation of the actor and critic networks (separate networks, as in
 * common PPO implementations): convolutions ({@code net.conv}, each followed by the activation),
 * then dense hidden layers ({@code net.hidden}), then the head.
 *
 * @param conv the convolutions, in order, each with the padding of {@code net.conv_padding} (empty: none)
 * @param hidden widths of the dense hidden layers
 * @param activation hidden activation
 * @param init {@code orthogonal} (with gains) or {@code uniform} (fan-in)
 * @param hiddenGain orthogonal gain of hidden layers
 * @param actorHeadGain orthogonal gain of the policy head
 * @param criticHeadGain orthogonal gain of the value head
 * @param initialLogStd initial log-std of a Gaussian policy
 */
public record NetworkSettings(List<ConvSpec> conv, int[] hidden, Activation activation, String init, double hiddenGain,
                              double actorHeadGain, double criticHeadGain, double initialLogStd) {

    public static final Setting<List<ConvSpec>> CONV = Setting.of("net.conv", "none",
            "convolutions before the dense layers, comma-separated FILTERSxKERNEL or FILTERSxROWSxCOLUMNS (16x3: 16 filters of 3x3, stride 1; "
                    + "MinAtar's baseline network is net.conv=16x3 with net.hidden=128), or none; needs grid observations",
            text -> text.isBlank() || text.trim().equals("none") ? List.of() : ConvSpec.parseList(text, Conv2d.Padding.VALID),
            specs -> specs.isEmpty() ? "none" : String.join(",", specs.stream().map(ConvSpec::settingText).toList()));
    public static final Setting<Conv2d.Padding> CONV_PADDING = Setting.of("net.conv_padding", "valid",
            "padding of every convolution: valid (no padding; a 10x10 grid becomes 8x8 under a 3x3 kernel) or same (zero padding, the grid keeps its size)",
            Conv2d.Padding::parse, Conv2d.Padding::settingName);
    public static final Setting<int[]> HIDDEN = Setting.sizes("net.hidden", "64,64", "widths of the hidden layers of actor and critic, comma-separated");
    public static final Setting<Activation> ACTIVATION = Setting.of("net.activation", "tanh_fast",
            "hidden activation: tanh_fast (float approximation within 7 ulp of tanh, ~10x faster), tanh (exact, the default before), relu or identity",
            Activation::parse, Activation::settingName).formerDefaults("tanh");
    public static final Setting<String> INIT = Setting.word("net.init", "orthogonal", "initialisation: orthogonal (with gains) or uniform (fan-in)",
            List.of("orthogonal", "uniform"));
    public static final Setting<Double> HIDDEN_GAIN = Setting.number("net.hidden_gain", "1.4142135623730951", "orthogonal gain of hidden layers (sqrt 2)");
    public static final Setting<Double> ACTOR_HEAD_GAIN = Setting.number("net.actor_head_gain", "0.01", "orthogonal gain of the policy head");
    public static final Setting<Double> CRITIC_HEAD_GAIN = Setting.number("net.critic_head_gain", "1.0", "orthogonal gain of the value head");
    public static final Setting<Double> INITIAL_LOG_STD = Setting.number("net.initial_log_std", "0.0", "initial log standard deviation of a Gaussian policy");

    public static final List<Setting<?>> SPECS = List.of(CONV, CONV_PADDING, HIDDEN, ACTIVATION, INIT, HIDDEN_GAIN, ACTOR_HEAD_GAIN, CRITIC_HEAD_GAIN, INITIAL_LOG_STD);

    public static NetworkSettings from(Settings s) {
        Conv2d.Padding padding = s.get(CONV_PADDING);
        List<ConvSpec> conv = s.get(CONV).stream().map(c -> new ConvSpec(c.filters(), c.kernelHeight(), c.kernelWidth(), padding)).toList();
        return new NetworkSettings(conv, s.get(HIDDEN), s.get(ACTIVATION), s.get(INIT), s.get(HIDDEN_GAIN), s.get(ACTOR_HEAD_GAIN),
                s.get(CRITIC_HEAD_GAIN), s.get(INITIAL_LOG_STD));
    }

    /**
     * The network {@code name} for observations of {@code observationShape} (the env's observation
     * space shape; a grid is height x width x channels, channels last) with {@code outputSize}
     * outputs. Not initialised.
     *
     * @throws UsageException if there are convolutions and the observation is not a grid they fit
     */
    public Network build(String name, int[] observationShape, int outputSize) {
        checkObservation(observationShape);
        if (conv.isEmpty()) {
            return Network.mlp(name, Arrays.stream(observationShape).reduce(1, Math::multiplyExact), hidden, outputSize, activation);
        }
        return Network.build(name, observationShape, conv, hidden, outputSize, activation);
    }

    /**
     * Refuses, in one line naming both shapes, convolutions on observations that are not a grid
     * (height x width x channels) or on a grid they do not fit (a valid kernel larger than the grid).
     */
    public void checkObservation(int[] observationShape) {
        if (conv.isEmpty()) {
            return;
        }
        String network = "net.conv=" + CONV.format(conv) + " (padding " + conv.get(0).padding().settingName() + ")";
        if (observationShape.length != 3) {
            throw new UsageException(network + " needs grid observations (height x width x channels), but the env's observations have shape "
                    + shapeText(observationShape) + "; use a grid env (e.g. MinAtar) or drop net.conv");
        }
        int height = observationShape[0];
        int width = observationShape[1];
        int channels = observationShape[2];
        for (int i = 0; i < conv.size(); i++) {
            ConvSpec c = conv.get(i);
            if (c.padding() == Conv2d.Padding.VALID && (c.kernelHeight() > height || c.kernelWidth() > width)) {
                throw new UsageException(network + ": convolution " + i + " (" + c.settingText() + ", kernel " + c.kernelHeight() + "x" + c.kernelWidth()
                        + ") does not fit its input grid " + height + "x" + width + "x" + channels + " (observations " + shapeText(observationShape)
                        + "); use smaller kernels or net.conv_padding=same");
            }
            if (c.padding() == Conv2d.Padding.VALID) {
                height -= c.kernelHeight() - 1;
                width -= c.kernelWidth() - 1;
            }
            channels = c.filters();
        }
    }

    private static String shapeText(int[] shape) {
        return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toList()) + ")";
    }
}
