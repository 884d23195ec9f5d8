package lpdm.envs.box2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * A Box2D env saved in the middle of an episode and loaded into a new env continues bit for bit
 * as the original does (the checkpoint re-simulates the episode from its reset state and actions).
 */
class Box2dCheckpointTest {

    private static Object action(Env env, Rng rng) {
        if (env.actionSpace() instanceof Discrete d) {
            return (int) rng.nextInt(d.n());
        }
        Box b = (Box) env.actionSpace();
        float[] a = new float[b.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.uniform(-1.2, 1.2); // also outside the space: clipping must replay too
        }
        return a;
    }

    private static StepResult step(Env env, Object a) {
        return a instanceof Integer i ? env.step(i) : env.step((float[]) a);
    }

    /** Steps env with the actions of actionRng for n steps, resetting (unseeded) at episode ends; returns a trace. */
    private static List<String> run(Env env, Rng actionRng, int n) {
        List<String> trace = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            StepResult r = step(env, action(env, actionRng));
            trace.add(java.util.Arrays.toString(r.observation()) + " " + r.reward() + " " + r.terminated() + " " + r.truncated());
            if (r.terminated() || r.truncated()) {
                trace.add("reset " + java.util.Arrays.toString(env.reset()));
            }
        }
        return trace;
    }

    @ParameterizedTest
    @CsvSource({"LunarLander-v3, 150, 0", "LunarLander-v3, 37, 1", "LunarLanderContinuous-v3, 90, 0",
            "BipedalWalker-v3, 120, 0", "BipedalWalkerHardcore-v3, 200, 0"})
    void savedMidEpisodeContinuesBitForBit(String id, int before, int wind) {
        Map<String, Object> args = wind == 1 ? Map.of("enable_wind", true) : Map.of();
        Env original = EnvRegistry.make(id, args);
        original.reset(11);
        Rng actions = new Rng(5);
        run(original, actions, before);

        StateDict saved = new StateDict();
        original.saveState(saved, "env");
        long[] actionRngState = actions.state();
        List<String> expected = run(original, actions, 400);

        Env restored = EnvRegistry.make(id, args);
        restored.reset(999); // some other episode in progress: loading must replace it
        run(restored, new Rng(77), 30);
        restored.loadState(saved, "env");
        Rng sameActions = new Rng(0);
        sameActions.restore(actionRngState);
        assertThat(run(restored, sameActions, 400)).containsExactlyElementsOf(expected);
    }

    @Test
    void savedAfterTheEpisodeEndedRefusesStepsUntilReset() {
        Env env = EnvRegistry.make("LunarLander-v3");
        env.reset(3);
        StepResult r;
        do {
            r = env.step(0); // engines off: it falls and crashes or comes to rest
        } while (!r.terminated() && !r.truncated());
        StateDict saved = new StateDict();
        env.saveState(saved, "e");
        Env other = EnvRegistry.make("LunarLander-v3");
        other.loadState(saved, "e");
        assertThatThrownBy(() -> other.step(0)).isInstanceOf(IllegalStateException.class).hasMessageContaining("reset");
        assertThat(other.reset()).containsExactly(env.reset());
    }

    @Test
    void neverResetEnvRoundTrips() {
        Env env = EnvRegistry.make("BipedalWalker-v3");
        StateDict saved = new StateDict();
        env.saveState(saved, "e");
        Env other = EnvRegistry.make("BipedalWalker-v3");
        other.reset(4);
        other.loadState(saved, "e");
        assertThatThrownBy(() -> other.step(new float[4])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void injectedDrawsCannotBeCheckpointed() {
        LunarLanderEnv env = new LunarLanderEnv(false, -10.0, false, 15.0, 1.5);
        env.setRandomDraws(RandomDraws.from(() -> new Rng(1)));
        env.reset(1);
        assertThatThrownBy(() -> env.saveState(new StateDict(), "e")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("injected random draws");
    }
}
