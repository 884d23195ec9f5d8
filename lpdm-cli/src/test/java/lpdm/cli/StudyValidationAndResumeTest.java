package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19, defect 1: a study with a mistake fails before any run starts; fixing or adding a variant keeps the finished runs. */
class StudyValidationAndResumeTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            envs: [CartPole-v1]
            algo: reinforce
            steps: 1000
            seeds: 1
            variants:
              bp: {learner: bp, set: {reinforce.batch_steps: 500}}
            """;

    private CliTest.Result compare(String study, Path out, String... extra) throws Exception {
        Path f = dir.resolve("study-" + Integer.toHexString(study.hashCode()) + ".yaml");
        Files.writeString(f, study);
        List<String> args = new ArrayList<>(List.of("compare", "--study", f.toString(), "--out", out.toString(), "--jobs", "1",
                "--bootstrap", "50", "--quiet"));
        args.addAll(List.of(extra));
        return CliTest.run(args.toArray(new String[0]));
    }

    @Test
    void aBadValueInOneVariantFailsBeforeAnyRunStarts() throws Exception {
        Path out = dir.resolve("bad");
        CliTest.Result r = compare(HEAD + "  fast: {learner: bp, set: {reinforce.lr: abc}}\n", out);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("lpdm: variant 'fast': setting reinforce.lr: expected a number in [0.0, 10.0], got 'abc'");
        assertThat(r.out()).as("nothing printed before the error").isEmpty();
        assertThat(out.resolve("runs")).doesNotExist();

        // Checked per env too: 3 minibatches cannot divide PPO's CartPole batch of 4 x 128.
        CliTest.Result ppo = compare("""
                envs: [CartPole-v1]
                algo: ppo
                steps: 1000
                seeds: 1
                variants:
                  ok: {learner: bp}
                  odd: {learner: lpdm, set: {ppo.num_minibatches: 3}}
                """, dir.resolve("bad-ppo"));
        assertThat(ppo.code()).isEqualTo(2);
        assertThat(ppo.err()).contains("variant 'odd'", "num_minibatches");
        assertThat(dir.resolve("bad-ppo").resolve("runs")).doesNotExist();

        CliTest.Result learner = compare(HEAD + "  hebb: {learner: hebb}\n", dir.resolve("bad-learner"));
        assertThat(learner.code()).isEqualTo(2);
        assertThat(learner.err()).contains("variant 'hebb'", "unknown learner 'hebb'");
    }

    @Test
    void resumeAcceptsAnAddedOrFixedVariantAndRefusesByNameWhatWouldMixSettings() throws Exception {
        Path out = dir.resolve("study");
        CliTest.Result first = compare(HEAD, out);
        assertThat(first.code()).as(first.err()).isZero();
        Path summary = out.resolve("runs/CartPole-v1/bp/seed1/summary.json");
        // Stamped with the epoch, not timed with a sleep: any rewrite shows, whatever the file system's timestamp resolution.
        Files.setLastModifiedTime(summary, FileTime.fromMillis(0));
        FileTime written = Files.getLastModifiedTime(summary);

        String added = HEAD + "  bp-fast: {learner: bp, set: {reinforce.batch_steps: 500, reinforce.lr: 0.01}}\n";
        CliTest.Result more = compare(added, out, "--resume");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(Files.getLastModifiedTime(summary)).as("the finished run is kept, not rerun").isEqualTo(written);
        assertThat(out.resolve("runs/CartPole-v1/bp-fast/seed1/summary.json")).isRegularFile();

        CliTest.Result changed = compare(HEAD.replace("reinforce.batch_steps: 500", "reinforce.batch_steps: 400"), out, "--resume");
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("cannot resume", "variant 'bp'", "reinforce.batch_steps = 500, now = 400");
        assertThat(Files.getLastModifiedTime(summary)).isEqualTo(written);
    }
}
