package lpdm.rl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lpdm.core.settings.Setting;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.EnvSpec;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/**
 * Settings that reach an env's own arguments (those its registry entry declares, e.g. MinAtar's
 * {@code sticky_action_prob}). MinAtar's two have MinAtar's defaults. The MuJoCo tasks' arguments
 * are settings named {@code env.} followed by Gymnasium's argument name (e.g.
 * {@code env.ctrl_cost_weight}), with the default {@code auto}: each task's own default (Gymnasium
 * v5's, from its registry entry), which the run's settings record once resolved for the run's env
 * ({@link #resolveAuto}). An env that does not take an argument ignores its setting at the default
 * and refuses any other value, so a run never records a setting that had no effect.
 */
public final class EnvSettings {
    /**
     * A setting and the env argument it gives.
     *
     * @param takenBy who takes it, for the refusal message
     */
    private record Argument(Setting<?> setting, String argument, String takenBy) {
    }

    public static final Setting<Double> STICKY_ACTIONS = Setting.number("env.sticky_actions", "0.1",
            "MinAtar: probability that a step repeats the previous applied action instead of the chosen one (MinAtar's default 0.1)", 0, 1);
    public static final Setting<Boolean> RAMPING = Setting.bool("env.ramping", "true",
            "MinAtar: difficulty ramping (Asterix, Seaquest and SpaceInvaders speed up during an episode; MinAtar's default true)");

    /** The MuJoCo tasks' arguments that are numbers, booleans or (low, high) ranges, by Gymnasium's names. */
    private static final List<Setting<?>> MUJOCO = List.of(
            mujocoInteger("frame_skip", "MuJoCo steps per env step (dt = the model's timestep times frame_skip)"),
            mujocoNumber("forward_reward_weight", "weight of the forward velocity in the reward"),
            mujocoNumber("ctrl_cost_weight", "weight of the control cost (sum of the squared action)"),
            mujocoNumber("contact_cost_weight", "weight of the contact cost (Ant, Humanoid)"),
            mujocoNumber("healthy_reward", "reward per step while healthy"),
            mujocoBool("terminate_when_unhealthy", "end the episode when the body is unhealthy"),
            mujocoNumber("reset_noise_scale", "scale of the noise added to the initial qpos and qvel"),
            mujocoBool("exclude_current_positions_from_observation", "leave the x (and y) position out of the observation"),
            mujocoRange("healthy_state_range", "range of qpos[2:] and qvel for health (Hopper)"),
            mujocoRange("healthy_z_range", "range of the torso height for health"),
            mujocoRange("healthy_angle_range", "range of the torso pitch for health (Hopper, Walker2d)"),
            mujocoRange("contact_force_range", "clipping range of the contact forces (Ant)"),
            mujocoRange("contact_cost_range", "clipping range of the contact cost (Humanoid)"),
            mujocoBool("include_cinert_in_observation", "cinert of the bodies in the observation (Humanoid)"),
            mujocoBool("include_cvel_in_observation", "cvel of the bodies in the observation (Humanoid)"),
            mujocoBool("include_qfrc_actuator_in_observation", "qfrc_actuator of the joints in the observation (Humanoid)"),
            mujocoBool("include_cfrc_ext_in_observation", "contact forces cfrc_ext of the bodies in the observation (Ant, Humanoid)"),
            mujocoNumber("reward_dist_weight", "weight of the fingertip's distance to the target (Reacher)"),
            mujocoNumber("reward_control_weight", "weight of the control cost (Reacher)"));

    public static final List<Setting<?>> ALL = all();

    private static final List<Argument> ARGUMENTS = arguments();

    private static List<Setting<?>> all() {
        List<Setting<?>> out = new ArrayList<>(List.of(STICKY_ACTIONS, RAMPING));
        out.addAll(MUJOCO);
        return List.copyOf(out);
    }

    private static List<Argument> arguments() {
        List<Argument> out = new ArrayList<>();
        String minatar = "only envs that take it, e.g. MinAtar's, use this setting";
        out.add(new Argument(STICKY_ACTIONS, "sticky_action_prob", minatar));
        out.add(new Argument(RAMPING, "difficulty_ramping", minatar));
        for (Setting<?> s : MUJOCO) {
            out.add(new Argument(s, argumentOf(s), null));
        }
        return List.copyOf(out);
    }

    /** Gymnasium's argument name of a MuJoCo setting: its name without {@code env.}. */
    private static String argumentOf(Setting<?> s) {
        return s.name().substring("env.".length());
    }

    private static String mujocoDoc(String argument, String what) {
        return "MuJoCo " + argument + ": " + what + "; default auto: the task's own (Gymnasium v5's, docs/mujoco.md)";
    }

    private static Setting<Integer> mujocoInteger(String argument, String what) {
        return Setting.integer("env." + argument, Settings.AUTO, mujocoDoc(argument, what), 1);
    }

