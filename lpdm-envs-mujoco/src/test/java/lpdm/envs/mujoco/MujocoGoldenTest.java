package lpdm.envs.mujoco;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * lpdm's tasks on MuJoCo 2.2.2 against Gymnasium 1.3.0 on MuJoCo 3.14.0: trajectories recorded by
 * {@code scripts/mujoco-golden.py} (test resources lpdm/envs/mujoco/golden/, format in the
 * README.md there; for Hopper, Ant and Humanoid also with MuJoCo 3.4's contact margins), compared
 * these ways:
 *
 * <ul>
 *   <li><b>Functions on identical states</b>: the recorded state after each step (qpos, qvel,
 *       qacc_warmstart, ctrl = the action) goes through mj_forward and mj_rnePostConstraint on
 *       both sides; lpdm's observation and reward functions must then give Gymnasium's values.</li>
 *   <li><b>First observation</b> of each recorded start state.</li>
 *   <li><b>One step</b>: lpdm's simulation is put into the recorded state before a step (what
 *       mj_step reads: time, qpos, qvel, qacc_warmstart; and what the task reads before
 *       simulating: xpos, xipos) and makes the recorded step; the differences left are MuJoCo
 *       2.2.2's against 3.14.0's.</li>
 *   <li><b>Open loop</b>: from each episode's recorded start, the recorded actions one after the
 *       other; the divergence is printed (the dynamics are chaotic, so it is reported, and only
 *       the first step is asserted).</li>
 *   <li><b>lpdm replay</b> of the recorded episodes, one after another in one env: every episode
 *       starts as Gymnasium's reset.</li>
 * </ul>
 *
 * <p>The tolerances ({@link #TOLERANCES}) are ten times the largest differences measured on these
 * files, rounded up to a power of ten (docs/mujoco.md, "Golden comparison with Gymnasium 1.3.0 on
 * MuJoCo 3.14.0"); the comments there say what each difference is made of. A report of the
 * largest differences is printed after the tests.
 */
class MujocoGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lines of the report printed after all tests, per task. */
    private static final Map<String, List<String>> REPORT = new java.util.TreeMap<>();

    @BeforeAll
    static void mujoco() {
        MujocoTests.requireMujoco();
    }

    @AfterAll
    static void printReport() {
        System.out.println("MuJoCo golden comparison, lpdm on MuJoCo 2.2.2 against Gymnasium 1.3.0 on MuJoCo 3.14.0:");
        REPORT.forEach((id, lines) -> lines.forEach(l -> System.out.println("  " + id + " " + l)));
    }

    private static synchronized void report(String id, String line) {
        REPORT.computeIfAbsent(id, k -> new ArrayList<>()).add(line);
    }

    /**
     * The recorded files: one per task, and for the three tasks whose geoms have margins, one
     * recorded with the margins halved (MuJoCo 3.4's contact margin; the recorder's docstring).
     */
    static java.util.stream.Stream<String> files() {
        return java.util.stream.Stream.concat(MujocoTests.ids(),
                java.util.stream.Stream.of("Hopper-v5.max-margins", "Ant-v5.max-margins", "Humanoid-v5.max-margins"));
    }

    static JsonNode golden(String file) {
        String resource = "/lpdm/envs/mujoco/golden/" + file + ".json.gz";
        try (InputStream in = MujocoGoldenTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(new GZIPInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }

    static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).doubleValue();
        }
        return out;
    }

    static float[] action(JsonNode step) {
        double[] a = doubles(step.get("action"));
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) a[i];
            assertThat((double) out[i]).as("actions are float32 values").isEqualTo(a[i]);
        }
        return out;
    }

    /** The task without its time limit (the one-step and function checks never reach it). */
    static MujocoEnv make(JsonNode doc) {
        MujocoEnv env = (MujocoEnv) EnvRegistry.make(doc.get("env_id").asText()).unwrapped();
        assertThat(new int[] {env.sim.nq(), env.sim.nv(), env.sim.nbody()}).as("nq, nv, nbody of the model files")
                .containsExactly(doc.get("nq").intValue(), doc.get("nv").intValue(), doc.get("nbody").intValue());
        assertThat(env.dt()).isEqualTo(doc.get("dt").doubleValue());
        return env;
    }

    /**
     * Puts the simulation into a recorded state before a step: a new episode, then time, qpos, qvel,
     * qacc_warmstart (the solver's warm start, which mj_step reads), xpos and xipos (the positions
     * the tasks read before simulating), written as they are, without mj_forward.
     */
    static void putState(MujocoEnv env, JsonNode state) {
        env.reset(0);
        env.overwrite(MujocoNative.TIME, new double[] {state.get("time").doubleValue()});
        env.overwrite(MujocoNative.QPOS, doubles(state.get("qpos")));
        env.overwrite(MujocoNative.QVEL, doubles(state.get("qvel")));
        env.overwrite(MujocoNative.QACC_WARMSTART, doubles(state.get("qacc_warmstart")));
        env.overwrite(MujocoNative.XPOS, doubles(state.get("xpos")));
        env.overwrite(MujocoNative.XIPOS, doubles(state.get("xipos")));
    }

    /**
     * What the recorder did on Gymnasium's side for the functions check: ctrl = the action, qacc_warmstart,
     * then qpos and qvel with mj_forward, then mj_rnePostConstraint. MuJoCo 2.2.2's mj_forward
     * normalizes the free joint's quaternion in qpos in place (3.14's normalizes a copy; docs/mujoco.md),
     * so qpos is written again afterwards: both sides then hold the recorded qpos, and both computed
     * the derived quantities from the normalized quaternion.
     */
    static void putStateAndForward(MujocoEnv env, JsonNode state, float[] action) {
        env.reset(0);
        double[] ctrl = new double[action.length];
        for (int i = 0; i < ctrl.length; i++) {
            ctrl[i] = action[i];
        }
        double[] q = doubles(state.get("qpos"));
        env.overwrite(MujocoNative.CTRL, ctrl);
        env.overwrite(MujocoNative.QACC_WARMSTART, doubles(state.get("qacc_warmstart")));
        env.setQposQvel(q, doubles(state.get("qvel")));
        env.overwrite(MujocoNative.QPOS, q);
        env.sim.step(ctrl, 0); // ctrl again, no mj_step, then mj_rnePostConstraint
    }

    /** Largest differences over many comparisons, by name. */
    static final class Max {
        final Map<String, Double> max = new LinkedHashMap<>();
        final Map<String, String> where = new LinkedHashMap<>();

        void add(String name, double diff, String at) {
            double d = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff;
            if (!max.containsKey(name) || d > max.get(name)) {
                max.put(name, d);
                where.put(name, at);
            }
        }

        double get(String name) {
            return max.getOrDefault(name, 0.0);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            max.forEach((k, v) -> b.append(String.format(" %s %.2e", k, v)));
            return b.toString().trim();
        }
    }

    /** |lpdm - Gymnasium| of each observation value, the largest; Gymnasium's float64 values against lpdm's float32 ones. */
    static double maxAbs(float[] lpdm, double[] gym) {
        assertThat(lpdm).hasSize(gym.length);
        double m = 0;
        for (int i = 0; i < gym.length; i++) {
            m = Math.max(m, Math.abs(lpdm[i] - gym[i]));
        }
        return m;
    }

    /**
     * The largest amount by which |lpdm - Gymnasium| of an observation value exceeds one float32 ulp
     * of Gymnasium's value (lpdm rounds its float64 value to float32; a float64 difference far
     * below the ulp can still move that rounding by one ulp); 0 when every value is within one ulp.
     */
    static double excessOverUlp(float[] lpdm, double[] gym, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(lpdm[i] - gym[i]) - Math.ulp((float) gym[i]));
        }
        return m;
    }

    static double maxAbs(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** The largest distance, in float32 units in the last place, between lpdm's value and Gymnasium's value rounded to float32. */
    static int maxUlps(float[] lpdm, double[] gym) {
        int m = 0;
        for (int i = 0; i < gym.length; i++) {
            int a = Float.floatToIntBits(lpdm[i]);
            int b = Float.floatToIntBits((float) gym[i]);
            m = Math.max(m, (a < 0) == (b < 0) ? Math.abs(a - b) : Math.abs(a) + Math.abs(b & 0x7fffffff));
        }
        return m;
    }

    /**
     * What a file's comparisons may differ by: {@code state}, the largest |qpos| or |qvel| difference
     * after one step; {@code reward}, of the reward and each reward term after one step;
     * {@code observation}, of an observation value after one step beyond one float32 ulp;
     * {@code contact}, of the contact forces (cfrc_ext) in the observation and of the contact cost
     * when both sides evaluate the same state (the constraint solver's result). Each is the
     * largest difference measured on the file (docs/mujoco.md) times ten, rounded up to a power of
     * ten, and at least 1e-14.
     */
    record Tolerance(double state, double reward, double observation, double contact) {
    }

    static final Map<String, Tolerance> TOLERANCES = Map.ofEntries(
            // The same arithmetic up to the last bits (the two builds and versions round some operations differently).
            // Measured (state, reward): 4.4e-16, 0; 1.8e-15, 1.8e-15; 8.3e-13, 1.3e-14; 1.2e-13, 3.6e-15; 4.4e-16, 2.2e-16;
            // 4.1e-15, 8.9e-16; observations within one float32 ulp, contact forces: none.
            Map.entry("InvertedPendulum-v5", new Tolerance(1e-14, 1e-14, 1e-14, 1e-14)),
            Map.entry("InvertedDoublePendulum-v5", new Tolerance(1e-13, 1e-13, 1e-14, 1e-14)),
            Map.entry("HalfCheetah-v5", new Tolerance(1e-11, 1e-12, 1e-14, 1e-14)),
            Map.entry("Walker2d-v5", new Tolerance(1e-11, 1e-13, 1e-14, 1e-14)),
            Map.entry("Reacher-v5", new Tolerance(1e-14, 1e-14, 1e-14, 1e-14)),
            Map.entry("Hopper-v5.max-margins", new Tolerance(1e-13, 1e-14, 1e-14, 1e-14)),
            // Newton's solver stops at its tolerance, at slightly different iterates in the two versions.
            // Measured: 1.7e-8, 8.7e-9, 4.0e-9 beyond an ulp; contact forces on the same state: 4.6e-16.
            Map.entry("Ant-v5.max-margins", new Tolerance(1e-6, 1e-7, 1e-7, 1e-14)),
            // PGS (50 iterations) stops by its own rule, after different iteration counts in the two versions
            // (e.g. 20 against 35 on one state). Measured: 2.2e-5, 1.2e-5, 6.8e-3 (contact forces of up to
            // hundreds of newtons in the observation); contact forces on the same state: 2.4e-2.
            Map.entry("Humanoid-v5.max-margins", new Tolerance(1e-3, 1e-3, 1e-1, 1)),
            // MuJoCo >= 3.5 sums the two geoms' margins (2.2.2 takes the larger): contacts start at twice the
            // distance, 0.002 m for Hopper and Humanoid, 0.02 m for Ant. Measured: 8.0e-2, 6.7e-3, 8.0e-2, none;
            // 1.6, 0.31, 2.0, 2.0 (Ant's contact forces are clipped to [-1, 1]); 3.1, 0.92, 424, 309.
            Map.entry("Hopper-v5", new Tolerance(1, 1e-1, 1, 1e-14)),
            Map.entry("Ant-v5", new Tolerance(100, 10, 100, 100)),
            Map.entry("Humanoid-v5", new Tolerance(100, 10, 1e4, 1e4)));

    /** Observation indices filled from the constraint solver's contact forces (cfrc_ext): Ant's and Humanoid's last 78. */
    static int contactPartFrom(String id, int length) {
        return id.startsWith("Ant-v5") || id.startsWith("Humanoid-v5") ? length - 78 : length;
    }

    @ParameterizedTest
    @MethodSource("files")
    void observationAndRewardFunctionsOnIdenticalStatesGiveGymnasiumsValues(String file) {
        JsonNode doc = golden(file);
        Tolerance tol = TOLERANCES.get(file);
        Max max = new Max();
        int steps = 0;
        int obsValues = 0;
        int obsMismatches = 0;
        try (MujocoEnv env = make(doc)) {
            for (JsonNode episode : doc.get("episodes")) {
                int t = 0;
                for (JsonNode step : episode.get("steps")) {
                    String at = episode.get("name").asText() + " step " + t++;
                    float[] action = action(step);
                    JsonNode expected = step.get("on_state");
                    putStateAndForward(env, step.get("state"), action);
                    float[] obs = env.observation();
                    double[] gymObs = doubles(expected.get("observation"));
                    assertThat(obs).hasSize(gymObs.length);
                    int contactFrom = contactPartFrom(file, obs.length);
                    for (int i = 0; i < obs.length; i++) {
                        boolean same = obs[i] == (float) gymObs[i];
                        obsMismatches += same ? 0 : 1;
                        if (i < contactFrom) {
                            assertThat(obs[i]).as("%s %s: observation[%d] is Gymnasium's rounded to float32", file, at, i)
                                    .isEqualTo((float) gymObs[i]);
                        }
                    }
                    obsValues += obs.length;
                    double contactExcess = excessOverUlp(obs, gymObs, contactFrom, obs.length);
                    max.add("cfrc_ext_in_obs", contactExcess, at);
                    assertThat(contactExcess).as("%s %s: contact forces in the observation", file, at).isLessThanOrEqualTo(tol.contact());
                    double[] before = step.has("progress_before") ? doubles(step.get("progress_before")) : new double[0];
                    MujocoEnv.Outcome outcome = env.outcome(action, before);
                    assertThat(outcome.terminated()).as("%s %s: terminated", file, at).isEqualTo(expected.get("terminated").booleanValue());
                    JsonNode terms = expected.get("terms");
                    double rewardTol = terms.has("reward_contact") ? Math.max(tol.contact(), 1e-13) : 1e-13;
                    double d = Math.abs(outcome.reward() - expected.get("reward").doubleValue());
                    max.add("reward", d, at);
                    assertThat(d).as("%s %s: reward", file, at).isLessThanOrEqualTo(rewardTol);
                    terms.fields().forEachRemaining(e -> {
                        assertThat(outcome.info()).as("%s: lpdm's info names Gymnasium's reward term", file).containsKey(e.getKey());
                        double dt = Math.abs((Double) outcome.info().get(e.getKey()) - e.getValue().doubleValue());
                        max.add(e.getKey(), dt, at);
                        assertThat(dt).as("%s %s: %s", file, at, e.getKey())
                                .isLessThanOrEqualTo(e.getKey().equals("reward_contact") ? rewardTol : 1e-13);
                    });
                    if (env instanceof HumanoidEnv) {
                        compareHumanoidParts(env, gymObs, max, at);
                    }
                    steps++;
                }
            }
        }
        report(file, String.format("functions on %d identical states: %d of %d observation values differ from Gymnasium's rounded to float32; "
                + "largest differences: %s", steps, obsMismatches, obsValues, max));
        report(file, "  (where: " + max.where + ")");
    }

    /** Humanoid's cinert, cvel, qfrc_actuator and cfrc_ext parts at float64 (its observation holds them unclipped). */
    static void compareHumanoidParts(MujocoEnv env, double[] gymObs, Max max, String at) {
        int k = 45;
        k = comparePart(max, "cinert64", env.data(MujocoNative.CINERT), 10, gymObs, k, at);
        k = comparePart(max, "cvel64", env.data(MujocoNative.CVEL), 6, gymObs, k, at);
        k = comparePart(max, "qfrc_actuator64", env.data(MujocoNative.QFRC_ACTUATOR), 6, gymObs, k, at);
        comparePart(max, "cfrc_ext64", env.data(MujocoNative.CFRC_EXT), 6, gymObs, k, at);
    }

    static int comparePart(Max max, String name, double[] values, int from, double[] gymObs, int k, String at) {
        double m = 0;
        for (int i = from; i < values.length; i++) {
            m = Math.max(m, Math.abs(values[i] - gymObs[k++]));
        }
        max.add(name, m, at);
        return k;
    }

    /**
     * The first observation: Gymnasium's reset ends with set_state (qpos, qvel, mj_forward), and so
     * does lpdm's; from the recorded start state both must observe the same, except that MuJoCo
     * 2.2.2's mj_forward normalizes the free joint's quaternion in qpos in place (Ant, Humanoid:
     * observation values 1 to 4, qpos[3:7]), where 3.14 leaves the noisy quaternion.
     */
    @ParameterizedTest
    @MethodSource("files")
    void theFirstObservationOfARecordedStartIsGymnasiums(String file) {
        JsonNode doc = golden(file);
        try (MujocoEnv env = make(doc)) {
            for (JsonNode episode : doc.get("episodes")) {
                JsonNode start = episode.get("initial");
                env.reset(0);
                double[] q = doubles(start.get("qpos"));
                env.setQposQvel(q, doubles(start.get("qvel")));
                float[] obs = env.observation();
                double[] gymObs = doubles(start.get("observation"));
                assertThat(obs).hasSize(gymObs.length);
                boolean freeJoint = file.startsWith("Ant-v5") || file.startsWith("Humanoid-v5");
                double norm = freeJoint ? Math.sqrt(q[3] * q[3] + q[4] * q[4] + q[5] * q[5] + q[6] * q[6]) : 1;
                for (int i = 0; i < obs.length; i++) {
                    double expected = freeJoint && i >= 1 && i <= 4 ? q[i + 2] / norm : gymObs[i];
                    assertThat(obs[i]).as("%s %s: first observation[%d]", file, episode.get("name").asText(), i)
                            .isCloseTo((float) expected, org.assertj.core.data.Offset.offset(freeJoint && i >= 1 && i <= 4 ? Math.ulp((float) expected) : 0f));
                }
                if (freeJoint) {
                    assertThat(Math.abs(norm - 1)).as("%s: the recorded start's quaternion is not normalized", file).isGreaterThan(1e-6);
                }
            }
        }
    }

    /**
     * {@code lpdm replay} (TrajectoryReplay) of a recorded file, episodes one after the other in one
     * env: each episode's first observation is Gymnasium's (but for 2.2.2's normalized quaternion),
     * whatever the episode before it left in the simulation (controls, contact forces), as each of
     * Gymnasium's episodes started from its reset.
     */
    @ParameterizedTest
    @MethodSource("files")
    void lpdmReplayStartsEveryEpisodeAsGymnasiumsReset(String file) {
        JsonNode doc = golden(file);
        com.fasterxml.jackson.databind.node.ObjectNode input = JSON.createObjectNode();
        input.put("env_id", doc.get("env_id").asText());
        com.fasterxml.jackson.databind.node.ArrayNode episodes = input.putArray("episodes");
        for (JsonNode episode : doc.get("episodes")) {
            com.fasterxml.jackson.databind.node.ObjectNode e = episodes.addObject();
            e.put("name", episode.get("name").asText());
            com.fasterxml.jackson.databind.node.ArrayNode state = e.putArray("initial_state");
            episode.get("initial").get("qpos").forEach(state::add);
            episode.get("initial").get("qvel").forEach(state::add);
            com.fasterxml.jackson.databind.node.ArrayNode actions = e.putArray("actions");
            episode.get("steps").forEach(step -> actions.add(step.get("action")));
        }
        JsonNode replayed = lpdm.envs.replay.TrajectoryReplay.replay(input);
        boolean freeJoint = file.startsWith("Ant-v5") || file.startsWith("Humanoid-v5");
        for (int k = 0; k < doc.get("episodes").size(); k++) {
            double[] expected = doubles(doc.get("episodes").get(k).get("initial").get("observation"));
            double[] actual = doubles(replayed.get("episodes").get(k).get("initial_observation"));
            for (int i = 0; i < expected.length; i++) {
                if (!(freeJoint && i >= 1 && i <= 4)) {
                    assertThat((float) actual[i]).as("%s episode %d: first observation[%d]", file, k, i).isEqualTo((float) expected[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("files")
    void oneStepFromARecordedStateAgreesWithGymnasium(String file) {
        JsonNode doc = golden(file);
        Tolerance tol = TOLERANCES.get(file);
        Max max = new Max();
        int steps = 0;
        try (MujocoEnv env = make(doc)) {
            for (JsonNode episode : doc.get("episodes")) {
                JsonNode before = episode.get("initial");
                int t = 0;
                for (JsonNode step : episode.get("steps")) {
                    String at = episode.get("name").asText() + " step " + t++;
                    putState(env, before);
                    StepResult r = env.step(action(step));
                    JsonNode after = step.get("state");
                    double state = Math.max(maxAbs(env.qpos, doubles(after.get("qpos"))), maxAbs(env.qvel, doubles(after.get("qvel"))));
                    max.add("state", state, at);
                    assertThat(state).as("%s %s: qpos and qvel after the step", file, at).isLessThanOrEqualTo(tol.state());
                    double[] gymObs = doubles(step.get("observation"));
                    double obs = excessOverUlp(r.observation(), gymObs, 0, gymObs.length);
                    max.add("obs_over_ulp", obs, at);
                    max.add("obs", maxAbs(r.observation(), gymObs), at);
                    assertThat(obs).as("%s %s: observation", file, at).isLessThanOrEqualTo(tol.observation());
                    double reward = Math.abs(r.reward() - step.get("reward").doubleValue());
                    max.add("reward", reward, at);
                    assertThat(reward).as("%s %s: reward", file, at).isLessThanOrEqualTo(tol.reward());
                    step.get("info").fields().forEachRemaining(e -> {
                        if (r.info().get(e.getKey()) instanceof Double mine) {
                            double d = Math.abs(mine - e.getValue().doubleValue());
                            max.add(e.getKey(), d, at);
                            assertThat(d).as("%s %s: %s", file, at, e.getKey()).isLessThanOrEqualTo(tol.reward());
                        }
                    });
                    assertThat(r.terminated()).as("%s %s: terminated", file, at).isEqualTo(step.get("terminated").booleanValue());
                    before = after;
                    steps++;
                }
            }
        }
        report(file, String.format("one step from %d recorded states: %s", steps, max));
        report(file, "  (where: " + max.where + ")");
    }

    /**
     * From each episode's recorded start, the recorded actions open loop: the largest qpos/qvel
     * difference so far at steps 1, 10, 30, 100, 300 and the last, and where each side terminated,
     * printed. Asserted: the first step within the file's one-step tolerance (the start is the
     * recorded state, so this is the one-step check again).
     */
    @ParameterizedTest
    @MethodSource("files")
    void openLoopFromTheRecordedStart(String file) {
        JsonNode doc = golden(file);
        Tolerance tol = TOLERANCES.get(file);
        try (MujocoEnv env = make(doc)) {
            for (JsonNode episode : doc.get("episodes")) {
                putState(env, episode.get("initial"));
                JsonNode steps = episode.get("steps");
                StringBuilder line = new StringBuilder();
                int lpdmEnd = -1;
                double worst = 0;
                for (int t = 0; t < steps.size(); t++) {
                    JsonNode step = steps.get(t);
                    StepResult r = env.step(action(step));
                    double[] q = doubles(step.get("state").get("qpos"));
                    double[] v = doubles(step.get("state").get("qvel"));
                    worst = Math.max(worst, Math.max(maxAbs(env.qpos, q), maxAbs(env.qvel, v)));
                    int n = t + 1;
                    if (n == 1) {
                        assertThat(worst).as("%s %s: the first step", file, episode.get("name").asText()).isLessThanOrEqualTo(tol.state());
                    }
                    if (n == 1 || n == 10 || n == 30 || n == 100 || n == 300 || t == steps.size() - 1 || r.terminated()) {
                        line.append(String.format(" %d:%.1e", n, worst));
                    }
                    if (r.terminated()) {
                        lpdmEnd = n;
                        break;
                    }
                }
                int gymEnd = steps.get(steps.size() - 1).get("terminated").booleanValue() ? steps.size() : -1;
                report(file, String.format("open loop %s: largest |qpos|,|qvel| difference up to step n (n:diff)%s; terminated at %s (Gymnasium: %s)",
                        episode.get("name").asText(), line, lpdmEnd < 0 ? "-" : lpdmEnd, gymEnd < 0 ? "-" : gymEnd));
            }
        }
    }
}
