package lpdm.envs.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the golden trajectories recorded from Gymnasium 1.3.0 (test resources {@code golden/}). */
final class GoldenFiles {
    static final List<String> ENV_IDS = List.of(
            "CartPole-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v1");
    static final double ATOL = 1e-5;
    static final double RTOL = 1e-5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenFiles() {
    }

    static JsonNode trajectories(String envId) {
        return load("golden/" + envId + ".json");
    }

    static JsonNode states(String envId) {
        return load("golden/" + envId + ".states.json");
    }

    private static JsonNode load(String resource) {
        try (InputStream in = GoldenFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tolerance of compare_golden.py: |a - e| <= 1e-5 + 1e-5 |e|. */
    static boolean close(double actual, double expected) {
        return Math.abs(actual - expected) <= ATOL + RTOL * Math.abs(expected);
    }

    static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }
}
