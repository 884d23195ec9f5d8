package lpdm.lab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void failedWriteLeavesPreviousVersionAndNoTemporary() throws Exception {
        Path f = dir.resolve("summary.json");
        AtomicFiles.writeString(f, "old complete content");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("previous version left intact")
                .hasMessageContaining("No space left on device");
        assertThat(Files.readString(f)).isEqualTo("old complete content");
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("summary.json");
        }
    }

    @Test
    void writeReplacesContentAndCreatesDirectories() throws Exception {
        Path f = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertThat(Files.readString(f)).isEqualTo("two");
    }
}
