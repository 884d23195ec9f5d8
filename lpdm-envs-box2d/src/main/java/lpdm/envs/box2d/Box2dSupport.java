package lpdm.envs.box2d;

import org.jbox2d.collision.shapes.MassData;
import org.jbox2d.collision.shapes.PolygonShape;
import org.jbox2d.common.Rot;
import org.jbox2d.common.Settings;
import org.jbox2d.common.Sweep;
import org.jbox2d.common.Transform;
import org.jbox2d.common.Vec2;
import org.jbox2d.dynamics.Body;
import org.jbox2d.dynamics.BodyType;
import org.jbox2d.dynamics.Fixture;
import org.jbox2d.dynamics.World;

/**
 * What every Box2D env here does to make jbox2d 2.2.1.1 behave like the Box2D 2.3.0 that Gymnasium
 * runs through pybox2d 2.3.10 (each point was found by comparing the two engines step by step).
 *
 * <ul>
 *   <li>jbox2d computes sines and cosines from a lookup table with a step of 1.1e-4 rad by default
 *       (and atan2 with a rough polynomial); Box2D calls {@code sinf}/{@code cosf}/{@code atan2f}.
 *       {@link #configure()} switches jbox2d to {@code StrictMath}, whose double results rounded
 *       to float are the correctly rounded float values. These switches are global static fields
 *       of jbox2d; this module is the only user of jbox2d in the project.</li>
 *   <li>jbox2d's {@code PolygonShape.computeMass} shifts the inertia by {@code m |c|^2} where
 *       Box2D 2.3 shifts it by {@code m (|c|^2 - |c - s|^2)} (s = the vertex average used as
 *       the reference point), so jbox2d overstates the inertia of every polygon whose vertex
 *       average is not its centroid (the lander's and the walker's hulls). {@link
 *       #applyBox2d23Mass(Body)} recomputes a body's mass data with Box2D 2.3's float formulas and
 *       sets it exactly as Box2D's {@code ResetMassData} would.</li>
 *   <li>jbox2d's {@code Body.synchronizeTransform} rounds {@code c - R * localCenter} differently
 *       from Box2D; {@link #syncTransforms(World)} redoes it Box2D's way after every step.</li>
 *   <li>jbox2d creates contacts disabled, so the continuous-collision pass ignores them in the
 *       step in which they appear; {@link Box2dWorldPool} creates them enabled, as Box2D does.</li>
 * </ul>
 *
 * <p>Not correctable from outside jbox2d: glibc's {@code sinf}/{@code cosf} are not correctly
 * rounded for a few arguments (Box2D inherits that; jbox2d is exact), and jbox2d drops a two-point
 * contact to one point above a mass-matrix condition number of 100 where Box2D 2.3 allows 1000
 * (a compile-time constant inside a final method).
 */
final class Box2dSupport {
    private Box2dSupport() {
    }

    static {
        Settings.SINCOS_LUT_ENABLED = false;
        Settings.SINCOS_LUT_LERP = false;
        Settings.FAST_ATAN2 = false;
        Settings.FAST_ABS = false;
        Settings.FAST_FLOOR = false;
        Settings.FAST_CEIL = false;
        Settings.FAST_ROUND = false;
    }

    /** Applies the global jbox2d settings (idempotent; runs the static initialiser). */
    static void configure() {
        // The work is done once, in the static initialiser.
    }

