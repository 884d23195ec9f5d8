package lpdm.lab.stats;

import java.util.Arrays;

/**
 * A learning curve: evaluation (or mean training) returns {@code y_i} at increasing environment
 * steps {@code t_i}. Arrays are copied in and out.
 */
public final class LearningCurve {
    private final double[] steps;
    private final double[] values;

    private LearningCurve(double[] steps, double[] values) {
        this.steps = steps;
        this.values = values;
    }

    /**
     * @param steps strictly increasing steps {@code t_i} (copied)
     * @param values returns {@code y_i}, same length, finite (copied)
     */
    public static LearningCurve of(double[] steps, double[] values) {
        if (steps.length != values.length) {
            throw new IllegalArgumentException("steps has " + steps.length + " entries, values " + values.length);
        }
        if (steps.length == 0) {
            throw new IllegalArgumentException("a learning curve needs at least one point");
        }
        for (int i = 0; i < steps.length; i++) {
            if (!Double.isFinite(steps[i]) || !Double.isFinite(values[i])) {
                throw new IllegalArgumentException("non-finite point " + i + ": (" + steps[i] + ", " + values[i] + ")");
            }
            if (i > 0 && steps[i] <= steps[i - 1]) {
                throw new IllegalArgumentException("steps must increase strictly, got " + steps[i - 1] + " then " + steps[i]);
            }
        }
        return new LearningCurve(steps.clone(), values.clone());
    }

    /** A curve at steps 0, 1, 2, ... */
    public static LearningCurve ofValues(double... values) {
        double[] steps = new double[values.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i;
        }
        return of(steps, values);
    }

    public int size() {
        return steps.length;
    }

    public double[] steps() {
        return steps.clone();
    }

    public double[] values() {
        return values.clone();
    }

    double step(int i) {
        return steps[i];
    }

    double value(int i) {
        return values[i];
    }

    boolean sameSteps(LearningCurve other) {
        return Arrays.equals(steps, other.steps);
    }

    @Override
    public String toString() {
        return "LearningCurve" + Arrays.toString(steps) + " -> " + Arrays.toString(values);
    }
}
