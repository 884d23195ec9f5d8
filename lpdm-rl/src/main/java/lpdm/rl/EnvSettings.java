package lpdm.rl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.settings.Setting;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvSpec;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/**
 * Settings that reach an env's own arguments (those its registry entry declares, e.g. MinAtar's
 * {@code sticky_action_prob}). Each has the default of the envs that take it; an env that does not
 * take an argument ignores its setting at the default and refuses any other value, so a run never
 * records a setting that had no effect.
 */
public final class EnvSettings {
    /** A setting and the env argument it gives. */
    private record Argument(Setting<?> setting, String argument) {
    }

    public static final Setting<Double> STICKY_ACTIONS = Setting.number("env.sticky_actions", "0.1",
            "MinAtar: probability that a step repeats the previous applied action instead of the chosen one (MinAtar's default 0.1)", 0, 1);
    public static final Setting<Boolean> RAMPING = Setting.bool("env.ramping", "true",
            "MinAtar: difficulty ramping (Asterix, Seaquest and SpaceInvaders speed up during an episode; MinAtar's default true)");

    public static final List<Setting<?>> ALL = List.of(STICKY_ACTIONS, RAMPING);

    private static final List<Argument> ARGUMENTS = List.of(new Argument(STICKY_ACTIONS, "sticky_action_prob"), new Argument(RAMPING, "difficulty_ramping"));

    private EnvSettings() {
    }

    /**
     * The arguments of {@code envId} that the settings give, for {@link EnvRegistry#make(String, Map)}.
     *
     * @throws UsageException if a setting other than its default is given for an env without that argument
     */
    public static Map<String, Object> arguments(Settings s, String envId) {
        EnvSpec spec = EnvRegistry.spec(envId);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Argument a : ARGUMENTS) {
            Object value = s.get(a.setting());
            if (spec.defaultArguments().containsKey(a.argument())) {
                out.put(a.argument(), value);
            } else if (!value.equals(a.setting().parse(a.setting().defaultValue()))) {
                throw new UsageException(a.setting().name() + "=" + format(a.setting(), value) + ": " + envId + " has no argument "
                        + a.argument() + " (only envs that take it, e.g. MinAtar's, use this setting)");
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(Setting<T> setting, Object value) {
        return setting.format((T) value);
    }

    /** A new env of the run's id with the arguments its settings give, in its registered time limit. */
    public static Env make(String envId, Settings s) {
        return EnvRegistry.make(envId, arguments(s, envId));
    }
}
