package lpdm.lab.tensorboard;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files. Each record is
 * <pre>
 *   uint64 length                      little-endian
 *   uint32 masked_crc32c(length)       of the 8 length bytes
 *   byte   data[length]
 *   uint32 masked_crc32c(data)
 * </pre>
 * with {@code masked(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8} (32-bit arithmetic) and CRC-32C
 * (Castagnoli) from {@link CRC32C}.
 */
public final class TfRecord {
    /** Bytes a record adds around its data. */
    public static final int OVERHEAD = 8 + 4 + 4;

    private TfRecord() {
    }

    /** One record read back: its data and where it ends in the file. */
    public record Record(byte[] data, long end) {
    }

    /** The framed record of {@code data}. */
    public static byte[] frame(byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(OVERHEAD + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(data.length);
        b.putInt(maskedCrc32c(b.array(), 0, 8));
        b.put(data);
        b.putInt(maskedCrc32c(data, 0, data.length));
        return b.array();
    }

    /**
     * The records of {@code file} from its start up to the first one that is incomplete or fails a
     * checksum (a write cut short by a crash); {@link Record#end()} of the last one returned is the
     * length of the valid prefix.
     */
    public static List<Record> readValidPrefix(byte[] file) {
        List<Record> records = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 0;
        while (file.length - pos >= 12) {
            long length = b.getLong(pos);
            if (b.getInt(pos + 8) != maskedCrc32c(file, pos, 8) || length < 0 || length > file.length - pos - OVERHEAD) {
                break;
            }
            int start = pos + 12;
            int n = (int) length;
            if (b.getInt(start + n) != maskedCrc32c(file, start, n)) {
                break;
            }
            byte[] data = new byte[n];
            System.arraycopy(file, start, data, 0, n);
            pos = start + n + 4;
            records.add(new Record(data, pos));
        }
        return records;
    }

    /** The masked CRC-32C of {@code bytes[offset, offset + length)}. */
    public static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }
}
