package lpdm.lab.tensorboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The TensorBoard event file of a run directory, {@code events.out.tfevents.<unix seconds>.<host>},
 * holding the scalars of episodes.csv and progress.csv under CleanRL's tags, at step = global_step:
 * <ul>
 *   <li>one event per episode: {@code charts/episodic_return}, {@code charts/episodic_length};</li>
 *   <li>one event per progress row: every column but {@code global_step}; a column already named
 *       with a slash keeps its name ({@code losses/value_loss}, {@code charts/learning_rate},
 *       {@code layer0/weight_norm}, ...), {@code steps_per_second} becomes {@code charts/SPS},
 *       any other gets the prefix {@code charts/} ({@code charts/mean_return_100},
 *       {@code charts/episodes}, {@code charts/wall_seconds}); empty (NaN) cells are left out.</li>
 * </ul>
 * Events are in step order, an episode before the progress row of the same step. The file only
 * grows (TensorBoard reads it while the run writes): {@link #append} adds the events of the rows
 * the tables gained since the last call, at a cost that does not grow with the length of the run.
 *
 * <p>Resume: the events a file should hold are a function of the tables (only the wall times
 * differ), so {@link #resume} reads the tables as cut back to the checkpoint once, keeps the
 * longest prefix of the existing file that equals their events (ignoring wall times), cuts
 * everything after it (events of rows a resumed run dropped, a record torn by a crash) and
 * appends the rest (the whole history if the file is missing). A resumed run thus ends with
 * exactly one event per row of its tables, whether it crashed before or after its last events
 * were written. If the directory holds several event files, the first by name is the run's.
 */
public final class RunEventFile {
    public static final String PREFIX = "events.out.tfevents.";
    public static final String EPISODIC_RETURN = "charts/episodic_return";
    public static final String EPISODIC_LENGTH = "charts/episodic_length";

    /** Rows read one at a time (episodes.csv rows: global_step, return, length; or progress rows); null after the last. */
    @FunctionalInterface
    public interface RowSource {
        double[] next() throws IOException;
    }

    private static final RowSource NONE = () -> null;

    private final Path dir;
    private Path file;
    private long episodesWritten;
    private long rowsWritten;

    /** The event file of the run directory {@code dir}; nothing is read or written before {@link #resume} or {@link #append}. */
    public RunEventFile(Path dir) {
        this.dir = dir;
    }

    /** The event file, once {@link #resume} or the first {@link #append} has created or found it. */
    public Path file() {
        return file;
    }

    /** The TensorBoard tag of a progress.csv column (null for {@code global_step}, which is the step). */
    public static String tag(String column) {
        if (column.equals("global_step")) {
            return null;
        }
        if (column.equals("steps_per_second")) {
            return "charts/SPS";
        }
        return column.contains("/") ? column : "charts/" + column;
    }

    /**
     * Appends the events of the episodes (rows of episodes.csv: global_step, return, length) and
     * progress rows ({@code header} names their columns, one of them {@code global_step}) the
     * tables gained since the last call. The first call of a run that was not {@link #resume}d
     * starts the file (an existing one is first cut to the empty run's events).
     */
    public void append(List<double[]> episodes, List<String> header, List<double[]> rows) throws IOException {
        if (file == null) {
            resume(NONE, null, NONE);
        }
        Merge merge = new Merge(list(episodes), header, list(rows));
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        double now = System.currentTimeMillis() / 1000.0;
        while (merge.hasNext()) {
            pending.writeBytes(TfRecord.frame(merge.next(now)));
        }
        write(pending.toByteArray());
    }

    /**
     * Makes the file hold exactly the events of the tables given here (the whole run so far, as cut
     * back to its checkpoint): finds or creates it, keeps its longest prefix that matches, cuts the
     * rest and appends the events it lacks. Reads the tables once; later {@link #append}s continue.
     */
    public void resume(RowSource episodes, List<String> header, RowSource rows) throws IOException {
        episodesWritten = 0;
        rowsWritten = 0;
        Merge merge = new Merge(episodes, header, rows);
        file = existing();
        long keep = 0;
        if (file == null) {
            file = dir.resolve(PREFIX + (System.currentTimeMillis() / 1000) + "." + hostName());
        } else {
            List<TfRecord.Record> records = TfRecord.readValidPrefix(Files.readAllBytes(file));
            if (!records.isEmpty() && Arrays.equals(records.get(0).data(), Events.fileVersion(wallTime(records.get(0).data())))) {
                keep = records.get(0).end();
                for (TfRecord.Record r : records.subList(1, records.size())) {
                    if (!merge.hasNext() || !Arrays.equals(r.data(), merge.peek(wallTime(r.data())))) {
                        break;
                    }
                    merge.next(0);
                    keep = r.end();
                }
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(keep);
            }
        }
        double now = System.currentTimeMillis() / 1000.0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        if (keep == 0) {
            pending.writeBytes(TfRecord.frame(Events.fileVersion(now)));
        }
        while (merge.hasNext()) {
            pending.writeBytes(TfRecord.frame(merge.next(now)));
            if (pending.size() >= 1 << 20) {
                write(pending.toByteArray());
                pending.reset();
            }
        }
        write(pending.toByteArray());
    }

    private static RowSource list(List<double[]> rows) {
        Iterator<double[]> it = rows.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private Path existing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(p)).sorted().findFirst().orElse(null);
        }
    }

    private void write(byte[] bytes) throws IOException {
        if (bytes.length == 0) {
            return;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** The wall_time of an event as this class writes it (field 1 first), or 0 if absent. */
    private static double wallTime(byte[] event) {
        if (event.length >= 9 && event[0] == 0x09) {
            return ByteBuffer.wrap(event, 1, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble();
        }
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /**
     * Episodes and progress rows merged into event order: the next episode comes first when its
     * step is not after the next row's. Holds one row of each source at a time.
     */
    private final class Merge {
        private final RowSource episodes;
        private final RowSource rows;
        private final List<String> tags = new ArrayList<>();
        private final int stepColumn;
        private double[] episode;
        private double[] row;

        Merge(RowSource episodes, List<String> header, RowSource rows) throws IOException {
            this.episodes = episodes;
            this.rows = rows;
            this.episode = episodes.next();
            this.row = rows.next();
            if (header != null) {
                for (String column : header) {
                    tags.add(tag(column));
                }
            }
            this.stepColumn = header == null ? -1 : header.indexOf("global_step");
            if (row != null && stepColumn < 0) {
                throw new IllegalArgumentException("progress rows without a global_step column: " + header);
            }
        }

        boolean hasNext() {
            return episode != null || row != null;
        }

        private boolean episodeFirst() {
            return row == null || episode != null && (long) episode[0] <= (long) row[stepColumn];
        }

        /** The next event with {@code wallTime}, without moving on. */
        byte[] peek(double wallTime) {
            return episodeFirst() ? episodeEvent(episode, wallTime) : rowEvent(row, wallTime);
        }

        /** The next event with {@code wallTime}; moves on. */
        byte[] next(double wallTime) throws IOException {
            if (episodeFirst()) {
                byte[] event = episodeEvent(episode, wallTime);
                episode = episodes.next();
                episodesWritten++;
                return event;
            }
            byte[] event = rowEvent(row, wallTime);
            row = rows.next();
            rowsWritten++;
            return event;
        }

        private byte[] episodeEvent(double[] e, double wallTime) {
            return Events.scalars(wallTime, (long) e[0], List.of(new Events.Scalar(EPISODIC_RETURN, (float) e[1]),
                    new Events.Scalar(EPISODIC_LENGTH, (float) (int) e[2])));
        }

        private byte[] rowEvent(double[] r, double wallTime) {
            List<Events.Scalar> scalars = new ArrayList<>();
            for (int c = 0; c < r.length; c++) {
                if (tags.get(c) != null && !Double.isNaN(r[c])) {
                    scalars.add(new Events.Scalar(tags.get(c), (float) r[c]));
                }
            }
            return Events.scalars(wallTime, (long) r[stepColumn], scalars);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d episodes, %d progress rows)", file, episodesWritten, rowsWritten);
    }
}
