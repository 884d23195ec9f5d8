package lpdm.lab.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lpdm.lab.run.CsvTable;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.RunProgress;
import lpdm.lab.run.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.framework.Summary;
import org.tensorflow.util.Event;

/**
 * Reads the event files of real runs with an independent reader: TFRecord framing parsed here,
 * checksums verified with a bitwise CRC-32C written from its definition (not java.util.zip), and
 * records parsed by classes protoc generates from TensorBoard's event.proto and summary.proto.
 * Every scalar must equal the float32 of its cell in episodes.csv / progress.csv.
 */
class RunEventFileTest {
    @TempDir
    Path dir;

    /** A scalar read back: step, tag, value. */
    record Point(long step, String tag, float value) {
    }

    // ---- independent reader ----

    /** CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit. */
    static int crc32c(byte[] bytes, int offset, int length) {
        int crc = ~0;
        for (int i = offset; i < offset + length; i++) {
            crc ^= bytes[i] & 0xFF;
            for (int k = 0; k < 8; k++) {
                crc = (crc >>> 1) ^ (0x82F63B78 & -(crc & 1));
            }
        }
        return ~crc;
    }

    static int masked(int crc) {
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    /** Every record of the file, checksums verified; fails on any byte that is not part of a valid record. */
    static List<Event> readEvents(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            long length = b.getLong(pos);
            assertThat(b.getInt(pos + 8)).as("length checksum at %d", pos).isEqualTo(masked(crc32c(bytes, pos, 8)));
            int start = pos + 12;
            byte[] data = new byte[(int) length];
            System.arraycopy(bytes, start, data, 0, data.length);
            assertThat(b.getInt(start + data.length)).as("data checksum at %d", pos).isEqualTo(masked(crc32c(bytes, start, data.length)));
            Event e = Event.parseFrom(data);
            assertThat(e.getUnknownFields().asMap()).as("fields unknown to event.proto").isEmpty();
            assertThat(e.toByteArray()).as("canonical encoding").isEqualTo(data);
            events.add(e);
            pos = start + data.length + 4;
        }
        return events;
    }

