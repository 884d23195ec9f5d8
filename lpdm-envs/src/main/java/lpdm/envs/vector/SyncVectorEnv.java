package lpdm.envs.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.Space;
import lpdm.envs.StepResult;

/**
 * N copies of an env stepped one after the other in the calling thread (Gymnasium's
 * {@code SyncVectorEnv}).
 *
 * <ul>
 *   <li>{@link #reset(long)} seeds sub-env i with {@code seed + i}, Gymnasium's convention.</li>
 *   <li>{@link #step(int[])} and {@link #step(float[][])} take one action per sub-env.</li>
 *   <li>Autoreset mode {@link AutoresetMode#SAME_STEP}: when a sub-env's episode ends (terminated
 *       or truncated), it is reset within the same call with {@link Env#reset()}, continuing its
 *       own generator; the step's reward and flags are reported, the returned observation is the
 *       first of the next episode and the final observation and info are kept in the result's
 *       {@code finalObservations} and {@code finalInfos} (and by {@link #finalObservation(int)}).
 *       A learner must bootstrap truncated episodes from the final observation.</li>
 * </ul>
 */
public final class SyncVectorEnv implements AutoCloseable {

    /** When a finished sub-env is reset. Only Gymnasium's {@code SAME_STEP} is implemented. */
    public enum AutoresetMode {
        /** Reset in the same step that ended the episode; the final observation goes to the result. */
        SAME_STEP
    }

    private final List<Env> envs;
    private final float[][] lastFinalObservations;
    private boolean needsReset = true;
    private boolean seeded;

