package lpdm.rl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import lpdm.core.optim.OptimizerSpec;
import lpdm.core.settings.Setting;
import lpdm.envs.Box;
import lpdm.envs.Space;
import lpdm.rl.settings.Settings;

/**
 * The settings of {@link Ppo.Config}, one declaration each. Where CleanRL's ppo.py (Discrete
 * actions) and ppo_continuous_action.py (Box actions) differ, the default is {@code auto}: the
 * value for the env's action space ({@link #resolveAuto}, a pure function).
 */
public final class PpoSettings {
    /** name -> {Discrete, Box}. */
    private static final Map<String, String[]> AUTO = new LinkedHashMap<>();

    /** A setting whose default is "auto": its doc ends with the two values it resolves to. */
    private static <T> Setting<T> auto(Setting<T> s, String discrete, String box) {
        AUTO.put(s.name(), new String[] {discrete, box});
        return s;
    }

    private static String autoDoc(String doc, String discrete, String box) {
        return doc + " (auto: " + discrete + " for Discrete actions, " + box + " for Box actions)";
    }

    private static Setting<Integer> autoInt(String name, String doc, String discrete, String box) {
        return auto(Setting.integer(name, Settings.AUTO, autoDoc(doc, discrete, box), 1), discrete, box);
    }

    private static Setting<Boolean> autoBool(String name, String doc, String discrete, String box) {
        return auto(Setting.bool(name, Settings.AUTO, autoDoc(doc, discrete, box)), discrete, box);
    }

    private static Setting<OptionalDouble> autoOptional(String name, String doc, String discrete, String box) {
        return auto(Setting.optionalPositive(name, Settings.AUTO, autoDoc(doc, discrete, box)), discrete, box);
    }

    public static final Setting<Integer> NUM_ENVS = autoInt("ppo.num_envs", "parallel envs", "4", "1");
    public static final Setting<Integer> NUM_STEPS = autoInt("ppo.num_steps", "steps per env per rollout", "128", "2048");
    public static final Setting<Integer> NUM_MINIBATCHES = autoInt("ppo.num_minibatches", "minibatches per epoch", "4", "32");
    public static final Setting<Integer> UPDATE_EPOCHS = autoInt("ppo.update_epochs", "passes over each rollout", "4", "10");
    public static final Setting<Double> LR = auto(Setting.number("ppo.lr", Settings.AUTO, autoDoc("Adam learning rate", "2.5e-4", "3e-4"), 0, 10),
            "2.5e-4", "3e-4");
    public static final Setting<Double> GAMMA = Setting.number("ppo.gamma", "0.99", "discount factor", 0, 1);
    public static final Setting<Double> GAE_LAMBDA = Setting.number("ppo.gae_lambda", "0.95", "GAE lambda", 0, 1);
    public static final Setting<Double> CLIP_COEF = Setting.number("ppo.clip_coef", "0.2", "surrogate (and value) clipping coefficient", 0, Double.MAX_VALUE);
    public static final Setting<Boolean> CLIP_VLOSS = Setting.bool("ppo.clip_vloss", "true", "clip the value loss around the rollout's values");
    public static final Setting<Double> ENT_COEF = auto(Setting.number("ppo.ent_coef", Settings.AUTO, autoDoc("entropy bonus coefficient", "0.01", "0.0")),
            "0.01", "0.0");
    public static final Setting<Double> VF_COEF = Setting.number("ppo.vf_coef", "0.5", "value-loss coefficient");
    public static final Setting<Double> MAX_GRAD_NORM = Setting.number("ppo.max_grad_norm", "0.5", "global gradient-norm clipping threshold", 0, Double.MAX_VALUE);
    public static final Setting<OptionalDouble> TARGET_KL = Setting.optionalPositive("ppo.target_kl", "",
            "stop an iteration's epochs when approx_kl exceeds this (empty: off)");
    public static final Setting<Boolean> NORM_ADV = Setting.bool("ppo.norm_adv", "true", "normalise advantages per minibatch");
    // CleanRL's ppo.py ends the return at a truncation; the continuous-control setup (Stable-Baselines3 /
    // rl-zoo) bootstraps. Measured on Acrobot: docs/results.md. Runs recorded before the setting existed bootstrapped.
    public static final Setting<Boolean> BOOTSTRAP_TRUNCATION = autoBool("ppo.bootstrap_truncation",
            "bootstrap from V(final obs) at time-limit truncations (false: treat them as terminations, as CleanRL ppo.py does)", "false", "true")
            .addedLater("true");
    public static final Setting<Boolean> ANNEAL_LR = Setting.bool("ppo.anneal_lr", "true", "anneal learning rates linearly to 0");
    public static final Setting<Double> ADAM_EPS = Setting.number("ppo.adam_eps", "1e-5", "Adam epsilon", 0, 1);
    public static final Setting<Boolean> NORM_OBS = autoBool("ppo.norm_obs", "normalise observations (running mean/std)", "false", "true");
    public static final Setting<Boolean> NORM_REWARD = autoBool("ppo.norm_reward", "scale rewards by the running std of the discounted return",
            "false", "true");
    public static final Setting<OptionalDouble> CLIP_OBS = autoOptional("ppo.clip_obs", "clip observations to [-x, x], none = off", "none", "10");
    public static final Setting<OptionalDouble> CLIP_REWARD = autoOptional("ppo.clip_reward", "clip rewards to [-x, x], none = off", "none", "10");

