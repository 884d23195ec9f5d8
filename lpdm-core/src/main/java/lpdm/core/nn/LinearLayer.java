package lpdm.core.nn;

import java.util.List;
import lpdm.core.random.Rng;
import lpdm.core.tensor.Matrix;

/**
 * A {@link Linear} as a {@link Layer}. (A draft: once the learners take a {@link Network}, Linear
 * itself can implement Layer and this adapter goes.)
 */
public final class LinearLayer implements Layer {
    private final Linear linear;

    public LinearLayer(Linear linear) {
        this.linear = linear;
    }

    public LinearLayer(String name, int inputSize, int outputSize) {
        this(new Linear(name, inputSize, outputSize));
    }

    /** The wrapped layer. */
    public Linear linear() {
        return linear;
    }

    @Override
    public int inputSize() {
        return linear.inputSize;
    }

    @Override
    public int outputSize() {
        return linear.outputSize;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(linear.weight, linear.bias);
    }

    @Override
    public void forward(Matrix x, Matrix z) {
        linear.forward(x, z);
    }

    @Override
    public void parameterGradients(Matrix dz, Matrix x) {
        linear.parameterGradients(dz, x);
    }

    @Override
    public void inputGradient(Matrix dz, Matrix dx) {
        linear.inputGradient(dz, dx);
    }

    @Override
    public void initialise(String scheme, double gain, Rng rng) {
        switch (scheme) {
            case "orthogonal" -> Initializers.orthogonal(linear, gain, rng);
            case "uniform" -> Initializers.uniformFanIn(linear, rng);
            default -> throw new IllegalArgumentException("unknown init scheme '" + scheme + "' (expected orthogonal or uniform)");
        }
    }

    @Override
    public LinearLayer copy(String name) {
        Linear c = new Linear(name, linear.inputSize, linear.outputSize);
        System.arraycopy(linear.weight.value, 0, c.weight.value, 0, c.weight.value.length);
        System.arraycopy(linear.bias.value, 0, c.bias.value, 0, c.bias.value.length);
        return new LinearLayer(c);
    }

    @Override
    public String describe() {
        return "dense " + linear.inputSize + " -> " + linear.outputSize;
    }
}
