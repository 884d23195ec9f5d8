package lpdm.rl;

import java.util.ArrayList;
import java.util.List;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.FrozenRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.learn.LpdmRule;
import lpdm.rl.settings.SettingSpec;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/**
 * The learners a run can use, by their command-line names, built from the run's settings:
 * {@code bp} (back-propagation), {@code lpdm} (local pairwise distance matching) and
 * {@code frozen} (hidden layers never trained; the control).
 */
public final class LearningRules {
    /** Learner names in the order they are listed to users. */
    public static final List<String> NAMES = List.of("bp", "lpdm", "frozen");

    private LearningRules() {
    }

    /** Settings that belong to learning rules (documented for every learner, read by the local ones). */
    public static List<SettingSpec> settings() {
        List<SettingSpec> out = new ArrayList<>();
        for (LpdmConfig.Setting s : LpdmConfig.SETTINGS) {
            if (s.name().equals("lpdm.preset")) {
                // A preset: its value stands for every lpdm.* setting of that config (explicit ones win).
                java.util.Map<String, java.util.Map<String, String>> presets = new java.util.LinkedHashMap<>();
                LpdmConfig.PRESETS.forEach((name, config) -> presets.put(name, config.toSettings()));
                out.add(new SettingSpec(s.name(), s.defaultValue(), s.doc(), presets));
            } else {
                out.add(new SettingSpec(s.name(), s.defaultValue(), s.doc()));
            }
        }
        return out;
    }

    public static LearningRule create(String name, Settings settings) {
        try {
            return switch (name) {
                case "bp" -> new BackpropRule();
                case "lpdm" -> new LpdmRule(LpdmConfig.fromSettings(settings.withPrefix("lpdm.")));
                case "frozen" -> new FrozenRule(LpdmConfig.fromSettings(settings.withPrefix("lpdm.")));
                default -> throw new UsageException("unknown learner '" + name + "'; expected one of " + String.join(", ", NAMES));
            };
        } catch (UsageException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new UsageException("setting " + e.getMessage());
        }
    }
}