    private static Setting<Double> mujocoNumber(String argument, String what) {
        return Setting.number("env." + argument, Settings.AUTO, mujocoDoc(argument, what), Double::isFinite, "a finite number");
    }

    private static Setting<Boolean> mujocoBool(String argument, String what) {
        return Setting.bool("env." + argument, Settings.AUTO, mujocoDoc(argument, what));
    }

    /** A range written {@code LOW,HIGH} (each a number, {@code inf} or {@code -inf}; low &lt;= high), as Gymnasium's (low, high) tuples. */
    private static Setting<List<Double>> mujocoRange(String argument, String what) {
        return Setting.of("env." + argument, Settings.AUTO, mujocoDoc(argument, what + ", written LOW,HIGH (inf allowed)"),
                EnvSettings::parseRange, EnvSettings::formatRange);
    }

    static List<Double> parseRange(String text) {
        String t = text.trim();
        if (t.length() >= 2 && (t.startsWith("(") && t.endsWith(")") || t.startsWith("[") && t.endsWith("]"))) {
            t = t.substring(1, t.length() - 1);
        }
        String[] parts = t.split(",", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected a range LOW,HIGH (e.g. 0.7,inf), got '" + text + "'");
        }
        double low = rangeEnd(parts[0], text);
        double high = rangeEnd(parts[1], text);
        if (low > high) {
            throw new IllegalArgumentException("expected a range LOW,HIGH with LOW <= HIGH, got '" + text + "'");
        }
        return List.of(low, high);
    }

    private static double rangeEnd(String part, String text) {
        String p = part.trim().toLowerCase(Locale.ROOT);
        switch (p) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    double d = Double.parseDouble(p);
                    if (Double.isFinite(d)) {
                        return d;
                    }
                } catch (NumberFormatException e) {
                    // the message below
                }
                throw new IllegalArgumentException("expected a range LOW,HIGH of numbers or inf/-inf, got '" + text + "'");
            }
        }
    }

    static String formatRange(List<Double> range) {
        return rangeEnd(range.get(0)) + "," + rangeEnd(range.get(1));
    }

    private static String rangeEnd(double d) {
        return d == Double.POSITIVE_INFINITY ? "inf" : d == Double.NEGATIVE_INFINITY ? "-inf" : Double.toString(d);
    }

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
            boolean auto = Settings.AUTO.equals(a.setting().defaultValue());
            if (auto && Settings.AUTO.equals(s.string(a.setting().name()))) {
                continue; // the env's own default, or no such argument
            }
            Object value = s.get(a.setting());
            if (spec.defaultArguments().containsKey(a.argument())) {
                out.put(a.argument(), value);
            } else if (auto || !value.equals(a.setting().parse(a.setting().defaultValue()))) {
                throw new UsageException(a.setting().name() + "=" + format(a.setting(), value) + ": " + envId + " has no argument "
                        + a.argument() + " (" + (a.takenBy() != null ? a.takenBy() : takenBy(a.argument())) + ")");
            }
        }
        return out;
    }

    /** Which registered envs take {@code argument}, for the refusal message. */
    private static String takenBy(String argument) {
        List<String> ids = new ArrayList<>();
        for (String id : EnvRegistry.ids()) {
            if (EnvRegistry.spec(id).defaultArguments().containsKey(argument)) {
                ids.add(id);
            }
        }
        return ids.isEmpty() ? "no registered env takes it" : "envs that take it: " + String.join(", ", ids);
    }

    /**
     * {@code s} with every MuJoCo setting still {@code auto} set to the default of {@code envId}'s
     * argument (its registry entry's), for the envs that take it; the others stay {@code auto}. So
     * config.json records the values a MuJoCo run used.
     */
    public static Settings resolveAuto(Settings s, String envId) {
        Map<String, Object> defaults = EnvRegistry.spec(envId).defaultArguments();
        Map<String, String> resolved = new TreeMap<>();
        for (Setting<?> setting : MUJOCO) {
            Object value = defaults.get(argumentOf(setting));
            if (value != null && Settings.AUTO.equals(s.string(setting.name()))) {
                resolved.put(setting.name(), formatDefault(setting, value));
            }
        }
        return resolved.isEmpty() ? s : s.withAuto(resolved);
    }

    /** A registry default (Integer, Double, Boolean or a list of two numbers) as the setting's text. */
    private static String formatDefault(Setting<?> setting, Object value) {
        if (value instanceof List<?> range) {
            return formatRange(List.of(((Number) range.get(0)).doubleValue(), ((Number) range.get(1)).doubleValue()));
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        Number n = (Number) value;
        String text = n instanceof Integer || n instanceof Long ? Long.toString(n.longValue()) : Double.toString(n.doubleValue());
        setting.parse(text); // a default the setting cannot take is a programming error
        return text;
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
