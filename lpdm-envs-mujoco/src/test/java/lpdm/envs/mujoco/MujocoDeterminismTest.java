package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lpdm.core.random.Rng;
import lpdm.core.state.StateDict;
import lpdm.envs.Box;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Same seed, same trajectory bit for bit; a mid-episode save and restore continues bit for bit. */
class MujocoDeterminismTest {

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    /** One step's observation and reward, compared bit for bit. */
    private record Step(float[] observation, double reward, boolean terminated, boolean truncated) {
        boolean sameAs(Step o) {
            return java.util.Arrays.equals(observation, o.observation) && Double.doubleToRawLongBits(reward) == Double.doubleToRawLongBits(o.reward)
                    && terminated == o.terminated && truncated == o.truncated;
        }
    }

    /** Runs {@code steps} random-action steps (actions from {@code actions}), resetting when an episode ends. */
    private static List<Step> run(Env env, Rng actions, int steps) {
        List<Step> out = new ArrayList<>();
        Box space = (Box) env.actionSpace();
        for (int i = 0; i < steps; i++) {
            StepResult r = env.step(space.sample(actions));
            out.add(new Step(r.observation(), r.reward(), r.terminated(), r.truncated()));
            if (r.done()) {
                out.add(new Step(env.reset(), Double.NaN, false, false));
            }
        }
        return out;
    }

    private static void assertSame(List<Step> a, List<Step> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).sameAs(b.get(i))).as("step %d: %s vs %s", i, a.get(i), b.get(i)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("lpdm.envs.mujoco.MujocoTests#ids")
    void theSameSeedGivesTheSameTrajectoryBitForBit(String id) {
        List<List<Step>> runs = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            try (Env env = EnvRegistry.make(id)) {
                List<Step> steps = new ArrayList<>();
                steps.add(new Step(env.reset(42), Double.NaN, false, false));
                steps.addAll(run(env, new Rng(7), 400));
                runs.add(steps);
            }
        }
        assertSame(runs.get(0), runs.get(1));
        try (Env other = EnvRegistry.make(id)) {
            assertThat(other.reset(43)).as("another seed starts elsewhere").isNotEqualTo(runs.get(0).get(0).observation());
        }
    }

    /**
     * Save after 150 steps (mid-episode for the runners; the pendulums may have reset in between),
     * then the original and a fresh env restored from the save take the same 250 actions.
     */
    @ParameterizedTest
    @MethodSource("lpdm.envs.mujoco.MujocoTests#ids")
    void aMidEpisodeSaveRestoresBitForBit(String id) {
        try (Env original = EnvRegistry.make(id); Env restored = EnvRegistry.make(id)) {
            original.reset(5);
            Rng actions = new Rng(9);
            run(original, actions, 150);
            StateDict saved = new StateDict();
            original.saveState(saved, "env");
            long[] actionState = new Rng(0).state();
            System.arraycopy(actions.state(), 0, actionState, 0, actionState.length);
            restored.reset(99); // somewhere else entirely before the restore
            run(restored, new Rng(1), 30);
            restored.loadState(saved, "env");
            Rng actionsCopy = new Rng(0);
            actionsCopy.restore(actionState);
            assertThat(restored.unwrapped().state()).containsExactly(original.unwrapped().state());
            assertSame(run(restored, actionsCopy, 250), run(original, actions, 250));
        }
    }
}
