package lpdm.core.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import java.util.function.Function;

/**
 * One setting, declared once: the name used by {@code --set}, config and study files, its default
 * (as text), a one-line doc (the {@code --list-settings} line), and its type: how a text becomes a
 * value, with the message for a text that does not, and how a value is written back as text.
 *
 * <p>A setting may also carry its history, so that runs recorded by an older lpdm resume with the
 * values they started with: the value that reproduces runs recorded before the setting existed
 * ({@link #legacyValue()}), and defaults it had before ({@link #pastDefaults()}). A setting may be
 * a <em>preset</em> ({@link #presets()}): each of its values stands for the settings listed for it.
 * A setting whose default is {@link #AUTO} is resolved per run by its component (e.g. from the
 * env's action space); {@link #parse} refuses the word itself.
 *
 * @param <T> the value type
 */
public final class Setting<T> {
    /** The default of a setting whose value depends on the run. */
    public static final String AUTO = "auto";

    /** How a text becomes a value: throws {@link IllegalArgumentException} with the reason (without the name). */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final String name;
    private final String defaultValue;
    private final String doc;
    private final Parser<T> parser;
    private final Function<T, String> formatter;
    private final String legacyValue;
    private final List<String> pastDefaults;
    private final Map<String, Map<String, String>> presets;

    private Setting(String name, String defaultText, String doc, Parser<T> parser, Function<T, String> formatter,
                    String legacyValue, List<String> pastDefaults, Map<String, Map<String, String>> presets) {
        this.name = name;
        this.defaultValue = defaultText;
        this.doc = doc;
        this.parser = parser;
        this.formatter = formatter;
        this.legacyValue = legacyValue;
        this.pastDefaults = List.copyOf(pastDefaults);
        this.presets = Map.copyOf(presets);
    }

    /** A setting of any type. */
    public static <T> Setting<T> of(String name, String defaultText, String doc, Parser<T> parser, Function<T, String> formatter) {
        return new Setting<>(name, defaultText, doc, parser, formatter, null, List.of(), Map.of());
    }

    /** A number (not NaN). */
    public static Setting<Double> number(String name, String defaultText, String doc) {
        return number(name, defaultText, doc, d -> true, "a number");
    }

    /** A number for which {@code ok} holds, {@code expected} saying which ("a number >= 0"). */
    public static Setting<Double> number(String name, String defaultText, String doc, DoublePredicate ok, String expected) {
        return of(name, defaultText, doc, text -> {
            double d;
            try {
                d = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
            }
            if (Double.isNaN(d) || !ok.test(d)) {
                throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
            }
            return d;
        }, d -> Double.toString(d));
    }

    /** A number in [lo, hi]. */
    public static Setting<Double> number(String name, String defaultText, String doc, double lo, double hi) {
        return number(name, defaultText, doc, d -> d >= lo && d <= hi, "a number in [" + lo + ", " + hi + "]");
    }

    /** An integer of at least {@code min}. */
    public static Setting<Integer> integer(String name, String defaultText, String doc, int min) {
        return of(name, defaultText, doc, text -> {
            int i;
            try {
                i = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer >= " + min + ", got '" + text + "'");
            }
            if (i < min) {
                throw new IllegalArgumentException("expected an integer >= " + min + ", got " + i);
            }
            return i;
        }, i -> Integer.toString(i));
    }

    /** true/false (also 1/0, yes/no, on/off). */
    public static Setting<Boolean> bool(String name, String defaultText, String doc) {
        return of(name, defaultText, doc, text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        }, b -> Boolean.toString(b));
    }

    /** One of {@code words} (trimmed, any case; the value is the word in lower case). */
    public static Setting<String> word(String name, String defaultText, String doc, List<String> words) {
        List<String> valid = List.copyOf(words);
        return of(name, defaultText, doc, text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (!valid.contains(t)) {
                throw new IllegalArgumentException("expected " + String.join(" or ", valid) + ", got '" + text + "'");
            }
            return t;
        }, s -> s);
    }

    /** A constant of {@code values} by its lower-case name ({@code RANDOM_PROJECTION} is {@code random_projection}). */
    public static <E extends Enum<E>> Setting<E> choice(String name, String defaultText, String doc, E[] values) {
        List<String> words = new ArrayList<>();
        for (E e : values) {
            words.add(e.name().toLowerCase(Locale.ROOT));
        }
        Setting<String> w = word(name, defaultText, doc, words);
        return of(name, defaultText, doc, text -> values[words.indexOf(w.parser.parse(text))], e -> e.name().toLowerCase(Locale.ROOT));
    }

    /** A positive number, or empty for "" and {@code none}. */
    public static Setting<OptionalDouble> optionalPositive(String name, String defaultText, String doc) {
        return of(name, defaultText, doc, text -> {
            String t = text.trim();
            if (t.isEmpty() || t.equalsIgnoreCase("none")) {
                return OptionalDouble.empty();
            }
            try {
                double d = Double.parseDouble(t);
                if (d > 0) {
                    return OptionalDouble.of(d);
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("expected a positive number or none, got '" + text + "'");
        }, o -> o.isPresent() ? Double.toString(o.getAsDouble()) : "none");
    }

    /** A comma-separated list of positive integers (empty: none). */
    public static Setting<int[]> sizes(String name, String defaultText, String doc) {
        return of(name, defaultText, doc, text -> {
            String t = text.trim();
            if (t.isEmpty()) {
                return new int[0];
            }
            String[] parts = t.split(",");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("expected comma-separated positive integers, got '" + text + "'");
                }
                if (out[i] <= 0) {
                    throw new IllegalArgumentException("sizes must be positive, got '" + text + "'");
                }
            }
            return out;
        }, a -> String.join(",", java.util.Arrays.stream(a).mapToObj(Integer::toString).toList()));
    }

    /** This setting for runs recorded before it existed: they take {@code value} (what they did then). */
    public Setting<T> addedLater(String value) {
        return new Setting<>(name, defaultValue, doc, parser, formatter, value, pastDefaults, presets);
    }

    /** This setting with defaults it had in earlier versions: a run that recorded one without asking keeps it. */
    public Setting<T> formerDefaults(String... values) {
        return new Setting<>(name, defaultValue, doc, parser, formatter, legacyValue, List.of(values), presets);
    }

    /** This setting as a preset: each value stands for the settings (name to text) given for it. */
    public Setting<T> presets(Map<String, Map<String, String>> byValue) {
        return new Setting<>(name, defaultValue, doc, parser, formatter, legacyValue, pastDefaults, byValue);
    }

    public String name() {
        return name;
    }

    /** The default as text; empty means "unset", {@link #AUTO} means "decided per run". */
    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** The value that reproduces runs recorded before this setting existed, or null (its default does). */
    public String legacyValue() {
        return legacyValue;
    }

    public List<String> pastDefaults() {
        return pastDefaults;
    }

    public Map<String, Map<String, String>> presets() {
        return presets;
    }

    /**
     * The value of {@code text}; a text this setting does not accept fails with
     * {@link InvalidSettingException} naming the setting, the reason and the text, e.g.
     * {@code lpdm.normalise: expected none or mean, got 'x'}.
     */
    public T parse(String text) {
        try {
            return parser.parse(text);
        } catch (InvalidSettingException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage();
            throw new InvalidSettingException(reason.startsWith(name + ": ") ? reason : name + ": " + reason);
        }
    }

    /** The text of {@code value} (parsing it gives {@code value} back). */
    public String format(T value) {
        return formatter.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
