package lpdm.lab.run;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A numeric CSV file of a run that only grows (progress.csv, episodes.csv): rows are collected in
 * memory between checkpoints and {@link #append appended} (and forced to disk) just before the
 * checkpoint that counts them is written, so the cost of a checkpoint does not grow with the
 * length of the run. A kill can leave rows after the checkpoint's count, the last one possibly
 * torn; {@link #resume} reads the counted rows and cuts the file after them.
 * The bytes equal those of {@link CsvTable#write} for the same rows.
 */
public final class AppendedCsv {
    private final Path file;
    private List<String> header;
    private final List<double[]> pending = new ArrayList<>();
    private long rowsOnDisk;
    /** Whether the file holds the header line (false for a new table: its first append replaces any old file). */
    private boolean headerOnDisk;

    /** A new file (any old one is replaced at the first {@link #append}); {@code header} may be set later. */
    public AppendedCsv(Path file, List<String> header) {
        this.file = file;
        this.header = header == null ? null : List.copyOf(header);
    }

    public List<String> header() {
        return header;
    }

    /** Sets the header of a table created without one (before its first row). */
    public void header(List<String> columns) {
        if (header != null) {
            throw new IllegalStateException("header already set for " + file);
        }
        header = List.copyOf(columns);
    }

    /** Rows written and forced to disk, plus rows pending. */
    public long rows() {
        return rowsOnDisk + pending.size();
    }

    public void add(double[] row) {
        if (row.length != header.size()) {
            throw new IllegalArgumentException("row of " + row.length + " values for " + header.size() + " columns");
        }
        pending.add(row);
    }

    /**
     * Appends the pending rows (the header first if the file is new) and forces them to disk;
     * returns those rows, in order (empty if none).
     */
    public List<double[]> append() throws IOException {
        if (header == null || (pending.isEmpty() && headerOnDisk)) {
            return List.of();
        }
        StringBuilder sb = new StringBuilder();
        boolean fresh = !headerOnDisk;
        if (fresh) {
            sb.append(String.join(",", header)).append('\n');
        }
        for (double[] r : pending) {
            for (int i = 0; i < r.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(CsvTable.format(r[i]));
            }
            sb.append('\n');
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false);
        } catch (IOException e) {
            throw new IOException("could not append to " + file + ": " + IoErrors.why(e), e);
        }
        rowsOnDisk += pending.size();
        headerOnDisk = true;
        List<double[]> appended = List.copyOf(pending);
        pending.clear();
        return appended;
    }

    /**
     * Re-opens a table at a checkpoint that counted {@code rows} rows: passes them to {@code sink}
     * in order and cuts the file after them (rows written after the checkpoint, torn or not, go).
     *
     * @throws CheckpointFile.CorruptCheckpointException if the file holds fewer complete rows
     */
    public static AppendedCsv resume(Path file, long rows, Consumer<double[]> sink) throws IOException {
        if (rows == 0 && !Files.exists(file)) {
            return new AppendedCsv(file, null);
        }
        long offset = 0;
        List<String> header;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            String head = readLine(in);
            if (head == null) {
                if (rows == 0) {
                    return new AppendedCsv(file, null);
                }
                throw new CheckpointFile.CorruptCheckpointException(file + " has no complete header line");
            }
            header = Arrays.asList(head.split(",", -1));
            offset += head.length() + 1;
            for (long n = 0; n < rows; n++) {
                String line = readLine(in);
                if (line == null) {
                    throw new CheckpointFile.CorruptCheckpointException(file + " has " + n + " complete rows, fewer than the "
                            + rows + " its checkpoint records");
                }
                sink.accept(parse(file, line, header.size(), n + 2));
                offset += line.length() + 1;
            }
        } catch (IOException e) {
            throw new IOException("could not read " + file + ": " + IoErrors.why(e), e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (ch.size() > offset) {
                ch.truncate(offset);
                ch.force(false);
            }
        }
        AppendedCsv t = new AppendedCsv(file, header);
        t.rowsOnDisk = rows;
        t.headerOnDisk = true;
        return t;
    }

    /** Reads every complete row of a table file (a torn last line is left out). */
    public static void readAll(Path file, Consumer<double[]> sink) throws IOException {
        try (Reader reader = new Reader(file)) {
            for (double[] row; (row = reader.next()) != null; ) {
                sink.accept(row);
            }
        }
    }

    /**
     * Reads a table file row by row, in constant memory: its header, then each complete row (a
     * torn last line is left out). A missing file reads as one without header or rows.
     */
    public static final class Reader implements Closeable {
        private final Path file;
        private final InputStream in;
        private final List<String> header;
        private long lineNo = 1;

        public Reader(Path file) throws IOException {
            this.file = file;
            if (!Files.exists(file)) {
                in = null;
                header = null;
                return;
            }
            try {
                in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                String head = readLine(in);
                header = head == null ? null : Arrays.asList(head.split(",", -1));
            } catch (IOException e) {
                throw new IOException("could not read " + file + ": " + IoErrors.why(e), e);
            }
        }

        /** The column names, or null for a missing or empty file. */
        public List<String> header() {
            return header;
        }

        /** The next complete row, or null after the last one. */
        public double[] next() throws IOException {
            if (header == null) {
                return null;
            }
            String line = readLine(in);
            if (line == null) {
                return null;
            }
            return parse(file, line, header.size(), ++lineNo);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }

    private static double[] parse(Path file, String line, int columns, long lineNo) throws IOException {
        String[] parts = line.split(",", -1);
        if (parts.length != columns) {
            throw new CheckpointFile.CorruptCheckpointException(file + " line " + lineNo + ": " + parts.length + " values for "
                    + columns + " columns");
        }
        double[] r = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                r[i] = parts[i].equals("nan") || parts[i].isEmpty() ? Double.NaN : Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new CheckpointFile.CorruptCheckpointException(file + " line " + lineNo + ": not a number: " + parts[i]);
            }
        }
        return r;
    }

    /** One line ending in '\n' (without it), or null at the end of the file or before a torn last line. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }
}
