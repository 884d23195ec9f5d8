package lpdm.envs.box2d;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lpdm.envs.Box;
import lpdm.envs.StepResult;
import org.jbox2d.callbacks.ContactImpulse;
import org.jbox2d.callbacks.ContactListener;
import org.jbox2d.callbacks.RayCastCallback;
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
import org.jbox2d.dynamics.joints.RevoluteJoint;
import org.jbox2d.dynamics.joints.RevoluteJointDef;

/**
 * BipedalWalker-v3 and BipedalWalkerHardcore-v3, a port of Gymnasium 1.x
 * {@code box2d/bipedal_walker.py} (Oleg Klimov) onto jbox2d.
 *
 * <h2>Description</h2>
 * A 4-joint walker (hull, two thighs, two shins) must walk to the far end of a 200-step terrain.
 * The normal version has slightly uneven grass; the hardcore version adds stumps, pits and stairs.
 *
 * <h2>Action space</h2>
 * {@code Box(-1, 1, (4,))} float32: hip 1, knee 1, hip 2, knee 2. Each joint's motor gets speed
 * {@code SPEED * sign(a)} (SPEED_HIP = 4, SPEED_KNEE = 6 rad/s) and maximum torque
 * {@code 80 * clip(|a|, 0, 1)} (computed in float32, as numpy does for a float32 action). Values
 * outside [-1, 1] are accepted and act as +-1.
 *
 * <h2>Observation space</h2>
 * {@code Box(24)} float32: hull angle (+-pi), 2 * hull angular velocity / 50 (+-5),
 * 0.3 * vx * (600/30) / 50 (+-5), 0.3 * vy * (400/30) / 50 (+-5); for each leg: hip angle (+-pi),
 * hip speed / 4 (+-5), knee angle + 1 (+-pi), knee speed / 6 (+-5), shin-ground contact (0..5,
 * values 0 or 1); then 10 lidar fractions (bounds +-1, values in [0, 1]): rays of length 160/30
 * from the hull position, ray i (0..9) turned 1.5 i / 10 rad from straight down towards the front,
 * each the fraction of the ray before its nearest terrain hit (1 if none). Values can leave the
 * bounds (they are not clipped).
 *
 * <h2>Rewards</h2>
 * shaping = 130 x / 30 - 5 |hull angle|; the reward is the change of shaping (0 on reset's internal
 * step) minus 0.00035 * 80 * clip(|a_i|, 0, 1) for each action component. Falling (the hull begins
 * a contact with the ground) or leaving the terrain on the left (x &lt; 0) replaces the reward with
 * -100. Solved at a return of 300.
 *
 * <h2>Starting state</h2>
 * The terrain is generated from the draws (grass drift uniform(-1, 1) / 30 per step after the start
 * pad, segment lengths integers(5, 10), in hardcore mode obstacle kinds integers(1, 4) (1 stump, 2 stairs,
 * 3 pit), pit widths
 * integers(3, 5), stump sizes integers(1, 3), stair direction random() &gt; 0.5, stair widths
 * integers(4, 5) and counts integers(3, 5)), then 10 clouds (decoration, 11 draws each), then the
 * walker stands on the start pad at x = 20 * 14/30 / 2 with a random horizontal force
 * uniform(-5, 5) on the hull for the first step. Reset performs one internal step with action 0
 * and returns its observation.
 *
 * <h2>Episode end</h2>
 * Terminated with -100 when the hull touches the ground or x &lt; 0; terminated (reward unchanged)
 * when x passes (200 - 10) * 14/30, the end of the course. Truncated by the registry's time limit at
 * 1600 steps (hardcore: 2000).
 *
 * <h2>Arguments</h2>
 * {@code hardcore} (registry key "hardcore"; default false).
 *
 * <h2>State</h2>
 * {@link #state()} and {@link #setState(double[])} throw {@link UnsupportedOperationException}:
 * the state is a Box2D world (terrain bodies, contacts, joint impulses) that cannot be read from or
 * restored to a vector. Episodes are defined by the reset seed (or by injected draws, {@link
 * #setRandomDraws(RandomDraws)}).
 *
 * <h2>Differences from Gymnasium</h2>
 * <ul>
 *   <li><b>Physics engine.</b> jbox2d 2.2.1.1 (Java port of Box2D 2.2.1) instead of Box2D 2.3.0
 *       via pybox2d; same float32 arithmetic and step (1/50 s, 180 velocity and 60 position
 *       iterations). The jbox2d departures corrected for LunarLander are corrected here too (see
 *       {@link LunarLanderEnv}); without the contact fix the shins sank 20 cm into the ground on the
 *       first step. Two differences remain: glibc's {@code sinf}/{@code cosf} rounding, and
 *       jbox2d's two-point contact limit (condition number 100, Box2D 2.3: 1000), which
 *       turns some two-point foot contacts into one-point ones. Measured against Gymnasium 1.4.0
 *       (same bipedal_walker.py as 1.3.0) on pybox2d 2.3.10 with the numpy draws injected, over 8
 *       episodes (normal and hardcore; random, zero and heuristic actions): the terrain, obstacles,
 *       lidar and hull match exactly at reset, the initial observation within 1.2e-3 (the shins),
 *       observations leave 1e-2 after 11 to 94 steps (one episode never), and 5 of the 8
 *       episodes end at the recorded step in the recorded way. A C++ build of Box2D 2.3 with the
 *       condition limit set to 100 and correctly rounded trigonometry matched this port bit for bit
 *       over 150 steps of a walker standing on flat ground.</li>
 *   <li><b>Joint reference angles</b> are set as pybox2d sets them (bodies' angle difference: the
 *       hips' +-0.05), not Box2D's default 0.</li>
 *   <li><b>Fresh world state per episode.</b> Gymnasium keeps one Box2D world for the env's life
 *       and only destroys the bodies on reset, so its broad-phase tree (and hence contact order,
 *       which affects the solver in the last bits) can depend on earlier episodes; we empty the
 *       world and give it a new broad phase at every reset ({@link ReusableWorld}), making an
 *       episode a function of its draws and actions only.</li>
 *   <li><b>Random numbers</b> come from {@code lpdm.core.random.Rng} (not numpy's PCG64): a seed
 *       gives a different terrain than in Gymnasium. The draws are made in Gymnasium's order and
 *       with the same distributions (including the clouds' 110 draws); {@code integers(4, 5)}
 *       consumes a draw here while numpy may skip the generator for a one-value range.</li>
 *   <li><b>Reward precision</b> is reproduced, not changed: Gymnasium's torque-cost subtraction mixes
 *       a Python float with float32 action components, which under numpy 2 makes the reward a
 *       float32 (the shaping difference rounded to float32, then each cost subtracted in float32);
 *       reset's internal step uses an integer action and stays in double. The -100 is exact.</li>
 *   <li><b>Invalid actions</b> (wrong length, NaN, infinite) raise
 *       {@link lpdm.envs.InvalidActionException}; stepping after termination fails until reset.</li>
 *   <li><b>Rendering</b>: Java2D in Gymnasium's colours and layout (sky, parallax clouds, terrain,
 *       walker, flag), scrolled like Gymnasium's 600-pixel window; Gymnasium flashes one lidar ray
 *       per frame, we draw all ten when {@link #setRenderLidar(boolean)} is on (default off).</li>
 * </ul>
 */
