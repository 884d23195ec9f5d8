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
    /**
     * tanh by a float32 rational approximation, about ten times faster than {@link #TANH} in arrays
     * and within a few ulp of it (see {@link #tanhFast(float)}); the derivative is 1 - h^2 as for
     * TANH. A different function at the last bits, so runs differ from TANH's (setting name
     * {@code tanh_fast}).
     */
    TANH_FAST {
        @Override
        public float apply(float z) {
            return tanhFast(z);
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
     * tanh(z) rounded to float. Math.tanh is not a JIT intrinsic and costs about 40 ns; this computes
     * in double, with only additions, multiplications and one division, so that the array form
     * ({@link #apply(float[], float[], int)}) is vectorised by the JIT (about 4 ns per element):
     * <pre>
     *   y = clamp(z, -20, 20) / 256                      (tanh(20) rounds to 1 in float)
     *   s = sinh(y), c = cosh(y) by their Taylor series to y^7 and y^8 (|y| &lt;= 0.079: truncation &lt; 1e-17)
     *   8 times: (s, c) = (2 s c, c^2 + s^2)            (sinh and cosh of the doubled argument)
     *   tanh(z) = s / c
     * </pre>
     * No step cancels (s carries the sign, c &gt;= 1), so the double result is accurate to about
     * 1e-15 relative, far below float's half ulp: the float result is that of
     * {@code (float) Math.tanh(z)} unless the exact value lies within about 1e-15 of a rounding
     * boundary; no difference was found in 2 x 10^7 random arguments (docs/performance.md). The
     * scalar and the array form perform the same operations in the same order and agree bit for bit.
     */
    static float tanh(float zf) {
        double y = clampTanh(zf) * 0x1p-8;
        double s = sinhSeries(y);
        double c = coshSeries(y);
        for (int k = 0; k < 8; k++) {
            double s2 = 2 * s * c;
            c = c * c + s * s;
            s = s2;
        }
        return (float) (s / c);
    }

    private static float clampTanh(float z) {
        return Math.max(-20f, Math.min(20f, z));
    }

    private static double sinhSeries(double y) {
        double y2 = y * y;
        return y * (1 + y2 * (1.0 / 6 + y2 * (1.0 / 120 + y2 * (1.0 / 5040))));
    }

    private static double coshSeries(double y) {
        double y2 = y * y;
        return 1 + y2 * (0.5 + y2 * (1.0 / 24 + y2 * (1.0 / 720 + y2 * (1.0 / 40320))));
    }

    /** |z| from which {@link #tanhFast} holds its value (where the approximation is closest to 1). */
    private static final float FAST_CLAMP = 7.90531110763549805f;

    /**
     * tanh(z) as x P(x^2) / Q(x^2) in float, x = z clamped to +-7.9053 (beyond it the value stays
     * 0.99999976, 4 ulp below 1), with the minimax coefficients of Eigen's fast float tanh: degree
     * 13 over degree 6. Only multiplications, additions, one division and a clamp, so the array
     * form is one loop C2 vectorises (about 0.5 ns per element against 4-5 ns for
     * {@link #tanh(float)}). Error against the exact tanh: at most 7 ulp, about 1 ulp on average
     * (ActivationTest sweeps [-10, 10]; docs/performance.md). The scalar and the array form perform
     * the same operations and agree bit for bit.
     */
    static float tanhFast(float z) {
        float x = Math.max(-FAST_CLAMP, Math.min(FAST_CLAMP, z));
        float x2 = x * x;
        float p = x2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = p * x2 + -8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        float q = x2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return x * p / q;
    }

    /** h[i] = tanhFast(z[i]) for i &lt; n: C2 inlines the call and vectorises the loop. */
    private static void tanhFastArray(float[] z, float[] h, int n) {
        for (int i = 0; i < n; i++) {
            h[i] = tanhFast(z[i]);
        }
    }

    /** Elements per chunk of the array tanh (scratch stays in L1). */
    private static final int TANH_CHUNK = 256;

    /** Per-thread scratch of the array tanh: s, c (double) and the clamped input (float). */
    private static final ThreadLocal<Object[]> TANH_SCRATCH = ThreadLocal.withInitial(
            () -> new Object[] {new double[TANH_CHUNK], new double[TANH_CHUNK], new float[TANH_CHUNK]});

    /** h[i] = tanh(z[i]) for i &lt; n as {@link #tanh(float)}, in chunks of simple loops the JIT vectorises. */
    private static void tanhArray(float[] z, float[] h, int n) {
        Object[] scratch = TANH_SCRATCH.get();
        double[] s = (double[]) scratch[0];
        double[] c = (double[]) scratch[1];
        float[] f = (float[]) scratch[2];
        for (int off = 0; off < n; off += TANH_CHUNK) {
            int len = Math.min(TANH_CHUNK, n - off);
            for (int i = 0; i < len; i++) {
                f[i] = Math.max(-20f, Math.min(20f, z[off + i]));
            }
            for (int i = 0; i < len; i++) {
                s[i] = f[i] * 0x1p-8;
            }
            for (int i = 0; i < len; i++) {
                double y = s[i];
                double y2 = y * y;
                c[i] = 1 + y2 * (0.5 + y2 * (1.0 / 24 + y2 * (1.0 / 720 + y2 * (1.0 / 40320))));
            }
            for (int i = 0; i < len; i++) {
                double y = s[i];
                double y2 = y * y;
                s[i] = y * (1 + y2 * (1.0 / 6 + y2 * (1.0 / 120 + y2 * (1.0 / 5040))));
            }
            for (int k = 0; k < 8; k++) {
                for (int i = 0; i < len; i++) {
                    double si = s[i];
                    double ci = c[i];
                    s[i] = 2 * si * ci;
                    c[i] = ci * ci + si * si;
                }
            }
            for (int i = 0; i < len; i++) {
                h[off + i] = (float) (s[i] / c[i]);
            }
        }
    }

    /** phi'(z), given z and h = phi(z). */
    public abstract float derivative(float z, float h);

    /** h[i] = phi(z[i]) for the first n elements. */
    public void apply(float[] z, float[] h, int n) {
        switch (this) {
            case TANH -> tanhArray(z, h, n);
            case TANH_FAST -> tanhFastArray(z, h, n);
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
            case TANH, TANH_FAST -> {
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

    /** The lower-case name used in settings ("tanh", "tanh_fast", "relu", "identity"). */
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
        throw new IllegalArgumentException("unknown activation '" + name + "' (expected tanh, tanh_fast, relu or identity)");
    }
}
