package lpdm.envs.minatar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvCatalog;
import lpdm.envs.EnvRegistry;
import lpdm.envs.InvalidActionException;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The registered MinAtar envs: spaces, layout, arguments, bad input, checkpoints and rendering. */
class MinAtarEnvTest {
    private static final String[] IDS = {"MinAtar/Asterix-v0", "MinAtar/Asterix-v1", "MinAtar/Breakout-v0", "MinAtar/Breakout-v1",
            "MinAtar/Freeway-v0", "MinAtar/Freeway-v1", "MinAtar/Seaquest-v0", "MinAtar/Seaquest-v1", "MinAtar/SpaceInvaders-v0",
            "MinAtar/SpaceInvaders-v1"};

    @Test
    void tenIdsAreRegisteredWithoutTimeLimit() {
        assertThat(EnvRegistry.ids()).containsAll(List.of(IDS));
        for (String id : IDS) {
            assertThat(EnvRegistry.spec(id).maxEpisodeSteps()).as(id).isZero();
            assertThat(EnvRegistry.make(id)).as(id).isInstanceOf(MinAtarEnv.class);
        }
    }

    @ParameterizedTest
    @CsvSource({"Asterix, 4, 5", "Breakout, 4, 3", "Freeway, 7, 3", "Seaquest, 10, 6", "SpaceInvaders, 6, 4"})
    void spacesAreTheOriginals(String game, int channels, int minimalActions) {
        Env v0 = EnvRegistry.make("MinAtar/" + game + "-v0");
        Env v1 = EnvRegistry.make("MinAtar/" + game + "-v1");
        assertThat(v0.actionSpace()).isEqualTo(new Discrete(6));
        assertThat(v1.actionSpace()).isEqualTo(new Discrete(minimalActions));
        Box box = (Box) v1.observationSpace();
        assertThat(box.shape()).containsExactly(10, 10, channels);
        assertThat(box.flatSize()).isEqualTo(100 * channels);
        assertThat(box.toString()).isEqualTo("Box(0.0, 1.0, (10, 10, " + channels + "), float32)");
        assertThat(EnvCatalog.describe("MinAtar/" + game + "-v1").observationSpaceText()).isEqualTo("Box(0.0, 1.0, (10, 10, " + channels + "))");
        float[] obs = v1.reset(3);
        assertThat(box.contains(obs)).isTrue();
        for (float v : obs) {
            assertThat(v == 0f || v == 1f).isTrue();
        }
    }

    @Test
    void observationIsChannelsLastRowMajor() {
        // Breakout after reset: paddle (channel 0) at row 9, column 4; bricks (channel 3) fill rows 1-3.
        float[] obs = EnvRegistry.make("MinAtar/Breakout-v1").reset(0);
        int c = 4;
        assertThat(obs[(9 * 10 + 4) * c]).isEqualTo(1f);
        assertThat(obs[(9 * 10 + 5) * c]).isZero();
        for (int col = 0; col < 10; col++) {
            assertThat(obs[(1 * 10 + col) * c + 3]).isEqualTo(1f);
            assertThat(obs[(3 * 10 + col) * c + 3]).isEqualTo(1f);
            assertThat(obs[(4 * 10 + col) * c + 3]).isZero();
        }
        // SpaceInvaders: the cannon at (9, 5), aliens (channel 1) and, moving left, channel 2 at rows 0-3 x columns 2-7.
        obs = EnvRegistry.make("MinAtar/SpaceInvaders-v1").reset(0);
        assertThat(obs[(9 * 10 + 5) * 6]).isEqualTo(1f);
        assertThat(obs[(0 * 10 + 2) * 6 + 1]).isEqualTo(1f);
        assertThat(obs[(0 * 10 + 2) * 6 + 2]).isEqualTo(1f);
        assertThat(obs[(0 * 10 + 2) * 6 + 3]).isZero();
        assertThat(obs[(3 * 10 + 7) * 6 + 1]).isEqualTo(1f);
        assertThat(obs[(4 * 10 + 7) * 6 + 1]).isZero();
    }

