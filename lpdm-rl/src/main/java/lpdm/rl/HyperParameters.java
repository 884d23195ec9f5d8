package lpdm.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import lpdm.core.settings.InvalidSettingException;
import lpdm.rl.settings.UsageException;

/**
 * Tuned settings per env and algorithm, shipped as data: one YAML file per algorithm on the class
 * path ({@code lpdm/hparams/ALGO.yaml}), one entry per env id, each with the source of its values
 * (like rl-baselines3-zoo's {@code hyperparams/ppo.yml}). The setting {@code hparams}
 * ({@link RunSettings#HPARAMS}) chooses: {@code tuned} starts a run from the entry for its env,
 * algorithm and learner, {@code defaults} (its declared default) from the plain algorithm
 * defaults. Settings given explicitly always win over the entry's.
 *
 * <p>An entry:
 * <pre>
 * LunarLander-v3:
 *   source: where the values come from (one line)
 *   steps: 1000000              # the budget they were tuned / measured for
 *   reference: published score or threshold (text, optional)
 *   set: {ppo.num_envs: 16, ...}                       # every learner
 *   learners:                                          # optional, per learner, on top of set
 *     frozen: {source: studies/round9-lunarlander.yaml, set: {head_lr: 0.003}}
 * </pre>
 */
public final class HyperParameters {
    /** The setting's name. */
    public static final String SETTING = "hparams";
    /** Start from the tuned set of the env and algorithm (when there is one). */
    public static final String TUNED = "tuned";
    /** Start from the algorithm's plain defaults. */
    public static final String DEFAULTS = "defaults";

    private static final Set<String> ENTRY_KEYS = Set.of("source", "steps", "reference", "set", "learners");
    private static final Set<String> LEARNER_KEYS = Set.of("source", "set");
    private static final Map<String, Map<String, Preset>> LOADED = new ConcurrentHashMap<>();

    /** Values for one learner, on top of the entry's. */
    public record LearnerValues(String source, Map<String, String> values) {
    }

    /**
     * One env's entry of an algorithm's file.
     *
     * @param values settings for every learner
     * @param learners learner name to its own settings (applied on top of {@code values})
     */
    public record Preset(String algo, String env, String source, long steps, String reference, Map<String, String> values,
                         Map<String, LearnerValues> learners) {
        /** {@code algo/env}, as printed and recorded. */
        public String name() {
            return algo + "/" + env;
        }

        /** Every value a run of {@code learner} takes from this entry. */
        public Map<String, String> valuesFor(String learner) {
            Map<String, String> out = new TreeMap<>(values);
            LearnerValues own = learners.get(learner);
            if (own != null) {
                out.putAll(own.values());
            }
            return out;
        }
    }

    /**
     * What a run starts from.
     *
     * @param name {@code algo/env} of the tuned set, or {@code defaults}
     * @param source where the values come from (or why the defaults are used)
     * @param steps the budget the set was tuned for (0 for the defaults)
     * @param values the settings taken from the set (before explicit settings override them)
     */
    public record Choice(String name, String source, long steps, Map<String, String> values) {
        /** One line for the console, e.g. {@code ppo/LunarLander-v3 (rl-baselines3-zoo ...; tuned for 1000000 steps)}. */
        public String describe() {
            return name + " (" + source + (steps > 0 ? "; for " + steps + " steps" : "") + ")";
        }
    }

    private HyperParameters() {
    }

    /** The tuned sets of {@code algo} by env id (empty when it has no file). */
    public static Map<String, Preset> presets(String algo) {
        return LOADED.computeIfAbsent(algo, HyperParameters::load);
    }

