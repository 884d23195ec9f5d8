package lpdm.core.nn;

import java.util.Locale;

/** Elementwise activation functions with their derivatives. */
public enum Activation {
    TANH {
        @Override
        public float apply(float z) {
            return tanh(z);
        }

        @Override
        public float derivative(float z, float h) {
            return 1f - h * h;
        }
    },
    RELU {
        @Override
        public float apply(float z) {
            return z > 0f ? z : 0f;
        }

        @Override
        public float derivative(float z, float h) {
            return z > 0f ? 1f : 0f;
        }
    },
    IDENTITY {
        @Override
        public float apply(float z) {
            return z;
        }

        @Override
        public float derivative(float z, float h) {
            return 1f;
        }
    };

    /** phi(z). */
    public abstract float apply(float z);

    /**
     * tanh(z) rounded to float, computed in double as (1 - e) / (1 + e) with e = exp(-2 |z|)
     * (Math.exp is a JIT intrinsic; Math.tanh is not and costs about five times as much), and by
     * its Taylor polynomial to z^9 for |z| &lt; 1/16, where 1 - e would cancel. Both branches are
     * accurate to about 1e-14 relative in double, far below float's half ulp, so the float result
     * is the correctly rounded one, i.e. that of {@code (float) Math.tanh(z)}, except when the
     * exact value lies within about 1e-14 of a rounding boundary: no difference was found in
     * 5 x 10^7 random arguments (docs/performance.md).
     */
    static float tanh(float zf) {
        double z = zf;
        double a = Math.abs(z);
        double t;
        if (a < 0.0625) {
            double z2 = z * z;
            t = z * (1 + z2 * (-1.0 / 3 + z2 * (2.0 / 15 + z2 * (-17.0 / 315 + z2 * (62.0 / 2835)))));
        } else {
            double e = Math.exp(-2 * a); // in (0, 0.89]: no overflow, NaN stays NaN
            t = Math.copySign((1 - e) / (1 + e), z);
        }
        return (float) t;
    }

    /** phi'(z), given z and h = phi(z). */
    public abstract float derivative(float z, float h);

    /** h[i] = phi(z[i]) for the first n elements. */
    public void apply(float[] z, float[] h, int n) {
        switch (this) {
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    h[i] = tanh(z[i]);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    h[i] = z[i] > 0f ? z[i] : 0f;
                }
            }
            case IDENTITY -> {
                if (z != h) {
                    System.arraycopy(z, 0, h, 0, n);
                }
            }
        }
    }

    /** g[i] *= phi'(z[i]) (given h = phi(z)) for the first n elements. */
    public void multiplyDerivativeInPlace(float[] g, float[] z, float[] h, int n) {
        if (this == IDENTITY) {
            return;
        }
        for (int i = 0; i < n; i++) {
            g[i] *= derivative(z[i], h[i]);
        }
    }

    /**
     * g[i] *= phi'(z[i]) computed from the output h alone (tanh: 1 - h^2; relu: [h > 0];
     * identity: 1), so that learners need not keep pre-activations.
     */
    public void multiplyDerivativeFromOutputInPlace(float[] g, float[] h, int n) {
        switch (this) {
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    g[i] *= 1f - h[i] * h[i];
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    if (!(h[i] > 0f)) {
                        g[i] = 0f;
                    }
                }
            }
            case IDENTITY -> {
            }
        }
    }

    /** The lower-case name used in settings ("tanh", "relu", "identity"). */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a settings name, case-insensitively. */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name + "' (expected tanh, relu or identity)");
    }
}
