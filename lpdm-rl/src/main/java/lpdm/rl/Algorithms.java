package lpdm.rl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.settings.Setting;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/** The algorithms a run can use, by their command-line names, with their declared settings. */
public final class Algorithms {

    /**
     * @param name command-line name
     * @param settings the algorithm's own settings
     * @param resolveAuto the settings of a run on an env (by id) with the algorithm's "auto" values resolved (pure)
     * @param config the algorithm's config record from resolved settings and the env id: checks
     *        what single values cannot (e.g. minibatches dividing the batch) without building a run
     * @param factory builds a fresh run
     */
    public record AlgorithmSpec(String name, List<Setting<?>> settings, BiFunction<Settings, String, Settings> resolveAuto,
                                BiFunction<Settings, String, Object> config, Function<RunSpec, Algorithm> factory) {
    }

    private static final Map<String, AlgorithmSpec> ALL = new LinkedHashMap<>();

    static {
        register(new AlgorithmSpec("reinforce", ReinforceSettings.ALL, (s, env) -> s, (s, env) -> ReinforceSettings.config(s), Reinforce::new));
        register(new AlgorithmSpec("ppo", PpoSettings.ALL, PpoSettings::resolveAuto, (s, env) -> PpoSettings.config(s, ActorCriticEnvs.actionSpaceOf(env)),
                Ppo::create));
        register(new AlgorithmSpec("a2c", A2cSettings.ALL, (s, env) -> s, (s, env) -> A2cSettings.config(s), A2c::create));
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

    /**
     * Checks a run's settings as far as possible without building it: every value, the
     * algorithm's and the network's config records, and the learner. Throws {@link UsageException}
     * naming the setting and the reason.
     */
    public static void check(String algorithm, String learner, String envId, java.util.Map<String, String> overrides) {
        AlgorithmSpec spec = get(algorithm);
        Settings s = resolve(algorithm, learner, envId, overrides);
        spec.config().apply(s, envId);
        EnvSettings.arguments(s, envId);
        NetworkSettings.from(s).checkObservation(ActorCriticEnvs.observationSpaceOf(envId).shape());
        LearningRules.create(learner, s);
    }

    /**
     * The effective settings of a run: the set {@code hparams} chooses ({@link HyperParameters}),
     * overridden by {@code overrides}, checked, with the algorithm's "auto" values and the env's
     * arguments ({@link EnvSettings#resolveAuto}) resolved for the env.
     */
    public static Settings resolve(String algorithm, String learner, String envId, Map<String, String> overrides) {
        Map<String, String> values = HyperParameters.apply(algorithm, envId, learner, overrides);
        return EnvSettings.resolveAuto(get(algorithm).resolveAuto().apply(Settings.resolve(settingsFor(algorithm), values), envId), envId);
    }

    /** Every setting valid for a run of {@code algorithm}: run, env, network, learner and the algorithm's own. */
    public static List<Setting<?>> settingsFor(String algorithm) {
        List<Setting<?>> all = new ArrayList<>(RunSettings.ALL);
        all.addAll(EnvSettings.ALL);
        all.addAll(NetworkSettings.SPECS);
        all.addAll(LpdmConfig.SETTINGS);
        all.addAll(get(algorithm).settings());
        return all;
    }
}
