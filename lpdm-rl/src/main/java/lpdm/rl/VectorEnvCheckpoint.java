package lpdm.rl;

import java.util.ArrayList;
import java.util.List;
import lpdm.core.state.StateDict;
import lpdm.envs.Env;
import lpdm.envs.vector.SyncVectorEnv;
import lpdm.envs.wrappers.StatefulWrapper;

/**
 * Saves and restores a {@link SyncVectorEnv} for bit-exact resumption: for every sub-env i, its
 * own {@link Env#saveState} under {@code prefix.i} (generator, physical state, time-limit count,
 * and whatever the wrappers in its chain save) and the statistics of every
 * {@link StatefulWrapper} in its chain (the observation and reward normalisers) under
 * {@code prefix.i.stateful_wrapper.k}, outermost first.
 *
 * <p>A fresh {@link SyncVectorEnv} refuses to step before its first {@code reset}, so
 * {@link #load} expects a vector env that has been reset once (any seed): the restored state
 * then overwrites everything that reset changed. The caller keeps the current observations (the
 * next step's input) itself.
 */
public final class VectorEnvCheckpoint {
    private VectorEnvCheckpoint() {
    }

    public static void save(SyncVectorEnv envs, StateDict state, String prefix) {
        state.putLong(prefix + ".num_envs", envs.numEnvs());
        for (int i = 0; i < envs.numEnvs(); i++) {
            Env env = envs.env(i);
            env.saveState(state, prefix + "." + i);
            List<double[]> wrappers = StatefulWrapper.saveAll(env);
            state.putLong(prefix + "." + i + ".stateful_wrappers", wrappers.size());
            for (int k = 0; k < wrappers.size(); k++) {
                state.putDoubles(prefix + "." + i + ".stateful_wrapper." + k, wrappers.get(k));
            }
        }
    }

    public static void load(SyncVectorEnv envs, StateDict state, String prefix) {
        long n = state.getLong(prefix + ".num_envs");
        if (n != envs.numEnvs()) {
            throw new IllegalStateException("checkpoint holds " + n + " envs, this run has " + envs.numEnvs());
        }
        for (int i = 0; i < envs.numEnvs(); i++) {
            Env env = envs.env(i);
            env.loadState(state, prefix + "." + i);
            long k = state.getLong(prefix + "." + i + ".stateful_wrappers");
            List<double[]> wrappers = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                wrappers.add(state.doubles(prefix + "." + i + ".stateful_wrapper." + j));
            }
            StatefulWrapper.loadAll(env, wrappers);
        }
    }
}
