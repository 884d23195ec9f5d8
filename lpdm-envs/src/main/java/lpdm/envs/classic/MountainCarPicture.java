package lpdm.envs.classic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;

/** The picture both mountain-car envs draw: the valley, the car with its wheels and the goal flag. */
final class MountainCarPicture {
    static final int WIDTH = 600;
    static final int HEIGHT = 400;
    private static final double MIN_POSITION = -1.2;
    private static final double MAX_POSITION = 0.6;

    private MountainCarPicture() {
    }

    private static double height(double x) {
        return Math.sin(3 * x) * 0.45 + 0.55;
    }

    /** Draws the car at {@code position} and the flag at {@code goalPosition}, 600 x 400 pixels. */
    static BufferedImage draw(double position, double goalPosition) {
        double scale = WIDTH / (MAX_POSITION - MIN_POSITION);
        double carWidth = 40;
        double carHeight = 20;
        double clearance = 10;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        // Gymnasium draws with y pointing up and flips the picture; do the same with a transform.
        g.transform(new AffineTransform(1, 0, 0, -1, 0, HEIGHT));

        Path2D.Double hill = new Path2D.Double();
        for (int i = 0; i < 100; i++) {
            double x = MIN_POSITION + (MAX_POSITION - MIN_POSITION) * i / 99.0;
            double px = (x - MIN_POSITION) * scale;
            double py = height(x) * scale;
            if (i == 0) {
                hill.moveTo(px, py);
            } else {
                hill.lineTo(px, py);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(hill);

        double carX = (position - MIN_POSITION) * scale;
        double carY = clearance + height(position) * scale;
        double tilt = Math.cos(3 * position);
        AffineTransform saved = g.getTransform();
        g.translate(carX, carY);
        g.rotate(tilt);
        g.setColor(Color.BLACK);
        g.fill(new java.awt.geom.Rectangle2D.Double(-carWidth / 2, 0, carWidth, carHeight));
        g.setColor(new Color(128, 128, 128));
        double wheelRadius = Math.floor(carHeight / 2.5);
        for (double wx : new double[] {carWidth / 4, -carWidth / 4}) {
            g.fill(new Ellipse2D.Double(wx - wheelRadius, -wheelRadius, 2 * wheelRadius, 2 * wheelRadius));
        }
        g.setTransform(saved);

        double flagX = Math.floor((goalPosition - MIN_POSITION) * scale);
        double flagY1 = Math.floor(height(goalPosition) * scale);
        double flagY2 = flagY1 + 50;
        g.setColor(Color.BLACK);
        g.draw(new Line2D.Double(flagX, flagY1, flagX, flagY2));
        Path2D.Double flag = new Path2D.Double();
        flag.moveTo(flagX, flagY2);
        flag.lineTo(flagX, flagY2 - 10);
        flag.lineTo(flagX + 25, flagY2 - 5);
        flag.closePath();
        g.setColor(new Color(204, 204, 0));
        g.fill(flag);
        g.dispose();
        return image;
    }
}
