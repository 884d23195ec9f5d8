package lpdm.envs.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.StepResult;

/**
 * Acrobot-v1, a port of Gymnasium 1.x {@code classic_control/acrobot.py} (Sutton 1996; Sutton
 * and Barto's book): two links hang in a chain from a fixed pivot and only the joint between
 * them is driven; swing the free end above a line one link length over the pivot.
 *
 * <h2>Action space</h2>
 * {@code Discrete(3)}: the torque on the middle joint, -1 (action 0), 0 (action 1) or +1 N m
 * (action 2). No torque noise.
 *
 * <h2>Observation space</h2>
 * {@code Box(6)} float32: cos θ1, sin θ1, cos θ2, sin θ2 (each in [-1, 1]), θ̇1 in [-4π, 4π] and
 * θ̇2 in [-9π, 9π]. θ1 is the angle of the first link from straight down, θ2 the angle of the
 * second link relative to the first.
 *
 * <h2>Rewards</h2>
 * -1 for every step that does not reach the target height, 0 for the step that reaches it.
 *
 * <h2>Starting state</h2>
 * θ1, θ2, θ̇1 and θ̇2 each uniform in [-0.1, 0.1], stored as float32 as Gymnasium does (so the
 * first observation is computed from float32 angles): both links hang down, nearly at rest.
 *
 * <h2>Episode end</h2>
 * Terminated when {@code -cos θ1 - cos(θ1 + θ2) > 1.0} (strict) after a step. Truncated at 500
 * steps by the registry's time limit.
 *
 * <h2>Arguments</h2>
 * {@code book_or_nips}: {@code "book"} (default, the dynamics of the book, which include the
 * {@code m2·l1·lc2·θ̇1²·sin θ2} term) or {@code "nips"} (the NeurIPS paper's equations without it).
 * Physics: dt = 0.2 s, one classic RK4 step per action with the torque held constant; both links
 * have length 1, mass 1, centre of mass 0.5 and moment of inertia 1; g = 9.8. After the step the
 * angles are wrapped into [-π, π] and then the velocities are clipped to ±4π and ±9π (no clipping
 * inside RK4). {@code cos(x - π/2)} is evaluated literally, as in Gymnasium, rather than as
 * {@code sin x}. The state is [θ1, θ2, θ̇1, θ̇2] in double precision.
 */
