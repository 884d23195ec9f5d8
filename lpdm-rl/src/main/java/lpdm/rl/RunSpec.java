package lpdm.rl;

import lpdm.core.learn.LearningRule;
import lpdm.core.random.Seeds;
import lpdm.rl.settings.Settings;

/**
 * What a run is: env id, step budget, seed, the hidden layers' learning rule and every setting.
 *
 * @param envId registered env id
 * @param totalSteps environment-step budget
 * @param seed the run seed (split per component by {@link Seeds})
 * @param rule the hidden layers' learning rule
 * @param settings all effective hyper-parameters
 */
public record RunSpec(String envId, long totalSteps, long seed, LearningRule rule, Settings settings) {

    public Seeds seeds() {
        return new Seeds(seed);
    }
}
