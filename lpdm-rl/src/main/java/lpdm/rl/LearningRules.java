package lpdm.rl;

import java.util.ArrayList;
import java.util.List;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.LearningRule;
import lpdm.rl.settings.SettingSpec;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;

/** The learners a run can use, by their command-line names, built from the run's settings. */
public final class LearningRules {
    /** Learner names in the order they are listed to users. */
    public static final List<String> NAMES = List.of("bp");

    private LearningRules() {
    }

    /** Settings that belong to learning rules (all documented for every learner, used by some). */
    public static List<SettingSpec> settings() {
        return new ArrayList<>();
    }

    public static LearningRule create(String name, Settings settings) {
        return switch (name) {
            case "bp" -> new BackpropRule();
            default -> throw new UsageException("unknown learner '" + name + "'; expected one of " + String.join(", ", NAMES));
        };
    }
}
