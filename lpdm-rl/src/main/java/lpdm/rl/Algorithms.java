package lpdm.rl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lpdm.rl.settings.SettingSpec;
import lpdm.rl.settings.UsageException;

/** The algorithms a run can use, by their command-line names, with their documented settings. */
public final class Algorithms {

    /**
     * @param name command-line name
     * @param settings the algorithm's own settings
     * @param factory builds a fresh run
     */
    public record AlgorithmSpec(String name, List<SettingSpec> settings, Function<RunSpec, Algorithm> factory) {
    }

    /** Settings every run has, whatever the algorithm. */
    public static final List<SettingSpec> COMMON = List.of(
            new SettingSpec("head_lr", "", "learning rate of the policy and value heads (empty: the algorithm's lr)"),
            new SettingSpec("run.checkpoint_every", "10", "iterations between checkpoints (and file flushes)"),
            new SettingSpec("run.threads", "auto", "threads of one run: 2 = PPO/A2C update actor and critic at the same time (results identical to 1); auto = 2 for lpdm with minibatches of at least 128 when this JVM has two cores per run it trains at once (compare --jobs), else 1"));

    /**
     * For settings added after runs were already being recorded: the value that reproduces what
     * such an older run did, when its recorded settings lack the name. Settings not listed here
     * were added with a default equal to the old behaviour.
     */
    public static final Map<String, String> LEGACY_VALUES = Map.of(
            "ppo.bootstrap_truncation", "true",
            "a2c.bootstrap_truncation", "true");

    /**
     * Defaults that earlier versions had, by setting: a run that recorded one of them without
     * asking for it (not an override) started under that older default and keeps it on resume.
     * Any other recorded value that differs from what this lpdm derives is refused (the record was
     * edited, or the meaning of a setting changed).
     */
    public static final Map<String, List<String>> PAST_DEFAULTS = Map.of(
            "lpdm.guidance", List.of("0", "4"),
            "run.threads", List.of("1"),
            "lpdm.actor_signal", List.of("value"),
            "net.activation", List.of("tanh"));

    private static final Map<String, AlgorithmSpec> ALL = new LinkedHashMap<>();

    static {
        register(new AlgorithmSpec("reinforce", Reinforce.Config.SPECS, Reinforce::new));
        register(new AlgorithmSpec("ppo", Ppo.Config.SPECS, Ppo::create));
        register(new AlgorithmSpec("a2c", A2c.SPECS, A2c::create));
    }

    private Algorithms() {
    }

    private static void register(AlgorithmSpec spec) {
        ALL.put(spec.name(), spec);
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static AlgorithmSpec get(String name) {
        AlgorithmSpec spec = ALL.get(name);
        if (spec == null) {
            throw new UsageException("unknown algorithm '" + name + "'; expected one of " + String.join(", ", ALL.keySet()));
        }
        return spec;
    }

    /** Every setting valid for a run of {@code algorithm}: common, network, learner and the algorithm's own. */
    public static List<SettingSpec> settingsFor(String algorithm) {
        List<SettingSpec> all = new ArrayList<>(COMMON);
        all.addAll(NetworkSettings.SPECS);
        all.addAll(LearningRules.settings());
        all.addAll(get(algorithm).settings());
        return all;
    }
}
