package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;

/** {@code lpdm bench}: output shapes and the accounting's depth behaviour on tiny networks (no timing is asserted). */
class BenchCommandTest {

    @Test
    void throughputPrintsExactlyOneJsonObjectWithTheRequiredKeys() throws Exception {
        CliTest.Result r = CliTest.run("bench", "throughput", "--env", "CartPole-v1", "--algo", "ppo", "--learner", "frozen",
                "--steps", "600", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines().count()).isEqualTo(1);
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertThat(o.isObject()).isTrue();
        assertThat(o.get("total_steps").asLong()).isEqualTo(1024); // two iterations of 4 x 128
        assertThat(o.get("steps_per_second").asDouble()).isPositive();
        assertThat(o.get("wall_seconds").asDouble()).isPositive();
        assertThat(o.has("final_mean_return")).isTrue();
        assertThat(o.get("threads").asInt()).as("frozen: run.threads=auto is one thread").isEqualTo(1);
        CliTest.Result two = CliTest.run("bench", "throughput", "--learner", "frozen", "--steps", "600", "--set", "run.threads=2", "--json");
        assertThat(two.code()).as(two.err()).isZero();
        assertThat(Json.MAPPER.readTree(two.out()).get("threads").asInt()).isEqualTo(2);
        CliTest.Result bad = CliTest.run("bench", "throughput", "--learner", "frozen", "--steps", "600", "--set", "run.threads=4");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("run.threads").contains("'4'");
    }

    @Test
    void throughputRepeatListsEveryRunWithTheSameResults() throws Exception {
        CliTest.Result r = CliTest.run("bench", "throughput", "--env", "CartPole-v1", "--learner", "bp", "--steps", "600",
                "--repeat", "3", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip().lines().count()).isEqualTo(1);
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertThat(o.get("repeat").asInt()).isEqualTo(3);
        JsonNode runs = o.get("runs");
        assertThat(runs.size()).isEqualTo(3);
        // Same seed and settings in one JVM: the same episodes, whatever the JIT has compiled by then.
        for (JsonNode run : runs) {
            assertThat(run.get("episodes").asLong()).isEqualTo(o.get("episodes").asLong());
            assertThat(run.get("final_mean_return").asDouble()).isEqualTo(runs.get(0).get("final_mean_return").asDouble());
            assertThat(run.get("steps_per_second").asDouble()).isPositive();
        }
        assertThat(o.get("steps_per_second").asDouble()).as("top level = the last run").isEqualTo(runs.get(2).get("steps_per_second").asDouble());
        assertThat(CliTest.run("bench", "throughput", "--learner", "bp", "--steps", "10", "--repeat", "0").code()).isEqualTo(2);
    }

    @Test
    void memoryReportsFlatLocalPeaksAndGrowingBackpropPeaks() throws Exception {
        CliTest.Result r = CliTest.run("bench", "memory", "--depth", "2,6", "--width", "16", "--batch", "12", "--learner", "bp,lpdm",
                "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode results = Json.MAPPER.readTree(r.out()).get("results");
        assertThat(results.size()).isEqualTo(4);
        long bp2 = results.get(0).get("peak_activation_bytes").asLong();
        long bp6 = results.get(1).get("peak_activation_bytes").asLong();
        long lpdm2 = results.get(2).get("peak_activation_bytes").asLong();
        long lpdm6 = results.get(3).get("peak_activation_bytes").asLong();
        assertThat(results.get(0).get("learner").asText()).isEqualTo("bp");
        assertThat(results.get(1).get("depth").asInt()).isEqualTo(6);
        assertThat(bp6 - bp2).as("four more hidden outputs").isEqualTo(4L * 4 * 12 * 16);
        assertThat(lpdm6).isEqualTo(lpdm2);
        assertThat(results.get(3).get("peak_total_bytes").asLong()).isEqualTo(results.get(2).get("peak_total_bytes").asLong());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(CliTest.run("bench", "throughput", "--learner", "nope", "--steps", "10").code()).isEqualTo(2);
        assertThat(CliTest.run("bench", "memory", "--width", "0").code()).isEqualTo(2);
        assertThat(CliTest.run("bench", "memory", "--learner", "nope").code()).isEqualTo(2);
    }
}
