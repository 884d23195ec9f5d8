package lpdm.envs.wrappers;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import lpdm.envs.Env;

/** Gymnasium's {@code TransformReward}: applies a function to every reward. */
public final class TransformReward extends RewardWrapper {
    private final DoubleUnaryOperator function;

    public TransformReward(Env env, DoubleUnaryOperator function) {
        super(env);
        this.function = Objects.requireNonNull(function, "function");
    }

    @Override
    protected double reward(double reward) {
        return function.applyAsDouble(reward);
    }
}
