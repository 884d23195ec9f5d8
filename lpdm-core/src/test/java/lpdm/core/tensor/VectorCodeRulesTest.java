package lpdm.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the Vector API kernels compiled as vector code (docs/notes/performance-notebook.md,
 * sessions 4 and 6), checked on the sources of this module: vector arithmetic only through
 * {@code lanewise} written at the kernel's own call site, and only with {@code ADD} and
 * {@code MUL}. A {@code SUB} of the matrix kernels' shape anywhere in the JVM, or
 * {@code FloatVector.add/sub/mul} (whose shared call of lanewise carries one type profile for the
 * whole JVM), made the matrix kernels lose their vector stores when C2 next recompiled them: BP's
 * update 3-4x slower after an LPDM run. Timing itself is checked by
 * {@code scripts/jit-order-check.sh}, not here.
 */
class VectorCodeRulesTest {
    private static final Pattern LANEWISE = Pattern.compile("lanewise\\(\\s*([A-Za-z_][A-Za-z0-9_.]*)");
    private static final Pattern METHOD_ARITHMETIC = Pattern.compile(
            "\\.(add|sub|mul|div|neg|abs|fma|min|max|pow|sqrt)\\(");
    private static final List<String> ALLOWED = List.of("ADD", "MUL");

    /** The rule violations in one source file's text ("line N: ..."); empty if it does not use the Vector API. */
    static List<String> violations(String source) {
        List<String> found = new ArrayList<>();
        if (!source.contains("import jdk.incubator.vector.")) {
            return found;
        }
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String code = line.contains("//") ? line.substring(0, line.indexOf("//")) : line;
            if (code.trim().startsWith("*") || code.trim().startsWith("/*")) {
                continue; // comments
            }
            Matcher m = LANEWISE.matcher(code);
            while (m.find()) {
                String op = m.group(1).substring(m.group(1).lastIndexOf('.') + 1); // VectorOperators.SUB -> SUB
                if (!ALLOWED.contains(op)) {
                    found.add("line " + (i + 1) + ": lanewise(" + op + ", ...); only ADD and MUL (write x - y as x + (-1) y)");
                }
            }
            Matcher a = METHOD_ARITHMETIC.matcher(code);
            while (a.find()) {
                found.add("line " + (i + 1) + ": ." + a.group(1) + "(...); write lanewise(OP, ...) at the call site");
            }
        }
        return found;
    }

    @Test
    void theCheckFindsWhatItShould() {
        String header = "import jdk.incubator.vector.FloatVector;\n";
        assertThat(violations(header + "x = a.lanewise(ADD, b).lanewise(MUL, c);\n")).isEmpty();
        assertThat(violations(header + "x = a.lanewise(SUB, b);\n")).singleElement().asString().contains("line 2: lanewise(SUB");
        assertThat(violations(header + "x = a.lanewise(VectorOperators.NEG);\n")).hasSize(1);
        assertThat(violations(header + "acc = acc.add(e.mul(e));\n")).hasSize(2);
        assertThat(violations(header + "// a.lanewise(SUB, b) in a comment\n * a.sub(b) in a Javadoc line\n")).isEmpty();
        assertThat(violations("list.add(x); y = a.lanewise(SUB, b);\n")).as("no Vector API import").isEmpty();
    }

    @Test
    void thisModulesVectorCodeUsesOnlyAddAndMulThroughLanewise() throws IOException {
        Path main = Path.of("src", "main", "java");
        assertThat(main).as("run from the module directory").isDirectory();
        List<String> all = new ArrayList<>();
        int vectorFiles = 0;
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String source = Files.readString(f);
                if (source.contains("import jdk.incubator.vector.")) {
                    vectorFiles++;
                }
                for (String v : violations(source)) {
                    all.add(main.relativize(f) + " " + v);
                }
            }
        }
        assertThat(vectorFiles).as("files using the Vector API (VectorKernels, VectorPairKernels)").isGreaterThanOrEqualTo(2);
        assertThat(all).isEmpty();
    }
}
