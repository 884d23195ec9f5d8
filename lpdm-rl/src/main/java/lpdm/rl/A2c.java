package lpdm.rl;

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

    /** A fresh A2C run, its critic run where {@code run.threads} says ({@link RunThreads}). */
    public static Algorithm create(RunSpec run) {
        Ppo.Config config = A2cSettings.config(run.settings());
        return new Ppo(run, config, RunThreads.criticExecution(run, config.minibatchSize()));
    }
}
