package lpdm.envs.wrappers;

import java.util.Objects;
import java.util.function.UnaryOperator;
import lpdm.envs.Env;
import lpdm.envs.Space;

/** Gymnasium's {@code TransformObservation}: applies a function to every observation and declares the resulting space. */
public final class TransformObservation extends ObservationWrapper {
    private final UnaryOperator<float[]> function;
    private final Space observationSpace;

    /**
     * @param function maps an inner observation to the new one (it receives a copy it may modify)
     * @param observationSpace the space the new observations lie in
     */
    public TransformObservation(Env env, UnaryOperator<float[]> function, Space observationSpace) {
        super(env);
        this.function = Objects.requireNonNull(function, "function");
        this.observationSpace = Objects.requireNonNull(observationSpace, "observationSpace");
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    protected float[] observation(float[] observation) {
        return function.apply(observation.clone());
    }
}
