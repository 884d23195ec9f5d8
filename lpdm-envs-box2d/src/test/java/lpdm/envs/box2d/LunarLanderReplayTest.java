package lpdm.envs.box2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the episodes recorded from Gymnasium 1.3.0 / pybox2d 2.3.10 with their numpy draws
 * injected. The port reproduces the recordings bit for bit for the first dozen steps; then a
 * last-bit difference inside the engine appears and, the dynamics being sensitive (leg joint limits
 * engaging, contacts), grows. The asserts cover what is robust; the printed table gives the figures.
 */
class LunarLanderReplayTest {
    private static JsonNode golden;
    private static LunarLanderReplay.Result result;

    @BeforeAll
    static void replay() throws Exception {
        try (InputStream in = LunarLanderReplayTest.class.getResourceAsStream("/LunarLander-v3.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        result = LunarLanderReplay.replay(golden);
        System.out.println("LunarLander-v3 golden replay (step t = observations[t]; -1 = initial observation):");
        for (LunarLanderReplay.EpisodeReport r : result.reports()) {
            System.out.println("  " + r.summary());
        }
    }

    @Test
    void everyEpisodeIsReported() {
        assertThat(result.reports()).hasSize(golden.path("episodes").size()).hasSize(6);
    }

    @Test
    void initialObservationIsExact() {
        for (LunarLanderReplay.EpisodeReport r : result.reports()) {
            assertThat(r.initialMaxAbsDiff()).as(r.name()).isZero();
        }
    }

    @Test
    void firstTenStepsOfFreeFlightAgreeToFloatPrecision() {
        for (LunarLanderReplay.EpisodeReport r : result.reports()) {
            assertThat(r.firstStepOver1e5()).as(r.name()).isNotNull().isGreaterThanOrEqualTo(10);
            assertThat(r.firstRewardStepOver1e5()).as(r.name()).isNotNull().isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void trajectoriesStayWithin1eMinus2ForAtLeastFortySteps() {
        for (LunarLanderReplay.EpisodeReport r : result.reports()) {
            Integer first = r.firstStepOver1e2();
            assertThat(first == null || first >= 40).as(r.name() + " first >1e-2 at " + first).isTrue();
        }
    }

    @Test
    void outputFollowsTheReplayFormat() {
        JsonNode eps = result.json().path("episodes");
        for (int i = 0; i < eps.size(); i++) {
            JsonNode e = eps.get(i);
            int n = e.path("observations").size();
            assertThat(n).isEqualTo(result.reports().get(i).replayedSteps());
            assertThat(e.path("rewards").size()).isEqualTo(n);
            assertThat(e.path("terminated").size()).isEqualTo(n);
            assertThat(e.path("truncated").size()).isEqualTo(n);
            assertThat(e.path("initial_observation").size()).isEqualTo(8);
            assertThat(e.path("actions")).isEqualTo(golden.path("episodes").get(i).path("actions"));
        }
        // The 1000-step hover episode is cut by the registry's time limit, as recorded.
        LunarLanderReplay.EpisodeReport hover = result.reports().get(4);
        assertThat(hover.replayedEnd()).isEqualTo("truncated@999").isEqualTo(hover.recordedEnd());
        // The input is not modified.
        assertThat(golden.path("episodes").get(0).path("observations").get(20))
                .isNotEqualTo(result.json().path("episodes").get(0).path("observations").get(20));
    }

    @Test
    void inconsistentDrawsAreRejected() {
        ObjectNode bad = golden.deepCopy();
        ObjectNode ep = (ObjectNode) bad.path("episodes").get(0);
        ((com.fasterxml.jackson.databind.node.ArrayNode) ep.path("initial_state")).set(12, 5000.0);
        bad.set("episodes", new ObjectMapper().createArrayNode().add(ep));
        assertThatThrownBy(() -> LunarLanderReplay.replay(bad)).isInstanceOf(IllegalStateException.class).hasMessageContaining("outside");
    }
}
