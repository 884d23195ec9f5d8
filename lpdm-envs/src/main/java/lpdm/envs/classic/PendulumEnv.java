package lpdm.envs.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.StepResult;

/**
 * Pendulum-v1, a port of Gymnasium 1.x {@code classic_control/pendulum.py}: the inverted pendulum
 * swing-up. A pendulum hangs from a fixed pivot; apply a torque to swing it up and keep it
 * balanced with its centre of gravity above the pivot.
 *
 * <h2>Action space</h2>
 * {@code Box(-2, 2, (1,))} float32: the torque (positive is counter-clockwise). Actions outside
 * [-2, 2] are accepted and clipped, as Gymnasium does; NaN and infinite actions are rejected.
 *
 * <h2>Observation space</h2>
 * {@code Box(3)} float32: x = cos θ in [-1, 1], y = sin θ in [-1, 1] and the angular velocity in
 * [-8, 8]. θ = 0 is upright.
 *
 * <h2>Rewards</h2>
 * -(norm(θ)² + 0.1·θ̇² + 0.001·u²) from the state <em>before</em> the step and the clipped torque
 * u, where norm(θ) = ((θ + π) mod 2π) - π with the floored modulo (so norm(±π) = -π). The reward
 * lies in [-16.2736044, 0].
 *
 * <h2>Starting state</h2>
 * θ uniform in [-π, π] and θ̇ uniform in [-1, 1].
 *
 * <h2>Episode end</h2>
 * Never terminates; truncated at 200 steps by the registry's time limit.
 *
 * <h2>Arguments</h2>
 * {@code g} (default 10.0): gravity. Physics: m = l = 1, dt = 0.05 s, speed limit ±8, torque limit
 * ±2; θ̇' = clip(θ̇ + (3g/(2l)·sin θ + 3/(m·l²)·u)·dt, ±8), then θ' = θ + θ̇'·dt with the new
 * velocity. θ is never wrapped in the state [θ, θ̇], which is kept in double precision.
 *
 * <h2>Precision</h2>
 * As in Gymnasium, the clipped torque u stays float32, so {@code 3·u} is rounded to float32 and
 * the control cost is float32(float32(0.001)·float32(u²)) before it joins the double terms.
 */