public final class BipedalWalkerEnv extends Box2dEnv {
    static {
        Box2dSupport.configure();
    }

    static final int FPS = 50;
    static final double SCALE = 30.0;
    static final int MOTORS_TORQUE = 80;
    static final int SPEED_HIP = 4;
    static final int SPEED_KNEE = 6;
    static final double LIDAR_RANGE = 160 / SCALE;
    static final double INITIAL_RANDOM = 5;
    static final int[][] HULL_POLY = {{-30, 9}, {6, 9}, {34, 1}, {34, -8}, {-30, -8}};
    static final double LEG_DOWN = -8 / SCALE;
    static final double LEG_W = 8 / SCALE;
    static final double LEG_H = 34 / SCALE;
    static final int VIEWPORT_W = 600;
    static final int VIEWPORT_H = 400;
    static final double TERRAIN_STEP = 14 / SCALE;
    static final int TERRAIN_LENGTH = 200;
    static final double TERRAIN_HEIGHT = VIEWPORT_H / SCALE / 4;
    static final int TERRAIN_GRASS = 10;
    static final int TERRAIN_STARTPAD = 20;
    static final float FRICTION = 2.5f;

    private static final int GRASS = 0;
    private static final int STUMP = 1;
    private static final int STAIRS = 2;
    private static final int PIT = 3;
    private static final int STATES = 4;

