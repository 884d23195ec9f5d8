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
    void badInputGetsOneLineAndExitTwo() throws Exception {
        CliTest.Result none = CliTest.run("export", dir.resolve("nope").toString(), "--onnx", dir.resolve("p.onnx").toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no checkpoint");
        assertThat(CliTest.run("export", dir.toString()).code()).isEqualTo(2); // --onnx missing
        assertThat(dir.resolve("p.onnx")).doesNotExist();
    }
}