public final class AcrobotEnv extends AbstractEnv {
    static final double DT = 0.2;
    static final double LINK_LENGTH_1 = 1.0;
    static final double LINK_LENGTH_2 = 1.0;
    static final double LINK_MASS_1 = 1.0;
    static final double LINK_MASS_2 = 1.0;
    static final double LINK_COM_POS_1 = 0.5;
    static final double LINK_COM_POS_2 = 0.5;
    static final double LINK_MOI = 1.0;
    static final double GRAVITY = 9.8;
    static final double MAX_VEL_1 = 4 * Math.PI;
    static final double MAX_VEL_2 = 9 * Math.PI;
    static final double[] AVAIL_TORQUE = {-1.0, 0.0, 1.0};

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {-1f, -1f, -1f, -1f, (float) -MAX_VEL_1, (float) -MAX_VEL_2},
            new float[] {1f, 1f, 1f, 1f, (float) MAX_VEL_1, (float) MAX_VEL_2});
    private static final Discrete ACTION_SPACE = new Discrete(3);

    private final boolean bookDynamics;
    private double theta1;
    private double theta2;
    private double dtheta1;
    private double dtheta2;

    /** The default env: the book's dynamics. */
    public AcrobotEnv() {
        this(true);
    }

    /** @param bookDynamics true for the book's equations (Gymnasium's default), false for the NeurIPS paper's */
    public AcrobotEnv(boolean bookDynamics) {
        super(OBSERVATION_SPACE, ACTION_SPACE);
        this.bookDynamics = bookDynamics;
    }

    /** Builds the env from registry arguments ({@code book_or_nips}). */
    static AcrobotEnv fromArguments(Map<String, Object> arguments) {
        EnvArguments.checkKnown("Acrobot-v1", arguments, Set.of("book_or_nips"));
        String dynamics = EnvArguments.string("Acrobot-v1", arguments, "book_or_nips", "book");
        if (!dynamics.equals("book") && !dynamics.equals("nips")) {
            throw new IllegalArgumentException("Acrobot-v1: argument 'book_or_nips' must be \"book\" or \"nips\", got \"" + dynamics + "\"");
        }
        return new AcrobotEnv(dynamics.equals("book"));
    }

    @Override
    protected float[] resetEpisode() {
        // Gymnasium draws in double and stores the state as float32.
        theta1 = (float) rng.uniform(-0.1, 0.1);
        theta2 = (float) rng.uniform(-0.1, 0.1);
        dtheta1 = (float) rng.uniform(-0.1, 0.1);
        dtheta2 = (float) rng.uniform(-0.1, 0.1);
        return observation();
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        checkStateVector(state, "theta1", "theta2", "dtheta1", "dtheta2");
        theta1 = state[0];
        theta2 = state[1];
        dtheta1 = state[2];
        dtheta2 = state[3];
        return observation();
    }

    @Override
    public double[] state() {
        return new double[] {theta1, theta2, dtheta1, dtheta2};
    }

    @Override
    public StepResult step(int action) {
        checkDiscrete(action);
        checkCanStep();
        double torque = AVAIL_TORQUE[action];
        double[] next = rk4(new double[] {theta1, theta2, dtheta1, dtheta2, torque}, DT);
        theta1 = wrap(next[0], -Math.PI, Math.PI);
        theta2 = wrap(next[1], -Math.PI, Math.PI);
        dtheta1 = bound(next[2], -MAX_VEL_1, MAX_VEL_1);
        dtheta2 = bound(next[3], -MAX_VEL_2, MAX_VEL_2);
        boolean terminated = -Math.cos(theta1) - Math.cos(theta2 + theta1) > 1.0;
        double reward = terminated ? 0.0 : -1.0;
        return finish(new StepResult(observation(), reward, terminated, false));
    }

    private float[] observation() {
        return new float[] {(float) Math.cos(theta1), (float) Math.sin(theta1), (float) Math.cos(theta2),
            (float) Math.sin(theta2), (float) dtheta1, (float) dtheta2};
    }

    /**
     * Time derivative of the augmented state [θ1, θ2, θ̇1, θ̇2, τ], with Gymnasium's operation order
     * (the torque's derivative is 0).
     */
    double[] dsdt(double[] s) {
        double m1 = LINK_MASS_1;
        double m2 = LINK_MASS_2;
        double l1 = LINK_LENGTH_1;
        double lc1 = LINK_COM_POS_1;
        double lc2 = LINK_COM_POS_2;
        double i1 = LINK_MOI;
        double i2 = LINK_MOI;
        double g = GRAVITY;
        double a = s[4];
        double th1 = s[0];
        double th2 = s[1];
        double dth1 = s[2];
        double dth2 = s[3];
        double d1 = m1 * (lc1 * lc1) + m2 * ((l1 * l1) + (lc2 * lc2) + 2 * l1 * lc2 * Math.cos(th2)) + i1 + i2;
        double d2 = m2 * ((lc2 * lc2) + l1 * lc2 * Math.cos(th2)) + i2;
        double phi2 = m2 * lc2 * g * Math.cos(th1 + th2 - Math.PI / 2.0);
        double phi1 = -m2 * l1 * lc2 * (dth2 * dth2) * Math.sin(th2)
                - 2 * m2 * l1 * lc2 * dth2 * dth1 * Math.sin(th2)
                + (m1 * lc1 + m2 * l1) * g * Math.cos(th1 - Math.PI / 2)
                + phi2;
        double ddth2;
        if (bookDynamics) {
            ddth2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * (dth1 * dth1) * Math.sin(th2) - phi2)
                    / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        } else {
            ddth2 = (a + d2 / d1 * phi1 - phi2) / (m2 * (lc2 * lc2) + i2 - (d2 * d2) / d1);
        }
        double ddth1 = -(d2 * ddth2 + phi1) / d1;
        return new double[] {dth1, dth2, ddth1, ddth2, 0.0};
    }

    /** One classic Runge-Kutta step of length {@code dt} from {@code y0}; returns the first four components. */
    private double[] rk4(double[] y0, double dt) {
        double dt2 = dt / 2.0;
        double[] k1 = dsdt(y0);
        double[] k2 = dsdt(axpy(y0, dt2, k1));
        double[] k3 = dsdt(axpy(y0, dt2, k2));
        double[] k4 = dsdt(axpy(y0, dt, k3));
        double h = dt / 6.0;
        double[] y = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = y0[i] + h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        return y;
    }

    private static double[] axpy(double[] y, double a, double[] k) {
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = y[i] + a * k[i];
        }
        return r;
    }

    /** Gymnasium's {@code wrap}: adds or subtracts (hi - lo) until lo <= x <= hi. */
    static double wrap(double x, double lo, double hi) {
        double diff = hi - lo;
        while (x > hi) {
            x = x - diff;
        }
        while (x < lo) {
            x = x + diff;
        }
        return x;
    }

    /** Gymnasium's {@code bound}: min(max(x, lo), hi). */
    static double bound(double x, double lo, double hi) {
        return Math.min(Math.max(x, lo), hi);
    }

    /** 500 x 500 picture: the target line, the two cyan links and the yellow joints. */
    @Override
    public BufferedImage render() {
        int dim = 500;
        double bound = LINK_LENGTH_1 + LINK_LENGTH_2 + 0.2;
        double scale = dim / (bound * 2);
        double offset = dim / 2.0;
        BufferedImage image = new BufferedImage(dim, dim, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, dim, dim);
        // Gymnasium draws with y pointing up and flips the picture; do the same with a transform.
        g.transform(new AffineTransform(1, 0, 0, -1, 0, dim));
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(-2.2 * scale + offset, 1 * scale + offset, 2.2 * scale + offset, 1 * scale + offset));
        double[][] joints = {
            {offset, offset},
            {LINK_LENGTH_1 * Math.sin(theta1) * scale + offset, -LINK_LENGTH_1 * Math.cos(theta1) * scale + offset}};
        double[] angles = {theta1 - Math.PI / 2, theta1 + theta2 - Math.PI / 2};
        double[] lengths = {LINK_LENGTH_1 * scale, LINK_LENGTH_2 * scale};
        double halfWidth = 0.1 * scale;
        for (int i = 0; i < 2; i++) {
            AffineTransform saved = g.getTransform();
            g.translate(joints[i][0], joints[i][1]);
            g.rotate(angles[i]);
            g.setColor(new Color(0, 204, 204));
            g.fill(new Rectangle2D.Double(0, -halfWidth, lengths[i], 2 * halfWidth));
            g.setTransform(saved);
            g.setColor(new Color(204, 204, 0));
            g.fill(new Ellipse2D.Double(joints[i][0] - halfWidth, joints[i][1] - halfWidth, 2 * halfWidth, 2 * halfWidth));
        }
        g.dispose();
        return image;
    }
}
