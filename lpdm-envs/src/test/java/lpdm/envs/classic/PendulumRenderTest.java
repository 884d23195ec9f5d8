package lpdm.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, defect 12 ("the Pendulum GIF lacks Gymnasium's torque arrow"): the arrow is drawn, as
 * Gymnasium sizes it (diameter scale * |u| / 2, under the axle), so a torque near 0 (what an
 * untrained deterministic policy outputs: its head starts with gain 0.01) hides it under the
 * axle. This pins both facts.
 */
class PendulumRenderTest {
    static int blackPixels(BufferedImage im) {
        int count = 0;
        for (int y = 0; y < im.getHeight(); y++) {
            for (int x = 0; x < im.getWidth(); x++) {
                int p = im.getRGB(x, y);
                if (((p >> 16) & 255) < 60 && ((p >> 8) & 255) < 60 && (p & 255) < 60) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void torqueArrowGrowsWithTheTorqueAndHidesUnderTheAxleNearZero() {
        int[] counts = new int[3];
        float[] torques = {0.02f, 1f, -2f};
        for (int i = 0; i < torques.length; i++) {
            try (Env env = EnvRegistry.make("Pendulum-v1")) {
                env.reset(1);
                env.step(new float[] {torques[i]});
                counts[i] = blackPixels(env.render());
            }
        }
        int axleOnly;
        try (Env env = EnvRegistry.make("Pendulum-v1")) {
            env.reset(1);
            axleOnly = blackPixels(env.render()); // after reset: no torque yet, no arrow
        }
        assertThat(counts[0]).isLessThan(axleOnly + 20);
        assertThat(counts[1]).isGreaterThan(axleOnly + 200);
        assertThat(counts[2]).isGreaterThan(counts[1]);
    }
}
