package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static final String STUDY = """
            envs: [CartPole-v1]
            algo: reinforce
            steps: 1500
            seeds: 2
            variants:
              bp: {learner: bp, set: {reinforce.batch_steps: 500}}
              bp-lr1e-2:
                learner: bp
                set: {reinforce.batch_steps: 500, reinforce.lr: 0.01}
            """;

    Path studyFile(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    Result compare(Path study, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("compare", "--study", study.toString(), "--out", out.toString(), "--jobs", "1",
                "--bootstrap", "100", "--quiet"));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    @Test
    void helpListsCompareAndBothForms() {
        assertThat(run("--help").out()).contains("compare");
        Result help = run("compare", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--study", "--env", "--learners", "--seeds", "--steps", "--jobs", "--resume", "--bootstrap");
    }

    @Test
    void studyFileMistakesAreUsageErrorsNamingTheProblem() throws Exception {
        String[][] cases = {
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 1000\nseeds: 2\nvariants: {bp: {learner: bp}}\nrepeats: 3\n", "unknown key 'repeats'"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 1000\nseeds: 2\nvariants: {bp: {set: {reinforce.lr: 0.1}}}\n", "variant 'bp' needs a 'learner'"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: -5\nseeds: 2\nvariants: {bp: {learner: bp}}\n", "'steps' needs a positive integer"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: lots\nseeds: 2\nvariants: {bp: {learner: bp}}\n", "'steps' needs a positive integer"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: {Acrobot-v1: 100}\nseeds: 2\nvariants: {bp: {learner: bp}}\n", "for CartPole-v1"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 1000\nseeds: [1, x]\nvariants: {bp: {learner: bp}}\n", "'seeds'"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 1000\nseeds: [1, 1]\nvariants: {bp: {learner: bp}}\n", "seed 1 twice"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 1000\nseeds: 2\nvariants: {bp: {learner: bp, sett: {}}}\n", "unknown key 'sett'"},
            {"envs: [NoSuchEnv-v0]\nalgo: reinforce\nsteps: 1000\nseeds: 2\nvariants: {bp: {learner: bp}}\n", "unknown env 'NoSuchEnv-v0'"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 1000\nseeds: 2\nvariants: {h: {learner: hebbian}}\n", "variant 'h': unknown learner 'hebbian'"},
            {"envs: [CartPole-v1]\nalgo: reinforce\nsteps: 1000\nseeds: 2\nvariants: {bp: {learner: bp, set: {reinforce.lrr: 1}}}\n",
                "unknown setting 'reinforce.lrr'"},
            {"envs: [CartPole-v1]\nalgo: sarsa\nsteps: 1000\nseeds: 2\nvariants: {bp: {learner: bp}}\n", "unknown algorithm 'sarsa'"},
            {"envs: [CartPole-v1]\nalgo: [unclosed\n", "malformed"},
        };
        for (int i = 0; i < cases.length; i++) {
            Path out = dir.resolve("out" + i);
            Result r = compare(studyFile("s" + i + ".yaml", cases[i][0]), out);
            assertThat(r.code()).as(cases[i][1] + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).contains(cases[i][1]);
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
            assertThat(out.resolve("runs")).as("nothing ran").doesNotExist();
        }
    }

    @Test
    void optionMistakesAreUsageErrors() throws Exception {
        Path study = studyFile("s.yaml", STUDY);
        Result both = run("compare", "--study", study.toString(), "--env", "CartPole-v1", "--learners", "bp");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("either --study or --env/--learners");
        Result seeds = run("compare", "--study", study.toString(), "--seeds", "3");
        assertThat(seeds.code()).isEqualTo(2);
        assertThat(seeds.err()).contains("--seeds belongs to the --env/--learners form");
        Result none = run("compare");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("missing --env and --learners");
        Result missingFile = run("compare", "--study", dir.resolve("nope.yaml").toString());
        assertThat(missingFile.code()).isEqualTo(2);
        assertThat(missingFile.err()).contains("cannot read study file");
        Result badJobs = run("compare", "--study", study.toString(), "--out", dir.resolve("j").toString(), "--jobs", "0");
        assertThat(badJobs.code()).isEqualTo(2);
        assertThat(badJobs.err()).contains("--jobs must be positive");
        Result badBootstrap = run("compare", "--study", study.toString(), "--out", dir.resolve("b").toString(), "--bootstrap", "0");
        assertThat(badBootstrap.code()).isEqualTo(2);
        assertThat(badBootstrap.err()).contains("--bootstrap must be positive");
        assertThat(dir.resolve("j")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
        Result badSteps = run("compare", "--env", "CartPole-v1", "--algo", "reinforce", "--learners", "bp", "--steps", "0");
        assertThat(badSteps.code()).isEqualTo(2);
        assertThat(badSteps.err()).contains("--steps must be positive");
        Result twice = run("compare", "--env", "CartPole-v1", "--algo", "reinforce", "--learners", "bp,bp", "--out", dir.resolve("t").toString());
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err()).contains("names 'bp' twice");
        Result setWithStudy = run("compare", "--study", study.toString(), "--set", "hparams=tuned");
        assertThat(setWithStudy.code()).isEqualTo(2);
        assertThat(setWithStudy.err().strip()).isEqualTo(
                "lpdm: --set belongs to the --env/--learners form; with --study the study file sets it (its top-level 'set')");
        Result noEquals = run("compare", "--env", "CartPole-v1", "--learners", "bp", "--set", "hparams", "--out", dir.resolve("e").toString());
        assertThat(noEquals.code()).isEqualTo(2);
        assertThat(noEquals.err().strip()).isEqualTo("lpdm: --set expects NAME=VALUE, got 'hparams'");
        Result unknown = run("compare", "--env", "CartPole-v1", "--learners", "bp", "--set", "ppo.nope=1", "--out", dir.resolve("u").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("ppo.nope");
        assertThat(dir.resolve("e")).doesNotExist();
        assertThat(dir.resolve("u")).doesNotExist();
    }

    @Test
    void envFormSetsApplyToEveryRunAndTheReportRepeatsThem() throws Exception {
        Path out = dir.resolve("tuned");
        Result r = run("compare", "--env", "MountainCar-v0", "--learners", "bp,frozen", "--seeds", "1", "--steps", "512",
                "--set", "hparams=tuned", "--set", "ppo.update_epochs=2", "--jobs", "1", "--bootstrap", "100", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String v : List.of("bp", "frozen")) {
            JsonNode c = Json.MAPPER.readTree(out.resolve("runs/MountainCar-v0/" + v + "/seed1/config.json").toFile());
            assertThat(c.path("hparams").path("set").asText()).isEqualTo("ppo/MountainCar-v0"); // the tuned set
            assertThat(c.path("settings").path("ppo.num_envs").asText()).isEqualTo("16"); // its value
            assertThat(c.path("settings").path("ppo.update_epochs").asText()).isEqualTo("2"); // --set overrides it
        }
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("lpdm compare --env MountainCar-v0 --algo ppo --learners bp,frozen --seeds 1 --steps 512"
                        + " --set hparams=tuned --set ppo.update_epochs=2 --out " + out + " --bootstrap 100");
    }

    @Test
    void studyRunsReportsResumesWithoutRerunningAndRefusesAChangedStudy() throws Exception {
        Path study = studyFile("study.yaml", STUDY);
        Path out = dir.resolve("out");
        Result first = compare(study, out);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("4 runs", "IQM [95% CI]", "bp-lr1e-2", "report: ");
        for (String f : List.of("report.md", "report.html", "results.json", "study.json", "plots/curves_CartPole-v1.png",
                "plots/curves_CartPole-v1.svg", "plots/final_CartPole-v1.svg", "plots/aggregate_iqm.png")) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(results.path("reproduce").asText()).isEqualTo("lpdm compare --study " + study + " --out " + out + " --bootstrap 100");
        assertThat(Files.readString(out.resolve("report.md"))).contains("lpdm compare --study " + study);
        assertThat(results.path("study").path("variants").path("bp-lr1e-2").path("set").path("reinforce.lr").asText()).isEqualTo("0.01");

        List<Path> summaries = new ArrayList<>();
        try (var files = Files.walk(out.resolve("runs"))) {
            files.filter(p -> p.getFileName().toString().equals("summary.json")).forEach(summaries::add);
        }
        assertThat(summaries).hasSize(4);
        // Each summary is stamped with a time in the past (the epoch) instead of waiting for the
        // clock: a rewrite then shows on any file system, whatever its timestamp resolution (a
        // 20 ms sleep let a rerun go unseen where mtime counts whole seconds).
        List<FileTime> times = new ArrayList<>();
        for (Path s : summaries) {
            Files.setLastModifiedTime(s, FileTime.fromMillis(0));
            times.add(Files.getLastModifiedTime(s));
        }
        Result again = compare(study, out, "--resume");
        assertThat(again.code()).as(again.err()).isZero();
        for (int i = 0; i < summaries.size(); i++) {
            assertThat(Files.getLastModifiedTime(summaries.get(i))).as("rerun " + summaries.get(i)).isEqualTo(times.get(i));
        }
        assertThat(Json.MAPPER.readTree(out.resolve("results.json").toFile()).path("variants"))
                .as("same runs, same seed, same figures").isEqualTo(results.path("variants"));

        Result noResume = compare(study, out);
        assertThat(noResume.code()).isEqualTo(2);
        assertThat(noResume.err()).contains("already holds a study; use --resume");

        Path changed = studyFile("changed.yaml", STUDY.replace("steps: 1500", "steps: 1600"));
        Result refused = compare(changed, out, "--resume");
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("cannot resume", "different study");
    }

    @Test
    void dryRunChecksCountsAndWritesNothing() throws Exception {
        Path study = studyFile("study.yaml", STUDY);
        Path out = dir.resolve("dry");
        Result fresh = compare(study, out, "--dry-run");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(fresh.out()).contains("study study: 4 runs (CartPole-v1 x 2 variants x 2 seeds) -> " + out,
                "dry run: the study is valid; 0 complete, 0 started (continued from their checkpoints), 4 to start; at most 6000 env steps");
        assertThat(out).doesNotExist();

        Path bad = studyFile("bad.yaml", STUDY.replace("reinforce.lr: 0.01", "reinforce.lr: fast"));
        Result refused = compare(bad, dir.resolve("bad"), "--dry-run");
        Result refusedForReal = compare(bad, dir.resolve("bad"));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo(refusedForReal.err()).contains("variant 'bp-lr1e-2'");
        assertThat(dir.resolve("bad")).doesNotExist();

        assertThat(compare(study, out).code()).isZero();
        Path oneRun = out.resolve("runs/CartPole-v1/bp/seed2");
        Files.delete(oneRun.resolve("summary.json")); // as if stopped before its end: config.json, no completed summary
        List<Path> before;
        try (var files = Files.walk(out)) {
            before = files.sorted().toList();
        }
        Result resumed = compare(study, out, "--dry-run", "--resume");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("3 complete, 1 started (continued from their checkpoints), 0 to start; at most 1500 env steps");
        try (var files = Files.walk(out)) {
            assertThat(files.sorted().toList()).isEqualTo(before);
        }
        Result noResume = compare(study, out, "--dry-run");
        assertThat(noResume.code()).isEqualTo(2);
        assertThat(noResume.err()).contains("already holds a study; use --resume");
        Result changed = compare(studyFile("changed.yaml", STUDY.replace("steps: 1500", "steps: 1600")), out, "--dry-run", "--resume");
        assertThat(changed.code()).isEqualTo(2);
        assertThat(changed.err()).contains("cannot resume", "different study");
    }

    @Test
    void aFailedRunExitsOneAfterWritingTheReport() throws Exception {
        Path out = dir.resolve("failing");
        // A file where seed 2's run directory should go makes that run fail; seed 1 still runs.
        Path blocker = out.resolve("runs/CartPole-v1/bp/seed2");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "not a directory");
        Result r = run("compare", "--env", "CartPole-v1", "--algo", "reinforce", "--learners", "bp", "--seeds", "2", "--steps", "1000",
                "--out", out.toString(), "--jobs", "1", "--bootstrap", "100", "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("run CartPole-v1/bp/seed2 failed", "1 of 2 runs failed");
        assertThat(r.out()).contains("1 of 2 runs missing from the statistics");
        String md = Files.readString(out.resolve("report.md"));
        assertThat(md).contains("Missing from the statistics (1 of 2 runs)", "CartPole-v1/bp/seed2",
                "lpdm compare --env CartPole-v1 --algo reinforce --learners bp --seeds 2 --steps 1000");
        JsonNode results = Json.MAPPER.readTree(out.resolve("results.json").toFile());
        assertThat(results.path("variants").path("bp").path("envs").path("CartPole-v1").path("runs").asInt()).isEqualTo(1);
        assertThat(results.path("runs").get(1).path("status").asText()).isEqualTo("failed");
    }
}
