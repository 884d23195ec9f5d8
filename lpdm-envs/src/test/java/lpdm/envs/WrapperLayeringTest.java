package lpdm.envs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The env API package ({@code lpdm.envs}: {@link Env}, {@link Wrapper}, {@link WrapperStatistics})
 * needs nothing from {@code lpdm.envs.wrappers}, which builds on it; so the two packages have no
 * import cycle. Checked on the sources of the package's own files (not its subpackages).
 */
class WrapperLayeringTest {
    private static final String WRAPPERS = "lpdm.envs.wrappers";

    @Test
    void theEnvApiPackageNamesNothingOfTheWrappersPackage() throws IOException {
        Path api = Path.of("src", "main", "java", "lpdm", "envs");
        assertThat(api).as("run from the module directory").isDirectory();
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> list = Files.list(api)) {
            for (Path f : (Iterable<Path>) list.filter(p -> p.toString().endsWith(".java"))::iterator) {
                files++;
                String[] lines = Files.readString(f).split("\n", -1);
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].contains(WRAPPERS + ".")) {
                        found.add(f.getFileName() + " line " + (i + 1) + ": " + lines[i].trim());
                    }
                }
            }
        }
        assertThat(files).as("files of package lpdm.envs").isGreaterThanOrEqualTo(10);
        assertThat(found).isEmpty();
    }

    @Test
    void statefulWrappersAreTheWrapperStatisticsThatWrapperCheckpoints() {
        // The checkpoint contract Wrapper relies on is the one the wrappers package implements.
        assertThat(WrapperStatistics.class).isAssignableFrom(lpdm.envs.wrappers.StatefulWrapper.class);
    }
}