    /** Argument names accepted by {@link #fromArguments(Map)}. */
    public static final Set<String> ARGUMENTS = Set.of("hardcore");

    private static final Box OBSERVATION_SPACE;
    private static final Box ACTION_SPACE = Box.uniform(-1f, 1f, 4);

    static {
        float pi = (float) Math.PI;
        float[] low = {-pi, -5f, -5f, -5f, -pi, -5f, -pi, -5f, -0f, -pi, -5f, -pi, -5f, -0f,
            -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f, -1f};
        float[] high = {pi, 5f, 5f, 5f, pi, 5f, pi, 5f, 5f, pi, 5f, pi, 5f, 5f,
            1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f};
        OBSERVATION_SPACE = new Box(low, high);
    }

    private final boolean hardcore;
    private boolean renderLidar;

    private Body hull;
    /** thigh 1, shin 1, thigh 2, shin 2, as Gymnasium's {@code legs}. */
    private final Body[] legs = new Body[4];
    private final RevoluteJoint[] joints = new RevoluteJoint[4];
    private final boolean[] groundContact = new boolean[4];
    private final List<Body> terrainBodies = new ArrayList<>();
    private final List<Body> obstacleBodies = new ArrayList<>();
    private double[] terrainX;
    private double[] terrainY;
    private List<double[]> cloudPolys;
    private boolean gameOver;
    private Double prevShaping;
    private double scroll;
    private final float[] lidarFraction = new float[10];
    private final float[][] lidarP1 = new float[10][2];
    private final float[][] lidarP2 = new float[10][2];

    /** BipedalWalker-v3 (normal terrain). */
    public BipedalWalkerEnv() {
        this(false);
    }

    /** BipedalWalker-v3, or with {@code hardcore} the hardcore terrain. */
    public BipedalWalkerEnv(boolean hardcore) {
        super(OBSERVATION_SPACE, ACTION_SPACE, 4);
        this.hardcore = hardcore;
    }

    /** Builds the env from registry arguments. */
    public static BipedalWalkerEnv fromArguments(Map<String, Object> args) {
        for (String key : args.keySet()) {
            if (!ARGUMENTS.contains(key)) {
                throw new IllegalArgumentException("unknown BipedalWalker argument '" + key + "'; valid: hardcore");
            }
        }
        return new BipedalWalkerEnv(LunarLanderEnv.bool(args, "hardcore", false));
    }

    public boolean hardcore() {
        return hardcore;
    }

    /** Whether {@link #render()} draws the ten lidar rays (default false). */
    public void setRenderLidar(boolean on) {
        this.renderLidar = on;
    }

    @Override
    public double[] state() {
        throw new UnsupportedOperationException(describe() + ": the state is a Box2D world (terrain, bodies, contacts, joint "
                + "impulses) and cannot be read as a vector; define episodes by reset seed or injected random draws");
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        dropEpisode();
        hull = null;
        throw new UnsupportedOperationException(describe() + ": the state cannot be set from a vector (it is a Box2D world); "
                + "define episodes by reset seed or injected random draws; call reset()");
    }

    // ------------------------------------------------------------------ reset

    @Override
    protected void replayAction(float[] action) {
        advance(action, false);
    }

