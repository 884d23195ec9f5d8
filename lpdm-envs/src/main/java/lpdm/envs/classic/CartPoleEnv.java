package lpdm.envs.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.StepResult;

/**
 * CartPole-v1, a port of Gymnasium 1.x {@code classic_control/cartpole.py} (Barto, Sutton and
 * Anderson, 1983): a pole is hinged on a cart that moves along a frictionless track; push the cart
 * left or right to keep the pole upright.
 *
 * <h2>Action space</h2>
 * {@code Discrete(2)}: 0 pushes the cart left with force 10 N, 1 pushes it right.
 *
 * <h2>Observation space</h2>
 * {@code Box(4)} float32: cart position [-4.8, 4.8], cart velocity (-inf, inf), pole angle
 * [-0.418, 0.418] rad (24 degrees), pole angular velocity (-inf, inf).
 *
 * <h2>Rewards</h2>
 * +1 for every step, including the step that terminates.
 *
 * <h2>Starting state</h2>
 * Every component uniform in (-0.05, 0.05).
 *
 * <h2>Episode end</h2>
 * Terminated when the pole angle leaves (-12, 12) degrees or the cart position leaves
 * (-2.4, 2.4) (strict comparisons: a state exactly on a bound is not terminal). Truncated at 500
 * steps by the registry's time limit.
 *
 * <h2>Arguments</h2>
 * None. Physics: g = 9.8, cart mass 1.0, pole mass 0.1, half pole length 0.5, tau = 0.02 s,
 * explicit Euler integration (positions advance with the old velocities). The state is kept in
 * double precision; observations are its float32 cast.
 */
public final class CartPoleEnv extends AbstractEnv {
    static final double GRAVITY = 9.8;
    static final double MASS_CART = 1.0;
    static final double MASS_POLE = 0.1;
    static final double TOTAL_MASS = MASS_POLE + MASS_CART;
    static final double LENGTH = 0.5;
    static final double POLE_MASS_LENGTH = MASS_POLE * LENGTH;
    static final double FORCE_MAG = 10.0;
    static final double TAU = 0.02;
    static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
    static final double X_THRESHOLD = 2.4;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {(float) (-X_THRESHOLD * 2), -Float.MAX_VALUE, (float) (-THETA_THRESHOLD_RADIANS * 2), -Float.MAX_VALUE},
            new float[] {(float) (X_THRESHOLD * 2), Float.MAX_VALUE, (float) (THETA_THRESHOLD_RADIANS * 2), Float.MAX_VALUE});
    private static final Discrete ACTION_SPACE = new Discrete(2);

    private double x;
    private double xDot;
    private double theta;
    private double thetaDot;

    public CartPoleEnv() {
        super(OBSERVATION_SPACE, ACTION_SPACE);
    }

    @Override
    protected float[] resetEpisode() {
        x = rng.uniform(-0.05, 0.05);
        xDot = rng.uniform(-0.05, 0.05);
        theta = rng.uniform(-0.05, 0.05);
        thetaDot = rng.uniform(-0.05, 0.05);
        return observation();
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        checkStateVector(state, "x", "x_dot", "theta", "theta_dot");
        x = state[0];
        xDot = state[1];
        theta = state[2];
        thetaDot = state[3];
        return observation();
    }

    @Override
    public double[] state() {
        return new double[] {x, xDot, theta, thetaDot};
    }

    @Override
    public StepResult step(int action) {
        checkDiscrete(action);
        checkCanStep();
        double force = action == 1 ? FORCE_MAG : -FORCE_MAG;
        double cosTheta = Math.cos(theta);
        double sinTheta = Math.sin(theta);
        double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sinTheta) / TOTAL_MASS;
        double thetaAcc = (GRAVITY * sinTheta - cosTheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASS_POLE * cosTheta * cosTheta / TOTAL_MASS));
        double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
        // Explicit Euler: positions move with the old velocities.
        x = x + TAU * xDot;
        xDot = xDot + TAU * xAcc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaAcc;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        return finish(new StepResult(observation(), 1.0, terminated, false));
    }

    private float[] observation() {
        return new float[] {(float) x, (float) xDot, (float) theta, (float) thetaDot};
    }

    /** 600 x 400 picture: track, cart, pole and axle as Gymnasium draws them. */
    @Override
    public BufferedImage render() {
        int width = 600;
        int height = 400;
        double worldWidth = X_THRESHOLD * 2;
        double scale = width / worldWidth;
        double poleWidth = 10.0;
        double poleLen = scale * (2 * LENGTH);
        double cartWidth = 50.0;
        double cartHeight = 30.0;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        // Gymnasium draws with y up and flips the image; we draw directly in screen coordinates.
        double cartY = height - 100.0;
        double cartX = x * scale + width / 2.0;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawLine(0, (int) Math.round(cartY), width, (int) Math.round(cartY));
        g.fill(new Rectangle2D.Double(cartX - cartWidth / 2, cartY - cartHeight / 2 - cartHeight / 4, cartWidth, cartHeight));
        double axleY = cartY - cartHeight / 4 - cartHeight / 4;
        AffineTransform saved = g.getTransform();
        g.translate(cartX, axleY);
        g.rotate(theta);
        g.setColor(new Color(202, 152, 101));
        g.fill(new Rectangle2D.Double(-poleWidth / 2, -(poleLen - poleWidth / 2), poleWidth, poleLen));
        g.setTransform(saved);
        g.setColor(new Color(129, 132, 203));
        g.fill(new Ellipse2D.Double(cartX - poleWidth / 2, axleY - poleWidth / 2, poleWidth, poleWidth));
        g.dispose();
        return image;
    }
}
