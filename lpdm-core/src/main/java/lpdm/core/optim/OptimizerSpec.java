package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;

/**
 * Which optimiser an algorithm trains its RL-loss parameters with, and its constants: Adam (the
 * default of every algorithm here, as in CleanRL) or RMSprop (Stable-Baselines3's A2C default).
 *
 * @param kind the optimiser
 * @param eps its epsilon
 * @param alpha RMSprop's smoothing constant (unused by Adam, whose betas are PyTorch's)
 */
public record OptimizerSpec(Kind kind, double eps, double alpha) {
    /** The optimisers an algorithm can use. */
    public enum Kind { ADAM, RMSPROP }

    public OptimizerSpec {
        if (kind == null || !(eps > 0) || !(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("invalid optimiser: " + kind + ", eps " + eps + ", alpha " + alpha);
        }
    }

    /** Adam with PyTorch's betas (0.9, 0.999) and this epsilon. */
    public static OptimizerSpec adam(double eps) {
        return new OptimizerSpec(Kind.ADAM, eps, 0.99);
    }

    /** RMSprop as PyTorch computes it, with this smoothing constant and epsilon. */
    public static OptimizerSpec rmsProp(double alpha, double eps) {
        return new OptimizerSpec(Kind.RMSPROP, eps, alpha);
    }

    /** A new optimiser of this kind over {@code parameters}. */
    public Optimizer create(List<Parameter> parameters, double learningRate) {
        return switch (kind) {
            case ADAM -> new Adam(parameters, learningRate, eps);
            case RMSPROP -> new RmsProp(parameters, learningRate, alpha, eps);
        };
    }

    /** The optimiser's name in checkpoints ({@code adam} or {@code rmsprop}). */
    public String stateName() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
