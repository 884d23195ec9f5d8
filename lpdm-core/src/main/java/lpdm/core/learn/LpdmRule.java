package lpdm.core.learn;

import java.util.Map;
import lpdm.core.nn.Network;
import lpdm.core.random.Rng;

/**
 * Local Pairwise Distance Matching (Tanneberg, ECAI 2025): every hidden layer is trained during
 * the forward pass by its own pairwise-distance loss ({@link PairwiseDistanceLoss}) and its own
 * Adam (learning rate {@code lpdm.lr}); only the head receives the RL loss. Nothing is propagated
 * backward through a hidden layer, so activation memory does not grow with depth. See
 * docs/lpdm.md.
 *
 * <p>Shares every line with {@link FrozenRule} except the hidden-layer update.
 */
public final class LpdmRule implements LearningRule, MeteredRule.Accounting {
    private final LpdmConfig config;
    private final LocalLoss.Implementation lossImplementation;

    /** LPDM with {@code config}, its local loss on the fast kernels unless {@code -Dlpdm.kernel=reference} ({@link LocalLoss}). */
    public LpdmRule(LpdmConfig config) {
        this(config, LocalLoss.Implementation.fromSystemProperty());
    }

    /** LPDM with {@code config}, its local loss computed by {@code lossImplementation} (the same function; the reference is slower). */
    public LpdmRule(LpdmConfig config, LocalLoss.Implementation lossImplementation) {
        if (config == null || lossImplementation == null) {
            throw new IllegalArgumentException("LpdmRule needs a config and a loss implementation");
        }
        this.config = config;
        this.lossImplementation = lossImplementation;
    }

    /** LPDM with the defaults ({@link LpdmConfig#DEFAULTS}). */
    public LpdmRule() {
        this(LpdmConfig.DEFAULTS);
    }

    /** LPDM from {@code lpdm.*} settings over the defaults (see {@link LpdmConfig#fromSettings(Map)}). */
    public static LpdmRule fromSettings(Map<String, String> settings) {
        return new LpdmRule(LpdmConfig.fromSettings(settings));
    }

    public LpdmConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "lpdm";
    }

    /**
     * A learner that trains the hidden layers of {@code network} by LPDM, guided (if lambda &gt; 0)
     * by the signal {@code config.signalFor(role)}, drawing sampled pairs from {@code rng}. Binding
     * changes no weight and draws nothing from {@code rng}.
     */
    @Override
    public NetworkLearner bind(Network network, NetworkRole role, Rng rng) {
        return bind(network, role, rng, new ActivationMeter());
    }

    @Override
    public NetworkLearner bind(Network network, NetworkRole role, Rng rng, ActivationMeter meter) {
        return new LocalLearner(network, config, lossImplementation, role, rng,
                LocalLearner.HiddenLayerUpdate.adamPerLayer(network.hiddenLayers(), config.lr(), config.layerLrDecay(),
                        config.adamEps()), meter);
    }

    @Override
    public String toString() {
        return "lpdm" + config.toSettings();
    }
}