public final class PendulumEnv extends AbstractEnv {
    static final double MAX_SPEED = 8;
    static final float MAX_TORQUE = 2.0f;
    static final double DT = 0.05;
    static final double MASS = 1.0;
    static final double LENGTH = 1.0;
    static final double DEFAULT_GRAVITY = 10.0;

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {-1f, -1f, (float) -MAX_SPEED},
            new float[] {1f, 1f, (float) MAX_SPEED});
    private static final Box ACTION_SPACE = Box.uniform(-MAX_TORQUE, MAX_TORQUE, 1);

    private final double gravity;
    private double theta;
    private double thetaDot;
    /** The last clipped torque, for the picture; NaN right after reset. */
    private float lastTorque = Float.NaN;

    public PendulumEnv() {
        this(DEFAULT_GRAVITY);
    }

    /** @param gravity the acceleration of gravity g (Gymnasium's default 10.0) */
    public PendulumEnv(double gravity) {
        super(OBSERVATION_SPACE, ACTION_SPACE);
        this.gravity = gravity;
    }

    /** Builds the env from registry arguments ({@code g}). */
    static PendulumEnv fromArguments(Map<String, Object> arguments) {
        EnvArguments.checkKnown("Pendulum-v1", arguments, Set.of("g"));
        return new PendulumEnv(EnvArguments.number("Pendulum-v1", arguments, "g", DEFAULT_GRAVITY));
    }

    @Override
    protected float[] resetEpisode() {
        theta = rng.uniform(-Math.PI, Math.PI);
        thetaDot = rng.uniform(-1.0, 1.0);
        lastTorque = Float.NaN;
        return observation();
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        checkStateVector(state, "theta", "theta_dot");
        theta = state[0];
        thetaDot = state[1];
        lastTorque = Float.NaN;
        return observation();
    }

    @Override
    public double[] state() {
        return new double[] {theta, thetaDot};
    }

    @Override
    public StepResult step(float[] action) {
        checkContinuous(action);
        checkCanStep();
        float u = Math.min(Math.max(action[0], -MAX_TORQUE), MAX_TORQUE);
        lastTorque = u;
        double normalized = angleNormalize(theta);
        float controlCost = 0.001f * (u * u);
        double cost = normalized * normalized + 0.1 * (thetaDot * thetaDot) + controlCost;

        double newThetaDot = thetaDot
                + (3 * gravity / (2 * LENGTH) * Math.sin(theta) + (float) (3.0 / (MASS * (LENGTH * LENGTH))) * u) * DT;
        newThetaDot = Math.min(Math.max(newThetaDot, -MAX_SPEED), MAX_SPEED);
        double newTheta = theta + newThetaDot * DT;
        theta = newTheta;
        thetaDot = newThetaDot;
        return finish(new StepResult(observation(), -cost, false, false));
    }

    /**
     * ((x + π) mod 2π) - π with the floored modulo of NumPy (result of the modulo in [0, 2π)),
     * whereas Java's {@code %} truncates.
     */
    static double angleNormalize(double x) {
        double period = 2 * Math.PI;
        double r = (x + Math.PI) % period;
        if (r != 0 && r < 0) {
            r += period;
        } else if (r == 0) {
            r = 0.0; // NumPy returns +0 (the divisor's sign) for an exact zero
        }
        return r - Math.PI;
    }

    private float[] observation() {
        return new float[] {(float) Math.cos(theta), (float) Math.sin(theta), (float) thetaDot};
    }

    /** 500 x 500 picture: the red rod with rounded ends, the black axle and an arrow showing the last torque. */
    @Override
    public BufferedImage render() {
        int dim = 500;
        double bound = 2.2;
        double scale = dim / (bound * 2);
        double offset = dim / 2;
        double rodLength = 1 * scale;
        double rodWidth = 0.2 * scale;
        Color red = new Color(204, 77, 77);
        BufferedImage image = new BufferedImage(dim, dim, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, dim, dim);
        // Gymnasium draws with y pointing up and flips the picture; do the same with a transform.
        g.transform(new AffineTransform(1, 0, 0, -1, 0, dim));

        double angle = theta + Math.PI / 2;
        AffineTransform saved = g.getTransform();
        g.translate(offset, offset);
        g.rotate(angle);
        g.setColor(red);
        g.fill(new Rectangle2D.Double(0, -rodWidth / 2, rodLength, rodWidth));
        g.setTransform(saved);
        double radius = Math.floor(rodWidth / 2);
        g.fill(new Ellipse2D.Double(offset - radius, offset - radius, 2 * radius, 2 * radius));
        double endX = offset + rodLength * Math.cos(angle);
        double endY = offset + rodLength * Math.sin(angle);
        g.fill(new Ellipse2D.Double(endX - radius, endY - radius, 2 * radius, 2 * radius));

        if (!Float.isNaN(lastTorque) && lastTorque != 0f) {
            drawTorqueArrow(g, offset, scale * Math.abs(lastTorque) / 4, lastTorque > 0);
        }

        double axle = Math.floor(0.05 * scale);
        g.setColor(Color.BLACK);
        g.fill(new Ellipse2D.Double(offset - axle, offset - axle, 2 * axle, 2 * axle));
        g.dispose();
        return image;
    }

    /** A three-quarter circle around the pivot with an arrow head, counter-clockwise for positive torque. */
    private static void drawTorqueArrow(Graphics2D g, double centre, double radius, boolean counterClockwise) {
        g.setColor(Color.BLACK);
        float stroke = (float) Math.max(2.0, radius / 8);
        g.setStroke(new BasicStroke(stroke));
        double start = -45;
        double extent = counterClockwise ? 270 : -270;
        // In the y-up frame, positive Arc2D extents turn clockwise on screen after the flip; mirror them.
        g.draw(new Arc2D.Double(centre - radius, centre - radius, 2 * radius, 2 * radius, -start, -extent, Arc2D.OPEN));
        double endAngle = Math.toRadians(start + extent);
        double tipX = centre + radius * Math.cos(endAngle);
        double tipY = centre + radius * Math.sin(endAngle);
        // Tangent direction of travel at the end of the arc.
        double direction = endAngle + (counterClockwise ? Math.PI / 2 : -Math.PI / 2);
        double head = Math.max(6, radius / 3);
        Path2D.Double arrow = new Path2D.Double();
        arrow.moveTo(tipX + head * Math.cos(direction), tipY + head * Math.sin(direction));
        arrow.lineTo(tipX + head * 0.6 * Math.cos(direction + 2.3), tipY + head * 0.6 * Math.sin(direction + 2.3));
        arrow.lineTo(tipX + head * 0.6 * Math.cos(direction - 2.3), tipY + head * 0.6 * Math.sin(direction - 2.3));
        arrow.closePath();
        g.fill(arrow);
    }
}
