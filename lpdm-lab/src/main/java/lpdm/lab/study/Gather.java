package lpdm.lab.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lpdm.lab.run.Json;
import lpdm.lab.run.Summary;
import lpdm.rl.settings.UsageException;

/**
 * Gathers the runs of a study's shards ({@code compare --shard I/N}, in one shared directory or in
 * several) into one study directory, from which the report is written as an unsharded
 * {@code compare} writes it.
 *
 * <p>Before anything is written it checks that every source holds the same study (their
 * {@code study.json}: the resolved study and the lpdm version, the identity {@code --resume}
 * checks too) and that every run of the study is completed in exactly one source; otherwise it
 * refuses with one line naming the missing and duplicated runs. Run directories are then copied
 * (never moved) into the output directory; sources are not changed.
 */
public final class Gather {
    private Gather() {
    }

    /**
     * What was gathered.
     *
     * @param study the study
     * @param outcomes one completed outcome per run, in the study's order, in the output directory
     * @param studyFile the study file the shards were given (from their markers), or null
     * @param copied runs copied into the output directory
     */
    public record Result(StudySpec study, List<StudyRunner.RunOutcome> outcomes, Path studyFile, int copied) {
    }

    /**
     * Checks the sources and copies their runs into {@code out} (which may be one of them).
     *
     * @param allowMissing write what there is: runs completed nowhere are left out (the report names
     *                     them) instead of refusing; duplicates are still refused
     */
    public static Result gather(List<Path> sources, Path out, boolean allowMissing) throws IOException {
        if (sources.isEmpty()) {
            throw new UsageException("gather needs at least one study directory");
        }
        // The same directory named twice (or as --out) is one source.
        Map<Path, Path> byReal = new LinkedHashMap<>();
        for (Path s : sources) {
            if (!Files.isRegularFile(s.resolve(StudyRunner.STUDY_FILE))) {
                throw new UsageException(s + " is not a study directory (no " + StudyRunner.STUDY_FILE + ")");
            }
            byReal.putIfAbsent(s.toRealPath(), s);
        }
        List<Path> dirs = new ArrayList<>(byReal.values());
        Path first = dirs.get(0);
        JsonNode identity = Json.MAPPER.readTree(first.resolve(StudyRunner.STUDY_FILE).toFile());
        for (Path d : dirs.subList(1, dirs.size())) {
            requireSameStudy(identity, first, d);
        }
        boolean outIsSource = Files.exists(out) && byReal.containsKey(out.toRealPath());
        if (!outIsSource && Files.exists(out.resolve(StudyRunner.STUDY_FILE))) {
            throw new UsageException("--out " + out + " already holds a study; gather into a new directory or name it as a source");
        }
        if (!outIsSource && Files.exists(out.resolve("runs"))) {
            throw new UsageException("--out " + out + " already holds runs/; gather into a new directory or name it as a source");
        }
        ObjectNode spec = identity.deepCopy();
        spec.remove("lpdm_version");
        StudySpec study = StudySpec.parse(spec, first.resolve(StudyRunner.STUDY_FILE).toString());

        // Where each run is completed.
        Map<StudySpec.RunKey, List<Path>> found = new LinkedHashMap<>();
        for (StudySpec.RunKey key : study.runs()) {
            List<Path> in = new ArrayList<>();
            for (Path d : dirs) {
                if (RunEntry.completedSummary(RunEntry.directory(d, key)) != null) {
                    in.add(d);
                }
            }
            found.put(key, in);
        }
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        found.forEach((key, in) -> {
            if (in.isEmpty()) {
                missing.add(key.label());
            } else if (in.size() > 1) {
                duplicated.add(key.label() + " (in " + String.join(" and ", in.stream().map(Path::toString).toList()) + ")");
            }
        });
        if (!duplicated.isEmpty() || (!missing.isEmpty() && !allowMissing)) {
            List<String> parts = new ArrayList<>();
            if (!missing.isEmpty()) {
                parts.add(missing.size() + " of " + found.size() + " runs missing (not completed in any directory): " + list(missing));
            }
            if (!duplicated.isEmpty()) {
                parts.add(duplicated.size() + " runs duplicated: " + list(duplicated));
            }
            throw new UsageException("cannot gather: " + String.join("; ", parts)
                    + (missing.isEmpty() ? "" : "; finish the shards (rerun them: they resume) or pass --allow-missing"));
        }

        // Copy, then describe.
        if (!outIsSource) {
            Files.createDirectories(out);
            Files.copy(first.resolve(StudyRunner.STUDY_FILE), out.resolve(StudyRunner.STUDY_FILE));
        }
        int copied = 0;
        List<StudyRunner.RunOutcome> outcomes = new ArrayList<>();
        for (Map.Entry<StudySpec.RunKey, List<Path>> e : found.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue; // --allow-missing: the report names it
            }
            Path target = RunEntry.directory(out, e.getKey());
            Path source = RunEntry.directory(e.getValue().get(0), e.getKey());
            if (!outIsSource || !Files.isSameFile(e.getValue().get(0), out)) {
                copyTree(source, target);
                copied++;
            }
            Summary s = RunEntry.completedSummary(target);
            outcomes.add(new StudyRunner.RunOutcome(e.getKey(), target, s, null));
        }
        return new Result(study, outcomes, studyFile(dirs), copied);
    }

    static void requireSameStudy(JsonNode identity, Path first, Path other) throws IOException {
        JsonNode o = Json.MAPPER.readTree(other.resolve(StudyRunner.STUDY_FILE).toFile());
        if (identity.equals(o)) {
            return;
        }
        String a = identity.path("lpdm_version").asText();
        String b = o.path("lpdm_version").asText();
        throw new UsageException(a.equals(b)
                ? other + " holds a different study than " + first + " (their study.json differ: envs, algo, steps, seeds or variants)"
                : other + " was made by lpdm " + b + ", " + first + " by lpdm " + a + ": runs of different versions are not one study");
    }

    /** The study file recorded by the shards' markers (the first one found), or null. */
    private static Path studyFile(List<Path> dirs) throws IOException {
        Set<String> files = new LinkedHashSet<>();
        for (Path d : dirs) {
            Path markers = d.resolve(Shard.MARKERS);
            if (!Files.isDirectory(markers)) {
                continue;
            }
            try (Stream<Path> s = Files.list(markers)) {
                for (Path m : s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                    JsonNode f = Json.MAPPER.readTree(m.toFile()).path("study_file");
                    if (f.isTextual()) {
                        files.add(f.asText());
                    }
                }
            }
        }
        return files.isEmpty() ? null : Path.of(files.iterator().next());
    }

    private static String list(List<String> labels) {
        int show = 10;
        return String.join(", ", labels.subList(0, Math.min(show, labels.size())))
                + (labels.size() > show ? " and " + (labels.size() - show) + " more" : "");
    }

    /** Copies a run directory (replacing an incomplete copy at the target). */
    static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(to)) {
            deleteTree(to);
        }
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
