package lpdm.envs.box2d;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class LunarLanderReplayTest {

    @Test
    void replaysGoldenEpisodes() throws Exception {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/LunarLander-v3.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        LunarLanderReplay.Result result = LunarLanderReplay.replay(golden);
        for (LunarLanderReplay.EpisodeReport r : result.reports()) {
            System.out.println(r.summary());
        }
        assertThat(result.reports()).hasSize(golden.path("episodes").size());
    }
}