    static Path eventFile(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
            assertThat(files).hasSize(1);
            return files.get(0);
        }
    }

    /** The scalars of the file after its file_version event, in file order. */
    static List<Point> points(Path run) throws IOException {
        List<Event> events = readEvents(eventFile(run));
        assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        assertThat(events.get(0).getWallTime()).isPositive();
        List<Point> points = new ArrayList<>();
        long lastStep = 0;
        for (Event e : events.subList(1, events.size())) {
            assertThat(e.hasSummary()).isTrue();
            assertThat(e.getStep()).isGreaterThanOrEqualTo(lastStep);
            lastStep = e.getStep();
            for (Summary.Value v : e.getSummary().getValueList()) {
                assertThat(v.getValueCase()).isEqualTo(Summary.Value.ValueCase.SIMPLE_VALUE);
                points.add(new Point(e.getStep(), v.getTag(), v.getSimpleValue()));
            }
        }
        return points;
    }

    /** What the tables say the file must hold: each episode, then each progress row, in step order. */
    static List<Point> expected(Path run) throws IOException {
        CsvTable episodes = CsvTable.read(run.resolve("episodes.csv"));
        CsvTable progress = CsvTable.read(run.resolve("progress.csv"));
        List<Point> points = new ArrayList<>();
        int e = 0;
        int p = 0;
        int step = progress.column("global_step");
        while (e < episodes.rows().size() || p < progress.rows().size()) {
            if (p == progress.rows().size() || e < episodes.rows().size() && episodes.rows().get(e)[0] <= progress.rows().get(p)[step]) {
                double[] row = episodes.rows().get(e++);
                points.add(new Point((long) row[0], "charts/episodic_return", (float) row[1]));
                points.add(new Point((long) row[0], "charts/episodic_length", (float) row[2]));
            } else {
                double[] row = progress.rows().get(p++);
                for (int c = 0; c < row.length; c++) {
                    String column = progress.header().get(c);
                    if (c != step && !Double.isNaN(row[c])) {
                        String tag = column.equals("steps_per_second") ? "charts/SPS" : column.contains("/") ? column : "charts/" + column;
                        points.add(new Point((long) row[step], tag, (float) row[c]));
                    }
                }
            }
        }
        return points;
    }

    static List<Point> withoutTiming(List<Point> points) {
        return points.stream().filter(p -> !p.tag().equals("charts/SPS") && !p.tag().equals("charts/wall_seconds")).toList();
    }

    static RunConfig config(String env, long steps, Map<String, String> overrides) {
        return new RunConfig(env, "ppo", "bp", 3, steps, overrides);
    }

    // ---- tests ----

    @Test
    void referenceCrcMatchesTheStandardCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(crc32c(check, 0, check.length)).isEqualTo(0xE3069283);
    }

    @Test
    void everyScalarOfBothTablesIsReadBackUnderCleanRlTags() throws Exception {
        Path run = dir.resolve("run");
        TrainingRun.create(run, config("CartPole-v1", 2048, Map.of("ppo.num_steps", "64"))).run(RunProgress.NONE);
        assertThat(eventFile(run).getFileName().toString()).matches("events\\.out\\.tfevents\\.\\d+\\..+");
        List<Point> points = points(run);
        assertThat(points).isEqualTo(expected(run));
        assertThat(points).extracting(Point::tag).contains("charts/episodic_return", "charts/episodic_length", "losses/value_loss",
                "losses/policy_loss", "losses/entropy", "losses/approx_kl", "losses/old_approx_kl", "losses/clipfrac",
                "losses/explained_variance", "charts/learning_rate", "charts/SPS", "charts/mean_return_100");
        assertThat(points.stream().filter(p -> p.tag().equals("charts/episodic_return")).count())
                .isEqualTo(CsvTable.read(run.resolve("episodes.csv")).rows().size()).isPositive();
    }

    @Test
    void aResumedRunNeitherDuplicatesNorLosesEvents() throws Exception {
        Map<String, String> settings = Map.of("ppo.num_steps", "64", "run.checkpoint_every", "3");
        Path full = dir.resolve("full");
        TrainingRun.create(full, config("CartPole-v1", 4096, settings)).run(RunProgress.NONE);

        Path broken = dir.resolve("broken");
        TrainingRun first = TrainingRun.create(broken, config("CartPole-v1", 4096, settings));
        int[] calls = {0};
        assertThatThrownBy(() -> first.run((g, t, e, m, s) -> {
            if (++calls[0] == 11) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        // As if the crash had come after further events were written but before their checkpoint:
        // the uninterrupted run's later events, then a record cut short.
        Path file = eventFile(broken);
        byte[] later = Files.readAllBytes(eventFile(full));
        byte[] mine = Files.readAllBytes(file);
        List<TfRecord.Record> fullRecords = TfRecord.readValidPrefix(later);
        int from = (int) fullRecords.get(fullRecords.size() - 8).end();
        Files.write(file, java.util.Arrays.copyOfRange(later, from, later.length), StandardOpenOption.APPEND);
        Files.write(file, java.util.Arrays.copyOfRange(later, from, from + 20), StandardOpenOption.APPEND);
        assertThat(Files.size(file)).isGreaterThan(mine.length);

        TrainingRun.resume(broken).run(RunProgress.NONE);
        List<Point> points = points(broken);
        assertThat(points).isEqualTo(expected(broken));
        assertThat(withoutTiming(points)).isEqualTo(withoutTiming(points(full)));
    }

    @Test
    void aRunWithoutEventFileGetsItsWholeHistoryOnResume() throws Exception {
        Path run = dir.resolve("run");
        TrainingRun first = TrainingRun.create(run, config("CartPole-v1", 2048, Map.of("ppo.num_steps", "64", "run.checkpoint_every", "1")));
        int[] calls = {0};
        assertThatThrownBy(() -> first.run((g, t, e, m, s) -> {
            if (++calls[0] == 5) {
                throw new IllegalStateException("simulated crash");
            }
        })).hasMessageContaining("simulated crash");
        Files.delete(eventFile(run)); // e.g. a run started by an lpdm without event files
        TrainingRun.resume(run).run(RunProgress.NONE);
        assertThat(points(run)).isEqualTo(expected(run));
    }

    @Test
    void eachAppendAddsTheEventsOfTheNewRowsOnlyAndResumeCutsBackToTheTables() throws Exception {
        List<String> header = List.of("global_step", "episodes", "losses/value_loss");
        List<double[]> episodes1 = List.of(new double[] {10, 1.5, 10}, new double[] {20, 2.5, 10});
        List<double[]> rows1 = List.of(new double[] {20, 2, 0.25});
        List<double[]> episodes2 = List.of(new double[] {30, 3.5, 10}, new double[] {40, 4.5, 10});
        List<double[]> rows2 = List.of(new double[] {40, 4, Double.NaN});
        Path run = dir.resolve("unit");
        Files.createDirectories(run);
        RunEventFile events = new RunEventFile(run);
        events.append(episodes1, header, rows1);
        byte[] afterFirst = Files.readAllBytes(eventFile(run));
        events.append(List.of(), header, List.of());
        assertThat(Files.readAllBytes(eventFile(run))).isEqualTo(afterFirst);
        events.append(episodes2, header, rows2);
        byte[] afterSecond = Files.readAllBytes(eventFile(run));
        assertThat(java.util.Arrays.copyOf(afterSecond, afterFirst.length)).as("only appended to").isEqualTo(afterFirst);
        assertThat(TfRecord.readValidPrefix(afterSecond)).hasSize(1 + 3 + 3);
        List<Point> expected = List.of(new Point(10, "charts/episodic_return", 1.5f), new Point(10, "charts/episodic_length", 10),
                new Point(20, "charts/episodic_return", 2.5f), new Point(20, "charts/episodic_length", 10),
                new Point(20, "charts/episodes", 2), new Point(20, "losses/value_loss", 0.25f),
                new Point(30, "charts/episodic_return", 3.5f), new Point(30, "charts/episodic_length", 10),
                new Point(40, "charts/episodic_return", 4.5f), new Point(40, "charts/episodic_length", 10),
                new Point(40, "charts/episodes", 4));
        assertThat(points(run)).isEqualTo(expected);

        // A crash after the second append, a torn record after it, and a checkpoint that counts the first rows only.
        Files.write(eventFile(run), java.util.Arrays.copyOfRange(afterSecond, afterFirst.length, afterFirst.length + 15),
                StandardOpenOption.APPEND);
        RunEventFile resumed = new RunEventFile(run);
        java.util.Iterator<double[]> eps = episodes1.iterator();
        java.util.Iterator<double[]> rows = rows1.iterator();
        resumed.resume(() -> eps.hasNext() ? eps.next() : null, header, () -> rows.hasNext() ? rows.next() : null);
        assertThat(Files.readAllBytes(eventFile(run))).as("the matching prefix kept with its wall times").isEqualTo(afterFirst);
        resumed.append(episodes2, header, rows2);
        assertThat(points(run)).isEqualTo(expected);
    }

    @Test
    void aRestartedRunKeepsOneEventFileWithTheNewRunsEventsOnly() throws Exception {
        Path run = dir.resolve("run");
        Map<String, String> settings = Map.of("ppo.num_steps", "64", "run.checkpoint_every", "2");
        TrainingRun.create(run, config("CartPole-v1", 1024, settings)).run(RunProgress.NONE);
        Files.delete(run.resolve(TrainingRun.CHECKPOINT));
        TrainingRun.resume(run, true).run(RunProgress.NONE);
        assertThat(points(run)).isEqualTo(expected(run));
    }
}
