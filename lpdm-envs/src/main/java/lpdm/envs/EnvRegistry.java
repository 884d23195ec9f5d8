package lpdm.envs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every known environment by id, as Gymnasium's registry: {@link #make(String)} builds the env and
 * applies the registered time limit. Entries come from {@link EnvProvider} services (this module's
 * classic-control provider and any other module on the class path).
 */
public final class EnvRegistry {
    private static volatile Map<String, EnvSpec> specs;
    private static volatile List<EnvProvider> providers;

    private EnvRegistry() {
    }

    private static Map<String, EnvSpec> specs() {
        Map<String, EnvSpec> s = specs;
        if (s == null) {
            synchronized (EnvRegistry.class) {
                s = specs;
                if (s == null) {
                    Map<String, EnvSpec> found = new LinkedHashMap<>();
                    List<EnvProvider> loaded = new ArrayList<>();
                    for (EnvProvider p : ServiceLoader.load(EnvProvider.class, EnvRegistry.class.getClassLoader())) {
                        loaded.add(p);
                        for (EnvSpec spec : p.specs()) {
                            if (found.putIfAbsent(spec.id(), spec) != null) {
                                throw new IllegalStateException("env id registered twice: " + spec.id());
                            }
                        }
                    }
                    providers = List.copyOf(loaded);
                    s = Collections.unmodifiableMap(found);
                    specs = s;
                }
            }
        }
        return s;
    }

    /**
     * All registered ids.
     *
     * @return the ids in registration order
     */
    public static List<String> ids() {
        return new ArrayList<>(specs().keySet());
    }

    /**
     * The registered ids to offer for an unknown {@code id}: those of its namespace if it names a
     * registered one ({@code MinAtar/...}), else all.
     *
     * @param id an id that may not be registered
     * @return registered ids
     */
    public static List<String> idsNear(String id) {
        int slash = id.indexOf('/');
        String namespace = slash > 0 ? id.substring(0, slash + 1) : null;
        List<String> same = ids().stream().filter(k -> namespace != null && k.startsWith(namespace)).toList();
        return same.isEmpty() ? ids() : same;
    }

    /**
     * The registered ids near {@code id} for a message.
     *
     * @param id an id that may not be registered
     * @return "registered envs: ..." listing {@link #idsNear}, named by the namespace when it is one
     *     ("registered MinAtar envs: ...")
     */
    public static String registeredNear(String id) {
        List<String> near = idsNear(id);
        int slash = id.indexOf('/');
        boolean namespace = slash > 0 && !near.isEmpty() && near.get(0).startsWith(id.substring(0, slash + 1));
        return "registered " + (namespace ? id.substring(0, slash) + " " : "") + "envs: " + String.join(", ", near);
    }

    /**
     * The registry entry of {@code id}.
     *
     * @param id a registered env id
     * @return its spec
     * @throws UnknownEnvException listing the known ids if {@code id} is not registered
     */
    public static EnvSpec spec(String id) {
        EnvSpec spec = specs().get(id);
        if (spec == null) {
            throw new UnknownEnvException("unknown env '" + id + "' (" + registeredNear(id) + ")");
        }
        return spec;
    }

    /**
     * The replayer the provider of {@code id} offers for its own recording format
     * ({@link EnvProvider#replayer}), or empty when recordings of {@code id} use the state-vector
     * format.
     *
     * @param id a registered env id
     * @return the provider's replayer, or empty
     * @throws UnknownEnvException listing the known ids if {@code id} is not registered
     */
    public static Optional<EnvReplayer> replayer(String id) {
        spec(id);
        for (EnvProvider p : providers) {
            boolean owns = p.specs().stream().anyMatch(s -> s.id().equals(id));
            if (owns) {
                return p.replayer(id);
            }
        }
        return Optional.empty();
    }

    /**
     * Builds {@code id} with its default arguments, wrapped in its registered {@link TimeLimit}.
     *
     * @param id a registered env id
     * @return a new env
     * @throws UnknownEnvException listing the known ids if {@code id} is not registered
     */
    public static Env make(String id) {
        return make(id, Map.of());
    }

    /**
     * Builds {@code id} with {@code arguments} overriding the defaults, wrapped in its time limit.
     *
     * @param id a registered env id
     * @param arguments the env's arguments by name (e.g. MinAtar's {@code sticky_action_prob})
     * @return a new env
     * @throws UnknownEnvException listing the known ids if {@code id} is not registered
     */
    public static Env make(String id, Map<String, Object> arguments) {
        EnvSpec spec = spec(id);
        Map<String, Object> args = new HashMap<>(spec.defaultArguments());
        args.putAll(arguments);
        Env env = spec.factory().apply(args);
        if (env instanceof AbstractEnv a) {
            a.setSpec(spec);
        }
        return spec.maxEpisodeSteps() > 0 ? new TimeLimit(env, spec.maxEpisodeSteps()) : env;
    }

    /** Thrown for an id that is not registered. */
    public static final class UnknownEnvException extends IllegalArgumentException {
        /**
         * An unknown id.
         *
         * @param message names the id and the registered ones
         */
        public UnknownEnvException(String message) {
            super(message);
        }
    }
}
