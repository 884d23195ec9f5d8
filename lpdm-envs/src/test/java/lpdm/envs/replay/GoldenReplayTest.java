package lpdm.envs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lpdm.envs.Env;
import lpdm.envs.EnvRegistry;
import lpdm.envs.StepResult;
import lpdm.envs.classic.MountainCarContinuousEnv;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Checks the classic-control ports against trajectories recorded from Gymnasium 1.3.0: open-loop
 * replays of whole episodes (differences tolerated only from an episode's {@code fragile_from_step},
 * where 1-ulp trig differences grow chaotically) and one-step checks from every recorded state.
 * Prints the largest absolute deviations per env.
 */
class GoldenReplayTest {
    static final List<String> ENV_IDS = GoldenFiles.ENV_IDS;
    private static final Map<String, String> REPORT = new TreeMap<>();

    /** Largest deviations seen in one check. */
    private static final class Deviation {
        double robust;
        double fragile;
        String robustWhere = "-";

        void add(double actual, double expected, boolean inFragilePart, String where) {
            double d = Math.abs(actual - expected);
            if (inFragilePart) {
                fragile = Math.max(fragile, d);
            } else if (d > robust) {
                robust = d;
                robustWhere = where;
            }
        }
    }

    @ParameterizedTest
    @FieldSource("ENV_IDS")
    void openLoopReplayReproducesGymnasium(String envId) {
        JsonNode golden = GoldenFiles.trajectories(envId);
        JsonNode states = GoldenFiles.states(envId);
        ObjectNode input = golden.deepCopy();
        for (JsonNode episode : input.get("episodes")) {
            // Give the replay only the inputs, so nothing expected can leak into the result.
            ((ObjectNode) episode).retain("name", "initial_state", "actions");
        }
        ObjectNode replayed = TrajectoryReplay.replay(input);

        Deviation deviation = new Deviation();
        List<String> failures = new ArrayList<>();
        int steps = 0;
        for (int e = 0; e < golden.get("episodes").size(); e++) {
            JsonNode expected = golden.get("episodes").get(e);
            JsonNode actual = replayed.get("episodes").get(e);
            String name = expected.get("name").asText();
            assertThat(actual.get("name").asText()).isEqualTo(name);
            JsonNode fragileNode = states.get("episodes").get(e).get("fragile_from_step");
            int fragileFrom = fragileNode == null || fragileNode.isNull() ? Integer.MAX_VALUE : fragileNode.asInt();
            assertThat(actual.get("observations").size()).as("%s: number of steps", name)
                    .isEqualTo(expected.get("observations").size());
            compare(name, -1, actual.get("initial_observation"), expected.get("initial_observation"), false, deviation, failures);
            for (int t = 0; t < expected.get("observations").size(); t++) {
                boolean fragile = t >= fragileFrom;
                compare(name, t, actual.get("observations").get(t), expected.get("observations").get(t), fragile, deviation, failures);
                double r = actual.get("rewards").get(t).doubleValue();
                double re = expected.get("rewards").get(t).doubleValue();
                deviation.add(r, re, fragile, name + " step " + t + " reward");
                if (!fragile && !GoldenFiles.close(r, re)) {
                    failures.add(name + " step " + t + ": reward " + r + " != " + re);
                }
                // The flags must match exactly, fragile or not (the lengths already match).
                assertThat(actual.get("terminated").get(t).asBoolean()).as("%s step %d terminated", name, t)
                        .isEqualTo(expected.get("terminated").get(t).asBoolean());
                assertThat(actual.get("truncated").get(t).asBoolean()).as("%s step %d truncated", name, t)
                        .isEqualTo(expected.get("truncated").get(t).asBoolean());
                steps++;
            }
        }
        REPORT.merge(envId, String.format("open-loop: %4d steps, max |dev| %.3e (robust steps, at %s), %.3e (fragile tail)",
                steps, deviation.robust, deviation.robustWhere, deviation.fragile), (a, b) -> a + "; " + b);
        assertThat(failures).as("deviations beyond 1e-5 + 1e-5|e| before fragile_from_step").isEmpty();
    }

