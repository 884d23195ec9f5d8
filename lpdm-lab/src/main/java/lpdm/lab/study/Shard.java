package lpdm.lab.study;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import lpdm.lab.run.Json;
import lpdm.rl.settings.UsageException;

/**
 * Shard {@code index} of {@code count} of a study ({@code compare --shard I/N}): the runs whose
 * identity hashes to it.
 *
 * <p>Assignment: the first 8 bytes of SHA-256 over the UTF-8 bytes of the run's label
 * {@code ENV/VARIANT/seedS}, read as an unsigned big-endian number, modulo {@code count}; shard
 * {@code i} (1-based) takes the remainder {@code i - 1}. SHA-256 is fixed by FIPS 180-4 and the
 * label by the study, so the assignment is the same in every JVM, on every machine, and does
 * not depend on the other shards, on the order of the study file's runs, or on which runs
 * already ran; adding a seed or a variant moves no other run to another shard. With few runs
 * the shards are only roughly equal in size (a hash, not a round robin).
 *
 * @param index 1..count
 * @param count the number of shards
 */
public record Shard(int index, int count) {
    /** The whole study (one shard). */
    public static final Shard ALL = new Shard(1, 1);

    /** Directory (under the study directory) where each shard records what it ran. */
    public static final String MARKERS = "shards";

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new UsageException("--shard must be I/N with 1 <= I <= N, got " + index + "/" + count);
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        String[] p = text.trim().split("/", -1);
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error below
        }
        throw new UsageException("--shard must be I/N (e.g. 2/8: the second of 8 shards), got '" + text + "'");
    }

    /** True if {@code key} belongs to this shard. */
    public boolean contains(StudySpec.RunKey key) {
        return count == 1 || Long.remainderUnsigned(hash(key), count) == index - 1;
    }

    /** This shard's runs of {@code runs}, in their order. */
    public List<StudySpec.RunKey> select(List<StudySpec.RunKey> runs) {
        return runs.stream().filter(this::contains).toList();
    }

    /** The first 8 bytes of SHA-256 of the run's label, big-endian. */
    public static long hash(StudySpec.RunKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.label().getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }

    /**
     * Writes {@code studyDir/study.json} for a shard if it is not there yet, through a temporary file
     * of its own and an atomic rename, so that the shards of a job array starting at once in one
     * shared directory never trip over each other's temporary file (they all write the same
     * content). An existing study.json must be this study's (else a usage error).
     */
    public static void prepareStudyDirectory(Path studyDir, StudySpec study) throws IOException {
        StudyRunner.validate(study); // a bad study makes no directory
        Path file = studyDir.resolve(StudyRunner.STUDY_FILE);
        if (Files.exists(file)) {
            Gather.requireSameStudy(Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(StudyRunner.studyJson(study))),
                    Path.of("this study"), studyDir);
            return;
        }
        Files.createDirectories(studyDir);
        Path tmp = Files.createTempFile(studyDir, ".study", ".tmp");
        try {
            Files.write(tmp, Json.MAPPER.writeValueAsBytes(StudyRunner.studyJson(study)));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Records in {@code studyDir/shards/I-of-N.json} that this shard ran there: the shard, the study
     * file it was given (null for the {@code --env/--learners} form; {@code gather} uses it for the
     * report's reproduce command) and its runs.
     */
    public void writeMarker(Path studyDir, StudySpec study, Path studyFile) throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("shard", toString());
        if (studyFile != null) {
            o.put("study_file", studyFile.toString());
        } else {
            o.putNull("study_file");
        }
        com.fasterxml.jackson.databind.node.ArrayNode runs = o.putArray("runs");
        select(study.runs()).forEach(k -> runs.add(k.label()));
        Json.write(studyDir.resolve(MARKERS).resolve(index + "-of-" + count + ".json"), o);
    }
}
