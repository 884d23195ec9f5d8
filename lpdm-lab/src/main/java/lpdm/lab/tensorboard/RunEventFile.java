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
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import lpdm.lab.run.EpisodeLog;

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
 * grows (TensorBoard reads it while the run writes): {@link #sync} appends what the tables hold
 * beyond what was written.
 *
 * <p>Resume: the events a file should hold are a function of the tables (only the wall times
 * differ), so on its first {@code sync} in a process this class keeps the longest prefix of the
 * existing file that equals those events (ignoring wall times), cuts everything after it (events
 * of rows a resumed run dropped, a record torn by a crash) and appends the rest. A resumed run thus
 * ends with exactly one event per row of its tables, whether it crashed before or after its last
 * events were written. If the directory holds several event files, the first by name is the
 * run's.
 */
public final class RunEventFile {
    public static final String PREFIX = "events.out.tfevents.";
    public static final String EPISODIC_RETURN = "charts/episodic_return";
    public static final String EPISODIC_LENGTH = "charts/episodic_length";

    private final Path dir;
    private Path file;
    private int episodesWritten;
    private int rowsWritten;

    /** The event file of the run directory {@code dir}; nothing is read or written before the first {@link #sync}. */
    public RunEventFile(Path dir) {
        this.dir = dir;
    }

    /** The event file, once the first {@link #sync} has created or found it. */
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
     * Appends the events of {@code episodes} and of the progress rows ({@code header} names their
     * columns, one of them {@code global_step}) not yet in the file. Each call passes all rows of
     * the run so far.
     */
    public void sync(List<EpisodeLog.Episode> episodes, List<String> header, List<double[]> rows) throws IOException {
        Rows table = new Rows(episodes, header, rows);
        if (file == null) {
            open(table);
        }
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        double now = System.currentTimeMillis() / 1000.0;
        while (episodesWritten < episodes.size() || rowsWritten < rows.size()) {
            pending.writeBytes(TfRecord.frame(table.next(now)));
        }
        append(pending.toByteArray());
    }

    /** Finds or creates the file and cuts it after the longest prefix that matches {@code table}. */
    private void open(Rows table) throws IOException {
        file = existing();
        if (file == null) {
            file = dir.resolve(PREFIX + (System.currentTimeMillis() / 1000) + "." + hostName());
            append(TfRecord.frame(Events.fileVersion(System.currentTimeMillis() / 1000.0)));
            return;
        }
        List<TfRecord.Record> records = TfRecord.readValidPrefix(Files.readAllBytes(file));
        long keep = 0;
        if (!records.isEmpty() && Arrays.equals(records.get(0).data(), Events.fileVersion(wallTime(records.get(0).data())))) {
            keep = records.get(0).end();
            for (TfRecord.Record r : records.subList(1, records.size())) {
                int e = episodesWritten;
                int p = rowsWritten;
                if (!(e < table.episodes.size() || p < table.rows.size()) || !Arrays.equals(r.data(), table.next(wallTime(r.data())))) {
                    episodesWritten = e;
                    rowsWritten = p;
                    break;
                }
                keep = r.end();
            }
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
        }
        if (keep == 0) {
            append(TfRecord.frame(Events.fileVersion(System.currentTimeMillis() / 1000.0)));
        }
    }

    private Path existing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(p)).sorted().findFirst().orElse(null);
        }
    }

    private void append(byte[] bytes) throws IOException {
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

    /** The tables and the merge order of their events; {@link #next} encodes the next unwritten one. */
    private final class Rows {
        final List<EpisodeLog.Episode> episodes;
        final List<double[]> rows;
        final List<String> tags = new ArrayList<>();
        final int stepColumn;

        Rows(List<EpisodeLog.Episode> episodes, List<String> header, List<double[]> rows) {
            this.episodes = episodes;
            this.rows = rows;
            for (String column : header) {
                tags.add(tag(column));
            }
            this.stepColumn = rows.isEmpty() ? -1 : header.indexOf("global_step");
            if (!rows.isEmpty() && stepColumn < 0) {
                throw new IllegalArgumentException("progress rows without a global_step column: " + header);
            }
        }

        /** The next event (an episode first when its step is not after the next row's) with {@code wallTime}. */
        byte[] next(double wallTime) {
            boolean episode = rowsWritten >= rows.size()
                    || episodesWritten < episodes.size() && episodes.get(episodesWritten).globalStep() <= (long) rows.get(rowsWritten)[stepColumn];
            if (episode) {
                EpisodeLog.Episode e = episodes.get(episodesWritten++);
                return Events.scalars(wallTime, e.globalStep(), List.of(new Events.Scalar(EPISODIC_RETURN, (float) e.episodeReturn()),
                        new Events.Scalar(EPISODIC_LENGTH, e.length())));
            }
            double[] row = rows.get(rowsWritten++);
            List<Events.Scalar> scalars = new ArrayList<>();
            for (int c = 0; c < row.length; c++) {
                if (tags.get(c) != null && !Double.isNaN(row[c])) {
                    scalars.add(new Events.Scalar(tags.get(c), (float) row[c]));
                }
            }
            return Events.scalars(wallTime, (long) row[stepColumn], scalars);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%d episodes, %d progress rows)", file, episodesWritten, rowsWritten);
    }
}
