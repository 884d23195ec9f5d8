package lpdm.lab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lpdm.rl.settings.UsageException;
import org.junit.jupiter.api.Test;

class ShardTest {
    @Test
    void hashIsSha256OfTheLabelAsComputedElsewhere() {
        // Expected values from Python: int.from_bytes(hashlib.sha256(label.encode()).digest()[:8], 'big')
        assertThat(Long.toUnsignedString(Shard.hash(new StudySpec.RunKey("CartPole-v1", "bp", 1))))
                .isEqualTo("18134864079499221919");
        assertThat(Long.toUnsignedString(Shard.hash(new StudySpec.RunKey("Acrobot-v1", "lpdm-additive-value", 10))))
                .isEqualTo("7288753253410958915");
        assertThat(new Shard(2, 3).contains(new StudySpec.RunKey("CartPole-v1", "bp", 1))).isTrue(); // 18134864079499221919 % 3 == 1
        assertThat(new Shard(3, 3).contains(new StudySpec.RunKey("Acrobot-v1", "lpdm-additive-value", 10))).isTrue();
    }

    @Test
    void everyRunIsInExactlyOneShardAndStaysThereWhenTheStudyGrows() {
        StudySpec small = StudySpec.ofLearners("CartPole-v1", "ppo", List.of("bp", "frozen", "lpdm"), 10, 1000);
        StudySpec big = StudySpec.ofLearners("CartPole-v1", "ppo", List.of("bp", "frozen", "lpdm", "bp2"), 20, 1000);
        for (int n : new int[] {1, 2, 3, 7}) {
            List<StudySpec.RunKey> all = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                Shard s = new Shard(i, n);
                all.addAll(s.select(small.runs()));
                for (StudySpec.RunKey k : small.runs()) {
                    assertThat(s.contains(k)).isEqualTo(new Shard(i, n).select(big.runs()).contains(k));
                }
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(small.runs());
        }
    }

    @Test
    void parsesIOverNAndRefusesTheRest() {
        assertThat(Shard.parse("2/8")).isEqualTo(new Shard(2, 8));
        assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.ALL);
        for (String bad : new String[] {"0/3", "4/3", "3", "a/b", "1/0", "-1/3", "1/3/5", ""}) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(UsageException.class).hasMessageContaining("--shard");
        }
    }

    @Test
    void theVariantNameIsPartOfTheIdentity() {
        StudySpec s = new StudySpec(List.of("CartPole-v1"), "ppo", Map.of("CartPole-v1", 100L), List.of(1L),
                Map.of("a", new StudySpec.Variant("bp", Map.of())));
        assertThat(Shard.hash(s.runs().get(0))).isNotEqualTo(Shard.hash(new StudySpec.RunKey("CartPole-v1", "b", 1)));
    }
}
