package lpdm.rl;

import java.util.List;
import java.util.OptionalDouble;
import lpdm.rl.settings.SettingSpec;
import lpdm.rl.settings.Settings;

/**
 * Advantage actor-critic, synchronous (A2C; Mnih et al. 2016, "Asynchronous Methods for Deep
 * Reinforcement Learning", in its synchronous form), run by {@link Ppo} as its special case of
 * one epoch over one minibatch (the whole rollout) without clipping: with a single update per
 * rollout the probability ratio is 1 (up to float rounding) and the clipped surrogate's gradient
 * is the policy gradient {@code -mean(A grad log pi)}.
 *
 * <p>Defaults are Stable-Baselines3's A2C defaults: 5 steps per env, lr 7e-4 (constant),
 * gamma 0.99, gae_lambda 1.0 (n-step returns bootstrapped at the rollout end), ent_coef 0.0,
 * vf_coef 0.5, max_grad_norm 0.5, no advantage normalisation, and 8 envs (rl-baselines3-zoo's
 * setting for CartPole-v1; SB3 itself takes whatever vector env it is given). Two deliberate
 * differences from SB3:
 * <ul>
 *   <li>SB3 uses RMSProp (alpha 0.99, eps 1e-5); we use Adam (eps {@code a2c.adam_eps}), the
 *       optimiser every algorithm here shares.</li>
 *   <li>The value loss is CleanRL's {@code 0.5 mean((V - R)^2)}, SB3's is {@code mean((V - R)^2)}:
 *       with the same vf_coef our value gradient is half of SB3's ({@code a2c.vf_coef=1.0}
 *       matches SB3 exactly).</li>
 * </ul>
 * Settings are prefixed {@code a2c.}; the common {@code head_lr} applies as for PPO.
 */
public final class A2c {
    private A2c() {
    }

    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("a2c.num_envs", "8", "parallel envs"),
            new SettingSpec("a2c.bootstrap_truncation", "true", "bootstrap from V(final obs) at time-limit truncations (false: treat them as terminations)"),
            new SettingSpec("a2c.num_steps", "5", "steps per env per update"),
            new SettingSpec("a2c.lr", "7e-4", "Adam learning rate (SB3 uses RMSProp)"),
            new SettingSpec("a2c.gamma", "0.99", "discount factor"),
            new SettingSpec("a2c.gae_lambda", "1.0", "GAE lambda (1: n-step returns)"),
            new SettingSpec("a2c.ent_coef", "0.0", "entropy bonus coefficient"),
            new SettingSpec("a2c.vf_coef", "0.5", "value-loss coefficient (of 0.5 mean squared error)"),
            new SettingSpec("a2c.max_grad_norm", "0.5", "global gradient-norm clipping threshold"),
            new SettingSpec("a2c.norm_adv", "false", "normalise advantages over the rollout"),
            new SettingSpec("a2c.anneal_lr", "false", "anneal learning rates linearly to 0"),
            new SettingSpec("a2c.adam_eps", "1e-5", "Adam epsilon"),
            new SettingSpec("a2c.norm_obs", "false", "normalise observations (running mean/std)"),
            new SettingSpec("a2c.norm_reward", "false", "scale rewards by the running std of the discounted return"),
            new SettingSpec("a2c.clip_obs", "none", "clip observations to [-x, x], none = off"),
            new SettingSpec("a2c.clip_reward", "none", "clip rewards to [-x, x], none = off"));

    /** The A2C settings as a {@link Ppo.Config}: one epoch, one minibatch, no ratio or value clipping, no KL stop. */
    public static Ppo.Config config(Settings s) {
        double lr = s.getDouble("a2c.lr", 0, 10);
        return new Ppo.Config(s.getInt("a2c.num_envs", 1), s.getInt("a2c.num_steps", 1), 1, 1, lr, Ppo.Config.headLr(s, lr),
                s.getDouble("a2c.gamma", 0, 1), s.getDouble("a2c.gae_lambda", 0, 1), Double.POSITIVE_INFINITY, false,
                s.getDouble("a2c.ent_coef"), s.getDouble("a2c.vf_coef"), s.getDouble("a2c.max_grad_norm", 0, Double.MAX_VALUE),
                OptionalDouble.empty(), s.getBoolean("a2c.norm_adv"), s.getBoolean("a2c.anneal_lr"),
                s.getDouble("a2c.adam_eps", 0, 1), s.getBoolean("a2c.norm_obs"), s.getBoolean("a2c.norm_reward"),
                Ppo.Config.optional(s, "a2c.clip_obs"), Ppo.Config.optional(s, "a2c.clip_reward"),
                s.getBoolean("a2c.bootstrap_truncation"));
    }

    /** A fresh A2C run, its critic run where {@code run.threads} says ({@link RunThreads}). */
    public static Algorithm create(RunSpec run) {
        Ppo.Config config = config(run.settings());
        return new Ppo(run, config, RunThreads.criticExecution(run, config.minibatchSize()));
    }
}
