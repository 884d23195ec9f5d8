package lpdm.lab.tensorboard;

import java.util.List;
import lpdm.lab.protobuf.ProtoWriter;

/**
 * The two kinds of {@code tensorboard.Event} lpdm writes (field numbers of TensorBoard's
 * {@code event.proto} and {@code summary.proto}):
 * <pre>
 *   Event   { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3; Summary summary = 5; } }
 *   Summary { repeated Value value = 1; }
 *   Value   { string tag = 1; oneof value { float simple_value = 2; } }
 * </pre>
 * The first event of a file carries {@code file_version = "brain.Event:2"}; every other one a
 * summary of scalars ({@code simple_value}, float32, as PyTorch's {@code SummaryWriter.add_scalar}
 * writes them and CleanRL uses). Proto3 defaults (step 0) are left out, as protoc's classes do.
 */
public final class Events {
    /** The file version TensorBoard expects in the first event. */
    public static final String FILE_VERSION = "brain.Event:2";

    private Events() {
    }

    /** A scalar as logged: its tag and float32 value. */
    public record Scalar(String tag, float value) {
    }

    /** The first event of a file. */
    public static byte[] fileVersion(double wallTime) {
        return event(wallTime, 0).string(3, FILE_VERSION).toByteArray();
    }

    /** An event holding {@code scalars} at {@code step}. */
    public static byte[] scalars(double wallTime, long step, List<Scalar> scalars) {
        ProtoWriter summary = new ProtoWriter();
        for (Scalar s : scalars) {
            summary.message(1, new ProtoWriter().string(1, s.tag()).float32(2, s.value()));
        }
        return event(wallTime, step).message(5, summary).toByteArray();
    }

    private static ProtoWriter event(double wallTime, long step) {
        ProtoWriter e = new ProtoWriter();
        if (wallTime != 0) {
            e.double64(1, wallTime);
        }
        if (step != 0) {
            e.varint(2, step);
        }
        return e;
    }
}
