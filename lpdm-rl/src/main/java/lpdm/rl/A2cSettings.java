package lpdm.rl;

import java.util.List;
import java.util.OptionalDouble;
import lpdm.core.optim.OptimizerSpec;
import lpdm.core.settings.Setting;
import lpdm.rl.settings.Settings;

/** The settings of {@link A2c}, one declaration each; A2C is PPO with one epoch, one minibatch and no clipping. */
public final class A2cSettings {
    public static final Setting<Integer> NUM_ENVS = Setting.integer("a2c.num_envs", "8", "parallel envs", 1);
    public static final Setting<Boolean> BOOTSTRAP_TRUNCATION = Setting.bool("a2c.bootstrap_truncation", "true",
            "bootstrap from V(final obs) at time-limit truncations (false: treat them as terminations)").addedLater("true");
    public static final Setting<Integer> NUM_STEPS = Setting.integer("a2c.num_steps", "5", "steps per env per update", 1);
    public static final Setting<Double> LR = Setting.number("a2c.lr", "7e-4", "learning rate of the optimiser (a2c.optimizer)", 0, 10);
    public static final Setting<Double> GAMMA = Setting.number("a2c.gamma", "0.99", "discount factor", 0, 1);
    public static final Setting<Double> GAE_LAMBDA = Setting.number("a2c.gae_lambda", "1.0", "GAE lambda (1: n-step returns)", 0, 1);
    public static final Setting<Double> ENT_COEF = Setting.number("a2c.ent_coef", "0.0", "entropy bonus coefficient");
    public static final Setting<Double> VF_COEF = Setting.number("a2c.vf_coef", "0.5", "value-loss coefficient (of 0.5 mean squared error)");
    public static final Setting<Double> MAX_GRAD_NORM = Setting.number("a2c.max_grad_norm", "0.5", "global gradient-norm clipping threshold", 0, Double.MAX_VALUE);
    public static final Setting<Boolean> NORM_ADV = Setting.bool("a2c.norm_adv", "false", "normalise advantages over the rollout");
    public static final Setting<Boolean> ANNEAL_LR = Setting.bool("a2c.anneal_lr", "false", "anneal learning rates linearly to 0");
    public static final Setting<OptimizerSpec.Kind> OPTIMIZER = Setting.choice("a2c.optimizer", "adam",
            "optimiser of the RL loss: adam, or rmsprop (PyTorch's RMSprop, Stable-Baselines3's A2C default)", OptimizerSpec.Kind.values())
            .addedLater("adam");
    public static final Setting<Double> ADAM_EPS = Setting.number("a2c.adam_eps", "1e-5", "Adam epsilon (a2c.optimizer adam)", 0, 1);
    public static final Setting<Double> RMSPROP_ALPHA = Setting.number("a2c.rmsprop_alpha", "0.99",
            "RMSprop's smoothing constant (a2c.optimizer rmsprop; SB3 and PyTorch: 0.99)", d -> d >= 0 && d < 1, "a number in [0, 1)").addedLater("0.99");
    public static final Setting<Double> RMSPROP_EPS = Setting.number("a2c.rmsprop_eps", "1e-5",
            "RMSprop epsilon, outside the square root (a2c.optimizer rmsprop; SB3's rms_prop_eps)", d -> d > 0 && d <= 1, "a number in (0, 1]").addedLater("1e-5");
    public static final Setting<Boolean> NORM_OBS = Setting.bool("a2c.norm_obs", "false", "normalise observations (running mean/std)");
    public static final Setting<Boolean> NORM_REWARD = Setting.bool("a2c.norm_reward", "false", "scale rewards by the running std of the discounted return");
    public static final Setting<OptionalDouble> CLIP_OBS = Setting.optionalPositive("a2c.clip_obs", "none", "clip observations to [-x, x], none = off");
    public static final Setting<OptionalDouble> CLIP_REWARD = Setting.optionalPositive("a2c.clip_reward", "none", "clip rewards to [-x, x], none = off");

    public static final List<Setting<?>> ALL = List.of(NUM_ENVS, BOOTSTRAP_TRUNCATION, NUM_STEPS, LR, GAMMA, GAE_LAMBDA, ENT_COEF, VF_COEF,
            MAX_GRAD_NORM, NORM_ADV, ANNEAL_LR, OPTIMIZER, ADAM_EPS, RMSPROP_ALPHA, RMSPROP_EPS, NORM_OBS, NORM_REWARD, CLIP_OBS, CLIP_REWARD);

    private A2cSettings() {
    }

    /** The optimiser {@code a2c.optimizer} names, with its constants. */
    static OptimizerSpec optimizer(Settings s) {
        return switch (s.get(OPTIMIZER)) {
            case ADAM -> OptimizerSpec.adam(s.get(ADAM_EPS));
            case RMSPROP -> OptimizerSpec.rmsProp(s.get(RMSPROP_ALPHA), s.get(RMSPROP_EPS));
        };
    }

    /** A2C's settings as the PPO config that runs it. */
    public static Ppo.Config config(Settings s) {
        double lr = s.get(LR);
        return new Ppo.Config(s.get(NUM_ENVS), s.get(NUM_STEPS), 1, 1, lr, RunSettings.headLr(s, lr), s.get(GAMMA), s.get(GAE_LAMBDA),
                Double.POSITIVE_INFINITY, false, s.get(ENT_COEF), s.get(VF_COEF), s.get(MAX_GRAD_NORM), OptionalDouble.empty(),
                s.get(NORM_ADV), s.get(ANNEAL_LR), optimizer(s), s.get(NORM_OBS), s.get(NORM_REWARD), s.get(CLIP_OBS), s.get(CLIP_REWARD),
                s.get(BOOTSTRAP_TRUNCATION));
    }
}
