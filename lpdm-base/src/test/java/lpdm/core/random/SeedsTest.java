package lpdm.core.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    private static final List<String> NAMES = List.of("env", "init", "sampling", "lpdm", "minibatch", "eval", "envs", "", "Env", "env0", "env1");

    @Test
    void runSeedIsRecorded() {
        assertThat(new Seeds(123).runSeed()).isEqualTo(123);
        assertThat(new Seeds(-5).runSeed()).isEqualTo(-5);
    }

    @Test
    void sameNameGivesTheSameSeedAndStream() {
        Seeds a = new Seeds(2024);
        Seeds b = new Seeds(2024);
        for (String name : NAMES) {
            assertThat(a.seedFor(name)).isEqualTo(b.seedFor(name));
            Rng ra = a.rng(name);
            Rng rb = b.rng(name);
            Rng direct = new Rng(a.seedFor(name));
            for (int i = 0; i < 20; i++) {
                long x = ra.nextLong();
                assertThat(rb.nextLong()).isEqualTo(x);
                assertThat(direct.nextLong()).isEqualTo(x);
            }
        }
    }

    @Test
    void differentNamesAndRunSeedsGiveDifferentSeeds() {
        Set<Long> seeds = new HashSet<>();
        for (long run : new long[] {0, 1, 2, 42, -1}) {
            Seeds s = new Seeds(run);
            for (String name : NAMES) {
                seeds.add(s.seedFor(name));
            }
        }
        assertThat(seeds).hasSize(5 * NAMES.size());
    }

    @Test
    void streamsOfDifferentComponentsAreUnrelated() {
        Seeds s = new Seeds(7);
        Rng env = s.rng("env");
        Rng init = s.rng("init");
        int equal = 0;
        for (int i = 0; i < 1000; i++) {
            if (env.nextInt(2) == init.nextInt(2)) {
                equal++;
            }
        }
        // agreement of two independent fair coins: 500 +- 16 (sd)
        assertThat(equal).isBetween(400, 600);
    }
}
