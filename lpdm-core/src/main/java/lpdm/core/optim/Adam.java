package lpdm.core.optim;

import java.util.List;
import lpdm.core.nn.Parameter;
import lpdm.core.state.StateDict;

/**
 * Adam (Kingma and Ba, 2015) as PyTorch computes it:
 * m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps).
 */
public final class Adam extends AbstractOptimizer {
    private final float[][] m;
    private final float[][] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long t;

    public Adam(List<Parameter> parameters, double learningRate, double beta1, double beta2, double eps) {
        super(parameters, learningRate, "m", "v");
        if (!(learningRate >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0)) {
            throw new IllegalArgumentException("invalid Adam settings: lr " + learningRate + ", betas " + beta1 + ", " + beta2 + ", eps " + eps);
        }
        this.m = buffers(0);
        this.v = buffers(1);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** Adam with PyTorch's betas (0.9, 0.999) and the given eps (CleanRL uses 1e-5). */
    public Adam(List<Parameter> parameters, double learningRate, double eps) {
        this(parameters, learningRate, 0.9, 0.999, eps);
    }

    @Override
    public void step() {
        t++;
        double bias1 = 1 - Math.pow(beta1, t);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        float stepSize = (float) (learningRate / bias1);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float invBias2Sqrt = (float) (1 / bias2Sqrt);
        float epsF = (float) eps;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            float[] g = p.grad;
            float[] w = p.value;
            float[] mi = m[i];
            float[] vi = v[i];
            for (int k = 0; k < w.length; k++) {
                float gk = g[k];
                mi[k] = b1 * mi[k] + oneMinusB1 * gk;
                vi[k] = b2 * vi[k] + oneMinusB2 * gk * gk;
                float denom = (float) Math.sqrt(vi[k]) * invBias2Sqrt + epsF;
                w[k] -= stepSize * mi[k] / denom;
            }
        }
    }

    /** Number of steps taken. */
    public long steps() {
        return t;
    }

    @Override
    protected void saveCounters(StateDict state, String prefix) {
        state.putLong(prefix + ".t", t);
    }

    @Override
    protected void loadCounters(StateDict state, String prefix) {
        t = state.getLong(prefix + ".t");
    }
}
