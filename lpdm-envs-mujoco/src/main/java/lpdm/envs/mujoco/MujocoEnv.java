package lpdm.envs.mujoco;

import java.awt.image.BufferedImage;
import java.util.Map;
import lpdm.core.state.StateDict;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.Space;
import lpdm.envs.StepResult;

/**
 * Base of the MuJoCo tasks, as Gymnasium 1.x's {@code MujocoEnv}: the model is loaded from one of
 * Gymnasium's XML files; the action space is the actuators' ctrlrange (float32); {@code reset}
 * calls mj_resetData and then the task's {@link #resetModel()}, which adds noise to the initial
 * qpos and qvel and sets them with {@link #setQposQvel} (qpos, qvel, then mj_forward); a step writes
 * the action, unclipped, to ctrl (MuJoCo clamps it to ctrlrange itself), runs mj_step
 * {@code frame_skip} times and then mj_rnePostConstraint (so that cfrc_ext is current). Observations
 * are Gymnasium's float64 values rounded to float32.
 *
 * <p>A step is {@link #progress()} (what the task reads before simulating), the simulation, then
 * {@link #outcome} (reward, terms, termination) and {@link #observation()}, both read from the
 * simulation's data only: so tests can evaluate a task's reward and observation functions on a
 * given state.
 *
 * <p>{@link #state()} is Gymnasium's {@code state_vector()}: qpos then qvel; {@link #setState}
 * starts an episode there (mj_resetData, then Gymnasium's {@code set_state}). {@link #saveState}
 * captures more: every mjData array that the next step reads (time, qpos, qvel, act, ctrl,
 * qacc_warmstart, applied forces, mocap poses, userdata) and every derived array the tasks read
 * (positions, forces), so that a restored env continues bit for bit.
 */
public abstract class MujocoEnv extends AbstractEnv {
    /** Arrays that determine the next step (MuJoCo's integration state, as far as 2.2.2 has one). */
    private static final int[] STEP_INPUTS = {MujocoNative.TIME, MujocoNative.QPOS, MujocoNative.QVEL, MujocoNative.ACT,
        MujocoNative.CTRL, MujocoNative.QACC_WARMSTART, MujocoNative.QFRC_APPLIED, MujocoNative.XFRC_APPLIED,
        MujocoNative.MOCAP_POS, MujocoNative.MOCAP_QUAT, MujocoNative.USERDATA};
    /** Derived arrays that observations and rewards read; saved so that a restored env observes the same. */
    private static final int[] DERIVED = {MujocoNative.QACC, MujocoNative.ACT_DOT, MujocoNative.QFRC_CONSTRAINT,
        MujocoNative.QFRC_ACTUATOR, MujocoNative.XPOS, MujocoNative.XIPOS, MujocoNative.SITE_XPOS, MujocoNative.CINERT,
        MujocoNative.CVEL, MujocoNative.CACC, MujocoNative.CFRC_EXT};
    private static final String[] FIELD_NAMES = {"time", "qpos", "qvel", "act", "ctrl", "qacc_warmstart", "qfrc_applied",
        "xfrc_applied", "mocap_pos", "mocap_quat", "userdata", "qacc", "act_dot", "qfrc_constraint", "qfrc_actuator", "xpos",
        "xipos", "site_xpos", "cinert", "cvel", "cacc", "cfrc_ext"};

    /** The task's id, for messages. */
    protected final String id;
    protected final MujocoSim sim;
    protected final int frameSkip;
    /** Seconds of simulated time per env step: the model's timestep times frame_skip. */
    protected final double dt;
    /** qpos and qvel of the model's initial state (Gymnasium's init_qpos and init_qvel). */
    protected final double[] initQpos;
    protected final double[] initQvel;
    /** The current qpos and qvel, refreshed after every reset, state change and step. */
    protected final double[] qpos;
    protected final double[] qvel;
    private final double[] ctrl;
    private final double resetNoiseScale;
    private final boolean normalVelocityNoise;
    private final Box actionSpace;
    private final Box observationSpace;

