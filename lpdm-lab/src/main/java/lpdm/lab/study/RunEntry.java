package lpdm.lab.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lpdm.lab.run.Json;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;

/**
 * The one entry point that runs one run of a study: every way of running a study (the local
 * {@code compare} pool, a {@code --shard I/N} of it, a Spark task) calls {@link #run}.
 *
 * <p>A run is a pure function of (study, env, variant, seed): {@link StudySpec#runConfig} fixes
 * everything it computes from, and the seed fixes every random stream, so the same inputs give
 * the same run directory contents (checkpoint, tables, summary numbers) wherever it runs; only
 * wall times and the peak heap differ. The directory is {@code studyDir/runs/ENV/VARIANT/seedS}.
 * Calling it again is safe: a completed run is read, not rerun; a run with a {@code config.json}
 * continues bit-exactly from its last checkpoint (what a retried Spark task or a requeued shard
 * relies on); otherwise the run starts.
 */
public final class RunEntry {
    private RunEntry() {
    }

    /**
     * Runs (or finishes, or reads) one run of {@code study} in {@code studyDir}.
     *
     * @param study the study
     * @param key the run: env, variant, seed
     * @param studyDir the study directory; the run lives in {@code studyDir.resolve(key.relativeDirectory())}
     * @param progress receives the run's progress (not called for a run already completed)
     * @return the run's summary (completed)
     */
    public static Summary run(StudySpec study, StudySpec.RunKey key, Path studyDir, RunProgress progress) throws IOException {
        Path runDir = directory(studyDir, key);
        Summary done = completedSummary(runDir);
        if (done != null) {
            return done;
        }
        TrainingRun run = Files.exists(runDir.resolve(TrainingRun.CONFIG)) ? TrainingRun.resume(runDir)
                : TrainingRun.create(runDir, study.runConfig(key));
        return run.run(progress);
    }

    /**
     * The study of a {@code study.json} (the resolved study and the lpdm version, as
     * {@link #studyJson} writes it): what a process that did not read the study file (a Spark task)
     * is given.
     */
    public static StudySpec studyOf(String studyJson) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(studyJson);
        o.remove("lpdm_version");
        return StudySpec.parse(o, StudyRunner.STUDY_FILE);
    }

    /** The content of {@code study.json} for {@code study}: the study's identity (resume and gather compare it). */
    public static String studyJson(StudySpec study) throws IOException {
        return Json.MAPPER.writeValueAsString(StudyRunner.studyJson(study));
    }

    /** Finds the run of {@code study} labelled {@code ENV/VARIANT/seedS}. */
    public static StudySpec.RunKey key(StudySpec study, String label) {
        return study.runs().stream().filter(k -> k.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no run " + label + " in the study"));
    }

    /** The run directory of {@code key} in {@code studyDir}. */
    public static Path directory(Path studyDir, StudySpec.RunKey key) {
        return studyDir.resolve(key.relativeDirectory());
    }

    /** The run's summary if it completed, else null. */
    public static Summary completedSummary(Path runDir) throws IOException {
        return StudyRunner.completedSummary(runDir);
    }
}
