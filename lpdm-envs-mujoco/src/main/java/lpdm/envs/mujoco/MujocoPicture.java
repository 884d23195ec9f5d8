package lpdm.envs.mujoco;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pictures of a MuJoCo model drawn with Java2D (MuJoCo's own renderer needs OpenGL): an
 * orthographic projection of the geoms in flat colours (geom_rgba), far geoms first. Spheres and
 * ellipsoids are drawn as their exact projected outline (an ellipse), capsules as thick lines with
 * round ends between their end points, cylinders as thick lines with flat ends joined with their
 * two end discs, boxes as the projection of their faces, planes as a slab of floor colour below the
 * plane (with 1 m tiles of two shades when the camera follows a body). Every geom gets a dark outline, so that parts of one colour stay distinct. Geoms of
 * group 3 and above (hidden by MuJoCo's viewer by default) and fully transparent ones are skipped.
 *
 * <p>The camera looks along {@code depth}; {@code right} and {@code up} span the picture. It is
 * centred on {@code centre}, or, when {@code trackedBody} is not negative, on that body's x and y
 * with {@code centre}'s z (as Gymnasium's tracking camera follows the torso).
 *
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param pixelsPerMetre scale
 * @param right world direction drawn to the right (unit)
 * @param up world direction drawn upwards (unit, orthogonal to right)
 * @param centre world point at the picture's centre (x and y replaced by the tracked body's)
 * @param trackedBody body id whose x and y the camera follows, or -1 for a fixed camera
 */
record MujocoPicture(int width, int height, double pixelsPerMetre, double[] right, double[] up, double[] centre, int trackedBody) {
    private static final int PLANE = 0;
    private static final int SPHERE = 2;
    private static final int CAPSULE = 3;
    private static final int ELLIPSOID = 4;
    private static final int CYLINDER = 5;
    private static final int BOX = 6;
    /** Depth of the slab drawn below a plane, metres. */
    private static final double SLAB = 100;
    /** Half extent used for an infinite plane (size 0), metres. */
    private static final double INFINITE = 100;

    /** A side view: x to the right, z up, looking along +y. */
    static MujocoPicture side(int size, double pixelsPerMetre, double centreX, double centreZ, int trackedBody) {
        return new MujocoPicture(size, size, pixelsPerMetre, new double[] {1, 0, 0}, new double[] {0, 0, 1}, new double[] {centreX, 0, centreZ},
                trackedBody);
    }

    /** A top view: x to the right, y up, looking down along -z. */
    static MujocoPicture top(int size, double pixelsPerMetre, double centreX, double centreY) {
        return new MujocoPicture(size, size, pixelsPerMetre, new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {centreX, centreY, 0}, -1);
    }

    /** A view from the side (-y), raised by {@code elevationDegrees} and looking down: x to the right. */
    static MujocoPicture oblique(int size, double pixelsPerMetre, double elevationDegrees, double centreZ, int trackedBody) {
        double e = Math.toRadians(elevationDegrees);
        return new MujocoPicture(size, size, pixelsPerMetre, new double[] {1, 0, 0}, new double[] {0, Math.sin(e), Math.cos(e)},
                new double[] {0, 0, centreZ}, trackedBody);
    }

    /** The direction the camera looks along (away from the viewer): up x right. */
    double[] depth() {
        return cross(up, right);
    }

    /** One geom as read from {@link MujocoSim#geoms()}. */
    private record Geom(int type, double[] size, Color colour, double[] pos, double[] mat, double depth) {
        /** Column {@code c} of the rotation: the geom's local axis c in world coordinates. */
        double[] axis(int c) {
            return new double[] {mat[c], mat[3 + c], mat[6 + c]};
        }
    }

