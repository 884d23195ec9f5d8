package lpdm.core.optim;

import java.util.Collection;
import lpdm.core.nn.Parameter;

/** Global gradient-norm clipping, as torch.nn.utils.clip_grad_norm_. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales every gradient by min(1, maxNorm / (norm + 1e-6)) where norm is the Euclidean norm of
     * all gradients together. Returns the norm before clipping.
     */
    public static double clipGlobalNorm(Collection<Parameter> parameters, double maxNorm) {
        double sum = 0;
        for (Parameter p : parameters) {
            for (float g : p.grad) {
                sum += (double) g * g;
            }
        }
        double norm = Math.sqrt(sum);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            float c = (float) coef;
            for (Parameter p : parameters) {
                float[] g = p.grad;
                for (int i = 0; i < g.length; i++) {
                    g[i] *= c;
                }
            }
        }
        return norm;
    }
}
