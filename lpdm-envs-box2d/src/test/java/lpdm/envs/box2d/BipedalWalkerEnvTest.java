package lpdm.envs.box2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.Map;
import lpdm.core.random.Rng;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.InvalidActionException;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;

class BipedalWalkerEnvTest {

    @Test
    void registeredWithGymnasiumLimits() {
        assertThat(EnvRegistry.spec("BipedalWalker-v3").maxEpisodeSteps()).isEqualTo(1600);
        assertThat(EnvRegistry.spec("BipedalWalker-v3").rewardThreshold()).isEqualTo(300.0);
        assertThat(EnvRegistry.spec("BipedalWalkerHardcore-v3").maxEpisodeSteps()).isEqualTo(2000);
        assertThat(EnvRegistry.spec("BipedalWalkerHardcore-v3").rewardThreshold()).isEqualTo(300.0);
        assertThat(((BipedalWalkerEnv) EnvRegistry.make("BipedalWalkerHardcore-v3").unwrapped()).hardcore()).isTrue();
        assertThat(((BipedalWalkerEnv) EnvRegistry.make("BipedalWalker-v3", Map.of("hardcore", true)).unwrapped()).hardcore()).isTrue();
        assertThatThrownBy(() -> EnvRegistry.make("BipedalWalker-v3", Map.of("hard", true))).isInstanceOf(IllegalArgumentException.class);
        assertThat(EnvRegistry.make("BipedalWalker-v3").actionSpace()).isEqualTo(Box.uniform(-1, 1, 4));
    }

    @Test
    void observationLayoutAndBounds() {
        Env env = EnvRegistry.make("BipedalWalker-v3");
        Box space = (Box) env.observationSpace();
        assertThat(space.size()).isEqualTo(24);
        float[] obs = env.reset(0);
        assertThat(space.contains(obs)).isTrue();
        // Standing on the flat start pad: hull nearly level, legs as built (hip ~ +-0.05 apart, knees + 1).
        assertThat(Math.abs(obs[0])).isLessThan(0.05f);
        for (int i = 14; i < 24; i++) {
            assertThat(obs[i]).isBetween(0f, 1f);
        }
        // Rays pointing down hit the ground well within range; the most forward ones may not.
        assertThat(obs[14]).isLessThan(1f);
        Rng rng = new Rng(3);
        for (int t = 0; t < 100; t++) {
            StepResult r = env.step(((Box) env.actionSpace()).sample(rng));
            float[] o = r.observation();
            assertThat(o[8]).isIn(0f, 1f);
            assertThat(o[13]).isIn(0f, 1f);
            for (int i = 14; i < 24; i++) {
                assertThat(o[i]).isBetween(0f, 1f);
            }
            if (r.done()) {
                break;
            }
        }
    }

    @Test
    void deterministicPerSeedAndHardcoreHasObstacles() {
        for (boolean hardcore : new boolean[] {false, true}) {
            float[][] a = rollout(hardcore, 21, 150);
            float[][] b = rollout(hardcore, 21, 150);
            float[][] c = rollout(hardcore, 22, 150);
            assertThat(a).isDeepEqualTo(b);
            assertThat(a).isNotEqualTo(c);
        }
        // An env that already ran other episodes (its world is emptied, not rebuilt) reproduces a
        // fresh env's episode exactly.
        BipedalWalkerEnv used = new BipedalWalkerEnv(true);
        Rng history = new Rng(5);
        for (long seed = 30; seed < 33; seed++) {
            used.reset(seed);
            for (int t = 0; t < 80 && !used.step(((Box) used.actionSpace()).sample(history)).done(); t++) {
                // history
            }
        }
        float[][] fresh = rollout(true, 21, 150);
        Rng actions = new Rng(7);
        float[][] again = new float[fresh.length][];
        again[0] = used.reset(21);
        for (int t = 1; t < fresh.length; t++) {
            again[t] = used.step(((Box) used.actionSpace()).sample(actions)).observation();
        }
        assertThat(again).isDeepEqualTo(fresh);

        BipedalWalkerEnv normal = new BipedalWalkerEnv(false);
        normal.reset(1);
        assertThat(normal.obstacleCountForTest()).isZero();
        BipedalWalkerEnv hard = new BipedalWalkerEnv(true);
        int obstacles = 0;
        for (long seed = 0; seed < 3; seed++) {
            hard.reset(seed);
            obstacles += hard.obstacleCountForTest();
        }
        assertThat(obstacles).isGreaterThan(10);
    }

