package lpdm.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import lpdm.lab.report.StudyReport;
import lpdm.lab.run.Json;
import lpdm.lab.run.TrainingRun;
import lpdm.lab.study.Shard;
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job on {@code local[2]} writes the study directory an unsharded study writes. */
class SparkStudyTest {
    @TempDir
    Path dir;

    static final String STUDY = """
            envs: [CartPole-v1]
            algo: reinforce
            steps: 1500
            seeds: 2
            set: {reinforce.batch_steps: 500, run.checkpoint_every: 1}
            variants:
              bp: {learner: bp}
              lpdm: {learner: lpdm}
            """;

    @Test
    void sparkLocal2EqualsTheUnshardedStudyAndResumesALeftoverRun() throws Exception {
        Path studyFile = dir.resolve("study.yaml");
        Files.writeString(studyFile, STUDY);
        StudySpec study = StudySpec.read(studyFile);

        Path unsharded = dir.resolve("unsharded");
        List<StudyRunner.RunOutcome> outcomes = StudyRunner.run(study, unsharded, 1, false, (a, b, c, d, e) -> { });
        StudyReport.build(study, unsharded, outcomes, StudyReport.Options.defaults().withBootstrap(100)
                .withCommand(StudyReport.compareCommand(studyFile, study, unsharded, 100))).write();

        // What a lost task leaves behind: a run stopped after its first checkpoint (1000 of 1500 steps).
        Path spark = dir.resolve("spark");
        Shard.prepareStudyDirectory(spark, study);
        StudySpec.RunKey leftover = study.runs().get(1);
        Path leftoverDir = spark.resolve(leftover.relativeDirectory());
        try {
            TrainingRun.create(leftoverDir, study.runConfig(leftover)).run((g, t, e, m, s) -> {
                if (g >= 1000) {
                    throw new IllegalStateException("lost");
                }
            });
        } catch (IllegalStateException expected) {
            // the run stopped; its checkpoint after the first iteration is on disk
        }
        assertThat(leftoverDir.resolve(TrainingRun.CHECKPOINT)).exists();
        assertThat(leftoverDir.resolve(TrainingRun.SUMMARY)).exists();
        assertThat(Json.MAPPER.readTree(leftoverDir.resolve(TrainingRun.SUMMARY).toFile()).path("completed").asBoolean()).isFalse();

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkStudy.execute(new String[] {"--study", studyFile.toString(), "--out", spark.toString(), "--master", "local[2]",
            "--bootstrap", "100"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertSameStudy(study, unsharded, spark);

        // Staged path (what hdfs:// and s3a:// take): train in a local temporary directory, copy back.
        Path staged = dir.resolve("staged");
        code = SparkStudy.execute(new String[] {"--study", studyFile.toString(), "--out", staged.toString(), "--master", "local[2]",
            "--bootstrap", "100", "--stage-locally"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        assertSameStudy(study, unsharded, staged);
    }

    static void assertSameStudy(StudySpec study, Path a, Path b) throws Exception {
        for (StudySpec.RunKey k : study.runs()) {
            for (String f : List.of(TrainingRun.CHECKPOINT, TrainingRun.EPISODES, TrainingRun.CONFIG)) {
                assertThat(Files.readAllBytes(b.resolve(k.relativeDirectory()).resolve(f))).as(k.label() + " " + f)
                        .isEqualTo(Files.readAllBytes(a.resolve(k.relativeDirectory()).resolve(f)));
            }
        }
        assertThat(strip(Json.MAPPER.readTree(b.resolve("results.json").toFile())))
                .isEqualTo(strip(Json.MAPPER.readTree(a.resolve("results.json").toFile())));
        assertThat(b.resolve("report.html")).exists();
    }

    /** Timings, heap and paths depend on where and when a study ran; every other field must be equal. */
    static final Set<String> TIMING = Set.of("wall_seconds", "steps_per_second", "peak_heap_bytes", "wall_seconds_mean",
            "steps_per_second_mean", "peak_heap_bytes_max", "directory", "reproduce");

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
            o.forEach(SparkStudyTest::stripInPlace);
        } else if (n.isArray()) {
            n.forEach(SparkStudyTest::stripInPlace);
        }
    }
}
