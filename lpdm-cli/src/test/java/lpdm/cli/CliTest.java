package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
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

    @Test
    void helpListsCommands() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("train", "demo");
        assertThat(run("train", "--help").out()).contains("--env", "--algo", "--learner", "--set", "--resume", "--quiet");
    }

    @Test
    void usageErrorsExitTwoWithOneLineNamingTheProblem() {
        Result unknownEnv = run("train", "--env", "NoSuchEnv-v0", "--algo", "reinforce", "--learner", "bp", "--out", dir.resolve("a").toString());
        assertThat(unknownEnv.code()).isEqualTo(2);
        assertThat(unknownEnv.err()).contains("unknown env 'NoSuchEnv-v0'").contains("CartPole-v1");

        Result unknownSet = run("train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp", "--set", "reinforce.lrr=1",
                "--out", dir.resolve("b").toString());
        assertThat(unknownSet.code()).isEqualTo(2);
        assertThat(unknownSet.err()).contains("unknown setting 'reinforce.lrr'").contains("reinforce.lr");

        Result negative = run("train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp", "--steps", "-3");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("--steps must be positive");

        Result unknownOption = run("train", "--frobnicate");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("--frobnicate");

        Result unreadable = run("train", "--config", dir.resolve("missing.yaml").toString());
        assertThat(unreadable.code()).isEqualTo(2);
        assertThat(unreadable.err()).contains("cannot read config file");

        Result badLearner = run("train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "hebbian", "--out", dir.resolve("c").toString());
        assertThat(badLearner.code()).isEqualTo(2);
        assertThat(badLearner.err()).contains("unknown learner 'hebbian'");

        Result badValue = run("train", "--env", "CartPole-v1", "--algo", "reinforce", "--learner", "bp", "--set", "reinforce.lr=fast",
                "--out", dir.resolve("d").toString());
        assertThat(badValue.code()).isEqualTo(2);
        assertThat(badValue.err()).contains("reinforce.lr").contains("fast");
        for (Result r : new Result[] {unknownEnv, unknownSet, negative, badLearner, badValue}) {
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        }
    }

    @Test
    void malformedConfigFileIsAUsageError() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "env: CartPole-v1\nalgo: [unclosed\n");
        Result r = run("train", "--config", cfg.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("malformed");
        Files.writeString(cfg, "env: CartPole-v1\nalgorithm: ppo\n");
        Result unknownKey = run("train", "--config", cfg.toString());
        assertThat(unknownKey.code()).isEqualTo(2);
        assertThat(unknownKey.err()).contains("unknown key 'algorithm'");
    }

    @Test
    void configFileAndSetBuildARun() throws Exception {
        Path cfg = dir.resolve("c.yaml");
        Files.writeString(cfg, "env: CartPole-v1\nalgo: reinforce\nlearner: bp\nseed: 3\nsteps: 1500\nset: {reinforce.batch_steps: 500}\n");
        Path out = dir.resolve("run");
        Result r = run("train", "--config", cfg.toString(), "--set", "reinforce.lr=0.001", "--quiet", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("final_mean_return");
        String config = Files.readString(out.resolve("config.json"));
        assertThat(config).contains("\"reinforce.batch_steps\" : \"500\"", "\"reinforce.lr\" : \"0.001\"", "\"seed\" : 3");
        Result again = run("train", "--resume", out.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("already complete");
    }

    @Test
    void listSettingsShowsDefaults() {
        Result r = run("train", "--list-settings", "--algo", "reinforce");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("reinforce.lr", "net.hidden", "64,64", "head_lr");
    }
}
