package lpdm.rl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.learn.BackpropRule;
import lpdm.core.learn.LearningRule;
import lpdm.core.state.StateDict;
import lpdm.rl.settings.Settings;

/** Building, running and comparing algorithm runs in tests. */
final class RlTestSupport {
    private RlTestSupport() {
    }

    static Settings settings(String algo, Map<String, String> overrides) {
        return Settings.resolve(Algorithms.settingsFor(algo), overrides);
    }

    static Algorithm make(String algo, String env, long steps, long seed, Map<String, String> overrides) {
        return make(algo, env, steps, seed, new BackpropRule(), overrides);
    }

    static Algorithm make(String algo, String env, long steps, long seed, LearningRule rule, Map<String, String> overrides) {
        return Algorithms.get(algo).factory().apply(new RunSpec(env, steps, seed, rule, settings(algo, overrides)));
    }

    /** What a run reported. */
    static final class Recorder implements TrainingListener {
        final List<double[]> episodes = new ArrayList<>();
        final List<Map<String, Double>> metrics = new ArrayList<>();
        private final long stopAfter;

        /** Stops training once {@code stopAfter} iterations (counted from the run's start) are complete. */
        Recorder(long stopAfter) {
            this.stopAfter = stopAfter;
        }

        @Override
        public void onEpisode(long globalStep, double episodeReturn, int episodeLength) {
            episodes.add(new double[] {globalStep, episodeReturn, episodeLength});
        }

        @Override
        public boolean onIteration(Algorithm algorithm, long iteration, long globalStep, Map<String, Double> m) {
            metrics.add(new LinkedHashMap<>(m));
            return iteration < stopAfter;
        }
    }

    /** Trains until {@code iterations} iterations are complete in total (or the budget ends). */
    static Recorder trainUntil(Algorithm a, long iterations) {
        Recorder r = new Recorder(iterations);
        a.train(r);
        return r;
    }

    static StateDict state(Algorithm a) {
        StateDict s = new StateDict();
        a.saveState(s, "algo");
        return s;
    }

    /** Same entries in the same order with bit-identical values. */
    static void assertSameState(StateDict expected, StateDict actual) {
        assertThat(actual.entries().keySet()).containsExactlyElementsOf(expected.entries().keySet());
        for (Map.Entry<String, Object> e : expected.entries().entrySet()) {
            Object a = actual.entries().get(e.getKey());
            boolean same = e.getValue() instanceof float[] f ? Arrays.equals(f, (float[]) a)
                    : e.getValue() instanceof double[] d ? Arrays.equals(d, (double[]) a)
                    : Arrays.equals((long[]) e.getValue(), (long[]) a);
            assertThat(same).as("state entry %s", e.getKey()).isTrue();
        }
    }

    /** All RL-trained and hidden parameter values of the agent, concatenated. */
    static float[] parameters(Algorithm a) {
        StateDict s = new StateDict();
        a.agent().saveState(s, "agent");
        List<Float> all = new ArrayList<>();
        for (Map.Entry<String, Object> e : s.entries().entrySet()) {
            if (e.getKey().startsWith("agent.param.")) {
                for (float v : (float[]) e.getValue()) {
                    all.add(v);
                }
            }
        }
        float[] out = new float[all.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = all.get(i);
        }
        return out;
    }
}
