package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.awt.image.BufferedImage;
import lpdm.core.random.Rng;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java2D pictures of the MuJoCo tasks: size, where geoms land for constructed states (scale
 * and camera of each view), and that drawing leaves the simulation alone.
 */
class MujocoRenderTest {
    /** geom_rgba of Hopper's geoms (0.8 0.6 0.4) as 8-bit RGB. */
    private static final int HOPPER_BODY = rgb(0.8, 0.6, 0.4);
    /** The floor's rgba (0.8 0.9 0.8) as 8-bit RGB. */
    private static final int FLOOR = rgb(0.8, 0.9, 0.8);
    /** The inverted pendulum's pole (0 0.7 0.7). */
    private static final int POLE = rgb(0, 0.7, 0.7);
    /** Reacher's target (0.9 0.2 0.2). */
    private static final int TARGET = rgb(0.9, 0.2, 0.2);

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    private static int rgb(double r, double g, double b) {
        return (Math.round((float) r * 255) << 16) | (Math.round((float) g * 255) << 8) | Math.round((float) b * 255);
    }

    /** Mean column and row of the pixels of exactly {@code colour}, and their count. */
    private static double[] centroid(BufferedImage image, int colour) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == colour) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        return new double[] {sx / n, sy / n, n};
    }

    @ParameterizedTest
    @MethodSource("lpdm.envs.mujoco.MujocoTests#ids")
    void eachTaskDrawsA480By480PictureWithoutChangingTheSimulation(String id) {
        try (Env drawn = EnvRegistry.make(id); Env plain = EnvRegistry.make(id)) {
            drawn.reset(5);
            plain.reset(5);
            Box space = (Box) drawn.actionSpace();
            Rng actions = new Rng(9);
            for (int i = 0; i < 30; i++) {
                BufferedImage image = drawn.render();
                assertThat(image.getWidth()).isEqualTo(480);
                assertThat(image.getHeight()).isEqualTo(480);
                float[] action = space.sample(actions);
                StepResult a = drawn.step(action);
                StepResult b = plain.step(action);
                assertThat(a.observation()).as("step %d", i).containsExactly(b.observation());
                assertThat(Double.doubleToRawLongBits(a.reward())).isEqualTo(Double.doubleToRawLongBits(b.reward()));
                if (a.done()) {
                    break;
                }
            }
            BufferedImage image = drawn.render();
            assertThat(centroid(image, image.getRGB(0, 0) & 0xFFFFFF)[2]).as("not all background").isLessThan(480 * 480);
        }
    }

    @Test
    void hopperSideViewFollowsTheTorsoHorizontallyButNotVertically() {
        try (Env env = EnvRegistry.make("Hopper-v5")) {
            env.reset(1);
            double[] state = new double[12];
            state[1] = 1.25; // rootz at its reference: torso centre 1.25 m high, legs down to the floor
            double[] standing = centroid(drawnAt(env, state), HOPPER_BODY);
            state[1] = 1.55;
            double[] raised = centroid(drawnAt(env, state), HOPPER_BODY);
            // 0.3 m higher at 160 pixels per metre: 48 pixels up.
            assertThat(standing[1] - raised[1]).isCloseTo(48, offset(2.0));
            state[1] = 1.25;
            BufferedImage atZero = drawnAt(env, state);
            state[0] = 0.5; // rootx: the camera follows, the hopper stays in the middle, the floor's tiles move
            BufferedImage moved = drawnAt(env, state);
            assertThat(centroid(moved, HOPPER_BODY)[0]).isCloseTo(centroid(atZero, HOPPER_BODY)[0], offset(1.0));
            // The floor (z <= 0) starts 1 m below the centre: rows 400 and below; sky above the hopper's head.
            assertThat(atZero.getRGB(10, 430) & 0xFFFFFF).isEqualTo(FLOOR);
            assertThat(atZero.getRGB(10, 30) & 0xFFFFFF).isNotIn(FLOOR, darker(FLOOR));
            int changed = 0;
            for (int x = 0; x < 480; x++) {
                changed += atZero.getRGB(x, 405) != moved.getRGB(x, 405) ? 1 : 0;
            }
            assertThat(changed).as("floor tiles shifted by 0.5 m = 80 pixels").isGreaterThan(100);
            assertThat(atZero.getRGB(10, 405) & 0xFFFFFF).isIn(FLOOR, darker(FLOOR));
        }
    }

    /** Sets the state (qpos then qvel) and draws it. */
    private static BufferedImage drawnAt(Env env, double[] state) {
        env.setState(state);
        return env.render();
    }

    private static int darker(int colour) {
        return MujocoPicture.tileShade(new java.awt.Color(colour)).getRGB() & 0xFFFFFF;
    }

    @Test
    void invertedPendulumCameraIsFixed() {
        try (Env env = EnvRegistry.make("InvertedPendulum-v5")) {
            env.reset(1);
            double[] at0 = centroid(drawnAt(env, new double[] {0, 0, 0, 0}), POLE);
            double[] at05 = centroid(drawnAt(env, new double[] {0.5, 0, 0, 0}), POLE);
            // The cart 0.5 m to the right at 200 pixels per metre: the pole 100 pixels to the right.
            assertThat(at05[0] - at0[0]).isCloseTo(100, offset(1.0));
            assertThat(at05[1]).isCloseTo(at0[1], offset(0.5));
            // Upright pole: its pixels above the rail (row 240 + 0.25 * 200 = 290), between 0 and 0.6 m up.
            assertThat(at0[1]).isBetween(290 - 0.6 * 200, 290.0);
        }
    }

    @Test
    void reacherTopViewDrawsTheTargetWhereItIs() {
        try (Env env = EnvRegistry.make("Reacher-v5")) {
            env.reset(1);
            BufferedImage image = drawnAt(env, new double[] {0, 0, 0.1, -0.15, 0, 0, 0, 0});
            // x = 0.1 m right, y = -0.15 m down at 600 pixels per metre from the centre (240, 240).
            assertThat(image.getRGB(240 + 60, 240 + 90) & 0xFFFFFF).isEqualTo(TARGET);
            double[] target = centroid(image, TARGET);
            assertThat(target[0]).isCloseTo(300, offset(1.0));
            assertThat(target[1]).isCloseTo(330, offset(1.0));
        }
    }
}