    public static final List<Setting<?>> ALL = List.of(NUM_ENVS, NUM_STEPS, NUM_MINIBATCHES, UPDATE_EPOCHS, LR, GAMMA, GAE_LAMBDA, CLIP_COEF,
            CLIP_VLOSS, ENT_COEF, VF_COEF, MAX_GRAD_NORM, TARGET_KL, NORM_ADV, BOOTSTRAP_TRUNCATION, ANNEAL_LR, ADAM_EPS, NORM_OBS,
            NORM_REWARD, CLIP_OBS, CLIP_REWARD);

    private PpoSettings() {
    }

    /** {@code s} with every PPO setting still "auto" set to its value for {@code actionSpace} ({@code s} itself is unchanged). */
    public static Settings resolveAuto(Settings s, Space actionSpace) {
        int column = actionSpace instanceof Box ? 1 : 0;
        Map<String, String> values = new LinkedHashMap<>();
        AUTO.forEach((name, v) -> values.put(name, v[column]));
        return s.withAuto(values);
    }

    /** The PPO config of a run on an env with {@code actionSpace}. */
    public static Ppo.Config config(Settings settings, Space actionSpace) {
        Settings s = resolveAuto(settings, actionSpace);
        double lr = s.get(LR);
        return new Ppo.Config(s.get(NUM_ENVS), s.get(NUM_STEPS), s.get(NUM_MINIBATCHES), s.get(UPDATE_EPOCHS), lr, RunSettings.headLr(s, lr),
                s.get(GAMMA), s.get(GAE_LAMBDA), s.get(CLIP_COEF), s.get(CLIP_VLOSS), s.get(ENT_COEF), s.get(VF_COEF), s.get(MAX_GRAD_NORM),
                s.get(TARGET_KL), s.get(NORM_ADV), s.get(ANNEAL_LR), OptimizerSpec.adam(s.get(ADAM_EPS)), s.get(NORM_OBS), s.get(NORM_REWARD), s.get(CLIP_OBS),
                s.get(CLIP_REWARD), s.get(BOOTSTRAP_TRUNCATION));
    }

    /** The settings of a run of {@code envId} with every "auto" resolved (what config.json records). */
    public static Settings resolveAuto(Settings s, String envId) {
        return resolveAuto(s, ActorCriticEnvs.actionSpaceOf(envId));
    }
}
