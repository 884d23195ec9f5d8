package lpdm.lab.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds one protocol-buffer message in the wire format
 * (https://protobuf.dev/programming-guides/encoding/): each field is a tag
 * {@code (field_number << 3) | wire_type} as a varint, then its value: a varint (wire type 0), 8
 * little-endian bytes (1), a varint length and that many bytes (2: strings, bytes, nested
 * messages), or 4 little-endian bytes (5). Fields are written in the order of the calls; the
 * callers write them in field-number order and leave out proto3 default values, which is the
 * canonical encoding protoc's generated classes produce.
 *
 * <p>Written by hand because lpdm writes a handful of fields of two message families and reads
 * none back in its main code; the tests parse the output with classes protoc generates from the
 * original {@code .proto} files (TensorBoard) and with ONNX Runtime (ONNX).
 */
public final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An int32, int64, uint64, bool or enum field (negative values take 10 bytes, as in protobuf). */
    public ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        writeVarint(value);
        return this;
    }

    /** A double field. */
    public ProtoWriter double64(int field, double value) {
        tag(field, FIXED64);
        writeLittleEndian(Double.doubleToRawLongBits(value), 8);
        return this;
    }

    /** A float field. */
    public ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        writeLittleEndian(Float.floatToRawIntBits(value), 4);
        return this;
    }

    /** A string field (UTF-8). */
    public ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field. */
    public ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        writeVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    /** A nested message field. */
    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    /** The encoded message so far. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Floats as little-endian IEEE 754 bytes (ONNX's {@code raw_data}). */
    public static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** Doubles as little-endian IEEE 754 bytes (ONNX's {@code raw_data}). */
    public static byte[] littleEndian(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    /** 64-bit integers as little-endian bytes (ONNX's {@code raw_data} of an INT64 tensor). */
    public static byte[] littleEndian(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b.array();
    }

    private void tag(int field, int wireType) {
        writeVarint(((long) field << 3) | wireType);
    }

    private void writeVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    private void writeLittleEndian(long bits, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xFF);
        }
    }
}
