package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import lpdm.lab.run.Json;
import lpdm.lab.study.StudySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --shard I/N} then {@code gather} equals an unsharded {@code compare}: the same
 * run directories (checkpoint bytes, summary numbers), the same results.json numbers, and the
 * report files byte-identical to what {@code compare} writes from the same runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShardGatherTest {
    @TempDir
    static Path dir;

    static final String STUDY = """
            envs: [CartPole-v1]
            algo: reinforce
            steps: 1500
            seeds: 3
            set: {reinforce.batch_steps: 500}
            variants:
              bp: {learner: bp}
              frozen: {learner: frozen}
              lpdm: {learner: lpdm}
            """;

    Path study;
    Path unsharded;
    Path[] shards = new Path[3];

    static CompareCommandTest.Result run(String... args) {
        return CompareCommandTest.run(args);
    }

    static CompareCommandTest.Result compare(Path study, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--study", study.toString(), "--out", out.toString(), "--jobs", "1",
                "--bootstrap", "100", "--quiet"));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    @BeforeAll
    void runUnshardedAndThreeShards() throws Exception {
        study = dir.resolve("study.yaml");
        Files.writeString(study, STUDY);
        unsharded = dir.resolve("unsharded");
        assertThat(compare(study, unsharded).code()).isZero();
        for (int i = 1; i <= 3; i++) {
            shards[i - 1] = dir.resolve("shard" + i);
            CompareCommandTest.Result r = compare(study, shards[i - 1], "--shard", i + "/3");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("shard " + i + "/3");
            assertThat(shards[i - 1].resolve("report.md")).doesNotExist(); // a shard writes no report
        }
    }

    List<StudySpec.RunKey> runs() {
        return StudySpec.read(study).runs();
    }

    @Test
    void eachShardRanOnlyItsShareAndTogetherEveryRunOnce() {
        for (StudySpec.RunKey k : runs()) {
            int in = 0;
            for (Path s : shards) {
                in += Files.exists(s.resolve(k.relativeDirectory()).resolve("summary.json")) ? 1 : 0;
            }
            assertThat(in).as(k.label()).isEqualTo(1);
        }
    }

    @Test
    void gatheredShardsEqualTheUnshardedStudyAndTheReportIsWhatCompareWrites() throws Exception {
        Path gathered = dir.resolve("gathered");
        CompareCommandTest.Result g = run("gather", shards[0].toString(), shards[1].toString(), shards[2].toString(),
                "--out", gathered.toString(), "--bootstrap", "100");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("gathered 9 of 9 runs");
        assertSameRuns(unsharded, gathered);
        assertSameNumbers(Json.MAPPER.readTree(unsharded.resolve("results.json").toFile()),
                Json.MAPPER.readTree(gathered.resolve("results.json").toFile()), "results.json");

        // compare --resume over the gathered directory reads the same runs: its report must be byte-identical.
        List<Path> files = List.of(Path.of("results.json"), Path.of("report.md"), Path.of("report.html"),
                Path.of("plots", "curves_CartPole-v1.svg"), Path.of("plots", "aggregate_iqm.png"));
        List<byte[]> byGather = new ArrayList<>();
        for (Path f : files) {
            byGather.add(Files.readAllBytes(gathered.resolve(f)));
            Files.delete(gathered.resolve(f));
        }
        assertThat(compare(study, gathered, "--resume").code()).isZero();
        for (int i = 0; i < files.size(); i++) {
            assertThat(Files.readAllBytes(gathered.resolve(files.get(i)))).as(files.get(i).toString()).isEqualTo(byGather.get(i));
        }
    }

    @Test
    void shardsInOneSharedDirectoryGatherInPlace() throws Exception {
        Path shared = dir.resolve("shared");
        for (int i = 3; i >= 1; i--) {
            assertThat(compare(study, shared, "--shard", i + "/3").code()).isZero();
        }
        // A shard started again finds its runs completed and reruns nothing.
        byte[] before = Files.readAllBytes(shared.resolve(runs().get(0).relativeDirectory()).resolve("summary.json"));
        for (int i = 1; i <= 3; i++) {
            assertThat(compare(study, shared, "--shard", i + "/3").code()).isZero();
        }
        assertThat(Files.readAllBytes(shared.resolve(runs().get(0).relativeDirectory()).resolve("summary.json"))).isEqualTo(before);
        CompareCommandTest.Result g = run("gather", shared.toString(), "--out", shared.toString(), "--bootstrap", "100");
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(g.out()).contains("(0 copied)");
        assertSameRuns(unsharded, shared);
        assertSameNumbers(Json.MAPPER.readTree(unsharded.resolve("results.json").toFile()),
                Json.MAPPER.readTree(shared.resolve("results.json").toFile()), "results.json");
    }

    @Test
    void missingDuplicatedAndForeignShardsAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = dir.resolve("refused");
        CompareCommandTest.Result missing = run("gather", shards[0].toString(), shards[1].toString(), "--out", out.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot gather:", "runs missing");
        for (StudySpec.RunKey k : runs()) {
            if (Files.exists(shards[2].resolve(k.relativeDirectory()))) {
                assertThat(missing.err()).contains(k.label());
            }
        }
        assertThat(missing.err().lines().filter(l -> !l.isBlank()).count()).isEqualTo(1);
        assertThat(out).doesNotExist();

        CompareCommandTest.Result dup = run("gather", shards[0].toString(), shards[1].toString(), shards[2].toString(),
                unsharded.toString(), "--out", out.toString());
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err()).contains("9 runs duplicated", "CartPole-v1/bp/seed1 (in ");
        assertThat(out).doesNotExist();

        Path other = dir.resolve("other.yaml");
        Files.writeString(other, STUDY.replace("steps: 1500", "steps: 1000"));
        Path foreign = dir.resolve("foreign");
        assertThat(compare(other, foreign, "--shard", "1/5").code()).isZero();
        CompareCommandTest.Result diff = run("gather", shards[0].toString(), foreign.toString(), "--out", out.toString());
        assertThat(diff.code()).isEqualTo(2);
        assertThat(diff.err()).contains("holds a different study than");
        assertThat(out).doesNotExist();

        assertThat(compare(study, dir.resolve("bad"), "--shard", "4/3").code()).isEqualTo(2);
        assertThat(dir.resolve("bad")).doesNotExist();
    }

    /** Every run's checkpoint and tables are byte-identical; the summaries' numbers, timings aside, equal. */
    static void assertSameRuns(Path a, Path b) throws Exception {
        for (StudySpec.RunKey k : StudySpec.read(a.getParent().resolve("study.yaml")).runs()) {
            Path ra = a.resolve(k.relativeDirectory());
            Path rb = b.resolve(k.relativeDirectory());
            for (String f : List.of("checkpoint/state.bin", "episodes.csv", "config.json")) {
                assertThat(Files.readAllBytes(rb.resolve(f))).as(k.label() + " " + f).isEqualTo(Files.readAllBytes(ra.resolve(f)));
            }
            assertSameNumbers(Json.MAPPER.readTree(ra.resolve("summary.json").toFile()), Json.MAPPER.readTree(rb.resolve("summary.json").toFile()),
                    k.label());
        }
    }

    /** Timings, heap and paths depend on where and when a study ran; every other field must be equal. */
    static final Set<String> TIMING = Set.of("wall_seconds", "steps_per_second", "peak_heap_bytes", "wall_seconds_mean",
            "steps_per_second_mean", "peak_heap_bytes_max", "directory", "reproduce");

    static void assertSameNumbers(JsonNode a, JsonNode b, String where) {
        assertThat(strip(b)).as(where).isEqualTo(strip(a));
    }

    static JsonNode strip(JsonNode n) {
        JsonNode c = n.deepCopy();
        stripInPlace(c);
        return c;
    }

    private static void stripInPlace(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                if (TIMING.contains(it.next())) {
                    it.remove();
                }
            }
            o.forEach(ShardGatherTest::stripInPlace);
        } else if (n.isArray()) {
            n.forEach(ShardGatherTest::stripInPlace);
        }
    }
}