    /** Sub-envs given directly; they must share their observation and action spaces. */
    public SyncVectorEnv(List<? extends Env> envs) {
        Objects.requireNonNull(envs, "envs");
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("SyncVectorEnv needs at least one env");
        }
        Env first = envs.get(0);
        for (int i = 1; i < envs.size(); i++) {
            Env e = envs.get(i);
            if (!e.observationSpace().equals(first.observationSpace()) || !e.actionSpace().equals(first.actionSpace())) {
                throw new IllegalArgumentException("sub-env " + i + " (" + e.describe() + ") has spaces " + e.observationSpace() + " / "
                        + e.actionSpace() + ", unlike sub-env 0's " + first.observationSpace() + " / " + first.actionSpace());
            }
        }
        this.envs = List.copyOf(envs);
        this.lastFinalObservations = new float[envs.size()][];
    }

    /** {@code numEnvs} envs built by {@code factory}. */
    public static SyncVectorEnv of(Supplier<? extends Env> factory, int numEnvs) {
        if (numEnvs <= 0) {
            throw new IllegalArgumentException("numEnvs must be positive, got " + numEnvs);
        }
        List<Env> list = new ArrayList<>(numEnvs);
        for (int i = 0; i < numEnvs; i++) {
            list.add(factory.get());
        }
        return new SyncVectorEnv(list);
    }

    /** {@code numEnvs} copies of registered env {@code id}, each with its time limit. */
    public static SyncVectorEnv make(String id, int numEnvs) {
        return of(() -> EnvRegistry.make(id), numEnvs);
    }

    public int numEnvs() {
        return envs.size();
    }

    /** Sub-env {@code i} (for inspection; stepping it directly bypasses the autoreset bookkeeping). */
    public Env env(int i) {
        return envs.get(i);
    }

    public AutoresetMode autoresetMode() {
        return AutoresetMode.SAME_STEP;
    }

    public Space singleObservationSpace() {
        return envs.get(0).observationSpace();
    }

    public Space singleActionSpace() {
        return envs.get(0).actionSpace();
    }

    /** Seeds sub-env i with {@code seed + i} and returns the first observations. */
    public float[][] reset(long seed) {
        if (seed < 0 || seed + envs.size() - 1 < 0) {
            throw new IllegalArgumentException("seed must be a non-negative integer with seed + numEnvs - 1 representable, got " + seed);
        }
        float[][] observations = new float[envs.size()][];
        for (int i = 0; i < envs.size(); i++) {
            observations[i] = envs.get(i).reset(seed + i);
        }
        Arrays.fill(lastFinalObservations, null);
        needsReset = false;
        seeded = true;
        return observations;
    }

    /**
     * Starts new episodes in every sub-env, continuing their generators. If the vector env was
     * never seeded this is {@code reset(0)}, so that the sub-envs do not all start alike.
     */
    public float[][] reset() {
        if (!seeded) {
            return reset(0);
        }
        float[][] observations = new float[envs.size()][];
        for (int i = 0; i < envs.size(); i++) {
            observations[i] = envs.get(i).reset();
        }
        Arrays.fill(lastFinalObservations, null);
        needsReset = false;
        return observations;
    }

    /**
     * One step of every sub-env with discrete actions, autoresetting finished ones. If a sub-env
     * rejects its action, the exception propagates and the vector env must be reset (the sub-envs
     * before it have already stepped).
     */
    public VectorStepResult step(int[] actions) {
        checkBatch(actions == null ? -1 : actions.length);
        return stepAll(i -> envs.get(i).step(actions[i]));
    }

    /** One step of every sub-env with continuous actions ({@code actions[i]} for sub-env i). */
    public VectorStepResult step(float[][] actions) {
        checkBatch(actions == null ? -1 : actions.length);
        return stepAll(i -> envs.get(i).step(actions[i]));
    }

    private void checkBatch(int length) {
        if (needsReset) {
            throw new IllegalStateException("SyncVectorEnv: step() called before reset()");
        }
        if (length != envs.size()) {
            throw new IllegalArgumentException("expected one action per sub-env (" + envs.size() + "), got "
                    + (length < 0 ? "null" : length));
        }
    }

    private interface SubStep {
        StepResult apply(int i);
    }

    private VectorStepResult stepAll(SubStep subStep) {
        int n = envs.size();
        float[][] observations = new float[n][];
        double[] rewards = new double[n];
        boolean[] terminated = new boolean[n];
        boolean[] truncated = new boolean[n];
        float[][] finalObservations = new float[n][];
        List<Map<String, Object>> infos = new ArrayList<>(n);
        List<Map<String, Object>> finalInfos = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StepResult r;
            try {
                r = subStep.apply(i);
            } catch (RuntimeException e) {
                // Leave the batch in a state that must be reset: some sub-envs have stepped, others not.
                needsReset = true;
                throw e;
            }
            rewards[i] = r.reward();
            terminated[i] = r.terminated();
            truncated[i] = r.truncated();
            if (r.done()) {
                finalObservations[i] = r.observation();
                finalInfos.add(r.info());
                observations[i] = envs.get(i).reset();
                infos.add(Map.of());
            } else {
                observations[i] = r.observation();
                finalInfos.add(null);
                infos.add(r.info());
            }
            lastFinalObservations[i] = finalObservations[i];
        }
        return new VectorStepResult(observations, rewards, terminated, truncated, finalObservations,
                Collections.unmodifiableList(infos), Collections.unmodifiableList(finalInfos));
    }

    /** The final observation of sub-env {@code i} if its episode ended in the last step, else null. */
    public float[] finalObservation(int i) {
        float[] o = lastFinalObservations[i];
        return o == null ? null : o.clone();
    }

    /**
     * Saves every sub-env (under {@code prefix.env{i}}) and the vector env's own flags, for
     * bit-exact resumption. The final observations of the last step are not kept: save between
     * steps, after they have been consumed.
     */
    public void saveState(lpdm.core.state.StateDict state, String prefix) {
        state.putLongs(prefix + ".flags", new long[] {needsReset ? 1 : 0, seeded ? 1 : 0});
        for (int i = 0; i < envs.size(); i++) {
            envs.get(i).saveState(state, prefix + ".env" + i);
        }
    }

    /** Restores what {@link #saveState} wrote. */
    public void loadState(lpdm.core.state.StateDict state, String prefix) {
        long[] flags = state.longs(prefix + ".flags");
        needsReset = flags[0] != 0;
        seeded = flags[1] != 0;
        Arrays.fill(lastFinalObservations, null);
        for (int i = 0; i < envs.size(); i++) {
            envs.get(i).loadState(state, prefix + ".env" + i);
        }
    }

    @Override
    public void close() {
        for (Env e : envs) {
            e.close();
        }
    }
}
