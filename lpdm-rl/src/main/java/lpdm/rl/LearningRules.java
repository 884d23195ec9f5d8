package lpdm.rl;

import java.util.List;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.FrozenRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.learn.LpdmConfig;
import lpdm.core.learn.LpdmRule;
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
        } catch (IllegalArgumentException e) { // LpdmConfig's messages start with the setting's name
            throw new UsageException("setting " + e.getMessage());
        }
    }
}
