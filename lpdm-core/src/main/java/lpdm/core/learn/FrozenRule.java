package lpdm.core.learn;

import java.util.Map;
import lpdm.core.nn.Network;
import lpdm.core.random.Rng;

/**
 * The frozen control: hidden layers keep their initial weights and only the head learns, exactly
 * as under {@link LpdmRule} (the same learner with a hidden-layer update that does nothing). The
 * local loss is still measured at every layer, so {@code layer{i}/local_loss}, {@code dist_corr},
 * {@code out_scale} and {@code saturation} can be compared with LPDM's; the config's guidance,
 * normalisation and pair settings only affect those diagnostics (its {@code lr} is unused). It is
 * measured on the first training pass after each {@code diagnostics()} call (LPDM's on the last
 * pass before it): the fixed layers are the same network on every pass, and measuring once per
 * report instead of on every minibatch makes frozen cost a forward pass (docs/performance.md).
 */
public final class FrozenRule implements LearningRule, MeteredRule.Accounting {
    private final LpdmConfig diagnosticsConfig;
    private final LocalLoss.Implementation lossImplementation;

    /** Frozen, measuring the local loss with the given LPDM settings (on the fast kernels unless {@code -Dlpdm.kernel=reference}). */
    public FrozenRule(LpdmConfig diagnosticsConfig) {
        this(diagnosticsConfig, LocalLoss.Implementation.fromSystemProperty());
    }

    /** Frozen, measuring the local loss with the given LPDM settings, computed by {@code lossImplementation}. */
    public FrozenRule(LpdmConfig diagnosticsConfig, LocalLoss.Implementation lossImplementation) {
        if (diagnosticsConfig == null || lossImplementation == null) {
            throw new IllegalArgumentException("FrozenRule needs a config (for its diagnostics) and a loss implementation");
        }
        this.diagnosticsConfig = diagnosticsConfig;
        this.lossImplementation = lossImplementation;
    }

    /** Frozen, measuring the local loss with {@link LpdmConfig#DEFAULTS} (what LPDM would use). */
    public FrozenRule() {
        this(LpdmConfig.DEFAULTS);
    }

    /** Frozen with diagnostics measured under the {@code lpdm.*} settings over the defaults. */
    public static FrozenRule fromSettings(Map<String, String> settings) {
        return new FrozenRule(LpdmConfig.fromSettings(settings));
    }

    public LpdmConfig config() {
        return diagnosticsConfig;
    }

    @Override
    public String name() {
        return "frozen";
    }

    @Override
    public NetworkLearner bind(Network network, NetworkRole role, Rng rng) {
        return bind(network, role, rng, new ActivationMeter());
    }

    @Override
    public NetworkLearner bind(Network network, NetworkRole role, Rng rng, ActivationMeter meter) {
        return new LocalLearner(network, diagnosticsConfig, lossImplementation, role, rng, LocalLearner.HiddenLayerUpdate.NONE, meter);
    }

    @Override
    public String toString() {
        return "frozen" + diagnosticsConfig.toSettings();
    }
}