    /**
     * Box2D 2.3's {@code b2PolygonShape::ComputeMass}, operation for operation in float.
     * Returns {mass, centerX, centerY, inertia about the shape origin}.
     */
    static float[] polygonMass23(PolygonShape shape, float density) {
        int n = shape.m_count;
        Vec2[] v = shape.m_vertices;
        float sx = 0f;
        float sy = 0f;
        for (int i = 0; i < n; i++) {
            sx += v[i].x;
            sy += v[i].y;
        }
        float invN = 1.0f / n;
        sx *= invN;
        sy *= invN;
        final float kInv3 = 1.0f / 3.0f;
        float cx = 0f;
        float cy = 0f;
        float area = 0f;
        float inertia = 0f;
        for (int i = 0; i < n; i++) {
            Vec2 a = v[i];
            Vec2 b = i + 1 < n ? v[i + 1] : v[0];
            float e1x = a.x - sx;
            float e1y = a.y - sy;
            float e2x = b.x - sx;
            float e2y = b.y - sy;
            float d = e1x * e2y - e1y * e2x;
            float triangleArea = 0.5f * d;
            area += triangleArea;
            float w = triangleArea * kInv3;
            cx += w * (e1x + e2x);
            cy += w * (e1y + e2y);
            float intx2 = e1x * e1x + e2x * e1x + e2x * e2x;
            float inty2 = e1y * e1y + e2y * e1y + e2y * e2y;
            inertia += (0.25f * kInv3 * d) * (intx2 + inty2);
        }
        float mass = density * area;
        float invArea = 1.0f / area;
        cx *= invArea;
        cy *= invArea;
        float mcx = cx + sx;
        float mcy = cy + sy;
        float i = density * inertia;
        i += mass * ((mcx * mcx + mcy * mcy) - (cx * cx + cy * cy));
        return new float[] {mass, mcx, mcy, i};
    }

    /**
     * Recomputes the mass data of a dynamic body whose fixtures are polygons with Box2D 2.3's
     * formulas and sets it as {@code b2Body::ResetMassData} would (same float operations, so the
     * body's mass, inverse mass, local centre and inertia are those Box2D 2.3 would hold).
     */
    static void applyBox2d23Mass(Body body) {
        if (body.getType() != BodyType.DYNAMIC) {
            return;
        }
        float mass = 0f;
        float lcx = 0f;
        float lcy = 0f;
        float inertia = 0f;
        for (Fixture f = body.getFixtureList(); f != null; f = f.getNext()) {
            if (f.getDensity() == 0f) {
                continue;
            }
            if (!(f.getShape() instanceof PolygonShape p)) {
                throw new IllegalStateException("only polygon fixtures are supported here, got " + f.getShape().getType());
            }
            float[] md = polygonMass23(p, f.getDensity());
            mass += md[0];
            lcx += md[0] * md[1];
            lcy += md[0] * md[2];
            inertia += md[3];
        }
        if (!(mass > 0f)) {
            return;
        }
        float invMass = 1.0f / mass;
        lcx *= invMass;
        lcy *= invMass;
        MassData data = new MassData();
        data.mass = mass;
        data.center.set(lcx, lcy);
        data.I = inertia;
        body.setMassData(data);
    }

    /**
     * Recomputes every dynamic body's transform from its sweep with Box2D's rounding,
     * {@code p = c - R(a) * localCenter} (one subtraction of the whole product); jbox2d's {@code
     * Body.synchronizeTransform} evaluates {@code c.x - cos * lc.x + sin * lc.y} left to right,
     * which can differ in the last bit when the local centre has two non-zero components (the
     * walker's hull). Call after every {@code World.step}: the next step's contact manifolds, the
     * lidar and the observations all read these transforms.
     */
    static void syncTransforms(World world) {
        for (Body b = world.getBodyList(); b != null; b = b.getNext()) {
            if (b.getType() != BodyType.DYNAMIC) {
                continue;
            }
            Transform xf = b.m_xf;
            Sweep sweep = b.m_sweep;
            Rot q = xf.q;
            Vec2 lc = sweep.localCenter;
            xf.p.x = sweep.c.x - (q.c * lc.x - q.s * lc.y);
            xf.p.y = sweep.c.y - (q.s * lc.x + q.c * lc.y);
        }
    }

    /** A float32 vector from double coordinates, rounded as pybox2d rounds Python floats. */
    static Vec2 vec(double x, double y) {
        return new Vec2((float) x, (float) y);
    }
}