    @Override
    protected float[] buildEpisode() {
        freshWorld(new Vec2(0f, -10f));
        world.setContactListener(new Detector());
        gameOver = false;
        prevShaping = null;
        scroll = 0.0;
        java.util.Arrays.fill(groundContact, false);
        terrainBodies.clear();
        obstacleBodies.clear();

        generateTerrain();
        generateClouds();

        double initX = TERRAIN_STEP * TERRAIN_STARTPAD / 2;
        double initY = TERRAIN_HEIGHT + 2 * LEG_H;
        BodyDef hullDef = new BodyDef();
        hullDef.type = BodyType.DYNAMIC;
        hullDef.position = Box2dSupport.vec(initX, initY);
        hull = world.createBody(hullDef);
        Vec2[] poly = new Vec2[HULL_POLY.length];
        for (int i = 0; i < poly.length; i++) {
            poly[i] = Box2dSupport.vec(HULL_POLY[i][0] / SCALE, HULL_POLY[i][1] / SCALE);
        }
        PolygonShape hullShape = new PolygonShape();
        hullShape.set(poly, poly.length);
        hull.createFixture(bodyFixture(hullShape, 5.0f, 0.1f));
        Box2dSupport.applyBox2d23Mass(hull);
        hull.applyForceToCenter(Box2dSupport.vec(draws.uniform(-INITIAL_RANDOM, INITIAL_RANDOM), 0));

        for (int k = 0; k < 2; k++) {
            int i = k == 0 ? -1 : +1;
            BodyDef legDef = new BodyDef();
            legDef.type = BodyType.DYNAMIC;
            legDef.position = Box2dSupport.vec(initX, initY - LEG_H / 2 - LEG_DOWN);
            legDef.angle = (float) (i * 0.05);
            Body leg = world.createBody(legDef);
            PolygonShape legShape = new PolygonShape();
            legShape.setAsBox((float) (LEG_W / 2), (float) (LEG_H / 2));
            leg.createFixture(bodyFixture(legShape, 1.0f, 0.2f));
            Box2dSupport.applyBox2d23Mass(leg);
            RevoluteJointDef hip = new RevoluteJointDef();
            hip.bodyA = hull;
            hip.bodyB = leg;
            hip.localAnchorA.set(Box2dSupport.vec(0, LEG_DOWN));
            hip.localAnchorB.set(Box2dSupport.vec(0, LEG_H / 2));
            // pybox2d's revoluteJointDef sets referenceAngle = bodyB.angle - bodyA.angle (Box2D: 0).
            hip.referenceAngle = leg.getAngle() - hull.getAngle();
            hip.enableMotor = true;
            hip.enableLimit = true;
            hip.maxMotorTorque = MOTORS_TORQUE;
            hip.motorSpeed = i;
            hip.lowerAngle = -0.8f;
            hip.upperAngle = 1.1f;
            legs[2 * k] = leg;
            joints[2 * k] = (RevoluteJoint) world.createJoint(hip);

            BodyDef lowerDef = new BodyDef();
            lowerDef.type = BodyType.DYNAMIC;
            lowerDef.position = Box2dSupport.vec(initX, initY - LEG_H * 3 / 2 - LEG_DOWN);
            lowerDef.angle = (float) (i * 0.05);
            Body lower = world.createBody(lowerDef);
            PolygonShape lowerShape = new PolygonShape();
            lowerShape.setAsBox((float) (0.8 * LEG_W / 2), (float) (LEG_H / 2));
            lower.createFixture(bodyFixture(lowerShape, 1.0f, 0.2f));
            Box2dSupport.applyBox2d23Mass(lower);
            RevoluteJointDef knee = new RevoluteJointDef();
            knee.bodyA = leg;
            knee.bodyB = lower;
            knee.localAnchorA.set(Box2dSupport.vec(0, -LEG_H / 2));
            knee.localAnchorB.set(Box2dSupport.vec(0, LEG_H / 2));
            knee.referenceAngle = lower.getAngle() - leg.getAngle();
            knee.enableMotor = true;
            knee.enableLimit = true;
            knee.maxMotorTorque = MOTORS_TORQUE;
            knee.motorSpeed = 1;
            knee.lowerAngle = -1.6f;
            knee.upperAngle = -0.1f;
            legs[2 * k + 1] = lower;
            joints[2 * k + 1] = (RevoluteJoint) world.createJoint(knee);
        }
        return advance(new float[4], true).observation();
    }

    private static FixtureDef bodyFixture(PolygonShape shape, float density, float friction) {
        FixtureDef fd = new FixtureDef();
        fd.shape = shape;
        fd.density = density;
        fd.friction = friction;
        fd.restitution = 0.0f;
        fd.filter.categoryBits = 0x0020;
        fd.filter.maskBits = 0x001;
        return fd;
    }

    private Body staticPolygon(double[][] vertices) {
        Vec2[] v = new Vec2[vertices.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Box2dSupport.vec(vertices[i][0], vertices[i][1]);
        }
        PolygonShape shape = new PolygonShape();
        shape.set(v, v.length);
        FixtureDef fd = new FixtureDef();
        fd.shape = shape;
        fd.friction = FRICTION;
        Body body = world.createBody(new BodyDef());
        body.createFixture(fd);
        obstacleBodies.add(body);
        return body;
    }

