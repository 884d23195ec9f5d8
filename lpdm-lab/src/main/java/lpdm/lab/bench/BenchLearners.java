package lpdm.lab.bench;

import java.util.List;
import java.util.Map;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.FrozenRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.learn.LpdmRule;
import lpdm.rl.settings.UsageException;

/**
 * The learners a micro-benchmark names: {@code bp}, {@code lpdm} (all pairs), {@code lpdm-matrix}
 * (all pairs, {@code lpdm.gradient_form=matrix}), {@code lpdm-sampledK} (K random partners per
 * sample, e.g. {@code lpdm-sampled16}) and {@code frozen}, each with the shipped defaults of
 * {@link LpdmConfig#DEFAULTS} otherwise (additive guidance, normalisation none; the workloads pass
 * synthetic signals, so a guided rule does its full work).
 */
public final class BenchLearners {
    /** The names used by the JMH benchmarks and docs/performance.md. */
    public static final List<String> NAMES = List.of("bp", "lpdm", "lpdm-matrix", "lpdm-sampled16", "frozen");

    private BenchLearners() {
    }

    public static LearningRule rule(String name) {
        if (name.equals("bp")) {
            return new BackpropRule();
        }
        if (name.equals("frozen")) {
            return new FrozenRule(LpdmConfig.DEFAULTS);
        }
        if (name.equals("lpdm")) {
            return new LpdmRule(LpdmConfig.DEFAULTS);
        }
        if (name.equals("lpdm-matrix")) {
            return new LpdmRule(LpdmConfig.fromSettings(Map.of("lpdm.gradient_form", "matrix")));
        }
        if (name.startsWith("lpdm-sampled")) {
            String k = name.substring("lpdm-sampled".length());
            return new LpdmRule(LpdmConfig.fromSettings(Map.of("lpdm.pairs", "sampled:" + k)));
        }
        throw new UsageException("unknown benchmark learner '" + name + "'; expected bp, lpdm, lpdm-matrix, lpdm-sampledK (e.g. lpdm-sampled16) or frozen");
    }
}
