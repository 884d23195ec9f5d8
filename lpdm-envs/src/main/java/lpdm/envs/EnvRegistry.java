package lpdm.envs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every known environment by id, as Gymnasium's registry: {@link #make(String)} builds the env and
 * applies the registered time limit. Entries come from {@link EnvProvider} services (this module's
 * classic-control provider and any other module on the class path).
 */
public final class EnvRegistry {
    private static volatile Map<String, EnvSpec> specs;

    private EnvRegistry() {
    }

    private static Map<String, EnvSpec> specs() {
        Map<String, EnvSpec> s = specs;
        if (s == null) {
            synchronized (EnvRegistry.class) {
                s = specs;
                if (s == null) {
                    Map<String, EnvSpec> found = new LinkedHashMap<>();
                    for (EnvProvider p : ServiceLoader.load(EnvProvider.class, EnvRegistry.class.getClassLoader())) {
                        for (EnvSpec spec : p.specs()) {
                            if (found.putIfAbsent(spec.id(), spec) != null) {
                                throw new IllegalStateException("env id registered twice: " + spec.id());
                            }
                        }
                    }
                    s = Collections.unmodifiableMap(found);
                    specs = s;
                }
            }
        }
        return s;
    }

    /** All registered ids in registration order. */
    public static List<String> ids() {
        return new ArrayList<>(specs().keySet());
    }

    /** The spec of {@code id}; an {@link UnknownEnvException} listing the known ids otherwise. */
    public static EnvSpec spec(String id) {
        EnvSpec spec = specs().get(id);
        if (spec == null) {
            throw new UnknownEnvException("unknown env '" + id + "'; registered envs: " + String.join(", ", ids()));
        }
        return spec;
    }

    /** Builds {@code id} with its default arguments, wrapped in its registered {@link TimeLimit}. */
    public static Env make(String id) {
        return make(id, Map.of());
    }

    /** Builds {@code id} with {@code arguments} overriding the defaults, wrapped in its time limit. */
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
        public UnknownEnvException(String message) {
            super(message);
        }
    }
}
