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
import lpdm.lab.study.StudyRunner;
import lpdm.lab.study.StudySpec;

/**
 * What the Spark tests share: a small study, its unsharded run (the reference), a run left
 * half-done as a lost task leaves it, and the comparison of two study directories.
 */
final class StudyFixture {
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

    /** Step at which {@link #leaveHalfDone} stops a run (of 1500). */
    static final long LOST_AT = 1000;

    final Path studyFile;
    final StudySpec study;
    /** The unsharded study ({@code lpdm compare}, one job): what every other way of running must equal. */
    final Path unsharded;

    private StudyFixture(Path studyFile, StudySpec study, Path unsharded) {
        this.studyFile = studyFile;
        this.study = study;
        this.unsharded = unsharded;
    }

    /** Writes {@link #STUDY} into {@code dir} and runs it unsharded into {@code dir/unsharded}. */
    static StudyFixture create(Path dir) throws Exception {
        Path studyFile = dir.resolve("study.yaml");
        Files.writeString(studyFile, STUDY);
        StudySpec study = StudySpec.read(studyFile);
        Path unsharded = dir.resolve("unsharded");
        List<StudyRunner.RunOutcome> outcomes = StudyRunner.run(study, unsharded, 1, false, (a, b, c, d, e) -> { });
        StudyReport.build(study, unsharded, outcomes, StudyReport.Options.defaults().withBootstrap(100)
                .withCommand(StudyReport.compareCommand(studyFile, study, unsharded, 100))).write();
        return new StudyFixture(studyFile, study, unsharded);
    }

    /** The run a lost task leaves behind: {@code key} stopped at step {@link #LOST_AT}, its last checkpoint on disk. */
    void leaveHalfDone(Path studyDir, StudySpec.RunKey key) throws Exception {
        Path runDir = studyDir.resolve(key.relativeDirectory());
        try {
            TrainingRun.create(runDir, study.runConfig(key)).run((g, t, e, m, s) -> {
                if (g >= LOST_AT) {
                    throw new IllegalStateException("lost");
                }
            });
        } catch (IllegalStateException expected) {
            // the run stopped; its last checkpoint is on disk
        }
        assertThat(runDir.resolve(TrainingRun.CHECKPOINT)).exists();
        assertThat(Json.MAPPER.readTree(runDir.resolve(TrainingRun.SUMMARY).toFile()).path("completed").asBoolean()).isFalse();
    }

    /** Runs the Spark job on {@code local[2]} with {@code args} after the study and master; returns its log. */
    String runSpark(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new java.util.ArrayList<>(List.of("--study", studyFile.toString(), "--master", "local[2]", "--bootstrap", "100"));
        all.addAll(List.of(args));
        int code = SparkStudy.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.print(out); // the job's log (its runs, which resumed, its overhead) in the test output
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    /** Every run's checkpoint, episodes.csv and config.json are byte-identical to the unsharded study's; results.json's numbers equal. */
    void assertSameAsUnsharded(Path b) throws Exception {
        for (StudySpec.RunKey k : study.runs()) {
            for (String f : List.of(TrainingRun.CHECKPOINT, TrainingRun.EPISODES, TrainingRun.CONFIG)) {
                assertThat(Files.readAllBytes(b.resolve(k.relativeDirectory()).resolve(f))).as(k.label() + " " + f)
                        .isEqualTo(Files.readAllBytes(unsharded.resolve(k.relativeDirectory()).resolve(f)));
            }
        }
        assertThat(strip(Json.MAPPER.readTree(b.resolve("results.json").toFile())))
                .isEqualTo(strip(Json.MAPPER.readTree(unsharded.resolve("results.json").toFile())));
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
            o.forEach(StudyFixture::stripInPlace);
        } else if (n.isArray()) {
            n.forEach(StudyFixture::stripInPlace);
        }
    }
}