    private void generateTerrain() {
        int state = GRASS;
        double velocity = 0.0;
        double y = TERRAIN_HEIGHT;
        long counter = TERRAIN_STARTPAD;
        boolean oneshot = false;
        terrainX = new double[TERRAIN_LENGTH];
        terrainY = new double[TERRAIN_LENGTH];
        long stairSteps = 0;
        long stairWidth = 0;
        long stairHeight = 0;
        double originalY = 0;
        for (int i = 0; i < TERRAIN_LENGTH; i++) {
            double x = i * TERRAIN_STEP;
            terrainX[i] = x;
            if (state == GRASS && !oneshot) {
                velocity = 0.8 * velocity + 0.01 * Math.signum(TERRAIN_HEIGHT - y);
                if (i > TERRAIN_STARTPAD) {
                    velocity += draws.uniform(-1, 1) / SCALE;
                }
                y += velocity;
            } else if (state == PIT && oneshot) {
                counter = draws.integers(3, 5);
                double[][] poly = {
                    {x, y}, {x + TERRAIN_STEP, y}, {x + TERRAIN_STEP, y - 4 * TERRAIN_STEP}, {x, y - 4 * TERRAIN_STEP}};
                staticPolygon(poly);
                double[][] shifted = new double[4][];
                for (int p = 0; p < 4; p++) {
                    shifted[p] = new double[] {poly[p][0] + TERRAIN_STEP * counter, poly[p][1]};
                }
                staticPolygon(shifted);
                counter += 2;
                originalY = y;
            } else if (state == PIT && !oneshot) {
                y = originalY;
                if (counter > 1) {
                    y -= 4 * TERRAIN_STEP;
                }
            } else if (state == STUMP && oneshot) {
                counter = draws.integers(1, 3);
                staticPolygon(new double[][] {
                    {x, y}, {x + counter * TERRAIN_STEP, y},
                    {x + counter * TERRAIN_STEP, y + counter * TERRAIN_STEP}, {x, y + counter * TERRAIN_STEP}});
            } else if (state == STAIRS && oneshot) {
                stairHeight = draws.random() > 0.5 ? +1 : -1;
                stairWidth = draws.integers(4, 5);
                stairSteps = draws.integers(3, 5);
                originalY = y;
                for (long s = 0; s < stairSteps; s++) {
                    staticPolygon(new double[][] {
                        {x + (s * stairWidth) * TERRAIN_STEP, y + (s * stairHeight) * TERRAIN_STEP},
                        {x + ((1 + s) * stairWidth) * TERRAIN_STEP, y + (s * stairHeight) * TERRAIN_STEP},
                        {x + ((1 + s) * stairWidth) * TERRAIN_STEP, y + (-1 + s * stairHeight) * TERRAIN_STEP},
                        {x + (s * stairWidth) * TERRAIN_STEP, y + (-1 + s * stairHeight) * TERRAIN_STEP}});
                }
                counter = stairSteps * stairWidth;
            } else if (state == STAIRS && !oneshot) {
                long s = stairSteps * stairWidth - counter - stairHeight;
                double n = (double) s / stairWidth;
                y = originalY + (n * stairHeight) * TERRAIN_STEP;
            }
            oneshot = false;
            terrainY[i] = y;
            counter -= 1;
            if (counter == 0) {
                counter = draws.integers(TERRAIN_GRASS / 2, TERRAIN_GRASS);
                if (state == GRASS && hardcore) {
                    state = (int) draws.integers(1, STATES);
                } else {
                    state = GRASS;
                }
                oneshot = true;
            }
        }
        for (int i = 0; i < TERRAIN_LENGTH - 1; i++) {
            EdgeShape edge = new EdgeShape();
            edge.set(Box2dSupport.vec(terrainX[i], terrainY[i]), Box2dSupport.vec(terrainX[i + 1], terrainY[i + 1]));
            FixtureDef fd = new FixtureDef();
            fd.shape = edge;
            fd.friction = FRICTION;
            fd.filter.categoryBits = 0x0001;
            Body body = world.createBody(new BodyDef());
            body.createFixture(fd);
            terrainBodies.add(body);
        }
    }

