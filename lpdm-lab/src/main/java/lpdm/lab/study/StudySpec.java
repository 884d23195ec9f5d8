package lpdm.lab.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lpdm.lab.run.Json;
import lpdm.lab.run.RunConfig;
import lpdm.rl.settings.UsageException;

/**
 * A study: several envs, named variants (a learner plus settings) and seeds, run as a paired
 * design (seed S gives every variant the same environment seeds and initial weights). Read from
 * the study file format of interfaces.md, or built from {@code compare --learners}.
 *
 * @param envs env ids (statistics stratify by env)
 * @param algo algorithm
 * @param steps step budget per env
 * @param seeds the seeds
 * @param variants variant name to its learner and settings, in file order
 */
public record StudySpec(List<String> envs, String algo, Map<String, Long> steps, List<Long> seeds,
                        Map<String, Variant> variants) {

    /** A named variant: learner and setting overrides. */
    public record Variant(String learner, Map<String, String> settings) {
    }

    private static final Set<String> KEYS = Set.of("envs", "algo", "steps", "seeds", "set", "variants");
    private static final Set<String> VARIANT_KEYS = Set.of("learner", "set");

    public StudySpec {
        if (envs.isEmpty()) {
            throw new UsageException("study: 'envs' must name at least one env");
        }
        if (variants.isEmpty()) {
            throw new UsageException("study: 'variants' must name at least one variant");
        }
        if (seeds.isEmpty()) {
            throw new UsageException("study: 'seeds' must give at least one seed");
        }
        for (String name : variants.keySet()) {
            if (!name.matches("[A-Za-z0-9._+-]+")) {
                throw new UsageException("study: variant name '" + name + "' may only contain letters, digits and . _ + -");
            }
        }
    }

    /** The study of {@code compare --env E --learners a,b --seeds K --steps N}: seeds 1..K, variants named by learner. */
    public static StudySpec ofLearners(String env, String algo, List<String> learners, int seeds, long steps) {
        return ofLearners(env, algo, learners, seeds, steps, Map.of());
    }

    /**
     * The study of {@code compare --env E --learners a,b --seeds K --steps N --set NAME=VALUE ...}: as
     * {@link #ofLearners(String, String, List, int, long)}, every variant with the given settings
     * (a study file's top-level {@code set}).
     */
    public static StudySpec ofLearners(String env, String algo, List<String> learners, int seeds, long steps, Map<String, String> settings) {
        if (seeds <= 0) {
            throw new UsageException("--seeds must be positive, got " + seeds);
        }
        if (!lpdm.envs.EnvRegistry.ids().contains(env)) {
            throw new lpdm.envs.EnvRegistry.UnknownEnvException(lpdm.lab.run.Suggestions.unknownEnv(env));
        }
        Map<String, Variant> variants = new LinkedHashMap<>();
        for (String l : learners) {
            if (variants.put(l.trim(), new Variant(l.trim(), new TreeMap<>(settings))) != null) {
                throw new UsageException("--learners names '" + l + "' twice");
            }
        }
        List<Long> s = new ArrayList<>();
        for (long i = 1; i <= seeds; i++) {
            s.add(i);
        }
        return new StudySpec(List.of(env), algo, Map.of(env, steps), s, variants);
    }

    public static StudySpec read(Path file) {
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read study file " + file);
        }
        JsonNode root;
        try {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            root = (name.endsWith(".json") ? Json.MAPPER : Json.YAML).readTree(file.toFile());
        } catch (IOException e) {
            throw new UsageException("study file " + file + " is malformed: " + Json.parseError(e));
        }
        return parse(root, file.toString());
    }

    static StudySpec parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new UsageException("study " + source + ": expected a map with envs, algo, steps, seeds, variants");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new UsageException("study " + source + ": unknown key '" + k + "' (expected envs, algo, steps, seeds, set, variants)");
            }
        }
        List<String> envs = new ArrayList<>();
        JsonNode e = require(root, "envs", source);
        for (JsonNode x : e.isArray() ? e : Json.MAPPER.createArrayNode().add(e)) {
            if (!x.isTextual()) {
                throw new UsageException("study " + source + ": 'envs' must list env ids, got " + x);
            }
            if (!lpdm.envs.EnvRegistry.ids().contains(x.asText())) {
                throw new UsageException("study " + source + ": " + lpdm.lab.run.Suggestions.unknownEnv(x.asText()));
            }
            if (envs.contains(x.asText())) {
                throw new UsageException("study " + source + ": 'envs' lists " + x.asText() + " twice");
            }
            envs.add(x.asText());
        }
        String algo = require(root, "algo", source).asText();
        Map<String, Long> steps = new LinkedHashMap<>();
        JsonNode st = require(root, "steps", source);
        for (String env : envs) {
            JsonNode v = st.isObject() ? st.get(env) : st;
            if (v == null || !v.canConvertToLong() || v.asLong() <= 0) {
                throw new UsageException("study " + source + ": 'steps' needs a positive integer" + (st.isObject() ? " for " + env : ""));
            }
            steps.put(env, v.asLong());
        }
        if (st.isObject()) {
            for (Iterator<String> it = st.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!envs.contains(k)) {
                    throw new UsageException("study " + source + ": 'steps' names env '" + k + "' which is not in 'envs'");
                }
            }
        }
        List<Long> seeds = new ArrayList<>();
        JsonNode sd = require(root, "seeds", source);
        if (sd.isArray()) {
            for (JsonNode x : sd) {
                if (!x.isIntegralNumber() || !x.canConvertToLong() || x.asLong() < 0) {
                    throw new UsageException("study " + source + ": 'seeds' must be a positive count or a list of non-negative integers, got "
                            + x);
                }
                if (seeds.contains(x.asLong())) {
                    throw new UsageException("study " + source + ": 'seeds' lists seed " + x.asLong() + " twice");
                }
                seeds.add(x.asLong());
            }
        } else if (sd.canConvertToLong() && sd.asLong() > 0) {
            for (long i = 1; i <= sd.asLong(); i++) {
                seeds.add(i);
            }
        } else {
            throw new UsageException("study " + source + ": 'seeds' must be a positive count or a list of seeds");
        }
        Map<String, String> common = new TreeMap<>();
        JsonNode c = root.get("set");
        if (c != null) {
            if (!c.isObject()) {
                throw new UsageException("study " + source + ": top-level 'set' must map setting names to values (applied to every variant)");
            }
            c.fields().forEachRemaining(f -> common.put(f.getKey(), settingText(f.getValue())));
        }
        Map<String, Variant> variants = new LinkedHashMap<>();
        JsonNode vs = require(root, "variants", source);
        if (!vs.isObject()) {
            throw new UsageException("study " + source + ": 'variants' must map names to {learner, set}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = vs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> v = it.next();
            JsonNode body = v.getValue();
            if (!body.isObject() || !body.has("learner")) {
                throw new UsageException("study " + source + ": variant '" + v.getKey() + "' needs a 'learner'");
            }
            for (Iterator<String> k = body.fieldNames(); k.hasNext(); ) {
                String key = k.next();
                if (!VARIANT_KEYS.contains(key)) {
                    throw new UsageException("study " + source + ": variant '" + v.getKey() + "' has unknown key '" + key + "' (expected learner, set)");
                }
            }
            Map<String, String> set = new TreeMap<>(common); // the variant's own settings override the common ones
            JsonNode s = body.get("set");
            if (s != null) {
                if (!s.isObject()) {
                    throw new UsageException("study " + source + ": variant '" + v.getKey() + "': 'set' must map setting names to values");
                }
                s.fields().forEachRemaining(f -> set.put(f.getKey(), settingText(f.getValue())));
            }
            variants.put(v.getKey(), new Variant(body.get("learner").asText(), set));
        }
        return new StudySpec(envs, algo, steps, seeds, variants);
    }

    /** A setting value as text; decimals in plain notation (YAML's 0.0005 is "0.0005", not "5.0E-4"). */
    static String settingText(JsonNode value) {
        if (value.isFloatingPointNumber()) {
            java.math.BigDecimal d = value.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.setScale(1).toPlainString() : d.toPlainString();
        }
        return value.asText();
    }

    private static JsonNode require(JsonNode root, String key, String source) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            throw new UsageException("study " + source + ": missing '" + key + "'");
        }
        return n;
    }

    /** Every run of the study, env-major, then variant, then seed. */
    public List<RunKey> runs() {
        List<RunKey> out = new ArrayList<>();
        for (String env : envs) {
            for (String v : variants.keySet()) {
                for (long s : seeds) {
                    out.add(new RunKey(env, v, s));
                }
            }
        }
        return out;
    }

    public RunConfig runConfig(RunKey key) {
        Variant v = variants.get(key.variant());
        return new RunConfig(key.env(), algo, v.learner(), key.seed(), steps.get(key.env()), v.settings());
    }

    /** The resolved study as JSON (written to DIR/study.json, rewritten by a resume that may change it). */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        envs.forEach(o.putArray("envs")::add);
        o.put("algo", algo);
        ObjectNode st = o.putObject("steps");
        steps.forEach(st::put);
        seeds.forEach(o.putArray("seeds")::add);
        ObjectNode vs = o.putObject("variants");
        variants.forEach((name, v) -> {
            ObjectNode vn = vs.putObject(name);
            vn.put("learner", v.learner());
            ObjectNode set = vn.putObject("set");
            v.settings().forEach(set::put);
        });
        return o;
    }

    /** One run of a study. */
    public record RunKey(String env, String variant, long seed) {
        /** The run's directory relative to the study directory. */
        public Path relativeDirectory() {
            return Path.of("runs", env, variant, "seed" + seed);
        }

        /** {@code env/variant/seedS}, for messages. */
        public String label() {
            return env + "/" + variant + "/seed" + seed;
        }
    }
}
