package lpdm.envs.box2d;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, defect 12: a lander that flies above the viewport is still in its episode (Gymnasium
 * ends it only on a crash, at |x| >= 1 or at rest), so the GIF goes on; the frame then marks where
 * the lander is instead of showing an empty sky.
 */
class LunarLanderRenderTest {
    static int landerColouredPixelsInTopRows(BufferedImage im, int rows) {
        int count = 0;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < im.getWidth(); x++) {
                int p = im.getRGB(x, y);
                int r = (p >> 16) & 255;
                int gr = (p >> 8) & 255;
                int b = p & 255;
                if (b > 150 && r > 80 && r < 180 && gr < 140) { // the lander's purple fill
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aLanderAboveTheViewIsMarkedAndItsEpisodeGoesOn() {
        LunarLanderEnv env = new LunarLanderEnv();
        env.reset(3);
        StepResult r = null;
        int steps = 0;
        while (steps < 300) { // main engine only: the lander climbs out of the top of the view
            r = env.step(2);
            steps++;
            if (r.done() || r.observation()[1] > 2.5) {
                break;
            }
        }
        assertThat(r.done()).as("flying up does not end the episode").isFalse();
        assertThat(r.observation()[1]).isGreaterThan(2.5f);
        assertThat(landerColouredPixelsInTopRows(env.render(), 20)).isGreaterThan(50);

        LunarLanderEnv inView = new LunarLanderEnv();
        inView.reset(3);
        for (int i = 0; i < 40; i++) { // engines off: it falls into the view
            inView.step(0);
        }
        assertThat(landerColouredPixelsInTopRows(inView.render(), 20)).as("no marker while the lander is in view").isZero();
    }
}