    private static float[][] rollout(boolean hardcore, long seed, int steps) {
        BipedalWalkerEnv env = new BipedalWalkerEnv(hardcore);
        Rng actions = new Rng(7);
        float[][] out = new float[steps + 1][];
        out[0] = env.reset(seed);
        for (int t = 0; t < steps; t++) {
            StepResult r = env.step(((Box) env.actionSpace()).sample(actions));
            out[t + 1] = r.observation();
            if (r.done()) {
                return java.util.Arrays.copyOf(out, t + 2);
            }
        }
        return out;
    }

    @Test
    void zeroActionCostsNoTorqueOnlyShaping() {
        BipedalWalkerEnv env = new BipedalWalkerEnv(false);
        env.reset(4);
        double startShaping = env.hullForTest()[3];
        double sum = 0;
        StepResult r;
        int t = 0;
        double before;
        do {
            before = env.hullForTest()[3];
            r = env.step(new float[4]);
            t++;
            if (!r.terminated()) {
                double after = env.hullForTest()[3];
                // No torque cost: the reward is the shaping change (rounded to float32, as numpy does).
                assertThat(r.reward()).isEqualTo((double) (float) (after - before));
                assertThat(Math.abs(r.reward())).isLessThan(1.0);
                sum += r.reward();
            }
        } while (!r.done() && t < 300);
        if (!r.terminated()) {
            assertThat(sum).isCloseTo(env.hullForTest()[3] - startShaping, within(1e-4));
        } else {
            // Limp joints: the walker folds and its hull ends on the ground.
            assertThat(r.reward()).isEqualTo(-100.0);
            assertThat(sum).isCloseTo(before - startShaping, within(1e-4));
        }
        // Limp joints let the walker fold and tip forward: a few points of progress (Gymnasium's
        // own zero-action episodes end near step 116 with -100 + 8).
        assertThat(Math.abs(sum)).isLessThan(15.0);
    }

    @Test
    void torqueCostIsProportionalToClippedAction() {
        float[][] actions = {{1f, 1f, 1f, 1f}, {0.5f, -0.5f, 0f, 0f}, {3f, -3f, 0.25f, 0f}};
        double[] costs = {4 * 0.028, 2 * 0.014, 0.028 * 2.25};
        for (int i = 0; i < actions.length; i++) {
            BipedalWalkerEnv env = new BipedalWalkerEnv(false);
            env.reset(8);
            double before = env.hullForTest()[3];
            StepResult r = env.step(actions[i]);
            double after = env.hullForTest()[3];
            assertThat(r.reward()).isCloseTo(after - before - costs[i], within(1e-5));
        }
    }

    @Test
    void hullTouchingTheGroundEndsWithMinus100() {
        BipedalWalkerEnv env = new BipedalWalkerEnv(false);
        env.reset(9);
        env.flipForTest(0.3);
        StepResult r = null;
        for (int t = 0; t < 100; t++) {
            r = env.step(new float[4]);
            if (r.done()) {
                break;
            }
        }
        assertThat(r.terminated()).isTrue();
        assertThat(r.reward()).isEqualTo(-100.0);
        assertThatThrownBy(() -> env.step(new float[4])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidActionsAndUnsupportedState() {
        Env env = EnvRegistry.make("BipedalWalker-v3");
        assertThatThrownBy(() -> env.step(new float[4])).isInstanceOf(IllegalStateException.class);
        env.reset(0);
        assertThatThrownBy(() -> env.step(1)).isInstanceOf(InvalidActionException.class).hasMessageContaining("Box");
        assertThatThrownBy(() -> env.step(new float[3])).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> env.step(new float[] {0f, Float.POSITIVE_INFINITY, 0f, 0f})).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(env::state).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> env.setState(new double[24])).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void renderShowsSkyTerrainAndWalker() {
        BipedalWalkerEnv env = new BipedalWalkerEnv(true);
        env.setRenderLidar(true);
        env.reset(4);
        env.step(new float[] {0.3f, 0.3f, -0.3f, -0.3f});
        BufferedImage img = env.render();
        env.setRenderLidar(false);
        BufferedImage plain = env.render();
        assertThat(img.getWidth()).isEqualTo(600);
        assertThat(img.getHeight()).isEqualTo(400);
        int hull = 0;
        int ground = 0;
        int lidar = 0;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                hull += rgb == 0x7F33E5 ? 1 : 0;
                ground += rgb == 0x66994C ? 1 : 0;
                lidar += (img.getRGB(x, y) != plain.getRGB(x, y)) && (rgb >> 16) > 200 ? 1 : 0;
            }
        }
        assertThat(hull).isGreaterThan(200);
        assertThat(ground).isGreaterThan(20000);
        assertThat(lidar).isGreaterThan(20);
        assertThat(img.getRGB(5, 5) & 0xFFFFFF).isIn(0xD7D7FF, 0xFFFFFF); // sky or cloud
    }
}
