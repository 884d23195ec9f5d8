package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;

/**
 * RMSprop (Tieleman and Hinton, 2012) as PyTorch's {@code torch.optim.RMSprop} computes it without
 * momentum, centring or weight decay, the optimiser Stable-Baselines3's A2C uses by default:
 * v = alpha v + (1 - alpha) g^2; p -= lr g / (sqrt(v) + eps), with v starting at 0 (no bias
 * correction, eps outside the square root).
 */
public final class RmsProp extends AbstractOptimizer {
    private final float[][] squareAverage;
    private final double alpha;
    private final double eps;

    public RmsProp(List<Parameter> parameters, double learningRate, double alpha, double eps) {
        super(parameters, learningRate, "square_avg");
        if (!(learningRate >= 0) || !(alpha >= 0 && alpha < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("invalid RMSprop settings: lr " + learningRate + ", alpha " + alpha + ", eps " + eps);
        }
        this.squareAverage = buffers(0);
        this.alpha = alpha;
        this.eps = eps;
    }

    @Override
    public void step() {
        float lr = (float) learningRate;
        float a = (float) alpha;
        float oneMinusA = (float) (1 - alpha);
        float epsF = (float) eps;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] g = p.grad;
            float[] w = p.value;
            float[] v = squareAverage[i];
            for (int k = 0; k < w.length; k++) {
                float gk = g[k];
                v[k] = a * v[k] + oneMinusA * gk * gk;
                w[k] -= lr * gk / ((float) Math.sqrt(v[k]) + epsF);
            }
        }
    }
}