    /** Draws the geoms of {@code sim}'s current qpos. */
    BufferedImage draw(MujocoSim sim) {
        double[] values = sim.geoms();
        double[] look = depth();
        double[] c = centre.clone();
        if (trackedBody >= 0) {
            double[] xpos = sim.get(MujocoNative.XPOS);
            c[0] = xpos[3 * trackedBody];
            c[1] = xpos[3 * trackedBody + 1];
        }
        List<Geom> geoms = new ArrayList<>();
        int n = MujocoNative.GEOM_VALUES;
        for (int g = 0; g < values.length / n; g++) {
            int o = n * g;
            float alpha = (float) values[o + 8];
            if (values[o + 1] >= 3 || alpha <= 0) {
                continue;
            }
            double[] pos = {values[o + 9], values[o + 10], values[o + 11]};
            Color colour = new Color(clamp(values[o + 5]), clamp(values[o + 6]), clamp(values[o + 7]));
            geoms.add(new Geom((int) values[o], new double[] {values[o + 2], values[o + 3], values[o + 4]}, colour, pos,
                    java.util.Arrays.copyOfRange(values, o + 12, o + 21), dot(pos, look)));
        }
        // Planes first, then the other geoms far to near.
        geoms.sort(Comparator.comparingInt((Geom g) -> g.type() == PLANE ? 0 : 1).thenComparing(Geom::depth, Comparator.reverseOrder()));
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0.93f, 0.95f, 0.98f));
        g.fillRect(0, 0, width, height);
        // Screen coordinates: pixels, y down; world point p -> (right.(p-c), -up.(p-c)) * scale + half size.
        g.setTransform(new AffineTransform(pixelsPerMetre, 0, 0, -pixelsPerMetre, width / 2.0, height / 2.0));
        for (Geom geom : geoms) {
            drawGeom(g, geom, c);
        }
        g.dispose();
        return image;
    }

    /** The picture coordinates (metres, y up, origin at the centre) of a world point. */
    private double[] project(double[] p, double[] c) {
        double[] d = {p[0] - c[0], p[1] - c[1], p[2] - c[2]};
        return new double[] {dot(d, right), dot(d, up)};
    }

    private void drawGeom(Graphics2D g, Geom geom, double[] c) {
        float outline = (float) (1.5 / pixelsPerMetre);
        Color dark = geom.colour().darker().darker();
        switch (geom.type()) {
            case PLANE -> drawPlane(g, geom, c);
            case SPHERE -> fillOutlined(g, ellipse(geom.pos(), new double[][] {scaled(geom.axis(0), geom.size()[0]), scaled(geom.axis(1), geom.size()[0]),
                scaled(geom.axis(2), geom.size()[0])}, c), geom.colour(), dark, outline);
            case ELLIPSOID -> fillOutlined(g, ellipse(geom.pos(), new double[][] {scaled(geom.axis(0), geom.size()[0]),
                scaled(geom.axis(1), geom.size()[1]), scaled(geom.axis(2), geom.size()[2])}, c), geom.colour(), dark, outline);
            case CAPSULE, CYLINDER -> {
                double r = geom.size()[0];
                double[] half = scaled(geom.axis(2), geom.size()[1]);
                double[] a = project(plus(geom.pos(), half, -1), c);
                double[] b = project(plus(geom.pos(), half, 1), c);
                int cap = geom.type() == CAPSULE ? BasicStroke.CAP_ROUND : BasicStroke.CAP_BUTT;
                Line2D line = new Line2D.Double(a[0], a[1], b[0], b[1]);
                float thickness = (float) (2 * r);
                java.awt.geom.Area shape = new java.awt.geom.Area(new BasicStroke(thickness, cap, BasicStroke.JOIN_ROUND).createStrokedShape(line));
                if (geom.type() == CYLINDER) {
                    // The two end discs (ellipses when seen at an angle; the whole outline when seen along the axis).
                    double[][] disc = {scaled(geom.axis(0), r), scaled(geom.axis(1), r), {0, 0, 0}};
                    shape.add(new java.awt.geom.Area(ellipse(plus(geom.pos(), half, -1), disc, c)));
                    shape.add(new java.awt.geom.Area(ellipse(plus(geom.pos(), half, 1), disc, c)));
                }
                fillOutlined(g, shape, geom.colour(), dark, outline);
            }
            case BOX -> fillOutlined(g, box(geom.pos(), geom.axis(0), geom.axis(1), geom.axis(2), geom.size(), c), geom.colour(), dark, outline);
            default -> {
                // Meshes, height fields and other types: not in the shipped models; drawn as nothing.
            }
        }
    }

    /**
     * A plane: a slab of its colour below it; when the camera follows a body, with 1 m tiles of two
     * shades along the plane's local x.
     */
    private void drawPlane(Graphics2D g, Geom geom, double[] c) {
        double sx = geom.size()[0] > 0 ? geom.size()[0] : INFINITE;
        double sy = geom.size()[1] > 0 ? geom.size()[1] : INFINITE;
        double[] ax = geom.axis(0);
        double[] ay = geom.axis(1);
        double[] normal = geom.axis(2);
        g.setColor(geom.colour());
        g.fill(box(plus(geom.pos(), normal, -SLAB / 2), ax, ay, normal, new double[] {sx, sy, SLAB / 2}, c));
        if (trackedBody < 0) {
            return; // tiles only show motion under a camera that follows the body
        }
        g.setColor(tileShade(geom.colour()));
        for (double x = -Math.floor(sx); x + 1 <= sx; x += 2) {
            double[] tileCentre = plus(plus(geom.pos(), ax, x + 0.5), normal, -0.05);
            g.fill(box(tileCentre, ax, ay, normal, new double[] {0.5, sy, 0.05}, c));
        }
    }

    /** The projected outline of a box (half sizes {@code s} along axes a0, a1, a2): its six faces. */
    private Path2D box(double[] pos, double[] a0, double[] a1, double[] a2, double[] s, double[] c) {
        double[][] corners = new double[8][];
        for (int i = 0; i < 8; i++) {
            double[] p = plus(plus(plus(pos, a0, (i & 1) == 0 ? -s[0] : s[0]), a1, (i & 2) == 0 ? -s[1] : s[1]), a2, (i & 4) == 0 ? -s[2] : s[2]);
            corners[i] = project(p, c);
        }
        int[][] faces = {{0, 1, 3, 2}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 3, 7, 5}};
        Path2D path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        for (int[] face : faces) {
            path.moveTo(corners[face[0]][0], corners[face[0]][1]);
            for (int k = 1; k < 4; k++) {
                path.lineTo(corners[face[k]][0], corners[face[k]][1]);
            }
            path.closePath();
        }
        return path;
    }

    /**
     * The exact projected outline of an ellipsoid with semi-axes {@code axes} (world vectors): the
     * image of the unit ball under the 2x3 map M is the ellipse with matrix M M^T.
     */
    private java.awt.Shape ellipse(double[] pos, double[][] axes, double[] c) {
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] a : axes) {
            double u = dot(a, right);
            double v = dot(a, up);
            sxx += u * u;
            sxy += u * v;
            syy += v * v;
        }
        double mean = (sxx + syy) / 2;
        double diff = Math.sqrt(((sxx - syy) / 2) * ((sxx - syy) / 2) + sxy * sxy);
        double major = Math.sqrt(Math.max(0, mean + diff));
        double minor = Math.sqrt(Math.max(0, mean - diff));
        double angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
        double[] p = project(pos, c);
        AffineTransform t = new AffineTransform();
        t.translate(p[0], p[1]);
        t.rotate(angle);
        return t.createTransformedShape(new Ellipse2D.Double(-major, -minor, 2 * major, 2 * minor));
    }

    private static void fillOutlined(Graphics2D g, java.awt.Shape shape, Color fill, Color dark, float outline) {
        g.setColor(fill);
        g.fill(shape);
        g.setColor(dark);
        g.setStroke(new BasicStroke(outline, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shape);
    }

    /** The second shade of a plane's tiles: its colour at 85 %. */
    static Color tileShade(Color c) {
        return new Color(Math.round(c.getRed() * 0.85f), Math.round(c.getGreen() * 0.85f), Math.round(c.getBlue() * 0.85f));
    }

    private static float clamp(double v) {
        return (float) Math.max(0, Math.min(1, v));
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] scaled(double[] a, double s) {
        return new double[] {a[0] * s, a[1] * s, a[2] * s};
    }

    /** p + s * a */
    private static double[] plus(double[] p, double[] a, double s) {
        return new double[] {p[0] + s * a[0], p[1] + s * a[1], p[2] + s * a[2]};
    }
}
