package lpdm.rl;

import java.util.List;
import lpdm.core.settings.Setting;
import lpdm.rl.settings.Settings;

/** The settings of {@link Reinforce.Config}, one declaration each. */
public final class ReinforceSettings {
    public static final Setting<Integer> BATCH_STEPS = Setting.integer("reinforce.batch_steps", "1000", "minimum steps of whole episodes collected per update", 1);
    public static final Setting<Integer> NUM_MINIBATCHES = Setting.integer("reinforce.num_minibatches", "1", "gradient steps per batch (one pass over shuffled minibatches)", 1);
    public static final Setting<Double> GAMMA = Setting.number("reinforce.gamma", "0.99", "discount factor", 0, 1);
    public static final Setting<Double> LR = Setting.number("reinforce.lr", "0.002", "Adam learning rate", 0, 10);
    public static final Setting<Double> ENT_COEF = Setting.number("reinforce.ent_coef", "0.0", "entropy bonus coefficient");
    public static final Setting<Double> VF_COEF = Setting.number("reinforce.vf_coef", "0.5", "value-loss coefficient");
    public static final Setting<Double> MAX_GRAD_NORM = Setting.number("reinforce.max_grad_norm", "0.5", "global gradient-norm clipping threshold", 0, Double.MAX_VALUE);
    public static final Setting<Boolean> NORM_ADV = Setting.bool("reinforce.norm_adv", "true", "normalise advantages over the batch");
    public static final Setting<Boolean> ANNEAL_LR = Setting.bool("reinforce.anneal_lr", "false", "anneal learning rates linearly to 0");
    public static final Setting<Double> ADAM_EPS = Setting.number("reinforce.adam_eps", "1e-5", "Adam epsilon", 0, 1);

    public static final List<Setting<?>> ALL = List.of(BATCH_STEPS, NUM_MINIBATCHES, GAMMA, LR, ENT_COEF, VF_COEF, MAX_GRAD_NORM, NORM_ADV,
            ANNEAL_LR, ADAM_EPS);

    private ReinforceSettings() {
    }

    public static Reinforce.Config config(Settings s) {
        double lr = s.get(LR);
        return new Reinforce.Config(s.get(BATCH_STEPS), s.get(NUM_MINIBATCHES), s.get(GAMMA), lr, RunSettings.headLr(s, lr), s.get(ENT_COEF),
                s.get(VF_COEF), s.get(MAX_GRAD_NORM), s.get(NORM_ADV), s.get(ANNEAL_LR), s.get(ADAM_EPS));
    }
}
