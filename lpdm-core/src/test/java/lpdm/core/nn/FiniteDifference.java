package lpdm.core.nn;

import java.util.function.DoubleSupplier;

/** Numerical derivatives for the gradient checks of the layers. */
final class FiniteDifference {
    private FiniteDifference() {
    }

    /**
     * dL/dv for one float value v = values[i] by central differences with Richardson extrapolation:
     * (4 D(h/2) - D(h)) / 3, D(s) = (L(v + s) - L(v - s)) / (v+ - v-) with the step actually taken in
     * float. The extrapolation cancels the h^2 term of the truncation error, leaving O(h^4). The
     * value is restored.
     */
    static double derivative(DoubleSupplier loss, float[] values, int i, float h) {
        return (4 * central(loss, values, i, h / 2) - central(loss, values, i, h)) / 3;
    }

    private static double central(DoubleSupplier loss, float[] values, int i, float h) {
        float v = values[i];
        float plus = v + h;
        float minus = v - h;
        values[i] = plus;
        double lp = loss.getAsDouble();
        values[i] = minus;
        double lm = loss.getAsDouble();
        values[i] = v;
        return (lp - lm) / ((double) plus - minus);
    }
}