    @Test
    void actionsOutsideTheSetAreRefusedNamingTheSet() {
        Env env = EnvRegistry.make("MinAtar/Breakout-v1");
        env.reset(0);
        assertThatThrownBy(() -> env.step(3)).isInstanceOf(InvalidActionException.class)
                .hasMessage("action 3 is not in action space Discrete(3) of MinAtar/Breakout-v1 (0 no-op, 1 left, 2 right)");
        assertThatThrownBy(() -> env.step(-1)).isInstanceOf(InvalidActionException.class);
        assertThatThrownBy(() -> env.step(new float[] {0f})).isInstanceOf(InvalidActionException.class);
        Env v0 = EnvRegistry.make("MinAtar/Seaquest-v0");
        v0.reset(0);
        assertThatThrownBy(() -> v0.step(6)).hasMessageContaining("Discrete(6)").hasMessageContaining("5 fire");
    }

    @Test
    void unknownGameOrVersionListsTheMinAtarIds() {
        assertThatThrownBy(() -> EnvRegistry.make("MinAtar/Pong-v1")).isInstanceOf(EnvRegistry.UnknownEnvException.class)
                .hasMessage("unknown env 'MinAtar/Pong-v1' (registered MinAtar envs: " + String.join(", ", IDS) + ")");
        assertThatThrownBy(() -> EnvRegistry.make("MinAtar/Breakout-v2")).hasMessageContaining("registered MinAtar envs: MinAtar/Asterix-v0");
    }

    @Test
    void argumentsAreChecked() {
        assertThatThrownBy(() -> EnvRegistry.make("MinAtar/Breakout-v1", Map.of("sticky", 0.2)))
                .hasMessage("MinAtar/Breakout-v1: unknown argument 'sticky'; valid arguments: difficulty_ramping, sticky_action_prob");
        assertThatThrownBy(() -> EnvRegistry.make("MinAtar/Breakout-v1", Map.of("sticky_action_prob", 1.5)))
                .hasMessageContaining("must be in [0, 1], got 1.5");
        assertThatThrownBy(() -> EnvRegistry.make("MinAtar/Breakout-v1", Map.of("difficulty_ramping", "yes")))
                .hasMessageContaining("must be true or false");
        MinAtarEnv env = (MinAtarEnv) EnvRegistry.make("MinAtar/Asterix-v1");
        assertThat(env.stickyActionProb()).isEqualTo(0.1);
        assertThat(env.difficultyRamping()).isTrue();
    }

    @Test
    void stickyProbabilityOneRepeatsTheFirstActionForEver() {
        MinAtarEnv env = (MinAtarEnv) EnvRegistry.make("MinAtar/Seaquest-v0", Map.of("sticky_action_prob", 1.0));
        env.reset(5);
        for (int t = 0; t < 20; t++) {
            env.step(t % 6);
            assertThat(env.lastAction()).isZero(); // the previous action at construction is no-op
        }
    }

    /** Steps with random actions for n steps, resetting (unseeded) at episode ends; returns a trace. */
    private static List<String> run(Env env, Rng actions, int n) {
        List<String> trace = new ArrayList<>();
        int k = ((Discrete) env.actionSpace()).n();
        for (int t = 0; t < n; t++) {
            StepResult r = env.step(actions.nextInt(k));
            trace.add(Arrays.toString(r.observation()) + " " + r.reward() + " " + r.terminated());
            if (r.terminated()) {
                trace.add("reset " + Arrays.toString(env.reset()));
            }
        }
        return trace;
    }

