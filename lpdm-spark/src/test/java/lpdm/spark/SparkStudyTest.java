package lpdm.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import lpdm.lab.study.Shard;
import lpdm.lab.study.StudySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job on {@code local[2]} writes the study directory an unsharded study writes. */
class SparkStudyTest {
    @TempDir
    Path dir;

    @Test
    void sparkLocal2EqualsTheUnshardedStudyAndResumesALeftoverRun() throws Exception {
        StudyFixture f = StudyFixture.create(dir);

        Path spark = dir.resolve("spark");
        Shard.prepareStudyDirectory(spark, f.study);
        StudySpec.RunKey leftover = f.study.runs().get(1);
        f.leaveHalfDone(spark, leftover);
        String log = f.runSpark("--out", spark.toString());
        assertThat(log.lines().filter(l -> l.contains(leftover.label() + "  final return"))).singleElement().asString().contains("resumed at step");
        f.assertSameAsUnsharded(spark);

        // Staged path (what hdfs:// and s3a:// take): train in a local temporary directory, copy back.
        Path staged = dir.resolve("staged");
        f.runSpark("--out", staged.toString(), "--stage-locally");
        f.assertSameAsUnsharded(staged);
    }
}
