package lpdm.lab.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/**
 * summary.json of a run (interfaces.md). {@code finalMeanReturn} is the mean return of the last
 * 100 finished episodes (of all, if fewer); {@code bestMeanReturn100} the maximum of that running
 * mean over the run, counted from the moment min(100, episodes at the end) episodes had finished.
 * A value that does not exist (no episode finished) is NaN here and {@code null} in the file.
 */
public record Summary(String env, String algo, String learner, long seed, long total_steps, long episodes,
                      @JsonSerialize(using = NullForNaN.Out.class) @JsonDeserialize(using = NullForNaN.In.class)
                      double final_mean_return,
                      @JsonSerialize(using = NullForNaN.Out.class) @JsonDeserialize(using = NullForNaN.In.class)
                      double best_mean_return_100,
                      double wall_seconds,
                      @JsonSerialize(using = NullForNaN.Out.class) @JsonDeserialize(using = NullForNaN.In.class)
                      double steps_per_second,
                      boolean completed, long peak_heap_bytes) {

    /** JSON has no NaN: a missing number is written as null and read back as NaN. */
    static final class NullForNaN {
        private NullForNaN() {
        }

        static final class Out extends JsonSerializer<Double> {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (v == null || !Double.isFinite(v)) {
                    g.writeNull();
                } else {
                    g.writeNumber(v);
                }
            }
        }

        static final class In extends JsonDeserializer<Double> {
            @Override
            public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return p.currentToken().isNumeric() ? p.getDoubleValue() : Double.NaN;
            }

            @Override
            public Double getNullValue(DeserializationContext c) {
                return Double.NaN;
            }
        }
    }
}
