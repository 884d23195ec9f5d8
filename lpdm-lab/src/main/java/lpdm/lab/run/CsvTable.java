package lpdm.lab.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A numeric CSV table (header + rows of doubles), written atomically as a whole. */
public final class CsvTable {
    private final List<String> header;
    private final List<double[]> rows = new ArrayList<>();

    public CsvTable(List<String> header) {
        this.header = List.copyOf(header);
    }

    public List<String> header() {
        return header;
    }

    public List<double[]> rows() {
        return rows;
    }

    public void add(double[] row) {
        if (row.length != header.size()) {
            throw new IllegalArgumentException("row of " + row.length + " values for " + header.size() + " columns");
        }
        rows.add(row);
    }

    public int column(String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return i;
    }

    public void truncate(int count) {
        while (rows.size() > count) {
            rows.remove(rows.size() - 1);
        }
    }

    /** Integers are written without a fraction, NaN as empty-safe "nan". */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            StringBuilder sb = new StringBuilder(String.join(",", header)).append('\n');
            for (double[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append(format(r[i]));
                }
                sb.append('\n');
                if (sb.length() > 1 << 16) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        });
    }

    public static CsvTable read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String head = in.readLine();
            if (head == null) {
                throw new IOException(file + " is empty");
            }
            CsvTable t = new CsvTable(Arrays.asList(head.split(",", -1)));
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] parts = line.split(",", -1);
                if (parts.length != t.header.size()) {
                    throw new IOException(file + " line " + lineNo + ": " + parts.length + " values for " + t.header.size() + " columns");
                }
                double[] r = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        r[i] = parts[i].equals("nan") || parts[i].isEmpty() ? Double.NaN : Double.parseDouble(parts[i]);
                    } catch (NumberFormatException e) {
                        throw new IOException(file + " line " + lineNo + ": not a number: " + parts[i]);
                    }
                }
                t.rows.add(r);
            }
            return t;
        }
    }
}
