package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lpdm.api.Evaluation;
import lpdm.api.Lpdm;
import lpdm.api.TrainedRun;
import lpdm.api.Training;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library API (lpdm.api) against the command line: bad input fails with the CLI's one line
 * (as an exception, before any file is written), and evaluation gives the numbers of
 * {@code lpdm eval}. The library example's test (lpdm-examples) compares a whole training run.
 */
class LibraryApiTest {
    @TempDir
    Path dir;

    /** One bad input: the CLI's arguments after {@code train --quiet --out DIR}, and the same in the library. */
    private record Case(List<String> cli, Training library) {
    }

    @Test
    void badInputThrowsTheCommandLinesOneLineBeforeWritingAnything() {
        List<Case> cases = List.of(
                new Case(List.of("--env", "CartPol-v1", "--algo", "ppo", "--learner", "bp"),
                        Lpdm.training("CartPol-v1", "ppo", "bp")),
                new Case(List.of("--env", "MinAtar/Brekout-v1", "--algo", "ppo", "--learner", "bp"),
                        Lpdm.training("MinAtar/Brekout-v1", "ppo", "bp")),
                new Case(List.of("--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--set", "ppo.lrr=0.1"),
                        Lpdm.training("CartPole-v1", "ppo", "bp").set("ppo.lrr", "0.1")),
                new Case(List.of("--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--set", "ppo.lr=abc"),
                        Lpdm.training("CartPole-v1", "ppo", "bp").set("ppo.lr", "abc")),
                new Case(List.of("--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--set", "hparams=zoo"),
                        Lpdm.training("CartPole-v1", "ppo", "bp").set("hparams", "zoo")),
                new Case(List.of("--env", "CartPole-v1", "--algo", "dqn", "--learner", "bp"),
                        Lpdm.training("CartPole-v1", "dqn", "bp")),
                new Case(List.of("--env", "CartPole-v1", "--algo", "ppo", "--learner", "hebb"),
                        Lpdm.training("CartPole-v1", "ppo", "hebb")),
                new Case(List.of("--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--steps", "0"),
                        Lpdm.training("CartPole-v1", "ppo", "bp").steps(0)),
                new Case(List.of("--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--seed", "-1"),
                        Lpdm.training("CartPole-v1", "ppo", "bp").seed(-1)));
        int i = 0;
        for (Case c : cases) {
            Path cliDir = dir.resolve("cli" + i);
            Path libDir = dir.resolve("lib" + i++);
            List<String> args = new ArrayList<>(List.of("train", "--quiet", "--out", cliDir.toString()));
            args.addAll(c.cli());
            CliTest.Result cli = CliTest.run(args.toArray(new String[0]));
            assertThat(cli.code()).as(c.cli().toString()).isEqualTo(2);
            String line = cli.err().strip();
            assertThat(line).as(c.cli().toString()).startsWith("lpdm: ").doesNotContain("\n");

            Throwable thrown = catchThrowable(() -> c.library().directory(libDir).run());
            assertThat(thrown).as(c.cli().toString()).isInstanceOf(IllegalArgumentException.class);
            assertThat("lpdm: " + thrown.getMessage()).as(c.cli().toString()).isEqualTo(line);
            assertThat(libDir).as(c.cli().toString()).doesNotExist();
        }
    }

    @Test
    void unknownEnvInMakeEnvNamesTheRegisteredOnes() {
        Throwable thrown = catchThrowable(() -> Lpdm.makeEnv("CartPol-v1"));
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown env 'CartPol-v1'").hasMessageContaining("CartPole-v1");
        assertThat(Lpdm.envIds()).contains("CartPole-v1", "LunarLander-v3", "MinAtar/Breakout-v1");
    }

    @Test
    void evaluationEqualsLpdmEvalAndBadArgumentsGiveItsLines() throws Exception {
        Path run = dir.resolve("run");
        TrainedRun trained = Lpdm.training("CartPole-v1", "ppo", "bp").steps(1024).seed(3).set("ppo.num_envs", "2")
                .set("ppo.num_steps", "64").directory(run).run();
        assertThat(trained.directory()).isEqualTo(run);
        assertThat(trained.summary().completed()).isTrue();
        assertThat(trained.summary().total_steps()).isEqualTo(1024);

        Evaluation library = trained.evaluate(4, 77);
        Path libraryJson = dir.resolve("library-eval.json");
        library.write(libraryJson);
        CliTest.Result cli = CliTest.run("eval", run.toString(), "--episodes", "4", "--seed", "77");
        assertThat(cli.code()).as(cli.err()).isZero();
        JsonNode fromCli = Json.MAPPER.readTree(run.resolve("eval.json").toFile());
        assertThat(Json.MAPPER.readTree(libraryJson.toFile())).isEqualTo(fromCli);
        assertThat(library.deterministic().returns()).hasSize(4);
        assertThat(fromCli.path("global_step").asLong()).isEqualTo(1024);

        for (Map.Entry<List<String>, ThrowingEval> c : Map.<List<String>, ThrowingEval>of(
                List.of("--episodes", "0"), () -> Lpdm.evaluate(run, 0, 1),
                List.of("--seed", "-5"), () -> Lpdm.evaluate(run, 1, -5)).entrySet()) {
            List<String> args = new ArrayList<>(List.of("eval", run.toString()));
            args.addAll(c.getKey());
            CliTest.Result r = CliTest.run(args.toArray(new String[0]));
            assertThat(r.code()).isEqualTo(2);
            assertThat("lpdm: " + catchThrowable(c.getValue()::evaluate).getMessage()).isEqualTo(r.err().strip());
        }
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliTest.Result r = CliTest.run("eval", empty.toString());
        assertThat("lpdm: " + catchThrowable(() -> Lpdm.evaluate(empty, 10, 1)).getMessage()).isEqualTo(r.err().strip());
    }

    @Test
    void resumeOfAFinishedRunReturnsItsSummaryWithoutTraining() throws Exception {
        Path run = dir.resolve("done");
        TrainedRun trained = Lpdm.training("CartPole-v1", "ppo", "bp").steps(256).set("ppo.num_envs", "2")
                .set("ppo.num_steps", "64").directory(run).run();
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoint/state.bin"));
        TrainedRun again = Lpdm.resume(run, lpdm.lab.run.RunProgress.NONE);
        assertThat(again.summary()).isEqualTo(trained.summary());
        assertThat(Files.readAllBytes(run.resolve("checkpoint/state.bin"))).isEqualTo(checkpoint);
        Throwable thrown = catchThrowable(() -> Lpdm.training("CartPole-v1", "ppo", "bp").directory(run).run());
        assertThat(thrown).hasMessage("run directory " + run + " already holds a run; use --resume " + run + " or another --out");
    }

    @FunctionalInterface
    private interface ThrowingEval {
        Evaluation evaluate() throws Exception;
    }
}