    private void generateClouds() {
        cloudPolys = new ArrayList<>();
        for (int c = 0; c < TERRAIN_LENGTH / 20; c++) {
            double x = draws.uniform(0, TERRAIN_LENGTH) * TERRAIN_STEP;
            double y = VIEWPORT_H / SCALE * 3 / 4;
            double[] poly = new double[10];
            for (int a = 0; a < 5; a++) {
                poly[2 * a] = x + 15 * TERRAIN_STEP * Math.sin(3.14 * 2 * a / 5) + draws.uniform(0, 5 * TERRAIN_STEP);
                poly[2 * a + 1] = y + 5 * TERRAIN_STEP * Math.cos(3.14 * 2 * a / 5) + draws.uniform(0, 5 * TERRAIN_STEP);
            }
            cloudPolys.add(poly);
        }
    }

    // ------------------------------------------------------------------ step

    @Override
    public StepResult step(float[] action) {
        checkContinuous(action);
        checkCanStep();
        if (world == null) {
            throw new IllegalStateException(describe() + ": no episode in progress; call reset() first");
        }
        recordAction(action);
        return finish(advance(action, false));
    }

    private StepResult advance(float[] action, boolean integerAction) {
        int[] speeds = {SPEED_HIP, SPEED_KNEE, SPEED_HIP, SPEED_KNEE};
        for (int k = 0; k < 4; k++) {
            float a = action[k];
            joints[k].setMotorSpeed(speeds[k] * StrictMath.signum(a));
            joints[k].setMaxMotorTorque(MOTORS_TORQUE * clip01(Math.abs(a)));
        }

        world.step((float) (1.0 / FPS), 6 * 30, 2 * 30);
        Box2dSupport.syncTransforms(world);

        Vec2 pos = hull.getPosition().clone();
        Vec2 vel = hull.getLinearVelocity();
        for (int i = 0; i < 10; i++) {
            Lidar cb = new Lidar();
            Vec2 p1 = pos.clone();
            Vec2 p2 = Box2dSupport.vec(pos.x + StrictMath.sin(1.5 * i / 10.0) * LIDAR_RANGE, pos.y - StrictMath.cos(1.5 * i / 10.0) * LIDAR_RANGE);
            cb.p2x = p2.x;
            cb.p2y = p2.y;
            world.raycast(cb, p1, p2);
            lidarFraction[i] = cb.fraction;
            lidarP1[i][0] = p1.x;
            lidarP1[i][1] = p1.y;
            lidarP2[i][0] = cb.p2x;
            lidarP2[i][1] = cb.p2y;
        }

        double[] s = new double[24];
        s[0] = hull.getAngle();
        s[1] = 2.0 * hull.getAngularVelocity() / FPS;
        s[2] = 0.3 * vel.x * (VIEWPORT_W / SCALE) / FPS;
        s[3] = 0.3 * vel.y * (VIEWPORT_H / SCALE) / FPS;
        s[4] = joints[0].getJointAngle();
        s[5] = joints[0].getJointSpeed() / (double) SPEED_HIP;
        s[6] = joints[1].getJointAngle() + 1.0;
        s[7] = joints[1].getJointSpeed() / (double) SPEED_KNEE;
        s[8] = groundContact[1] ? 1.0 : 0.0;
        s[9] = joints[2].getJointAngle();
        s[10] = joints[2].getJointSpeed() / (double) SPEED_HIP;
        s[11] = joints[3].getJointAngle() + 1.0;
        s[12] = joints[3].getJointSpeed() / (double) SPEED_KNEE;
        s[13] = groundContact[3] ? 1.0 : 0.0;
        for (int i = 0; i < 10; i++) {
            s[14 + i] = lidarFraction[i];
        }
        scroll = pos.x - VIEWPORT_W / SCALE / 5;

        double shaping = 130 * pos.x / SCALE;
        shaping -= 5.0 * Math.abs(s[0]);
        double reward = 0;
        if (prevShaping != null) {
            reward = shaping - prevShaping;
        }
        prevShaping = shaping;
        if (integerAction) {
            // Reset's internal step passes an integer array: numpy computes the cost in float64.
            for (float a : action) {
                reward -= 0.00035 * MOTORS_TORQUE * clip01(Math.abs(a));
            }
        } else {
            // Python float minus float32 is float32 under numpy 2 (NEP 50): the reward becomes float32.
            float r = (float) reward;
            float costScale = (float) (0.00035 * MOTORS_TORQUE);
            for (float a : action) {
                r = r - costScale * clip01(Math.abs(a));
            }
            reward = r;
        }

        boolean terminated = false;
        if (gameOver || pos.x < 0) {
            reward = -100;
            terminated = true;
        }
        if (pos.x > (TERRAIN_LENGTH - TERRAIN_GRASS) * TERRAIN_STEP) {
            terminated = true;
        }
        float[] obs = new float[24];
        for (int i = 0; i < 24; i++) {
            obs[i] = (float) s[i];
        }
        return new StepResult(obs, reward, terminated, false);
    }

