package lpdm.envs.box2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import lpdm.core.random.Rng;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.InvalidActionException;
import lpdm.envs.StepResult;
import lpdm.envs.TimeLimit;
import org.junit.jupiter.api.Test;

class LunarLanderEnvTest {

    /** Gymnasium's shaping, computed from an observation (float32 values, so only approximately the env's). */
    static double shaping(float[] s) {
        return -100 * Math.sqrt(s[0] * (double) s[0] + s[1] * (double) s[1])
                - 100 * Math.sqrt(s[2] * (double) s[2] + s[3] * (double) s[3])
                - 100 * Math.abs(s[4]) + 10 * s[6] + 10 * s[7];
    }

    @Test
    void registeredWithGymnasiumLimits() {
        assertThat(EnvRegistry.ids()).contains("LunarLander-v3", "LunarLanderContinuous-v3");
        assertThat(EnvRegistry.spec("LunarLander-v3").maxEpisodeSteps()).isEqualTo(1000);
        assertThat(EnvRegistry.spec("LunarLander-v3").rewardThreshold()).isEqualTo(200.0);
        Env env = EnvRegistry.make("LunarLander-v3");
        assertThat(env).isInstanceOf(TimeLimit.class);
        assertThat(env.actionSpace()).isEqualTo(new Discrete(4));
        assertThat(EnvRegistry.make("LunarLander-v3", Map.of("continuous", true)).actionSpace()).isEqualTo(Box.uniform(-1, 1, 2));
        assertThat(EnvRegistry.make("LunarLanderContinuous-v3").actionSpace()).isEqualTo(Box.uniform(-1, 1, 2));
        assertThatThrownBy(() -> EnvRegistry.make("LunarLander-v3", Map.of("gravity", -13.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gravity");
        assertThatThrownBy(() -> EnvRegistry.make("LunarLander-v3", Map.of("wind", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enable_wind");
    }

    @Test
    void observationLayoutAndBounds() {
        Env env = EnvRegistry.make("LunarLander-v3");
        Box space = (Box) env.observationSpace();
        assertThat(space.size()).isEqualTo(8);
        assertThat(space.high()[4]).isEqualTo((float) (2 * Math.PI));
        float[] obs = env.reset(3);
        assertThat(obs).hasSize(8);
        assertThat(space.contains(obs)).isTrue();
        // Starts at the top centre: x = 0, y = (H - (H/4 + 18/30)) / (H/2) after one frame, legs in the air.
        assertThat(obs[0]).isCloseTo(0f, within(0.01f));
        assertThat((double) obs[1]).isCloseTo((400 / 30.0 - (400 / 30.0 / 4 + 0.6)) / (400 / 30.0 / 2), within(0.01));
        assertThat(obs[6]).isZero();
        assertThat(obs[7]).isZero();
        Rng rng = new Rng(1);
        for (int t = 0; t < 60; t++) {
            StepResult r = env.step(rng.nextInt(4));
            assertThat(r.observation()).hasSize(8);
            assertThat(r.observation()[6]).isIn(0f, 1f);
            if (r.done()) {
                break;
            }
            assertThat(space.contains(r.observation())).as("step %d: %s", t, java.util.Arrays.toString(r.observation())).isTrue();
        }
    }

    @Test
    void deterministicPerSeed() {
        for (String id : new String[] {"LunarLander-v3", "LunarLanderContinuous-v3"}) {
            float[][] a = rollout(id, 11, 120);
            float[][] b = rollout(id, 11, 120);
            float[][] c = rollout(id, 12, 120);
            assertThat(a).isDeepEqualTo(b);
            assertThat(a[0]).isNotEqualTo(c[0]);
        }
        // The same env instance after a different history gives the same episode again.
        Env env = EnvRegistry.make("LunarLander-v3");
        float[] first = env.reset(11);
        StepResult r1 = env.step(2);
        for (int t = 0; t < 30 && !env.step(t % 4).done(); t++) {
            // history
        }
        assertThat(env.reset(11)).isEqualTo(first);
        assertThat(env.step(2).observation()).isEqualTo(r1.observation());
    }

    private static float[][] rollout(String id, long seed, int steps) {
        Env env = EnvRegistry.make(id);
        Rng actions = new Rng(99);
        float[][] out = new float[steps + 1][];
        out[0] = env.reset(seed);
        for (int t = 0; t < steps; t++) {
            StepResult r = env.actionSpace() instanceof Discrete d ? env.step(d.sample(actions)) : env.step(((Box) env.actionSpace()).sample(actions));
            out[t + 1] = r.observation();
            if (r.done()) {
                out[t + 1] = r.observation();
                return java.util.Arrays.copyOf(out, t + 2);
            }
        }
        return out;
    }

    @Test
    void engineOffFromStartCrashesOrRests() {
        for (long seed = 0; seed < 3; seed++) {
            Env env = EnvRegistry.make("LunarLander-v3");
            env.reset(seed);
            StepResult r;
            int t = 0;
            do {
                r = env.step(0);
                t++;
            } while (!r.done());
            assertThat(r.terminated()).as("seed %d ended by termination, not the time limit", seed).isTrue();
            assertThat(r.reward()).isIn(-100.0, 100.0);
            assertThat(t).isLessThan(1000);
        }
    }

    @Test
    void engineCostsInShaping() {
        // reward = shaping change - 0.3 per main-engine frame - 0.03 per side-engine frame
        double[] expectedCost = {0.0, 0.03, 0.3, 0.03};
        for (int action = 0; action < 4; action++) {
            LunarLanderEnv env = new LunarLanderEnv();
            float[] prev = env.reset(5);
            for (int t = 0; t < 10; t++) {
                StepResult r = env.step(action);
                double shapingChange = shaping(r.observation()) - shaping(prev);
                assertThat(r.reward()).as("action %d step %d", action, t).isCloseTo(shapingChange - expectedCost[action], within(1e-3));
                assertThat(env.lastPowersForTest()[0]).isEqualTo(action == 2 ? 1.0 : 0.0);
                prev = r.observation();
            }
        }
        // Continuous throttle: main (a0 + 1) / 2 for a0 > 0, side clip(|a1|, 0.5, 1) for |a1| > 0.5.
        float[][] actions = {{1f, 0f}, {0.5f, 0f}, {0f, 0f}, {-1f, -1f}, {0f, 0.3f}, {0f, 0.75f}, {3f, -5f}};
        double[] costs = {0.3, 0.3 * 0.75, 0.0, 0.03, 0.0, 0.03 * 0.75, 0.3 + 0.03};
        for (int i = 0; i < actions.length; i++) {
            LunarLanderEnv env = new LunarLanderEnv(true, -10, false, 15, 1.5);
            float[] prev = env.reset(5);
            StepResult r = env.step(actions[i]);
            double[] p = env.lastPowersForTest();
            assertThat(0.3 * p[0] + 0.03 * p[1]).as("action %s", java.util.Arrays.toString(actions[i])).isCloseTo(costs[i], within(1e-12));
            assertThat(r.reward()).isCloseTo(shaping(r.observation()) - shaping(prev) - costs[i], within(1e-3));
        }
    }

    @Test
    void restingOnThePadWithBothLegsDownIsALanding() {
        LunarLanderEnv env = new LunarLanderEnv();
        env.reset(7);
        double[] pad = env.helipadForTest();
        // The splayed legs' tips hang about 0.43 below the lander origin; the smoothed pad lies at
        // 0.99 H/4 (0.33 * 3 heights). Drop it from a couple of centimetres above touching.
        env.placeForTest((pad[0] + pad[1]) / 2, 0.99 * pad[2] + 0.45);
        StepResult r = null;
        for (int t = 0; t < 400; t++) {
            r = env.step(0);
            if (r.done()) {
                break;
            }
        }
        assertThat(r.terminated()).isTrue();
        assertThat(r.reward()).isEqualTo(100.0);
        assertThat(r.observation()[6]).isEqualTo(1f);
        assertThat(r.observation()[7]).isEqualTo(1f);
        assertThat(Math.abs(r.observation()[0])).isLessThan(0.2f);
        assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
    }

    /** Gymnasium's demonstration heuristic (discrete), written from its description. */
    static int heuristic(float[] s) {
        double angleTarget = Math.max(-0.4, Math.min(0.4, s[0] * 0.5 + s[2] * 1.0));
        double hoverTarget = 0.55 * Math.abs(s[0]);
        double angleTodo = (angleTarget - s[4]) * 0.5 - s[5] * 1.0;
        double hoverTodo = (hoverTarget - s[1]) * 0.5 - s[3] * 0.5;
        if (s[6] != 0 || s[7] != 0) {
            angleTodo = 0;
            hoverTodo = -s[3] * 0.5;
        }
        if (hoverTodo > Math.abs(angleTodo) && hoverTodo > 0.05) {
            return 2;
        } else if (angleTodo < -0.05) {
            return 3;
        } else if (angleTodo > 0.05) {
            return 1;
        }
        return 0;
    }

    @Test
    void heuristicPilotLands() {
        int landed = 0;
        for (long seed = 0; seed < 4; seed++) {
            Env env = EnvRegistry.make("LunarLander-v3");
            float[] s = env.reset(seed);
            double ret = 0;
            StepResult r;
            do {
                r = env.step(heuristic(s));
                s = r.observation();
                ret += r.reward();
            } while (!r.done());
            if (r.terminated() && r.reward() == 100.0 && ret > 200) {
                landed++;
            }
        }
        assertThat(landed).isGreaterThanOrEqualTo(3);
    }

    @Test
    void windChangesTheFlightAndDrawsTwoIntegers() {
        float[][] calm = rollout("LunarLander-v3", 4, 40);
        Env windy = EnvRegistry.make("LunarLander-v3", Map.of("enable_wind", true, "wind_power", 20.0));
        float[] o = windy.reset(4);
        assertThat(o).isNotEqualTo(calm[0]); // the wind integers shift the dispersion draws
        LunarLanderEnv lander = new LunarLanderEnv(false, -10, true, 15, 1.5);
        double[] draws = new double[12 + 2 + 2 + 2];
        java.util.Arrays.fill(draws, 0.5);
        draws[14] = 100;
        draws[15] = -100;
        RecordedDraws rec = new RecordedDraws(draws);
        lander.setRandomDraws(rec);
        lander.reset();
        assertThat(rec.used()).isEqualTo(18);
        assertThatThrownBy(() -> lander.step(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("exhausted");
        // Running out during reset leaves no half-built episode behind.
        lander.setRandomDraws(new RecordedDraws(new double[5]));
        assertThatThrownBy(lander::reset).isInstanceOf(IllegalStateException.class).hasMessageContaining("exhausted");
        assertThatThrownBy(() -> lander.step(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
        lander.setRandomDraws(null);
        assertThat(lander.reset(3)).hasSize(8);
    }

    @Test
    void invalidActionsAndUnsupportedState() {
        Env env = EnvRegistry.make("LunarLander-v3");
        assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class);
        env.reset(0);
        assertThatThrownBy(() -> env.step(4)).isInstanceOf(InvalidActionException.class).hasMessageContaining("Discrete(4)");
        assertThatThrownBy(() -> env.step(-1)).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> env.step(new float[] {0f, 0f})).isInstanceOf(InvalidActionException.class);
        Env cont = EnvRegistry.make("LunarLanderContinuous-v3");
        cont.reset(0);
        assertThatThrownBy(() -> cont.step(1)).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> cont.step(new float[] {0f})).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> cont.step(new float[] {Float.NaN, 0f})).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(env::state).isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> env.setState(new double[8])).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
    }

    @Test
    void renderDrawsSkyMoonLanderAndFlags() {
        LunarLanderEnv env = new LunarLanderEnv();
        env.reset(2);
        env.placeForTest(10.0, 8.0); // mid-screen (the start position is at the top edge)
        BufferedImage img = env.render();
        assertThat(img.getWidth()).isEqualTo(600);
        assertThat(img.getHeight()).isEqualTo(400);
        Set<Integer> colours = new HashSet<>();
        int landerPixels = 0;
        int flagPixels = 0;
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                landerPixels += rgb == 0x8066E6 ? 1 : 0;
                flagPixels += rgb == 0xCCCC00 ? 1 : 0;
            }
        }
        assertThat(img.getRGB(30, 5) & 0xFFFFFF).as("sky is black").isZero();
        assertThat(img.getRGB(300, 395) & 0xFFFFFF).as("moon is white").isEqualTo(0xFFFFFF);
        assertThat(landerPixels).isGreaterThan(300);
        assertThat(flagPixels).isGreaterThan(50);
        assertThat(colours.size()).isGreaterThan(4);
    }
}