    @ParameterizedTest
    @FieldSource("ENV_IDS")
    void oneStepFromEveryRecordedStateMatches(String envId) {
        JsonNode golden = GoldenFiles.trajectories(envId);
        JsonNode states = GoldenFiles.states(envId);
        Env env = EnvRegistry.make(envId);
        Deviation deviation = new Deviation();
        List<String> failures = new ArrayList<>();
        int steps = 0;
        for (int e = 0; e < golden.get("episodes").size(); e++) {
            JsonNode episode = golden.get("episodes").get(e);
            JsonNode recorded = states.get("episodes").get(e).get("states");
            String name = episode.get("name").asText();
            assertThat(states.get("episodes").get(e).get("name").asText()).isEqualTo(name);
            for (int t = 0; t < recorded.size(); t++) {
                double[] before = GoldenFiles.doubles(t == 0 ? episode.get("initial_state") : recorded.get(t - 1));
                env.setState(before);
                if (t > 0 && env.unwrapped() instanceof MountainCarContinuousEnv car) {
                    car.setStateAsFloat32(before); // Gymnasium held the state as float32 after step t - 1
                }
                JsonNode action = episode.get("actions").get(t);
                StepResult r = action.isArray() ? env.step(new float[] {(float) action.get(0).doubleValue()}) : env.step(action.asInt());
                double[] after = env.unwrapped().state();
                double[] expectedAfter = GoldenFiles.doubles(recorded.get(t));
                for (int i = 0; i < after.length; i++) {
                    deviation.add(after[i], expectedAfter[i], false, name + " step " + t + " state[" + i + "]");
                    if (!GoldenFiles.close(after[i], expectedAfter[i])) {
                        failures.add(name + " step " + t + " state[" + i + "]: " + after[i] + " != " + expectedAfter[i]);
                    }
                }
                double[] expectedObservation = GoldenFiles.doubles(episode.get("observations").get(t));
                for (int i = 0; i < expectedObservation.length; i++) {
                    deviation.add(r.observation()[i], expectedObservation[i], false, name + " step " + t + " observation[" + i + "]");
                    if (!GoldenFiles.close(r.observation()[i], expectedObservation[i])) {
                        failures.add(name + " step " + t + " observation[" + i + "]: " + r.observation()[i] + " != " + expectedObservation[i]);
                    }
                }
                double expectedReward = episode.get("rewards").get(t).doubleValue();
                deviation.add(r.reward(), expectedReward, false, name + " step " + t + " reward");
                if (!GoldenFiles.close(r.reward(), expectedReward)) {
                    failures.add(name + " step " + t + ": reward " + r.reward() + " != " + expectedReward);
                }
                assertThat(r.terminated()).as("%s step %d terminated", name, t).isEqualTo(episode.get("terminated").get(t).asBoolean());
                steps++;
            }
        }
        REPORT.merge(envId, String.format("one-step: %4d steps, max |dev| %.3e (at %s)", steps, deviation.robust, deviation.robustWhere), (a, b) -> a + "; " + b);
        assertThat(failures).as("one-step deviations beyond 1e-5 + 1e-5|e|").isEmpty();
    }

    private static void compare(String name, int t, JsonNode actual, JsonNode expected, boolean fragile,
                                Deviation deviation, List<String> failures) {
        assertThat(actual.size()).as("%s step %d observation size", name, t).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            double a = actual.get(i).doubleValue();
            double x = expected.get(i).doubleValue();
            deviation.add(a, x, fragile, name + (t < 0 ? " initial observation" : " step " + t + " observation") + "[" + i + "]");
            if (!fragile && !GoldenFiles.close(a, x)) {
                failures.add(name + (t < 0 ? " initial observation" : " step " + t + " observation") + "[" + i + "]: " + a + " != " + x);
            }
        }
    }

    @AfterAll
    static void printDeviations() {
        System.out.println("Golden replay deviations from Gymnasium 1.3.0 (observations, rewards, states):");
        REPORT.forEach((id, line) -> {
            System.out.printf("  %s%n", id);
            for (String part : line.split("; ")) {
                System.out.printf("    %s%n", part);
            }
        });
    }
}
