package lpdm.rl;

import java.util.List;
import lpdm.core.nn.Activation;
import lpdm.rl.settings.SettingSpec;
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

    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("net.hidden", "64,64", "widths of the hidden layers of actor and critic, comma-separated"),
            new SettingSpec("net.activation", "tanh_fast", "hidden activation: tanh_fast (float approximation within 7 ulp of tanh, ~10x faster), tanh (exact, the default before), relu or identity"),
            new SettingSpec("net.init", "orthogonal", "initialisation: orthogonal (with gains) or uniform (fan-in)"),
            new SettingSpec("net.hidden_gain", "1.4142135623730951", "orthogonal gain of hidden layers (sqrt 2)"),
            new SettingSpec("net.actor_head_gain", "0.01", "orthogonal gain of the policy head"),
            new SettingSpec("net.critic_head_gain", "1.0", "orthogonal gain of the value head"),
            new SettingSpec("net.initial_log_std", "0.0", "initial log standard deviation of a Gaussian policy"));

    public static NetworkSettings from(Settings s) {
        Activation act;
        try {
            act = Activation.parse(s.string("net.activation"));
        } catch (IllegalArgumentException e) {
            throw new lpdm.rl.settings.UsageException("setting net.activation: " + e.getMessage());
        }
        String init = s.string("net.init");
        if (!init.equals("orthogonal") && !init.equals("uniform")) {
            throw new lpdm.rl.settings.UsageException("setting net.init: expected orthogonal or uniform, got '" + init + "'");
        }
        return new NetworkSettings(s.getIntList("net.hidden"), act, init, s.getDouble("net.hidden_gain"),
                s.getDouble("net.actor_head_gain"), s.getDouble("net.critic_head_gain"), s.getDouble("net.initial_log_std"));
    }
}
