package lpdm.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import lpdm.core.state.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    @TempDir
    Path dir;

    static StateDict sample() {
        StateDict s = new StateDict();
        s.putFloats("w", new float[] {1.5f, -0f, Float.NaN, Float.MIN_VALUE});
        s.putDoubles("d", new double[] {Math.PI, -1e300});
        s.putLongs("l", new long[] {Long.MIN_VALUE, 0, 42});
        return s;
    }

    @Test
    void roundTripPreservesEveryBit() throws Exception {
        Path f = dir.resolve("state.bin");
        CheckpointFile.write(f, sample());
        StateDict back = CheckpointFile.read(f);
        assertThat(back.entries().keySet()).containsExactly("w", "d", "l");
        float[] w = back.floats("w");
        float[] expected = sample().floats("w");
        for (int i = 0; i < w.length; i++) {
            assertThat(Float.floatToRawIntBits(w[i])).isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
        assertThat(back.doubles("d")).containsExactly(Math.PI, -1e300);
        assertThat(back.longs("l")).containsExactly(Long.MIN_VALUE, 0, 42);
        assertThat(CheckpointFile.encode(back)).isEqualTo(Files.readAllBytes(f));
    }

    @Test
    void flippedByteIsDetectedAndNamed() throws Exception {
        Path f = dir.resolve("state.bin");
        CheckpointFile.write(f, sample());
        byte[] b = Files.readAllBytes(f);
        b[20] ^= 0x10;
        Files.write(f, b);
        assertThatThrownBy(() -> CheckpointFile.read(f))
                .isInstanceOf(CheckpointFile.CorruptCheckpointException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("checksum");
    }

    @Test
    void truncatedFileIsDetected() throws Exception {
        Path f = dir.resolve("state.bin");
        CheckpointFile.write(f, sample());
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 9));
        assertThatThrownBy(() -> CheckpointFile.read(f)).isInstanceOf(CheckpointFile.CorruptCheckpointException.class);
        Files.write(f, Arrays.copyOf(b, 10));
        assertThatThrownBy(() -> CheckpointFile.read(f)).hasMessageContaining("truncated");
        Files.writeString(f, "not a checkpoint at all, but long enough to pass the size check");
        assertThatThrownBy(() -> CheckpointFile.read(f)).hasMessageContaining("bad magic");
    }
}
