package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lpdm.lab.run.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19, defect 4: {@code train --resume} refuses options it cannot honour; --steps raises the budget. */
class TrainResumeOptionsTest {
    @TempDir
    Path dir;

    /** A small PPO: 2 envs x 64 steps = 128 steps per iteration. */
    private static final List<String> SMALL = List.of("--env", "CartPole-v1", "--algo", "ppo", "--learner", "bp", "--seed", "3",
            "--set", "ppo.num_envs=2", "--set", "ppo.num_steps=64", "--set", "ppo.num_minibatches=2", "--set", "ppo.update_epochs=1");

    private static CliTest.Result train(Path out, long steps, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--quiet", "--out", out.toString(), "--steps", Long.toString(steps)));
        args.addAll(SMALL);
        args.addAll(List.of(extra));
        return CliTest.run(args.toArray(new String[0]));
    }

    @Test
    void optionsThatWouldChangeTheRunAreRefusedWithOneLine() {
        Path run = dir.resolve("run");
        assertThat(train(run, 1024).code()).isZero();
        for (List<String> option : List.of(List.of("--seed", "4"), List.of("--set", "ppo.gamma=0.9"), List.of("--env", "Acrobot-v1"),
                List.of("--learner", "lpdm"), List.of("--algo", "a2c"))) {
            List<String> args = new ArrayList<>(List.of("train", "--resume", run.toString()));
            args.addAll(option);
            CliTest.Result r = CliTest.run(args.toArray(new String[0]));
            assertThat(r.code()).as(option.toString()).isEqualTo(2);
            assertThat(r.err().strip()).as(option.toString()).startsWith("lpdm: " + option.get(0) + " cannot be combined with --resume")
                    .doesNotContain("\n");
        }
        CliTest.Result smaller = CliTest.run("train", "--resume", run.toString(), "--steps", "512");
        assertThat(smaller.code()).isEqualTo(2);
        assertThat(smaller.err()).contains("its budget is 1024 steps", "can only raise it");
    }

    @Test
    void stepsExtendsAFinishedRunToTheRunOfTheLargerBudgetWhenNoScheduleDependsOnIt() throws Exception {
        Path full = dir.resolve("full");
        Path extended = dir.resolve("extended");
        assertThat(train(full, 2048, "--set", "ppo.anneal_lr=false").code()).isZero();
        assertThat(train(extended, 1024, "--set", "ppo.anneal_lr=false").code()).isZero();
        CliTest.Result more = CliTest.run("train", "--quiet", "--resume", extended.toString(), "--steps", "2048");
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("resuming " + extended + " at step 1024");
        JsonNode config = Json.MAPPER.readTree(extended.resolve("config.json").toFile());
        assertThat(config.path("total_steps").asLong()).isEqualTo(2048);
        assertThat(Json.MAPPER.readTree(extended.resolve("summary.json").toFile()).path("total_steps").asLong()).isEqualTo(2048);
        assertThat(Files.readAllBytes(extended.resolve("checkpoint/state.bin"))).isEqualTo(Files.readAllBytes(full.resolve("checkpoint/state.bin")));
        assertThat(Files.readString(extended.resolve("episodes.csv"))).isEqualTo(Files.readString(full.resolve("episodes.csv")));
        assertThat(CliTest.run("train", "--resume", extended.toString()).out()).contains("already complete");
    }

    @Test
    void withAnnealedLearningRatesTheExtensionDiffersFromTheLongerRun() throws Exception {
        // ppo.anneal_lr (the default) anneals over the budget: the first 1024 steps ran with the schedule of a
        // 1024-step budget (lr near 0 at the end), the longer run with that of 2048 steps.
        Path full = dir.resolve("full");
        Path extended = dir.resolve("extended");
        assertThat(train(full, 2048).code()).isZero();
        assertThat(train(extended, 1024).code()).isZero();
        assertThat(CliTest.run("train", "--quiet", "--resume", extended.toString(), "--steps", "2048").code()).isZero();
        assertThat(Json.MAPPER.readTree(extended.resolve("summary.json").toFile()).path("total_steps").asLong()).isEqualTo(2048);
        assertThat(Files.readAllBytes(extended.resolve("checkpoint/state.bin")))
                .isNotEqualTo(Files.readAllBytes(full.resolve("checkpoint/state.bin")));
    }
}