    @ParameterizedTest
    @ValueSource(strings = {"MinAtar/Asterix-v1", "MinAtar/Breakout-v1", "MinAtar/Freeway-v1", "MinAtar/Seaquest-v0", "MinAtar/SpaceInvaders-v1"})
    void savedMidEpisodeContinuesBitForBit(String id) {
        Env original = EnvRegistry.make(id);
        original.reset(11);
        Rng actions = new Rng(4);
        run(original, actions, 700);
        StateDict saved = new StateDict();
        original.saveState(saved, "env");
        long[] actionState = actions.state();
        List<String> expected = run(original, actions, 1500);

        Env restored = EnvRegistry.make(id);
        restored.loadState(saved, "env");
        Rng actions2 = new Rng(0);
        actions2.restore(actionState);
        assertThat(run(restored, actions2, 1500)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MinAtar/Asterix-v1", "MinAtar/Breakout-v1", "MinAtar/Freeway-v1", "MinAtar/Seaquest-v1", "MinAtar/SpaceInvaders-v1"})
    void setStateOfStateIsTheSameGameAndSameSeedSameGame(String id) {
        Env a = EnvRegistry.make(id);
        Env b = EnvRegistry.make(id);
        a.reset(2);
        b.reset(2);
        Rng r1 = new Rng(9);
        Rng r2 = new Rng(9);
        assertThat(run(a, r1, 300)).isEqualTo(run(b, r2, 300));
        double[] state = a.state();
        float[] obs = b.setState(state);
        assertThat(b.state()).containsExactly(state);
        assertThat(obs).containsExactly(observationOf(a));
        assertThatThrownBy(() -> b.setState(Arrays.copyOf(state, state.length + 1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static float[] observationOf(Env env) {
        // setState on a twin returns the observation of the same state.
        Env twin = EnvRegistry.make(env.describe());
        return twin.setState(env.state());
    }

    @Test
    void freewayEndsAfter2501StepsAndSteppingAfterTheEndFails() {
        Env env = EnvRegistry.make("MinAtar/Freeway-v1");
        env.reset(0);
        for (int t = 1; t <= 2500; t++) {
            assertThat(env.step(1).terminated()).as("step " + t).isFalse();
        }
        assertThat(env.step(1).terminated()).isTrue();
        assertThatThrownBy(() -> env.step(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("call reset() first");
    }

    @Test
    void clearingAWaveSpeedsSpaceInvadersUpOnlyWithRamping() {
        for (boolean ramping : new boolean[] {true, false}) {
            Env env = EnvRegistry.make("MinAtar/SpaceInvaders-v0", Map.of("difficulty_ramping", ramping, "sticky_action_prob", 0.0));
            env.reset(0);
            // State layout (SpaceInvaders.write): cannon column, alien direction, move interval, move timer,
            // shot timer of the aliens, ramp index, cannon cool-down, terminal, then per cell: alien, player bullet, alien bullet.
            double[] state = new double[8 + 300];
            state[0] = 5;
            state[1] = -1;
            state[2] = 12;
            state[3] = 5;
            state[4] = 5;
            state[8 + 3 * 55] = 1;      // the last alien at (5, 5)
            state[8 + 3 * 65 + 1] = 1;  // a player bullet just below it
            env.setState(state);
            StepResult r = env.step(0);
            assertThat(r.reward()).isEqualTo(1.0);
            double[] after = env.state();
            assertThat(after[2]).as("move interval, ramping " + ramping).isEqualTo(ramping ? 11 : 12);
            assertThat(after[5]).as("ramp index, ramping " + ramping).isEqualTo(ramping ? 1 : 0);
            assertThat(after[8 + 3 * 2]).as("a new wave at (0, 2)").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"MinAtar/Asterix-v1", "MinAtar/Breakout-v1", "MinAtar/Freeway-v1", "MinAtar/Seaquest-v1", "MinAtar/SpaceInvaders-v1"})
    void rendersColouredCells(String id) {
        MinAtarEnv env = (MinAtarEnv) EnvRegistry.make(id);
        float[] obs = env.reset(0);
        BufferedImage image = env.render();
        assertThat(image.getWidth()).isEqualTo(240);
        assertThat(image.getHeight()).isEqualTo(240);
        int c = env.game().channels().size();
        // Every cell with a channel set shows a channel colour at its top-left quarter; empty cells are black.
        for (int row = 0; row < 10; row++) {
            for (int col = 0; col < 10; col++) {
                boolean any = false;
                for (int ch = 0; ch < c; ch++) {
                    any |= obs[(row * 10 + col) * c + ch] != 0f;
                }
                int rgb = image.getRGB(col * 24 + 3, row * 24 + 3) & 0xffffff;
                assertThat(rgb != 0).as(id + " cell " + row + "," + col).isEqualTo(any);
            }
        }
    }
}