    private static float clip01(float v) {
        return Math.max(0f, Math.min(1f, v));
    }

    /** Keeps the nearest hit on a ground fixture (category bit 1), as Gymnasium's LidarCallback. */
    private static final class Lidar implements RayCastCallback {
        float fraction = 1.0f;
        float p2x;
        float p2y;

        @Override
        public float reportFixture(Fixture fixture, Vec2 point, Vec2 normal, float f) {
            if ((fixture.getFilterData().categoryBits & 1) == 0) {
                return -1;
            }
            p2x = point.x;
            p2y = point.y;
            fraction = f;
            return f;
        }
    }

    /** Gymnasium's ContactDetector: hull contact ends the game; shins record ground contact. */
    private final class Detector implements ContactListener {
        @Override
        public void beginContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            if (hull == a || hull == b) {
                gameOver = true;
            }
            for (int k : new int[] {1, 3}) {
                if (legs[k] == a || legs[k] == b) {
                    groundContact[k] = true;
                }
            }
        }

        @Override
        public void endContact(Contact contact) {
            Body a = contact.getFixtureA().getBody();
            Body b = contact.getFixtureB().getBody();
            for (int k : new int[] {1, 3}) {
                if (legs[k] == a || legs[k] == b) {
                    groundContact[k] = false;
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

    /** Test hook: turns the walker upside down at height {@code lift} above its start, at rest. */
    void flipForTest(double lift) {
        Vec2 centre = hull.getPosition().clone();
        for (Body b : allWalkerBodies()) {
            Vec2 rel = b.getPosition().sub(centre);
            // Rotate by pi about the hull origin, then lift.
            Vec2 p = Box2dSupport.vec(centre.x - rel.x, centre.y - rel.y + lift);
            b.setTransform(p, (float) (b.getAngle() + Math.PI));
            b.setLinearVelocity(new Vec2());
            b.setAngularVelocity(0f);
            b.setAwake(true);
        }
    }

    /** Test hook: the hull's position and the shaping baseline. */
    double[] hullForTest() {
        return new double[] {hull.getPosition().x, hull.getPosition().y, hull.getAngle(), prevShaping == null ? Double.NaN : prevShaping};
    }

    /** Test hook: number of obstacle polygons (stumps, pit walls, stair steps). */
    int obstacleCountForTest() {
        return obstacleBodies.size();
    }

    private Body[] allWalkerBodies() {
        return new Body[] {hull, legs[0], legs[1], legs[2], legs[3]};
    }

    // ------------------------------------------------------------------ rendering

    /** 600 x 400 picture as Gymnasium draws it, scrolled to follow the hull. */
    @Override
    public BufferedImage render() {
        BufferedImage image = new BufferedImage(VIEWPORT_W, VIEWPORT_H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(215, 215, 255));
        g.fillRect(0, 0, VIEWPORT_W, VIEWPORT_H);
        if (world == null) {
            g.dispose();
            return image;
        }
        double left = Math.max(0.0, scroll) * SCALE;
        g.translate(-left, VIEWPORT_H);
        g.scale(1, -1);
        // World units to pixels from here on: x * SCALE, y * SCALE, y up.
        g.setColor(Color.WHITE);
        for (double[] p : cloudPolys) {
            double x1 = Math.min(Math.min(Math.min(p[0], p[2]), Math.min(p[4], p[6])), p[8]);
            double x2 = Math.max(Math.max(Math.max(p[0], p[2]), Math.max(p[4], p[6])), p[8]);
            if (x2 < scroll / 2 || x1 > scroll / 2 + VIEWPORT_W / SCALE) {
                continue;
            }
            Path2D.Double path = new Path2D.Double();
            for (int a = 0; a < 5; a++) {
                double px = p[2 * a] * SCALE + scroll * SCALE / 2;
                double py = p[2 * a + 1] * SCALE;
                if (a == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            path.closePath();
            g.fill(path);
        }
        g.setColor(new Color(102, 153, 76));
        for (int i = 0; i < TERRAIN_LENGTH - 1; i++) {
            if (terrainX[i + 1] < scroll || terrainX[i] > scroll + VIEWPORT_W / SCALE) {
                continue;
            }
            Path2D.Double path = new Path2D.Double();
            path.moveTo(terrainX[i] * SCALE, terrainY[i] * SCALE);
            path.lineTo(terrainX[i + 1] * SCALE, terrainY[i + 1] * SCALE);
            path.lineTo(terrainX[i + 1] * SCALE, 0);
            path.lineTo(terrainX[i] * SCALE, 0);
            path.closePath();
            g.fill(path);
            g.draw(path);
        }
        if (renderLidar) {
            g.setColor(new Color(255, 0, 0));
            g.setStroke(new BasicStroke(1f));
            for (int i = 0; i < 10; i++) {
                g.draw(new Line2D.Double(lidarP1[i][0] * SCALE, lidarP1[i][1] * SCALE, lidarP2[i][0] * SCALE, lidarP2[i][1] * SCALE));
            }
        }
        g.setStroke(new BasicStroke(1f));
        // Gymnasium's draw list: terrain (reversed creation order), legs, hull.
        for (int i = terrainBodies.size() - 1; i >= 0; i--) {
            Body b = terrainBodies.get(i);
            EdgeShape e = (EdgeShape) b.getFixtureList().getShape();
            g.setColor(new Color(76, i % 2 == 0 ? 255 : 204, 76));
            g.draw(new Line2D.Double(e.m_vertex1.x * SCALE, e.m_vertex1.y * SCALE, e.m_vertex2.x * SCALE, e.m_vertex2.y * SCALE));
        }
        for (int i = obstacleBodies.size() - 1; i >= 0; i--) {
            drawBody(g, obstacleBodies.get(i), new Color(255, 255, 255), new Color(153, 153, 153));
        }
        for (int k = 0; k < 4; k++) {
            int i = k < 2 ? -1 : +1;
            drawBody(g, legs[k], new Color(153 - i * 25, 76 - i * 25, 127 - i * 25), new Color(102 - i * 25, 51 - i * 25, 76 - i * 25));
        }
        drawBody(g, hull, new Color(127, 51, 229), new Color(76, 76, 127));
        double flagY1 = TERRAIN_HEIGHT * SCALE;
        double flagY2 = flagY1 + 50;
        double x = TERRAIN_STEP * 3 * SCALE;
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(x, flagY1, x, flagY2));
        Path2D.Double flag = new Path2D.Double();
        flag.moveTo(x, flagY2);
        flag.lineTo(x, flagY2 - 10);
        flag.lineTo(x + 25, flagY2 - 5);
        flag.closePath();
        g.setColor(new Color(230, 51, 0));
        g.fill(flag);
        g.setColor(Color.BLACK);
        g.draw(flag);
        g.dispose();
        return image;
    }

    private static void drawBody(Graphics2D g, Body body, Color fill, Color outline) {
        Transform xf = body.getTransform();
        Vec2 out = new Vec2();
        for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
            if (f.getShape() instanceof PolygonShape poly) {
                Path2D.Double path = new Path2D.Double();
                for (int i = 0; i < poly.getVertexCount(); i++) {
                    Transform.mulToOut(xf, poly.getVertex(i), out);
                    if (i == 0) {
                        path.moveTo(out.x * SCALE, out.y * SCALE);
                    } else {
                        path.lineTo(out.x * SCALE, out.y * SCALE);
                    }
                }
                path.closePath();
                g.setColor(fill);
                g.fill(path);
                g.setColor(outline);
                g.draw(path);
            }
        }
    }

    @Override
    public String toString() {
        return "BipedalWalkerEnv(hardcore=" + hardcore + ")";
    }
}