    private static Map<String, Preset> load(String algo) {
        String resource = "/lpdm/hparams/" + algo + ".yaml";
        try (InputStream in = HyperParameters.class.getResourceAsStream(resource)) {
            if (in == null) {
                return Map.of();
            }
            return parse(algo, new YAMLMapper().readTree(in), resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The entries of one algorithm's file; a malformed file (a bug of the shipped data) fails naming the entry and key. */
    public static Map<String, Preset> parse(String algo, JsonNode root, String file) {
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(file + ": expected a map of env ids to entries");
        }
        Map<String, Preset> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = file + ": " + e.getKey();
            JsonNode entry = e.getValue();
            checkKeys(entry, ENTRY_KEYS, where);
            String source = requireText(entry, "source", where);
            JsonNode steps = entry.get("steps");
            if (steps == null || !steps.canConvertToLong() || steps.asLong() <= 0) {
                throw new IllegalStateException(where + ": 'steps' must be a positive integer");
            }
            Map<String, String> values = values(entry.get("set"), where);
            Map<String, LearnerValues> learners = new TreeMap<>();
            JsonNode ls = entry.get("learners");
            if (ls != null) {
                if (!ls.isObject()) {
                    throw new IllegalStateException(where + ": 'learners' must map learner names to {source, set}");
                }
                for (Iterator<Map.Entry<String, JsonNode>> l = ls.fields(); l.hasNext(); ) {
                    Map.Entry<String, JsonNode> le = l.next();
                    String lw = where + ": learners." + le.getKey();
                    checkKeys(le.getValue(), LEARNER_KEYS, lw);
                    learners.put(le.getKey(), new LearnerValues(requireText(le.getValue(), "source", lw), values(le.getValue().get("set"), lw)));
                }
            }
            JsonNode ref = entry.get("reference");
            out.put(e.getKey(), new Preset(algo, e.getKey(), source, steps.asLong(), ref == null ? "" : ref.asText(), values,
                    Collections.unmodifiableMap(learners)));
        }
        return Collections.unmodifiableMap(out);
    }

    private static void checkKeys(JsonNode node, Set<String> keys, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalStateException(where + ": expected a map with " + String.join(", ", new java.util.TreeSet<>(keys)));
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                throw new IllegalStateException(where + ": unknown key '" + k + "'");
            }
        });
    }

    private static String requireText(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalStateException(where + ": '" + key + "' must be a non-empty text");
        }
        return v.asText();
    }

    private static Map<String, String> values(JsonNode set, String where) {
        Map<String, String> out = new TreeMap<>();
        if (set == null) {
            return Collections.unmodifiableMap(out);
        }
        if (!set.isObject()) {
            throw new IllegalStateException(where + ": 'set' must map setting names to values");
        }
        set.fields().forEachRemaining(f -> out.put(f.getKey(), text(f.getValue())));
        return Collections.unmodifiableMap(out);
    }

    /** A value as text; decimals in plain notation (0.0003, not 3.0E-4), as study files do. */
    private static String text(JsonNode v) {
        if (v.isFloatingPointNumber()) {
            BigDecimal d = v.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.setScale(1).toPlainString() : d.toPlainString();
        }
        return v.asText();
    }

    /**
     * What a run of {@code algo} with {@code learner} on {@code env} starts from, given its explicit
     * settings: the tuned set when {@code hparams} is {@code tuned} and the file has the env, else
     * the defaults. A value {@code hparams} does not accept is a {@link UsageException}.
     */
    public static Choice choose(String algo, String env, String learner, Map<String, String> overrides) {
        String asked = overrides.get(SETTING);
        String value;
        try {
            value = asked == null ? RunSettings.HPARAMS.defaultValue() : RunSettings.HPARAMS.parse(asked);
        } catch (InvalidSettingException e) {
            throw new UsageException("setting " + e.getMessage());
        }
        if (value.equals(DEFAULTS)) {
            return new Choice(DEFAULTS, "the algorithm's defaults", 0, Map.of());
        }
        Preset p = presets(algo).get(env);
        if (p == null) {
            return new Choice(DEFAULTS, "no tuned set for " + algo + " on " + env + " in lpdm/hparams/" + algo + ".yaml: the algorithm's defaults",
                    0, Map.of());
        }
        LearnerValues own = p.learners().get(learner);
        String source = p.source() + (own != null ? "; " + learner + ": " + own.source() : "");
        return new Choice(p.name(), source, p.steps(), p.valuesFor(learner));
    }

    /** {@code overrides} with the chosen set's values added where no explicit value is given. */
    public static Map<String, String> apply(String algo, String env, String learner, Map<String, String> overrides) {
        Map<String, String> out = new LinkedHashMap<>(choose(algo, env, learner, overrides).values());
        out.putAll(overrides);
        return out;
    }
}
