package lpdm.lab.run;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import lpdm.core.state.StateDict;

/**
 * The binary checkpoint format: a {@link StateDict} as
 * <pre>
 *   "LPDMCKPT" (8 bytes) | format version (int) | entry count (int)
 *   per entry: name (UTF-8, length-prefixed short) | type (byte: 1 float, 2 double, 3 long) | length (int) | values (big-endian)
 *   CRC32 of everything before it (long)
 * </pre>
 * Written atomically; a truncated or corrupted file is detected by the length checks and the
 * checksum and reported as a {@link CorruptCheckpointException} naming the file, never loaded.
 * The bytes depend only on the state, so equal states give identical files.
 */
public final class CheckpointFile {
    private static final byte[] MAGIC = "LPDMCKPT".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;

    private CheckpointFile() {
    }

    public static byte[] encode(StateDict state) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(state.entries().size());
            for (Map.Entry<String, Object> e : state.entries().entrySet()) {
                out.writeUTF(e.getKey());
                Object v = e.getValue();
                if (v instanceof float[] f) {
                    out.writeByte(1);
                    out.writeInt(f.length);
                    for (float x : f) {
                        out.writeInt(Float.floatToRawIntBits(x));
                    }
                } else if (v instanceof double[] d) {
                    out.writeByte(2);
                    out.writeInt(d.length);
                    for (double x : d) {
                        out.writeLong(Double.doubleToRawLongBits(x));
                    }
                } else {
                    long[] l = (long[]) v;
                    out.writeByte(3);
                    out.writeInt(l.length);
                    for (long x : l) {
                        out.writeLong(x);
                    }
                }
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path file, StateDict state) throws IOException {
        AtomicFiles.write(file, encode(state));
    }

    public static StateDict read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CorruptCheckpointException("checkpoint " + file + " does not exist");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    public static StateDict decode(byte[] data, String source) {
        if (data.length < MAGIC.length + 8 + 8) {
            throw new CorruptCheckpointException("checkpoint " + source + " is truncated (" + data.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                throw new CorruptCheckpointException("checkpoint " + source + " is not an lpdm checkpoint (bad magic)");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 8);
        long stored = ByteBuffer.wrap(data, data.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new CorruptCheckpointException("checkpoint " + source + " is corrupt or truncated (checksum mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(data, 0, data.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new CorruptCheckpointException("checkpoint " + source + " has format version " + version + ", this lpdm reads " + VERSION);
            }
            int count = in.readInt();
            StateDict state = new StateDict();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int type = in.readByte();
                int length = in.readInt();
                if (length < 0 || length > data.length) {
                    throw new CorruptCheckpointException("checkpoint " + source + ": entry " + name + " has invalid length " + length);
                }
                switch (type) {
                    case 1 -> {
                        float[] f = new float[length];
                        for (int k = 0; k < length; k++) {
                            f[k] = Float.intBitsToFloat(in.readInt());
                        }
                        state.putRaw(name, f);
                    }
                    case 2 -> {
                        double[] d = new double[length];
                        for (int k = 0; k < length; k++) {
                            d[k] = Double.longBitsToDouble(in.readLong());
                        }
                        state.putRaw(name, d);
                    }
                    case 3 -> {
                        long[] l = new long[length];
                        for (int k = 0; k < length; k++) {
                            l[k] = in.readLong();
                        }
                        state.putRaw(name, l);
                    }
                    default -> throw new CorruptCheckpointException("checkpoint " + source + ": entry " + name + " has unknown type " + type);
                }
            }
            if (in.available() != 0) {
                throw new CorruptCheckpointException("checkpoint " + source + " has trailing bytes");
            }
            return state;
        } catch (EOFException e) {
            throw new CorruptCheckpointException("checkpoint " + source + " is truncated");
        } catch (IOException e) {
            throw new CorruptCheckpointException("checkpoint " + source + " cannot be read: " + e.getMessage());
        }
    }

    /** A checkpoint that must not be loaded. */
    public static final class CorruptCheckpointException extends IllegalStateException {
        public CorruptCheckpointException(String message) {
            super(message);
        }
    }
}
