package lpdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of 'lpdm export'; the exported graph itself is checked against ONNX Runtime in lpdm-lab's PolicyExportTest. */
class ExportCommandTest {
    @TempDir
    Path dir;

    @Test
    void exportsAContinuousPolicyWithItsObservationPipeline() throws Exception {
        Path run = dir.resolve("run");
        assertThat(CliTest.run("train", "--env", "Pendulum-v1", "--algo", "ppo", "--learner", "bp", "--steps", "2048", "--quiet",
                "--set", "ppo.update_epochs=1", "--out", run.toString()).code()).isZero();
        Path onnx = dir.resolve("out/policy.onnx");
        CliTest.Result r = CliTest.run("export", run.toString(), "--onnx", onnx.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Pendulum-v1 ppo bp", "observation [batch, 3] float32", "normalise", "clip [-10.0, 10.0]",
                "64 tanh_fast", "action_mean [batch, 1]", "written: " + onnx);
        byte[] model = Files.readAllBytes(onnx);
        assertThat(model).startsWith(0x08, 0x07); // ModelProto.ir_version = 7
        assertThat(new String(model, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("lpdm.log_std", "Gemm", "Tanh");
    }

    @Test
    void exportsAConvolutionalPolicyThatReadsTheFlatGrid() throws Exception {
        Path run = dir.resolve("minatar");
        CliTest.Result train = CliTest.run("train", "--env", "MinAtar/Breakout-v1", "--algo", "ppo", "--learner", "lpdm", "--steps", "512", "--quiet",
                "--set", "net.conv=4x3", "--set", "net.conv_padding=same", "--set", "net.hidden=16", "--set", "net.activation=relu",
                "--set", "ppo.num_envs=2", "--set", "ppo.num_steps=64", "--set", "ppo.update_epochs=1", "--out", run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        Path onnx = dir.resolve("minatar.onnx");
        CliTest.Result r = CliTest.run("export", run.toString(), "--onnx", onnx.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("MinAtar/Breakout-v1 ppo lpdm", "observation [batch, 400] float32 -> grid 10x10x4 (channels last) to NCHW"
                + " -> conv 4 3x3 same -> 10x10x4 relu -> flatten 10x10x4 (channels last) -> 16 relu -> linear 3 -> action_logits [batch, 3]");
        assertThat(new String(Files.readAllBytes(onnx), java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains("Conv", "Transpose", "Flatten", "lpdm.observation_shape", "10,10,4");
    }

    @Test
    void badInputGetsOneLineAndExitTwo() throws Exception {
        CliTest.Result none = CliTest.run("export", dir.resolve("nope").toString(), "--onnx", dir.resolve("p.onnx").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no checkpoint");
        assertThat(CliTest.run("export", dir.toString()).code()).isEqualTo(2); // --onnx missing
        assertThat(dir.resolve("p.onnx")).doesNotExist();
    }
}
