package lpdm.lab.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.core.learn.LearningRule;
import lpdm.core.state.StateDict;
import lpdm.lab.plot.CurvePlot;
import lpdm.lab.tensorboard.RunEventFile;
import lpdm.rl.Algorithm;
import lpdm.rl.Algorithms;
import lpdm.rl.HyperParameters;
import lpdm.rl.LearningRules;
import lpdm.rl.RunSettings;
import lpdm.rl.RunSpec;
import lpdm.core.settings.Setting;
import lpdm.rl.TrainingListener;
import lpdm.rl.settings.Settings;
import lpdm.rl.settings.UsageException;
import lpdm.envs.EnvRegistry;

/**
 * One training run and its run directory (interfaces.md): config.json, progress.csv,
 * episodes.csv, summary.json, checkpoint/state.bin, curve.png, and the TensorBoard event file
 * ({@link RunEventFile}).
 *
 * <p>Every file is written atomically. Every {@code run.checkpoint_every} iterations, and at the
 * end, the checkpoint and the tables are written together: the checkpoint records how many rows
 * of each table belong to it, so {@link #resume} can cut rows written after it and continue
 * bit-exactly.
 */
public final class TrainingRun {
    public static final String CONFIG = "config.json";
    public static final String PROGRESS = "progress.csv";
    public static final String EPISODES = "episodes.csv";
    public static final String SUMMARY = "summary.json";
    public static final String CHECKPOINT = "checkpoint/state.bin";
    public static final String CURVE = "curve.png";
    /** The copy of config.json's identity and settings kept with the checkpoint: resume names a key edited since. */
    public static final String RECORD = "checkpoint/config.json";
    private static final List<String> BASE_COLUMNS = List.of("global_step", "episodes", "mean_return_100", "wall_seconds", "steps_per_second");

    private final Path dir;
    private final RunConfig config;
    private final Settings settings;
    private final HyperParameters.Choice hyperParameters;
    private final Algorithm algorithm;
    private final EpisodeLog episodes = new EpisodeLog();
    private CsvTable progress;
    private List<String> metricKeys;
    private double wallOffset;
    private long stepsAtStart;
    private final int checkpointEvery;
    private final RunEventFile tensorboard;

    private TrainingRun(Path dir, RunConfig config) {
        this(dir, config, config.overrides());
    }

    /** A run identified by {@code config} whose settings are resolved from {@code settingValues}. */
    private TrainingRun(Path dir, RunConfig config, Map<String, String> settingValues) {
        this.dir = dir;
        this.config = config;
        EnvRegistry.spec(config.env()); // fails with the list of envs if unknown
        this.hyperParameters = HyperParameters.choose(config.algo(), config.env(), config.learner(), settingValues);
        this.settings = Algorithms.resolve(config.algo(), config.learner(), config.env(), settingValues); // what config.json records
        LearningRule rule = LearningRules.create(config.learner(), settings);
        RunSpec spec = new RunSpec(config.env(), config.totalSteps(), config.seed(), rule, settings);
        this.algorithm = Algorithms.get(config.algo()).factory().apply(spec);
        this.checkpointEvery = settings.get(RunSettings.CHECKPOINT_EVERY);
        this.tensorboard = new RunEventFile(dir);
    }

    /** Validates {@code config} and creates the run directory; refuses a directory that already holds a run. */
    public static TrainingRun create(Path dir, RunConfig config) throws IOException {
        if (Files.exists(dir.resolve(CONFIG))) {
            throw new UsageException("run directory " + dir + " already holds a run; use --resume " + dir + " or another --out");
        }
        TrainingRun run = new TrainingRun(dir, config);
        Files.createDirectories(dir.resolve("checkpoint"));
        run.writeConfig();
        return run;
    }

