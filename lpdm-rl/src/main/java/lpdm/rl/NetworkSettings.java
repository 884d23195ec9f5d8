package lpdm.rl;

import java.util.List;
import lpdm.core.nn.Activation;
import lpdm.core.settings.Setting;
import lpdm.rl.settings.Settings;

/**
 * Architecture and initialisation of the actor and critic networks (separate networks, as in
 * common PPO implementations).
 *
 * @param hidden widths of the hidden layers
 * @param activation hidden activation
 * @param init {@code orthogonal} (with gains) or {@code uniform} (fan-in)
 * @param hiddenGain orthogonal gain of hidden layers
 * @param actorHeadGain orthogonal gain of the policy head
 * @param criticHeadGain orthogonal gain of the value head
 * @param initialLogStd initial log-std of a Gaussian policy
 */
public record NetworkSettings(int[] hidden, Activation activation, String init, double hiddenGain,
                              double actorHeadGain, double criticHeadGain, double initialLogStd) {

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

    public static final List<Setting<?>> SPECS = List.of(HIDDEN, ACTIVATION, INIT, HIDDEN_GAIN, ACTOR_HEAD_GAIN, CRITIC_HEAD_GAIN, INITIAL_LOG_STD);

    public static NetworkSettings from(Settings s) {
        return new NetworkSettings(s.get(HIDDEN), s.get(ACTIVATION), s.get(INIT), s.get(HIDDEN_GAIN), s.get(ACTOR_HEAD_GAIN),
                s.get(CRITIC_HEAD_GAIN), s.get(INITIAL_LOG_STD));
    }
}
