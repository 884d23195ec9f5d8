package lpdm.envs;

import java.util.Arrays;
import lpdm.core.random.Rng;

/**
 * A box in R^n (float32 elements): every component i lies in [low[i], high[i]]; infinite bounds are
 * allowed. The shape is one-dimensional, (n,), unless given: a multi-dimensional box (e.g. MinAtar's
 * (10, 10, C) grids) keeps its elements flattened in C order (last index fastest), as numpy does.
 */
public record Box(float[] low, float[] high, int[] shape) implements Space {

    /**
     * A one-dimensional box, shape (n,).
     *
     * @param low the lower bound of each component
     * @param high the upper bound of each component
     */
    public Box(float[] low, float[] high) {
        this(low, high, new int[] {low.length});
    }

    /**
     * A box of the given shape.
     *
     * @param low the lower bound of each component, flattened in C order
     * @param high the upper bound of each component, flattened in C order
     * @param shape the dimensions; their product is the number of components
     * @throws IllegalArgumentException if the bounds differ in length, a low bound exceeds its
     *     high bound, or the shape does not hold as many components as the bounds
     */
    public Box {
        long elements = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("Box shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            elements *= d;
        }
        if (elements != low.length) {
            throw new IllegalArgumentException("Box shape " + Arrays.toString(shape) + " holds " + elements + " elements, bounds give " + low.length);
        }
        shape = shape.clone();
        if (low.length != high.length) {
            throw new IllegalArgumentException("Box bounds differ in length: " + low.length + " vs " + high.length);
        }
        for (int i = 0; i < low.length; i++) {
            if (!(low[i] <= high[i])) {
                throw new IllegalArgumentException("Box bound " + i + ": low " + low[i] + " > high " + high[i]);
            }
        }
        low = low.clone();
        high = high.clone();
    }

    /**
     * A one-dimensional box with the same bounds in every component.
     *
     * @param low the lower bound of every component
     * @param high the upper bound of every component
     * @param size the number of components
     * @return the box, shape ({@code size},)
     */
    public static Box uniform(float low, float high, int size) {
        float[] l = new float[size];
        float[] h = new float[size];
        Arrays.fill(l, low);
        Arrays.fill(h, high);
        return new Box(l, h);
    }

    /**
     * A box of the given shape with the same bounds in every component.
     *
     * @param low the lower bound of every component
     * @param high the upper bound of every component
     * @param shape the dimensions
     * @return the box
     */
    public static Box uniform(float low, float high, int[] shape) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        Box flat = uniform(low, high, size);
        return new Box(flat.low, flat.high, shape);
    }

    /**
     * The number of components.
     *
     * @return the number of components (the product of the shape)
     */
    public int size() {
        return low.length;
    }

    /**
     * Whether {@code x} is an element of this box.
     *
     * @param x a candidate element
     * @return true if {@code x} has the right length, no NaN, and every component within bounds
     */
    public boolean contains(float[] x) {
        if (x == null || x.length != low.length) {
            return false;
        }
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= low[i] && x[i] <= high[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A random element as Gymnasium samples: uniform for bounded components, normal for
     * unbounded ones, shifted exponential for half-bounded ones.
     *
     * @param rng the generator to draw from
     * @return a new element
     */
    public float[] sample(Rng rng) {
        float[] x = new float[low.length];
        for (int i = 0; i < x.length; i++) {
            boolean lowBounded = Float.isFinite(low[i]);
            boolean highBounded = Float.isFinite(high[i]);
            double v;
            if (lowBounded && highBounded) {
                v = rng.uniform(low[i], high[i]);
            } else if (!lowBounded && !highBounded) {
                v = rng.nextGaussian();
            } else if (lowBounded) {
                v = low[i] - Math.log(1 - rng.nextDouble());
            } else {
                v = high[i] + Math.log(1 - rng.nextDouble());
            }
            x[i] = (float) Math.min(Math.max(v, low[i]), high[i]);
        }
        return x;
    }

    /**
     * The lower bounds.
     *
     * @return a copy of the lower bound of each component
     */
    @Override
    public float[] low() {
        return low.clone();
    }

    /**
     * The upper bounds.
     *
     * @return a copy of the upper bound of each component
     */
    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int flatSize() {
        return low.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box b && Arrays.equals(low, b.low) && Arrays.equals(high, b.high) && Arrays.equals(shape, b.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(low) + Arrays.hashCode(high)) + Arrays.hashCode(shape);
    }

    /**
     * The shape as numpy prints it.
     *
     * @return e.g. {@code (4,)} or {@code (10, 10, 4)}
     */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        if (shape.length > 1) {
            float lo = low.length > 0 ? low[0] : 0f;
            float hi = high.length > 0 ? high[0] : 0f;
            return "Box(" + lo + ", " + hi + ", " + shapeText() + ", float32)";
        }
        return "Box(" + Arrays.toString(low) + ", " + Arrays.toString(high) + ", (" + low.length + ",), float32)";
    }
}
