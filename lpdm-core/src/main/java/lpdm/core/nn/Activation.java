package lpdm.core.nn;

import java.util.Locale;

/** Elementwise activation functions with their derivatives. */
public enum Activation {
    TANH {
        @Override
        public float apply(float z) {
            return (float) Math.tanh(z);
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

    /** phi'(z), given z and h = phi(z). */
    public abstract float derivative(float z, float h);

    /** h[i] = phi(z[i]) for the first n elements. */
    public void apply(float[] z, float[] h, int n) {
        for (int i = 0; i < n; i++) {
            h[i] = apply(z[i]);
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