    /**
     * @param id the registry id (for messages)
     * @param modelFile one of the XML files in lpdm/envs/mujoco/assets
     * @param frameSkip MuJoCo steps per env step
     * @param observationSize the length of the observation vector
     * @param resetNoiseScale the reset noise: uniform in [-scale, scale) on each qpos, and on each qvel
     *     either uniform the same way or scale times a standard normal draw
     * @param normalVelocityNoise whether the qvel noise is normal (else uniform)
     */
    protected MujocoEnv(String id, String modelFile, int frameSkip, int observationSize, double resetNoiseScale,
                        boolean normalVelocityNoise) {
        this.id = id;
        this.resetNoiseScale = resetNoiseScale;
        this.normalVelocityNoise = normalVelocityNoise;
        this.sim = MujocoSim.loadAsset(id, modelFile);
        this.frameSkip = frameSkip;
        this.dt = sim.get(MujocoNative.TIMESTEP)[0] * frameSkip;
        this.initQpos = sim.get(MujocoNative.QPOS);
        this.initQvel = sim.get(MujocoNative.QVEL);
        this.qpos = initQpos.clone();
        this.qvel = initQvel.clone();
        this.ctrl = new double[sim.nu()];
        double[] range = sim.get(MujocoNative.CTRLRANGE);
        float[] low = new float[sim.nu()];
        float[] high = new float[sim.nu()];
        for (int i = 0; i < low.length; i++) {
            low[i] = (float) range[2 * i];
            high[i] = (float) range[2 * i + 1];
        }
        this.actionSpace = new Box(low, high);
        this.observationSpace = Box.uniform(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, observationSize);
    }

    @Override
    public Space observationSpace() {
        return observationSpace;
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    /** Seconds of simulated time per env step. */
    public double dt() {
        return dt;
    }

    /** MuJoCo steps per env step. */
    public int frameSkip() {
        return frameSkip;
    }

    /**
     * Draws the start state from {@link #rng} and sets it with {@link #setQposQvel}: init_qpos plus
     * uniform noise, then init_qvel plus uniform or normal noise (Gymnasium's reset_model of these
     * tasks); qpos is drawn first, component by component.
     */
    protected void resetModel() {
        double[] q = plusUniformNoise(initQpos, resetNoiseScale);
        double[] v = normalVelocityNoise ? plusNormalNoise(initQvel, resetNoiseScale) : plusUniformNoise(initQvel, resetNoiseScale);
        setQposQvel(q, v);
    }

    /** The observation of the current simulation state. */
    protected abstract float[] observation();

    /** Reward, termination and info of a step (everything a step returns but the observation). */
    record Outcome(double reward, boolean terminated, Map<String, Object> info) {
    }

    /**
     * What the task reads before simulating and compares after: the position whose change over
     * dt is the forward velocity (Gymnasium's {@code x_position_before}); none by default.
     */
    double[] progress() {
        return new double[0];
    }

    /**
     * The reward, termination and info of the current simulation state, reached by a step of
     * {@code action} from a state whose {@link #progress()} was {@code before}. Reads the
     * simulation only.
     */
    abstract Outcome outcome(float[] action, double[] before);

    /** Gymnasium's step: progress before, the simulation, then the outcome and the observation. */
    @Override
    public final StepResult step(float[] action) {
        checkContinuous(action);
        checkCanStep();
        double[] before = progress();
        doSimulation(action);
        Outcome outcome = outcome(action, before);
        return finish(new StepResult(observation(), outcome.reward(), outcome.terminated(), false, outcome.info()));
    }

    @Override
    protected final float[] resetEpisode() {
        sim.resetData();
        resetModel();
        return observation();
    }

    /** Gymnasium's {@code set_state}: writes qpos and qvel, then mj_forward. */
    protected final void setQposQvel(double[] newQpos, double[] newQvel) {
        sim.set(MujocoNative.QPOS, newQpos);
        sim.set(MujocoNative.QVEL, newQvel);
        sim.forward();
        refresh();
    }

    /** Gymnasium's {@code do_simulation}: ctrl = action (unclipped), frame_skip mj_steps, mj_rnePostConstraint. */
    protected final void doSimulation(float[] action) {
        for (int i = 0; i < ctrl.length; i++) {
            ctrl[i] = action[i];
        }
        sim.step(ctrl, frameSkip);
        refresh();
    }

    /**
     * Overwrites one mjData array (a {@link MujocoNative} field number) without mj_forward; for tests
     * that put the simulation into a recorded state.
     */
    final void overwrite(int field, double[] values) {
        sim.set(field, values);
        refresh();
    }

    private void refresh() {
        sim.get(MujocoNative.QPOS, qpos);
        sim.get(MujocoNative.QVEL, qvel);
    }

    /** init_qpos (or init_qvel) plus uniform noise in [-scale, scale) per component. */
    protected final double[] plusUniformNoise(double[] base, double scale) {
        double[] out = base.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += rng.uniform(-scale, scale);
        }
        return out;
    }

