package lpdm.rl;

import java.util.List;
import java.util.Map;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.FrozenRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.learn.LpdmRule;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/**
 * The one factory of learning rules, by name: {@code bp} (back-propagation), {@code lpdm} (local
 * pairwise distance matching) and {@code frozen} (hidden layers never trained; the control), built
 * from a run's settings ({@link #create}); and the names the benchmarks use, which add two LPDM
 * variants ({@link #forBenchmark}).
 */
public final class LearningRules {
    /** Learner names in the order they are listed to users. */
    public static final List<String> NAMES = List.of("bp", "lpdm", "frozen");

    /**
     * The learners the benchmarks name (JMH's {@code learner} parameter, {@code lpdm bench memory},
     * docs/performance.md): the three above with the shipped defaults, {@code lpdm-matrix}
     * ({@code lpdm.gradient_form=matrix}) and {@code lpdm-sampledK} (K random partners per sample,
     * {@code lpdm.pairs=sampled:K}; the list has K = 16).
     */
    public static final List<String> BENCHMARK_NAMES = List.of("bp", "lpdm", "lpdm-matrix", "lpdm-sampled16", "frozen");

    private LearningRules() {
    }

    /** The learner {@code name} of a run with {@code settings} (the local rules read its {@code lpdm.*} settings). */
    public static LearningRule create(String name, Settings settings) {
        return create(name, settings.withPrefix("lpdm."));
    }

    /**
     * The learner {@code name} of {@link #BENCHMARK_NAMES}' forms (also any K in
     * {@code lpdm-sampledK}), with the shipped defaults otherwise.
     */
    public static LearningRule forBenchmark(String name) {
        if (name.equals("lpdm-matrix")) {
            return create("lpdm", Map.of("lpdm.gradient_form", "matrix"));
        }
        if (name.startsWith("lpdm-sampled")) {
            return create("lpdm", Map.of("lpdm.pairs", "sampled:" + name.substring("lpdm-sampled".length())));
        }
        if (!NAMES.contains(name)) {
            throw new UsageException("unknown benchmark learner '" + name + "'; expected bp, lpdm, lpdm-matrix, lpdm-sampledK (e.g. lpdm-sampled16) or frozen");
        }
        return create(name, Map.of());
    }

    /** The learner {@code name} with the given {@code lpdm.*} settings over the defaults. */
    private static LearningRule create(String name, Map<String, String> lpdmSettings) {
        try {
            return switch (name) {
                case "bp" -> new BackpropRule();
                case "lpdm" -> new LpdmRule(LpdmConfig.fromSettings(lpdmSettings));
                case "frozen" -> new FrozenRule(LpdmConfig.fromSettings(lpdmSettings));
                default -> throw new UsageException("unknown learner '" + name + "'; expected one of " + String.join(", ", NAMES));
            };
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) { // LpdmConfig's messages start with the setting's name
            throw new UsageException("setting " + e.getMessage());
        }
    }
}