    /**
     * Re-opens {@code dir} at its last checkpoint (or from the start if none was written), with the
     * settings its config.json records (every effective value), so that a run keeps the values it
     * started with even if a later lpdm changed a default; a setting added since the run started
     * takes the value its declaration gives for older runs ({@link Setting#legacyValue()}) or its
     * default. Refused, naming the key: a config.json whose identity or settings differ from the
     * record kept with the checkpoint ({@link #RECORD}; edited by hand), a recorded setting this
     * lpdm no longer knows, and a recorded value that differs from what this lpdm derives unless it
     * is an older default ({@link Setting#pastDefaults()}) the run did not ask for.
     */
    public static TrainingRun resume(Path dir) throws IOException {
        return resume(dir, 0);
    }

    /**
     * {@link #resume(Path)} with the step budget raised to {@code newTotalSteps} when that is larger
     * than the recorded one (0: keep it): a finished run continues, config.json records the new
     * budget. The continued run equals one trained with the larger budget from the start only if no
     * schedule depends on the budget (ppo.anneal_lr / a2c.anneal_lr / reinforce.anneal_lr false,
     * lpdm.*_schedule constant): annealing runs over the budget, so it is stretched from the
     * resume point on.
     */
    public static TrainingRun resume(Path dir, long newTotalSteps) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(configFile)) {
            throw new UsageException("cannot resume " + dir + ": no " + CONFIG + " (not a run directory)");
        }
        JsonNode c = Json.MAPPER.readTree(configFile.toFile());
        String version = c.path("versions").path("lpdm").asText("");
        if (!version.equals(BuildInfo.lpdmVersion())) {
            throw new UsageException("cannot resume " + dir + ": written by lpdm " + version + ", this is " + BuildInfo.lpdmVersion());
        }
        checkAgainstRecord(dir, c);
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("overrides").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            overrides.put(e.getKey(), e.getValue().asText());
        }
        long recordedSteps = c.path("total_steps").asLong();
        if (newTotalSteps != 0 && newTotalSteps < recordedSteps) {
            throw new UsageException("cannot resume " + dir + " with --steps " + newTotalSteps + ": its budget is " + recordedSteps
                    + " steps; --steps on resume can only raise it");
        }
        RunConfig config = new RunConfig(c.path("env").asText(), c.path("algo").asText(), c.path("learner").asText(),
                c.path("seed").asLong(), Math.max(recordedSteps, newTotalSteps), overrides);
        // What this lpdm derives from the run's overrides, against what the run recorded.
        TrainingRun derivedRun = new TrainingRun(dir, config);
        Map<String, String> derived = derivedRun.settings.values(); // "auto" resolved for the run's env
        Map<String, String> recorded = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("settings").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String value = e.getValue().asText();
            Setting<?> declared = derivedRun.settings.declaration(name);
            if (declared == null) {
                throw new UsageException("cannot resume " + dir + ": it was run with setting '" + name + "', which this lpdm no longer has");
            }
            boolean olderDefault = !overrides.containsKey(name) && declared.pastDefaults().contains(value);
            if (!value.equals(derived.get(name)) && !olderDefault) {
                throw new UsageException("cannot resume " + dir + ": its settings differ from what this lpdm derives from its config ("
                        + name + " recorded " + value + ", derived " + derived.get(name) + ")");
            }
            recorded.put(name, value);
        }
        if (!c.path("settings").isMissingNode()) {
            // Settings added after the run started: the value that reproduces the older behaviour.
            for (Setting<?> s : derivedRun.settings.declared()) {
                if (!recorded.containsKey(s.name()) && s.legacyValue() != null) {
                    recorded.put(s.name(), s.legacyValue());
                }
            }
        }
        TrainingRun run = derivedRun;
        if (!recorded.equals(derived)) { // an older run: rebuild it with the values it recorded
            Map<String, String> values = new LinkedHashMap<>(overrides);
            values.putAll(recorded);
            run = new TrainingRun(dir, config, values);
        }
        if (config.totalSteps() != recordedSteps) { // the budget was raised: record it before training on
            ObjectNode updated = c.deepCopy();
            updated.put("total_steps", config.totalSteps());
            Json.write(dir.resolve(RECORD), updated);
            Json.write(configFile, updated);
        }
        Path ckpt = dir.resolve(CHECKPOINT);
        if (Files.exists(ckpt)) {
            StateDict state = CheckpointFile.read(ckpt);
            run.algorithm.loadState(state, "algo");
            long[] rows = state.longs("run.rows");
            CsvTable eps = CsvTable.read(dir.resolve(EPISODES));
            if (eps.rows().size() < rows[0]) {
                throw new CheckpointFile.CorruptCheckpointException(dir.resolve(EPISODES) + " has fewer rows than its checkpoint records");
            }
            for (int i = 0; i < rows[0]; i++) {
                double[] r = eps.rows().get(i);
                run.episodes.add(new EpisodeLog.Episode((long) r[0], r[1], (int) r[2]));
            }
            CsvTable prog = CsvTable.read(dir.resolve(PROGRESS));
            prog.truncate((int) rows[1]);
            run.progress = prog;
            run.metricKeys = prog.header().subList(BASE_COLUMNS.size(), prog.header().size());
            if (!prog.rows().isEmpty()) {
                run.wallOffset = prog.rows().get(prog.rows().size() - 1)[prog.column("wall_seconds")];
            }
        }
        return run;
    }

    public Path directory() {
        return dir;
    }

    public RunConfig config() {
        return config;
    }

    /** The run's effective settings (every name, "auto" resolved once the algorithm is built). */
    public Map<String, String> settingValues() {
        return settings.values();
    }

    /** The set of values the run started from ({@code hparams}): recorded in config.json as {@code hparams}. */
    public HyperParameters.Choice hyperParameters() {
        return hyperParameters;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public boolean completed() {
        return algorithm.finished();
    }

    /** Writes config.json and its copy kept with the checkpoint ({@link #RECORD}). */
    private void writeConfig() throws IOException {
        ObjectNode json = configJson();
        Json.write(dir.resolve(RECORD), json);
        Json.write(dir.resolve(CONFIG), json);
    }

    /**
     * Refuses a config.json that differs from the copy written with it into checkpoint/ (an edit
     * by hand would mislabel the run or feed the checkpoint to another network): names the first
     * differing key. Runs recorded before the copy existed are checked by their settings only.
     */
    private static void checkAgainstRecord(Path dir, JsonNode config) throws IOException {
        Path recordFile = dir.resolve(RECORD);
        if (!Files.isRegularFile(recordFile)) {
            return;
        }
        JsonNode record = Json.MAPPER.readTree(recordFile.toFile());
        for (String key : List.of("env", "algo", "learner", "seed", "total_steps", "overrides", "settings")) {
            JsonNode was = record.path(key);
            JsonNode is = config.path(key);
            if (was.isObject() && is.isObject()) {
                java.util.Set<String> names = new java.util.TreeSet<>();
                was.fieldNames().forEachRemaining(names::add);
                is.fieldNames().forEachRemaining(names::add);
                for (String name : names) {
                    if (!was.path(name).equals(is.path(name))) {
                        throw editedKey(dir, key + "." + name, was.path(name), is.path(name));
                    }
                }
            } else if (!was.equals(is)) {
                throw editedKey(dir, key, was, is);
            }
        }
    }

    private static UsageException editedKey(Path dir, String key, JsonNode checkpoint, JsonNode config) {
        return new UsageException("cannot resume " + dir + ": " + (key.startsWith("settings.") ? "its settings differ from the checkpoint's: " : "")
                + "config.json's " + key + " is " + text(config) + " but the run's checkpoint was made with " + text(checkpoint) + " (" + RECORD
                + "); restore " + key + " or start a new run");
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() ? "(absent)" : n.toString();
    }

    private ObjectNode configJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("env", config.env());
        o.put("algo", config.algo());
        o.put("learner", config.learner());
        o.put("seed", config.seed());
        o.put("total_steps", config.totalSteps());
        ObjectNode ov = o.putObject("overrides");
        config.overrides().forEach(ov::put);
        ObjectNode s = o.putObject("settings");
        settings.values().forEach(s::put);
        ObjectNode hp = o.putObject("hparams"); // which set the settings started from (settings.hparams asked for it)
        hp.put("set", hyperParameters.name());
        hp.put("source", hyperParameters.source());
        if (hyperParameters.steps() > 0) {
            hp.put("steps", hyperParameters.steps());
        }
        ObjectNode hv = hp.putObject("values");
        hyperParameters.values().forEach(hv::put);
        ObjectNode v = o.putObject("versions");
        BuildInfo.versions().forEach(v::put);
        o.put("git_commit", BuildInfo.gitCommit());
        return o;
    }

    /** Trains to the end of the budget, writing the run directory; returns the summary. */
    public Summary run(RunProgress progressSink) throws IOException {
        long start = System.nanoTime();
        stepsAtStart = algorithm.globalStep();
        IOException[] failure = new IOException[1];
        algorithm.train(new TrainingListener() {
            @Override
            public void onEpisode(long globalStep, double episodeReturn, int episodeLength) {
                episodes.add(new EpisodeLog.Episode(globalStep, episodeReturn, episodeLength));
            }

            @Override
            public boolean onIteration(Algorithm alg, long iteration, long globalStep, Map<String, Double> metrics) {
                double wall = wallOffset + (System.nanoTime() - start) / 1e9;
                double sps = (globalStep - stepsAtStart) / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                addProgressRow(globalStep, wall, sps, metrics);
                progressSink.update(globalStep, config.totalSteps(), episodes.size(), episodes.meanReturnLast100(), sps);
                if (iteration % checkpointEvery == 0 || alg.finished()) {
                    try {
                        flush(wall, sps, alg.finished());
                    } catch (IOException e) {
                        failure[0] = e;
                        return false;
                    }
                }
                return true;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        double wall = wallOffset + (System.nanoTime() - start) / 1e9;
        double sps = (algorithm.globalStep() - stepsAtStart) / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        Summary summary = flush(wall, sps, algorithm.finished());
        CurvePlot.writePng(dir.resolve(CURVE), config.env() + " " + config.algo() + " " + config.learner() + " seed " + config.seed(),
                episodes.episodes());
        return summary;
    }

    private void addProgressRow(long globalStep, double wall, double sps, Map<String, Double> metrics) {
        if (progress == null) {
            metricKeys = new ArrayList<>(metrics.keySet());
            List<String> header = new ArrayList<>(BASE_COLUMNS);
            header.addAll(metricKeys);
            progress = new CsvTable(header);
        }
        double[] row = new double[BASE_COLUMNS.size() + metricKeys.size()];
        row[0] = globalStep;
        row[1] = episodes.size();
        row[2] = episodes.meanReturnLast100();
        row[3] = wall;
        row[4] = sps;
        for (int i = 0; i < metricKeys.size(); i++) {
            Double v = metrics.get(metricKeys.get(i));
            row[BASE_COLUMNS.size() + i] = v == null ? Double.NaN : v;
        }
        progress.add(row);
    }

    /** Writes tables, checkpoint and summary (in that order: the checkpoint never refers to rows not on disk). */
    private Summary flush(double wall, double sps, boolean completed) throws IOException {
        CsvTable eps = new CsvTable(List.of("global_step", "return", "length"));
        for (EpisodeLog.Episode e : episodes.episodes()) {
            eps.add(new double[] {e.globalStep(), e.episodeReturn(), e.length()});
        }
        eps.write(dir.resolve(EPISODES));
        if (progress != null) {
            progress.write(dir.resolve(PROGRESS));
        }
        tensorboard.sync(episodes.episodes(), progress == null ? List.of() : progress.header(), progress == null ? List.of() : progress.rows());
        StateDict state = new StateDict();
        state.putLongs("run.rows", new long[] {episodes.size(), progress == null ? 0 : progress.rows().size()});
        algorithm.saveState(state, "algo");
        CheckpointFile.write(dir.resolve(CHECKPOINT), state);
        Summary summary = new Summary(config.env(), config.algo(), config.learner(), config.seed(), algorithm.globalStep(),
                episodes.size(), episodes.meanReturnLast100(), episodes.bestMeanReturn100(), wall, sps, completed, peakHeapBytes());
        Json.write(dir.resolve(SUMMARY), summary);
        return summary;
    }

    /** Peak used heap of this JVM so far (all runs in the process together). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