    /** init_qvel (or init_qpos) plus scale times a standard normal draw per component. */
    protected final double[] plusNormalNoise(double[] base, double scale) {
        double[] out = base.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += scale * rng.nextGaussian();
        }
        return out;
    }

    /** A copy of one mjData array (one of {@link MujocoNative}'s field numbers). */
    protected final double[] data(int field) {
        return sim.get(field);
    }

    /** Gymnasium's {@code state_vector()}: qpos then qvel. */
    @Override
    public double[] state() {
        double[] s = new double[qpos.length + qvel.length];
        System.arraycopy(qpos, 0, s, 0, qpos.length);
        System.arraycopy(qvel, 0, s, qpos.length, qvel.length);
        return s;
    }

    /**
     * The start of an episode in a given state: what Gymnasium's reset does with the start state
     * given instead of drawn, i.e. mj_resetData, then {@code set_state(qpos, qvel)} (qpos, qvel,
     * mj_forward) from a state vector (qpos then qvel). mj_resetData first, so that nothing of the
     * simulation before (controls, contact forces, the solver's warm start, time) carries over:
     * {@code lpdm replay} sets each recorded episode's start this way, one episode after another in
     * one env.
     */
    @Override
    protected float[] setStateInternal(double[] state) {
        int n = qpos.length + qvel.length;
        if (state == null || state.length != n) {
            throw new IllegalArgumentException(describe() + " state is qpos (" + qpos.length + ") then qvel (" + qvel.length
                    + "), " + n + " values; got " + (state == null ? "null" : state.length));
        }
        for (double v : state) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(describe() + " state values must be finite, got " + java.util.Arrays.toString(state));
            }
        }
        sim.resetData();
        setQposQvel(java.util.Arrays.copyOfRange(state, 0, qpos.length), java.util.Arrays.copyOfRange(state, qpos.length, n));
        return observation();
    }

    @Override
    protected void savePhysicalState(StateDict state, String prefix) {
        for (int field : STEP_INPUTS) {
            state.putDoubles(prefix + ".mujoco." + FIELD_NAMES[field], sim.get(field));
        }
        for (int field : DERIVED) {
            state.putDoubles(prefix + ".mujoco." + FIELD_NAMES[field], sim.get(field));
        }
    }

    /** Writes back every saved array as it was, without mj_forward: the next mj_step recomputes the rest. */
    @Override
    protected void loadPhysicalState(StateDict state, String prefix) {
        for (int field : STEP_INPUTS) {
            sim.set(field, state.doubles(prefix + ".mujoco." + FIELD_NAMES[field]));
        }
        for (int field : DERIVED) {
            sim.set(field, state.doubles(prefix + ".mujoco." + FIELD_NAMES[field]));
        }
        refresh();
    }

    /**
     * The task's camera for {@link #render()}: an orthographic view of the geoms drawn with Java2D
     * (see {@link MujocoPicture}).
     */
    abstract MujocoPicture camera();

    /**
     * A 480 x 480 picture of the current qpos: the geoms in an orthographic projection, drawn with
     * Java2D (not MuJoCo's OpenGL renderer); the view is the task's {@link #camera()}. Drawing does
     * not change the simulation.
     */
    @Override
    public BufferedImage render() {
        return camera().draw(sim);
    }

    @Override
    public void close() {
        sim.close();
    }

    /**
     * NumPy's float32 {@code np.sum(np.square(a))}: squares rounded to float32, summed in float32 in
     * NumPy's pairwise order (sequentially below 8 values; eight partial sums from 8 to 128 values).
     */
    static float sumOfSquares(float[] a) {
        double[] squares = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            squares[i] = a[i] * a[i];
        }
        return (float) pairwiseSum(squares, true);
    }

    /**
     * NumPy's {@code np.sum} of a contiguous array of at most 128 values: below 8 values one running
     * sum; from 8 on, eight running sums over blocks of 8 combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
     * then the remaining values added one by one. With {@code float32} every addition is rounded to
     * float32 (the values must be float32 already).
     */
    static double pairwiseSum(double[] a, boolean float32) {
        int n = a.length;
        if (n > 128) {
            throw new IllegalArgumentException("more than 128 values: NumPy's recursive halving is not implemented");
        }
        if (n < 8) {
            double sum = -0.0;
            for (double v : a) {
                sum = round(sum + v, float32);
            }
            return round(0.0 + sum, float32);
        }
        double[] r = java.util.Arrays.copyOf(a, 8);
        int i = 8;
        for (; i < n - n % 8; i += 8) {
            for (int j = 0; j < 8; j++) {
                r[j] = round(r[j] + a[i + j], float32);
            }
        }
        double sum = round(round(round(r[0] + r[1], float32) + round(r[2] + r[3], float32), float32)
                + round(round(r[4] + r[5], float32) + round(r[6] + r[7], float32), float32), float32);
        for (; i < n; i++) {
            sum = round(sum + a[i], float32);
        }
        return round(0.0 + sum, float32);
    }

    private static double round(double v, boolean float32) {
        return float32 ? (float) v : v;
    }

    /** Gymnasium's control cost, {@code weight * np.sum(np.square(action))}, in float32 as NumPy 2 computes it. */
    static float controlCost(float weight, float[] action) {
        return weight * sumOfSquares(action);
    }
}
