package lpdm.lab.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The project's JSON and YAML mappers (sorted-free, indented output; NaN written as a JSON string is avoided). */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    public static final ObjectMapper YAML = new YAMLMapper();

    private Json() {
    }

    /**
     * Why a JSON or YAML file could not be parsed, with the line and column where the parser
     * stopped: "line 3, column 7: mapping values are not allowed here".
     */
    public static String parseError(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException p) {
            String what = p.getOriginalMessage() == null ? "" : p.getOriginalMessage().lines().findFirst().orElse("").strip();
            if (p.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblem() != null) {
                what = y.getProblem().strip();
                if (y.getProblemMark() != null) {
                    return "line " + (y.getProblemMark().getLine() + 1) + ", column " + (y.getProblemMark().getColumn() + 1) + ": " + what;
                }
            }
            com.fasterxml.jackson.core.JsonLocation at = p.getLocation();
            if (at != null && at.getLineNr() > 0) {
                return "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what;
            }
            return what;
        }
        return IoErrors.reason(e);
    }

    /** Writes {@code value} as indented JSON, atomically. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.write(file, MAPPER.writeValueAsBytes(value));
    }
}
