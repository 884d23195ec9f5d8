package lpdm.envs.wrappers;

import java.util.ArrayList;
import java.util.List;
import lpdm.envs.Env;
import lpdm.envs.Wrapper;
import lpdm.envs.WrapperStatistics;

/**
 * A wrapper whose statistics belong in a checkpoint (the running normalisers): they can be read
 * as a {@code double[]} and restored, and frozen for evaluation (kept, used, but no longer
 * updated; Gymnasium's {@code update_running_mean = False}). The checkpoint part
 * ({@link #saveState()}, {@link #loadState(double[])}) is {@link WrapperStatistics}, which
 * {@link Wrapper} uses to save and restore it.
 */
public interface StatefulWrapper extends WrapperStatistics {

    /** Stops ({@code true}) or resumes ({@code false}) updating the statistics; they are used either way. */
    void setFrozen(boolean frozen);

    boolean isFrozen();

    /** The stateful wrappers in {@code env}'s wrapper chain, outermost first. */
    static List<StatefulWrapper> collect(Env env) {
        List<StatefulWrapper> found = new ArrayList<>();
        Env current = env;
        while (current instanceof Wrapper w) {
            if (w instanceof StatefulWrapper s) {
                found.add(s);
            }
            current = w.inner();
        }
        return found;
    }

    /** The states of {@link #collect(Env)}, in the same order. */
    static List<double[]> saveAll(Env env) {
        List<double[]> states = new ArrayList<>();
        for (StatefulWrapper s : collect(env)) {
            states.add(s.saveState());
        }
        return states;
    }

    /** Restores states produced by {@link #saveAll(Env)} on a chain of the same shape. */
    static void loadAll(Env env, List<double[]> states) {
        List<StatefulWrapper> wrappers = collect(env);
        if (wrappers.size() != states.size()) {
            throw new IllegalArgumentException("the wrapper chain of " + env.describe() + " has " + wrappers.size()
                    + " stateful wrapper(s) but " + states.size() + " state(s) were given");
        }
        for (int i = 0; i < wrappers.size(); i++) {
            wrappers.get(i).loadState(states.get(i));
        }
    }

    /** Freezes or unfreezes every stateful wrapper in {@code env}'s chain. */
    static void setFrozenAll(Env env, boolean frozen) {
        for (StatefulWrapper s : collect(env)) {
            s.setFrozen(frozen);
        }
    }
}
