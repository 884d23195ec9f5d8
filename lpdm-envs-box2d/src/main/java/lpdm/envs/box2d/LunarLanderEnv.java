package lpdm.envs.box2d;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.Map;
import java.util.Set;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.StepResult;
import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.collision.Manifold;
import org.jbox2d.collision.shapes.EdgeShape;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyDef;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.FixtureDef;
import org.jbox2d.dynamics.contacts.Contact;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * LunarLander-v3 (and its continuous variant), a port of Gymnasium 1.x
 * {@code box2d/lunar_lander.py} (Oleg Klimov) onto jbox2d.
 *
 * <h2>Description</h2>
 * A rocket-trajectory problem: steer a lander with a main engine and two side engines onto the
 * landing pad at (0, 0) (the flags), on a randomly generated lunar surface. Fuel is unlimited; landing
 * outside the pad is possible but scores less.
 *
 * <h2>Action space</h2>
 * Discrete (default): {@code Discrete(4)}: 0 do nothing, 1 fire the left orientation engine, 2 fire
 * the main engine, 3 fire the right orientation engine.
 * <br>Continuous ({@code continuous=true}, id {@code LunarLanderContinuous-v3}):
 * {@code Box(-1, 1, (2,))}, clipped to [-1, 1] first. {@code a[0]} is the main engine throttle:
 * off for {@code a[0] <= 0}, otherwise power {@code (a[0] + 1) / 2} (50% to 100%). {@code a[1]} is
 * the side engines: off for {@code |a[1]| <= 0.5}, otherwise the left ({@code a[1] < -0.5}) or
 * right ({@code a[1] > 0.5}) engine at power {@code clip(|a[1]|, 0.5, 1)}.
 *
 * <h2>Observation space</h2>
 * {@code Box(8)} float32, built from the Box2D state in double and then cast, exactly as Gymnasium:
 * <ol start="0">
 *   <li>x = (pos.x - W/2) / (W/2), with W = 600/30 (bounds +-2.5);</li>
 *   <li>y = (pos.y - (helipad_y + 18/30)) / (H/2), with H = 400/30 and helipad_y = H/4 (+-2.5);</li>
 *   <li>vx = vel.x * (W/2) / 50 (+-10);</li>
 *   <li>vy = vel.y * (H/2) / 50 (+-10);</li>
 *   <li>angle in radians, unwrapped (+-2 pi);</li>
 *   <li>20 * angular velocity / 50 (+-10);</li>
 *   <li>1 if the left leg touches the ground, else 0;</li>
 *   <li>1 if the right leg touches the ground, else 0.</li>
 * </ol>
 * pos is the lander's body origin, vel the velocity of its centre of mass. The bounds are
 * Gymnasium's; values can leave them in extreme flights (they are not clipped).
 *
 * <h2>Rewards</h2>
 * shaping = -100 sqrt(x^2 + y^2) - 100 sqrt(vx^2 + vy^2) - 100 |angle| + 10 leg0 + 10 leg1 (on
 * the double values); each step's reward is the change of shaping (0 on the first, internal step of
 * reset), minus 0.3 times the main-engine power and 0.03 times the side-engine power of that frame.
 * A crash replaces the step's reward with -100, coming to rest with +100. The task counts as solved
 * at a return of 200.
 *
 * <h2>Starting state</h2>
 * The terrain is 11 points 2 apart: 12 heights drawn uniform(0, H/2), the five around the pad set
 * to H/4, then smoothed as 0.33 (h[i-1] + h[i] + h[i+1]) for i = 0..10 (for i = 0, h[-1] is h[11],
 * Python's wrap-around, kept on purpose). The lander starts at (W/2, H), upright, with its two legs
 * hinged at +-20/30 and a random force (two draws uniform(-1000, 1000)) applied to its centre for
 * the first world step. {@code reset} then performs one internal step with action 0 (two
 * dispersion draws, sets the shaping baseline) and returns that step's observation.
 *
 * <h2>Episode end</h2>
 * Terminated with reward -100 when the lander's body (not a leg) begins a contact with the ground,
 * or when |x| >= 1; terminated with +100 when Box2D puts the lander to sleep (at rest for 0.5 s;
 * checked after the crash test, so it wins if both hold). Truncated at 1000 steps by the
 * registry's time limit.
 *
 * <h2>Arguments</h2>
 * ({@code EnvRegistry.make} keys in brackets) {@code continuous} [continuous] (default false);
 * {@code gravity} [gravity] in (-12, 0) (default -10); {@code enableWind} [enable_wind] (default
 * false); {@code windPower} [wind_power] (default 15, recommended 0..20); {@code turbulencePower}
 * [turbulence_power] (default 1.5, recommended 0..2). With wind, reset draws two integers in
 * [-9999, 9999) after the initial force, and while neither leg touches the ground every step applies
 * the force tanh(sin(0.02 k) + sin(0.01 pi k)) * wind_power along x and the torque of the same form
 * (with its own counter) times turbulence_power, before the engines.
 *
 * <h2>Random draws</h2>
 * Every random number comes from a {@link RandomDraws} source: by default the env's {@code Rng}
 * (reseeded by {@code reset(seed)}), replaceable with {@link #setRandomDraws(RandomDraws)}. Order:
 * 12 terrain heights, 2 initial-force components, [2 wind integers], then 2 dispersion draws
 * uniform(-1, 1) per step, including the internal step of reset, whether or not an engine fires.
 * The dispersion is divided by 30 and moves the point and direction of each engine impulse.
 *
 * <h2>State</h2>
 * {@link #state()} and {@link #setState(double[])} throw {@link UnsupportedOperationException}:
 * the state is a Box2D world (bodies, contacts with their cached impulses, joint impulses, sleep
 * timers) that cannot be read from or restored to a vector. Episodes are defined by the reset seed,
 * or by injected draws ({@link LunarLanderReplay}).
 *
 * <h2>Differences from Gymnasium</h2>
 * <ul>
 *   <li><b>Physics engine.</b> Gymnasium runs Box2D 2.3.0 (C++, through pybox2d 2.3.10); we run
 *       jbox2d 2.2.1.1, a Java port of Box2D 2.2.1. Both compute in float32 with the same world
 *       step (1/50 s, 180 velocity and 60 position iterations). Four departures of jbox2d are
 *       corrected here ({@link Box2dSupport}, {@link Box2dWorldPool}): its table-based sine and
 *       cosine (error 1e-4) are switched to exact ones; polygon inertia is recomputed with
 *       Box2D 2.3's formula (jbox2d overstates the hull's inertia); new contacts start enabled, as
 *       in Box2D (jbox2d lets bodies tunnel through the ground in the step a contact appears); and
 *       body transforms are rounded as Box2D rounds them. With these corrections the port matched
 *       a C++ build of pybox2d's Box2D 2.3.0 bit for bit on all six recorded Gymnasium episodes
 *       (1,539 observations), provided that build's {@code sinf}/{@code cosf} were correctly
 *       rounded.</li>
 *   <li><b>Remaining engine differences.</b> (1) Box2D calls glibc's {@code sinf}/{@code cosf},
 *       which are not correctly rounded for a few arguments; jbox2d's are, and jbox2d offers no hook
 *       to change them. A one-ulp difference appears after 1 to 31 steps and grows slowly: against
 *       the recordings, observations stay within 1e-5 for 68 steps or more (two episodes never leave
 *       it), only the 1000-step hover episode drifts past 1e-2 (at step 858), and every episode ends
 *       at the recorded step in the recorded way (figures printed by {@code LunarLanderReplayTest}).
 *       (2) jbox2d reduces a two-point contact to one point when its mass matrix has a condition
 *       number above 100, Box2D 2.3 above 1000 (a compile-time constant in jbox2d); this did not
 *       occur in the recorded lander episodes but matters for the walker.</li>
 *   <li><b>Joint reference angle</b>: pybox2d's {@code revoluteJointDef} sets the reference angle
 *       to the bodies' angle difference (the legs' +-0.05) where Box2D leaves it at 0. We reproduce
 *       pybox2d; leaving it at 0 shifts the legs' limits and changes every trajectory from step 15
 *       on.</li>
 *   <li><b>Random numbers.</b> Our draws come from {@code lpdm.core.random.Rng}, not numpy's
 *       PCG64, so a seed gives a different terrain and start than in Gymnasium; the order and
 *       distributions are the same, and recorded numpy draws can be injected. The wind offsets come
 *       from {@code Rng.nextInt}.</li>
 *   <li><b>Particles omitted.</b> Gymnasium creates exhaust particles only when rendering; they
 *       collide only with the ground, never with the lander, so they do not change its motion. We
 *       never create or draw them.</li>
 *   <li><b>Trigonometry in the env code</b> (engine directions, wind) uses {@code StrictMath}
 *       (platform-independent), not glibc; they can differ in the last bit of a double, which the
 *       float32 rounding of the impulses almost always hides.</li>
 *   <li><b>Invalid actions</b> raise {@link lpdm.envs.InvalidActionException} (Gymnasium asserts).
 *       Stepping after termination fails until {@code reset} (Gymnasium lets it go on).</li>
 *   <li><b>Rendering</b> is drawn with Java2D in Gymnasium's colours and layout, without
 *       particles; pixels are not identical to pygame's.</li>
 * </ul>
 */
public final class LunarLanderEnv extends Box2dEnv {
    static {
        Box2dSupport.configure();
    }

    static final int FPS = 50;
    static final double SCALE = 30.0;
    static final double MAIN_ENGINE_POWER = 13.0;
    static final double SIDE_ENGINE_POWER = 0.6;
    static final double INITIAL_RANDOM = 1000.0;
    static final int[][] LANDER_POLY = {{-14, 17}, {-17, 0}, {-17, -10}, {17, -10}, {17, 0}, {14, 17}};
    static final int LEG_AWAY = 20;
    static final int LEG_DOWN = 18;
    static final int LEG_W = 2;
    static final int LEG_H = 8;
    static final int LEG_SPRING_TORQUE = 40;
    static final int SIDE_ENGINE_HEIGHT = 14;
    static final int SIDE_ENGINE_AWAY = 12;
    static final int MAIN_ENGINE_Y_LOCATION = 4;
    static final int VIEWPORT_W = 600;
    static final int VIEWPORT_H = 400;
    static final int CHUNKS = 11;
    static final double W = VIEWPORT_W / SCALE;
    static final double H = VIEWPORT_H / SCALE;

    /** Argument names accepted by {@link #fromArguments(Map)}. */
    public static final Set<String> ARGUMENTS = Set.of("continuous", "gravity", "enable_wind", "wind_power", "turbulence_power");

    private static final Box OBSERVATION_SPACE = new Box(
            new float[] {-2.5f, -2.5f, -10f, -10f, (float) (-2 * Math.PI), -10f, -0f, -0f},
            new float[] {2.5f, 2.5f, 10f, 10f, (float) (2 * Math.PI), 10f, 1f, 1f});
    private static final Discrete DISCRETE_ACTIONS = new Discrete(4);
    private static final Box CONTINUOUS_ACTIONS = Box.uniform(-1f, 1f, 2);

    private final boolean continuous;
    private final double gravity;
    private final boolean enableWind;
    private final double windPower;
    private final double turbulencePower;

    private Body moon;
    private Body lander;
    private final Body[] legs = new Body[2];
    private final boolean[] legContact = new boolean[2];
    private boolean gameOver;
    private Double prevShaping;
    private double helipadX1;
    private double helipadX2;
    private double helipadY;
    private double[][] skyPolys;
    private long windIdx;
    private long torqueIdx;
    private double lastMainPower;
    private double lastSidePower;

    /** The discrete env with Gymnasium's defaults. */
    public LunarLanderEnv() {
        this(false, -10.0, false, 15.0, 1.5);
    }

    /** The env with Gymnasium's arguments; see the class comment. */
    public LunarLanderEnv(boolean continuous, double gravity, boolean enableWind, double windPower, double turbulencePower) {
        super(OBSERVATION_SPACE, continuous ? CONTINUOUS_ACTIONS : DISCRETE_ACTIONS, continuous ? 2 : 1);
        if (!(gravity > -12.0 && gravity < 0.0)) {
            throw new IllegalArgumentException("gravity (current value: " + gravity + ") must be between -12 and 0");
        }
        if (!Double.isFinite(windPower) || !Double.isFinite(turbulencePower)) {
            throw new IllegalArgumentException("wind_power and turbulence_power must be finite, got " + windPower + ", " + turbulencePower);
        }
        this.continuous = continuous;
        this.gravity = gravity;
        this.enableWind = enableWind;
        this.windPower = windPower;
        this.turbulencePower = turbulencePower;
    }

    /** Builds the env from registry arguments (names as Gymnasium's keyword arguments). */
    public static LunarLanderEnv fromArguments(Map<String, Object> args) {
        for (String key : args.keySet()) {
            if (!ARGUMENTS.contains(key)) {
                throw new IllegalArgumentException("unknown LunarLander argument '" + key + "'; valid: " + String.join(", ", ARGUMENTS.stream().sorted().toList()));
            }
        }
        return new LunarLanderEnv(
                bool(args, "continuous", false),
                number(args, "gravity", -10.0),
                bool(args, "enable_wind", false),
                number(args, "wind_power", 15.0),
                number(args, "turbulence_power", 1.5));
    }

    static boolean bool(Map<String, Object> args, String key, boolean dflt) {
        Object v = args.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("argument '" + key + "' must be a boolean, got " + v);
    }

    static double number(Map<String, Object> args, String key, double dflt) {
        Object v = args.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("argument '" + key + "' must be a number, got " + v);
    }

    public boolean continuous() {
        return continuous;
    }

    @Override
    public double[] state() {
        throw new UnsupportedOperationException(describe() + ": the state is a Box2D world (bodies, contacts, joint impulses, "
                + "sleep timers) and cannot be read as a vector; define episodes by reset seed or injected random draws "
                + "(setRandomDraws, LunarLanderReplay)");
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        dropEpisode();
        lander = null;
        throw new UnsupportedOperationException(describe() + ": the state cannot be set from a vector (it is a Box2D world); "
                + "define episodes by reset seed or injected random draws (setRandomDraws, LunarLanderReplay); call reset()");
    }

    // ------------------------------------------------------------------ reset

    @Override
    protected void replayAction(float[] action) {
        advance(continuous ? 0 : (int) action[0], continuous ? action : null);
    }

    @Override
    protected float[] buildEpisode() {
        freshWorld(new Vec2(0f, (float) gravity));
        world.setContactListener(new Detector());
        gameOver = false;
        prevShaping = null;
        legContact[0] = false;
        legContact[1] = false;

        double[] height = new double[CHUNKS + 1];
        for (int i = 0; i < height.length; i++) {
            height[i] = draws.uniform(0, H / 2);
        }
        double[] chunkX = new double[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            chunkX[i] = W / (CHUNKS - 1) * i;
        }
        helipadX1 = chunkX[CHUNKS / 2 - 1];
        helipadX2 = chunkX[CHUNKS / 2 + 1];
        helipadY = H / 4;
        for (int k = -2; k <= 2; k++) {
            height[CHUNKS / 2 + k] = helipadY;
        }
        double[] smoothY = new double[CHUNKS];
        for (int i = 0; i < CHUNKS; i++) {
            // i = 0 reads h[-1], which in Python is the last element, h[11].
            double prev = height[i == 0 ? height.length - 1 : i - 1];
            smoothY[i] = 0.33 * (prev + height[i] + height[i + 1]);
        }

        moon = world.createBody(new BodyDef());
        EdgeShape base = new EdgeShape();
        base.set(new Vec2(0f, 0f), Box2dSupport.vec(W, 0));
        FixtureDef baseFd = new FixtureDef();
        baseFd.shape = base;
        moon.createFixture(baseFd);
        skyPolys = new double[CHUNKS - 1][];
        for (int i = 0; i < CHUNKS - 1; i++) {
            EdgeShape edge = new EdgeShape();
            edge.set(Box2dSupport.vec(chunkX[i], smoothY[i]), Box2dSupport.vec(chunkX[i + 1], smoothY[i + 1]));
            FixtureDef fd = new FixtureDef();
            fd.shape = edge;
            fd.density = 0f;
            fd.friction = 0.1f;
            moon.createFixture(fd);
            skyPolys[i] = new double[] {chunkX[i], smoothY[i], chunkX[i + 1], smoothY[i + 1]};
        }

        double initialY = VIEWPORT_H / SCALE;
        double initialX = VIEWPORT_W / SCALE / 2;
        BodyDef landerDef = new BodyDef();
        landerDef.type = BodyType.DYNAMIC;
        landerDef.position = Box2dSupport.vec(initialX, initialY);
        landerDef.angle = 0f;
        lander = world.createBody(landerDef);
        Vec2[] poly = new Vec2[LANDER_POLY.length];
        for (int i = 0; i < poly.length; i++) {
            poly[i] = Box2dSupport.vec(LANDER_POLY[i][0] / SCALE, LANDER_POLY[i][1] / SCALE);
        }
        PolygonShape hull = new PolygonShape();
        hull.set(poly, poly.length);
        FixtureDef landerFd = new FixtureDef();
        landerFd.shape = hull;
        landerFd.density = 5.0f;
        landerFd.friction = 0.1f;
        landerFd.filter.categoryBits = 0x0010;
        landerFd.filter.maskBits = 0x001;
        landerFd.restitution = 0.0f;
        lander.createFixture(landerFd);
        Box2dSupport.applyBox2d23Mass(lander);

        double fx = draws.uniform(-INITIAL_RANDOM, INITIAL_RANDOM);
        double fy = draws.uniform(-INITIAL_RANDOM, INITIAL_RANDOM);
        lander.applyForceToCenter(Box2dSupport.vec(fx, fy));

        if (enableWind) {
            windIdx = draws.integers(-9999, 9999);
            torqueIdx = draws.integers(-9999, 9999);
        }

        for (int k = 0; k < 2; k++) {
            int i = k == 0 ? -1 : +1;
            BodyDef legDef = new BodyDef();
            legDef.type = BodyType.DYNAMIC;
            legDef.position = Box2dSupport.vec(initialX - i * LEG_AWAY / SCALE, initialY);
            legDef.angle = (float) (i * 0.05);
            Body leg = world.createBody(legDef);
            PolygonShape box = new PolygonShape();
            box.setAsBox((float) (LEG_W / SCALE), (float) (LEG_H / SCALE));
            FixtureDef legFd = new FixtureDef();
            legFd.shape = box;
            legFd.density = 1.0f;
            legFd.restitution = 0.0f;
            legFd.filter.categoryBits = 0x0020;
            legFd.filter.maskBits = 0x001;
            leg.createFixture(legFd);
            Box2dSupport.applyBox2d23Mass(leg);

            RevoluteJointDef rjd = new RevoluteJointDef();
            rjd.bodyA = lander;
            rjd.bodyB = leg;
            rjd.localAnchorA.set(0f, 0f);
            rjd.localAnchorB.set(Box2dSupport.vec(i * LEG_AWAY / SCALE, LEG_DOWN / SCALE));
            // pybox2d's revoluteJointDef sets referenceAngle = bodyB.angle - bodyA.angle when both
            // bodies are given (Box2D itself defaults to 0): the legs' +-0.05 start angle is the zero.
            rjd.referenceAngle = leg.getAngle() - lander.getAngle();
            rjd.enableMotor = true;
            rjd.enableLimit = true;
            rjd.maxMotorTorque = LEG_SPRING_TORQUE;
            rjd.motorSpeed = (float) (0.3 * i);
            if (i == -1) {
                rjd.lowerAngle = (float) (0.9 - 0.5);
                rjd.upperAngle = (float) 0.9;
            } else {
                rjd.lowerAngle = (float) -0.9;
                rjd.upperAngle = (float) (-0.9 + 0.5);
            }
            world.createJoint(rjd);
            legs[k] = leg;
        }

        return advance(0, null).observation();
    }

    // ------------------------------------------------------------------ step

    @Override
    public StepResult step(int action) {
        if (continuous) {
            return super.step(action);
        }
        checkDiscrete(action);
        checkCanStep();
        requireWorld();
        recordAction(action);
        return finish(advance(action, null));
    }

    @Override
    public StepResult step(float[] action) {
        if (!continuous) {
            return super.step(action);
        }
        checkContinuous(action);
        checkCanStep();
        requireWorld();
        recordAction(action);
        return finish(advance(0, action));
    }

    private void requireWorld() {
        if (world == null) {
            throw new IllegalStateException(describe() + ": no episode in progress; call reset() first");
        }
    }

    /** One frame: wind, engines, world step, observation, reward, termination. */
    private StepResult advance(int discrete, float[] cont) {
        if (enableWind && !(legContact[0] || legContact[1])) {
            double windMag = StrictMath.tanh(StrictMath.sin(0.02 * windIdx) + StrictMath.sin(StrictMath.PI * 0.01 * windIdx)) * windPower;
            windIdx++;
            lander.applyForceToCenter(Box2dSupport.vec(windMag, 0.0));
            double torqueMag = StrictMath.tanh(StrictMath.sin(0.02 * torqueIdx) + StrictMath.sin(StrictMath.PI * 0.01 * torqueIdx)) * turbulencePower;
            torqueIdx++;
            lander.applyTorque((float) torqueMag);
        }

        double a0 = 0;
        double a1 = 0;
        if (cont != null) {
            a0 = clip(cont[0], -1, 1);
            a1 = clip(cont[1], -1, 1);
        }

        double angle = lander.getAngle();
        double tip0 = StrictMath.sin(angle);
        double tip1 = StrictMath.cos(angle);
        double side0 = -tip1;
        double side1 = tip0;
        double disp0 = draws.uniform(-1.0, 1.0) / SCALE;
        double disp1 = draws.uniform(-1.0, 1.0) / SCALE;

        double mPower = 0.0;
        if ((cont != null && a0 > 0.0) || (cont == null && discrete == 2)) {
            mPower = cont != null ? (clip(a0, 0.0, 1.0) + 1.0) * 0.5 : 1.0;
            double ox = tip0 * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * disp0) + side0 * disp1;
            double oy = -tip1 * (MAIN_ENGINE_Y_LOCATION / SCALE + 2 * disp0) - side1 * disp1;
            Vec2 pos = lander.getPosition();
            Vec2 impulsePos = Box2dSupport.vec(pos.x + ox, pos.y + oy);
            lander.applyLinearImpulse(
                    Box2dSupport.vec(-ox * MAIN_ENGINE_POWER * mPower, -oy * MAIN_ENGINE_POWER * mPower), impulsePos);
        }

        double sPower = 0.0;
        if ((cont != null && Math.abs(a1) > 0.5) || (cont == null && (discrete == 1 || discrete == 3))) {
            double direction;
            if (cont != null) {
                direction = Math.signum(a1);
                sPower = clip(Math.abs(a1), 0.5, 1.0);
            } else {
                direction = discrete - 2;
                sPower = 1.0;
            }
            double ox = tip0 * disp0 + side0 * (3 * disp1 + direction * SIDE_ENGINE_AWAY / SCALE);
            double oy = -tip1 * disp0 - side1 * (3 * disp1 + direction * SIDE_ENGINE_AWAY / SCALE);
            Vec2 pos = lander.getPosition();
            // Gymnasium uses 17 (not SIDE_ENGINE_HEIGHT = 14) for the x offset: kept as is.
            Vec2 impulsePos = Box2dSupport.vec(pos.x + ox - tip0 * 17 / SCALE, pos.y + oy + tip1 * SIDE_ENGINE_HEIGHT / SCALE);
            lander.applyLinearImpulse(
                    Box2dSupport.vec(-ox * SIDE_ENGINE_POWER * sPower, -oy * SIDE_ENGINE_POWER * sPower), impulsePos);
        }
        lastMainPower = mPower;
        lastSidePower = sPower;

        world.step((float) (1.0 / FPS), 6 * 30, 2 * 30);
        Box2dSupport.syncTransforms(world);

        Vec2 pos = lander.getPosition();
        Vec2 vel = lander.getLinearVelocity();
        double[] s = new double[8];
        s[0] = (pos.x - VIEWPORT_W / SCALE / 2) / (VIEWPORT_W / SCALE / 2);
        s[1] = (pos.y - (helipadY + LEG_DOWN / SCALE)) / (VIEWPORT_H / SCALE / 2);
        s[2] = vel.x * (VIEWPORT_W / SCALE / 2) / FPS;
        s[3] = vel.y * (VIEWPORT_H / SCALE / 2) / FPS;
        s[4] = lander.getAngle();
        s[5] = 20.0 * lander.getAngularVelocity() / FPS;
        s[6] = legContact[0] ? 1.0 : 0.0;
        s[7] = legContact[1] ? 1.0 : 0.0;

        double shaping = -100 * Math.sqrt(s[0] * s[0] + s[1] * s[1])
                - 100 * Math.sqrt(s[2] * s[2] + s[3] * s[3])
                - 100 * Math.abs(s[4])
                + 10 * s[6]
                + 10 * s[7];
        double reward = 0;
        if (prevShaping != null) {
            reward = shaping - prevShaping;
        }
        prevShaping = shaping;
        reward -= mPower * 0.30;
        reward -= sPower * 0.03;

        boolean terminated = false;
        if (gameOver || Math.abs(s[0]) >= 1.0) {
            terminated = true;
            reward = -100;
        }
        if (!lander.isAwake()) {
            terminated = true;
            reward = +100;
        }
        float[] obs = new float[8];
        for (int i = 0; i < 8; i++) {
            obs[i] = (float) s[i];
        }
        return new StepResult(obs, reward, terminated, false);
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Gymnasium's ContactDetector: body contact ends the game; legs record ground contact. */
    private final class Detector implements ContactListener {
        @Override
        public void beginContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            if (lander == a || lander == b) {
                gameOver = true;
            }
            for (int i = 0; i < 2; i++) {
                if (legs[i] == a || legs[i] == b) {
                    legContact[i] = true;
                }
            }
        }

        @Override
        public void endContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            for (int i = 0; i < 2; i++) {
                if (legs[i] == a || legs[i] == b) {
                    legContact[i] = false;
                }
            }
        }

        @Override
        public void preSolve(Contact contact, Manifold oldManifold) {
        }

        @Override
        public void postSolve(Contact contact, ContactImpulse impulse) {
        }
    }

    // ------------------------------------------------------------------ test hooks

    /**
     * Test hook: moves the lander to body origin (x, y) in world units with its legs rigidly
     * following, upright (angle 0, legs at their current joint angles) and at rest.
     */
    void placeForTest(double x, double y) {
        requireWorld();
        Vec2 old = lander.getPosition().clone();
        float oldAngle = lander.getAngle();
        Vec2 target = Box2dSupport.vec(x, y);
        lander.setTransform(target, 0f);
        for (Body leg : legs) {
            // Keep each leg's pose relative to the lander (rotating about the lander origin).
            Vec2 rel = leg.getPosition().sub(old);
            double c = Math.cos(-oldAngle);
            double sn = Math.sin(-oldAngle);
            Vec2 p = Box2dSupport.vec(target.x + c * rel.x - sn * rel.y, target.y + sn * rel.x + c * rel.y);
            leg.setTransform(p, leg.getAngle() - oldAngle);
        }
        for (Body b : new Body[] {lander, legs[0], legs[1]}) {
            b.setLinearVelocity(new Vec2());
            b.setAngularVelocity(0f);
            b.setAwake(true);
        }
    }

    /** Test hook: the terrain height (smoothed) at the helipad and its x range. */
    double[] helipadForTest() {
        return new double[] {helipadX1, helipadX2, helipadY};
    }

    /** Test hook: main- and side-engine power of the last frame. */
    double[] lastPowersForTest() {
        return new double[] {lastMainPower, lastSidePower};
    }

    // ------------------------------------------------------------------ rendering

    /** 600 x 400 picture as Gymnasium draws it: black sky above the white moon, flags, lander, legs. */
    @Override
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(VIEWPORT_W, VIEWPORT_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, VIEWPORT_W, VIEWPORT_H);
        if (world == null) {
            g.dispose();
            return image;
        }
        g.setColor(Color.BLACK);
        for (double[] p : skyPolys) {
            Path2D.Double path = new Path2D.Double();
            path.moveTo(sx(p[0]), sy(p[1]));
            path.lineTo(sx(p[2]), sy(p[3]));
            path.lineTo(sx(p[2]), sy(H));
            path.lineTo(sx(p[0]), sy(H));
            path.closePath();
            g.fill(path);
            g.draw(path);
        }
        Color fill = new Color(128, 102, 230);
        Color outline = new Color(77, 77, 128);
        for (Body body : new Body[] {lander, legs[0], legs[1]}) {
            for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
                if (f.getShape() instanceof PolygonShape poly) {
                    Path2D.Double path = polygonPath(body.getTransform(), poly);
                    g.setColor(fill);
                    g.fill(path);
                    g.setColor(outline);
                    g.setStroke(new BasicStroke(1f));
                    g.draw(path);
                }
            }
        }
        for (double x : new double[] {helipadX1, helipadX2}) {
            double px = x * SCALE;
            double flagY1 = helipadY * SCALE;
            double flagY2 = flagY1 + 50;
            g.setColor(Color.WHITE);
            g.drawLine((int) Math.round(px), (int) Math.round(VIEWPORT_H - flagY1), (int) Math.round(px), (int) Math.round(VIEWPORT_H - flagY2));
            Path2D.Double flag = new Path2D.Double();
            flag.moveTo(px, VIEWPORT_H - flagY2);
            flag.lineTo(px, VIEWPORT_H - (flagY2 - 10));
            flag.lineTo(px + 25, VIEWPORT_H - (flagY2 - 5));
            flag.closePath();
            g.setColor(new Color(204, 204, 0));
            g.fill(flag);
            g.draw(flag);
        }
        drawOffScreenMarker(g, fill);
        g.dispose();
        return image;
    }

    /**
     * Flying above the viewport does not end an episode (Gymnasium terminates only on a crash, at
     * |x| >= 1 or when the lander rests), so frames can show an empty sky for hundreds of steps;
     * this marker at the top edge shows where the lander is and how far above (not in Gymnasium's
     * picture, which then shows nothing).
     */
    private void drawOffScreenMarker(Graphics2D g, Color fill) {
        Vec2 pos = lander.getPosition();
        double above = pos.y - H;
        if (above <= 0.5) { // the body's origin; its hull still shows at the edge
            return;
        }
        double px = Math.max(10, Math.min(VIEWPORT_W - 10, sx(pos.x)));
        Path2D.Double arrow = new Path2D.Double();
        arrow.moveTo(px, 2);
        arrow.lineTo(px - 9, 16);
        arrow.lineTo(px + 9, 16);
        arrow.closePath();
        g.setColor(fill);
        g.fill(arrow);
        g.setColor(Color.WHITE);
        g.setFont(g.getFont().deriveFont(12f));
        String label = String.format(java.util.Locale.ROOT, "lander %.1f units above the view", above);
        int width = g.getFontMetrics().stringWidth(label);
        g.drawString(label, (float) Math.max(2, Math.min(VIEWPORT_W - width - 2, px - width / 2.0)), 30f);
    }

    private static double sx(double worldX) {
        return worldX * SCALE;
    }

    private static double sy(double worldY) {
        return VIEWPORT_H - worldY * SCALE;
    }

    static Path2D.Double polygonPath(Transform xf, PolygonShape poly) {
        Path2D.Double path = new Path2D.Double();
        Vec2 out = new Vec2();
        for (int i = 0; i < poly.getVertexCount(); i++) {
            Transform.mulToOut(xf, poly.getVertex(i), out);
            if (i == 0) {
                path.moveTo(sx(out.x), sy(out.y));
            } else {
                path.lineTo(sx(out.x), sy(out.y));
            }
        }
        path.closePath();
        return path;
    }

    @Override
    public String toString() {
        return "LunarLanderEnv(continuous=" + continuous + ", gravity=" + gravity + ", enable_wind=" + enableWind
                + ", wind_power=" + windPower + ", turbulence_power=" + turbulencePower + ")";
    }
}
