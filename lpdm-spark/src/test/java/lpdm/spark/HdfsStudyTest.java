package lpdm.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import lpdm.lab.study.Shard;
import lpdm.lab.study.StudySpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job on {@code local[2]} with {@code --out hdfs://...}: an in-process HDFS (one NameNode,
 * one DataNode, from hadoop-client-minicluster of the Hadoop version Spark brings). The job stages
 * every run locally and uploads it ({@link RunTask}); the study directory it leaves on HDFS equals
 * the unsharded study, and a run left half-done on HDFS is resumed from its uploaded checkpoint.
 */
class HdfsStudyTest {
    @TempDir
    Path dir;

    @Test
    void sparkLocal2WithHdfsOutputEqualsTheUnshardedStudyAndResumesALeftoverRun() throws Exception {
        StudyFixture f = StudyFixture.create(dir);

        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        try (MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build()) {
            cluster.waitActive();
            URI out = URI.create("hdfs://localhost:" + cluster.getNameNodePort() + "/studies/x/");

            // What a lost task leaves on HDFS: study.json and a run stopped part-way, as its task uploaded them.
            Path before = dir.resolve("before");
            Shard.prepareStudyDirectory(before, f.study);
            StudySpec.RunKey leftover = f.study.runs().get(1);
            f.leaveHalfDone(before, leftover);
            RunTask.uploadRun(before, out, conf);

            String log = f.runSpark("--out", out.toString());
            assertThat(log.lines().filter(l -> l.contains(leftover.label() + "  final return"))).singleElement().asString()
                    .contains("resumed at step");
            assertThat(log).contains("report: " + out.resolve("report.html"));

            Path after = dir.resolve("after");
            RunTask.download(out, after, conf);
            f.assertSameAsUnsharded(after);
        }
    }
}
