package lpdm.envs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import lpdm.core.state.StateDict;
import lpdm.envs.vector.SyncVectorEnv;
import lpdm.envs.vector.VectorStepResult;
import lpdm.envs.wrappers.NormalizeObservation;
import lpdm.envs.wrappers.NormalizeReward;
import lpdm.envs.wrappers.RecordEpisodeStatistics;
import org.junit.jupiter.api.Test;

/** Saving a wrapped vector env mid-episode and loading it into a fresh one continues bit-exactly. */
class EnvStateRoundTripTest {

    static SyncVectorEnv make() {
        return SyncVectorEnv.of(() -> new NormalizeReward(new NormalizeObservation(new RecordEpisodeStatistics(EnvRegistry.make("Pendulum-v1")))), 2);
    }

    static List<String> run(SyncVectorEnv v, int steps, int offset) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            float a = (float) Math.sin(0.37 * (t + offset)) * 2.5f;
            VectorStepResult r = v.step(new float[][] {{a}, {-a}});
            out.add(java.util.Arrays.deepToString(r.observations()) + java.util.Arrays.toString(r.rewards())
                    + java.util.Arrays.toString(r.truncated()));
        }
        return out;
    }

    @Test
    void wrappedVectorEnvResumesBitExactly() {
        SyncVectorEnv a = make();
        a.reset(5);
        run(a, 150, 0); // mid-episode, statistics warmed up
        StateDict state = new StateDict();
        a.saveState(state, "venv");
        List<String> expected = run(a, 120, 150); // crosses the 200-step truncation

        SyncVectorEnv b = make();
        b.reset(99); // a different history, overwritten by the load
        b.loadState(state, "venv");
        assertThat(run(b, 120, 150)).isEqualTo(expected);
        assertThat(state.entries().keySet()).anyMatch(k -> k.endsWith(".stats")).anyMatch(k -> k.endsWith(".time_limit"))
                .anyMatch(k -> k.endsWith(".episode"));
    }
}
