package lpdm.rl;

import java.util.List;
import java.util.OptionalDouble;
import lpdm.core.settings.Setting;
import lpdm.rl.settings.Settings;

/** Settings every run has, whatever the algorithm and learner. */
public final class RunSettings {
    public static final Setting<OptionalDouble> HEAD_LR = Setting.of("head_lr", "",
            "learning rate of the policy and value heads (empty: the algorithm's lr)", text -> {
                if (text.isBlank()) {
                    return OptionalDouble.empty();
                }
                return OptionalDouble.of(Setting.number("head_lr", "", "", 0, 10).parse(text));
            }, lr -> lr.isPresent() ? Double.toString(lr.getAsDouble()) : "");
    public static final Setting<Integer> CHECKPOINT_EVERY = Setting.integer("run.checkpoint_every", "10",
            "iterations between checkpoints (and file flushes)", 1);
    public static final Setting<String> THREADS = Setting.word(RunThreads.SETTING, Settings.AUTO,
            "threads of one run: 2 = PPO/A2C update actor and critic at the same time (results identical to 1); auto = 2 for lpdm with "
                    + "minibatches of at least 128 when this JVM has two cores per run it trains at once (compare --jobs), else 1",
            List.of("1", "2", Settings.AUTO)).formerDefaults("1");

    /** Which values the other settings start from: {@link HyperParameters}. Runs recorded before it existed used the defaults. */
    public static final Setting<String> HPARAMS = Setting.word(HyperParameters.SETTING, HyperParameters.DEFAULTS,
            "starting values of the other settings: tuned = the tuned set for the env, algorithm and learner (lpdm/hparams/ALGO.yaml; "
                    + "lpdm train's default), defaults = the algorithm's plain defaults (the default of compare, study files and bench)",
            List.of(HyperParameters.DEFAULTS, HyperParameters.TUNED)).addedLater(HyperParameters.DEFAULTS);

    public static final List<Setting<?>> ALL = List.of(HEAD_LR, CHECKPOINT_EVERY, THREADS, HPARAMS);

    private RunSettings() {
    }

    /** The heads' learning rate: {@code head_lr}, or the algorithm's {@code lr} when it is empty. */
    public static double headLr(Settings s, double lr) {
        return s.get(HEAD_LR).orElse(lr);
    }
}
