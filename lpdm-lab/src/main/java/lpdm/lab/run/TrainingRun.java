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
import lpdm.rl.NetworkSettings;
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
 * <p>config.json, summary.json, the checkpoint and curve.png are written atomically; progress.csv
 * and episodes.csv only grow ({@link AppendedCsv}). Every {@code run.checkpoint_every} iterations,
 * and at the end, the tables' new rows are appended and then the checkpoint is written: it records
 * how many rows of each table belong to it, so {@link #resume} can cut rows written after it (a
 * torn last row included) and continue bit-exactly.
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
    private static final List<String> EPISODE_COLUMNS = List.of("global_step", "return", "length");
    private static final List<String> BASE_COLUMNS = List.of("global_step", "episodes", "mean_return_100", "wall_seconds", "steps_per_second");

    private final Path dir;
    private final RunConfig config;
    private final Settings settings;
    private final HyperParameters.Choice hyperParameters;
    private final Algorithm algorithm;
    private final EpisodeStats episodes = new EpisodeStats();
    private AppendedCsv episodeTable;
    private AppendedCsv progress;
    private List<String> metricKeys;
    private double wallOffset;
    /** steps_per_second of the last progress row (what a resume that only finishes files reports). */
    private double lastStepsPerSecond = Double.NaN;
    private long stepsAtStart;
    private final int checkpointEvery;
    private final RunEventFile tensorboard;
    /** Whether summary.json says completed and curve.png exists (set by resume). */
    private boolean filesComplete;

    private TrainingRun(Path dir, RunConfig config) {
        this(dir, config, config.overrides());
    }

    /** A run identified by {@code config} whose settings are resolved from {@code settingValues}. */
    private TrainingRun(Path dir, RunConfig config, Map<String, String> settingValues) {
        this.dir = dir;
        this.config = config;
        if (!EnvRegistry.ids().contains(config.env())) {
            throw new EnvRegistry.UnknownEnvException(Suggestions.unknownEnv(config.env()));
        }
        this.hyperParameters = HyperParameters.choose(config.algo(), config.env(), config.learner(), settingValues);
        this.settings = Algorithms.resolve(config.algo(), config.learner(), config.env(), settingValues); // what config.json records
        requireMemory(config, settings);
        LearningRule rule = LearningRules.create(config.learner(), settings);
        RunSpec spec = new RunSpec(config.env(), config.totalSteps(), config.seed(), rule, settings);
        this.algorithm = Algorithms.get(config.algo()).factory().apply(spec);
        this.checkpointEvery = settings.get(RunSettings.CHECKPOINT_EVERY);
        this.tensorboard = new RunEventFile(dir);
        this.episodeTable = new AppendedCsv(dir.resolve(EPISODES), EPISODE_COLUMNS);
        this.progress = new AppendedCsv(dir.resolve(PROGRESS), null);
    }

    /**
     * Refuses, before anything is allocated, networks and rollouts that cannot fit the heap
     * ({@link MemoryEstimate}): actor and critic (their convolutions included), and the rollout's
     * observations.
     */
    private static void requireMemory(RunConfig config, Settings settings) {
        if (settings.declaration(NetworkSettings.HIDDEN.name()) != NetworkSettings.HIDDEN) {
            return;
        }
        Map<String, String> values = settings.values();
        NetworkSettings network = NetworkSettings.from(settings);
        lpdm.envs.Env env = EnvRegistry.make(config.env());
        int obs = env.observationSpace().flatSize();
        int[] shape = env.observationSpace().shape();
        int act = env.actionSpace() instanceof lpdm.envs.Discrete d ? d.n() : env.actionSpace().flatSize();
        env.close();
        long bytes;
        String what;
        if (network.conv().isEmpty()) {
            what = "net.hidden=" + values.get("net.hidden");
            bytes = MemoryEstimate.mlpBytes(what, obs, network.hidden(), act) + MemoryEstimate.mlpBytes(what, obs, network.hidden(), 1);
        } else {
            network.checkObservation(shape);
            what = "net.conv=" + values.get("net.conv") + " net.hidden=" + values.get("net.hidden");
            bytes = MemoryEstimate.networkBytes(what, shape, network.conv(), network.hidden(), act)
                    + MemoryEstimate.networkBytes(what, shape, network.conv(), network.hidden(), 1);
        }
        MemoryEstimate.requireFits(what + " (actor and critic for " + config.env() + ")", bytes);
        String prefix = config.algo() + ".";
        long envs = positiveOr(values.get(prefix + "num_envs"), 1);
        long steps = positiveOr(values.get(prefix + "num_steps"), positiveOr(values.get(prefix + "batch_steps"), 1));
        // per step of the rollout: observation, action, and about six scalars (reward, value, log-prob, advantage, return, done)
        long rollout = envs * steps * (obs + act + 6L) * 4;
        MemoryEstimate.requireFits("a rollout of " + envs + " x " + steps + " steps", rollout);
    }

    private static long positiveOr(String value, long fallback) {
        try {
            long v = Long.parseLong(value);
            return v > 0 ? v : fallback;
        } catch (NumberFormatException | NullPointerException e) {
            return fallback;
        }
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
        return resume(dir, 0, false);
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
        return resume(dir, newTotalSteps, false);
    }

    /**
     * As {@link #resume(Path)}; a run whose checkpoint is missing but whose tables or summary exist
     * is refused unless {@code restart}, which starts it again at step 0 (replacing those files).
     * {@code restart} is refused for a run that has its checkpoint.
     */
    public static TrainingRun resume(Path dir, boolean restart) throws IOException {
        return resume(dir, 0, restart);
    }

    /** {@link #resume(Path, long)} and {@link #resume(Path, boolean)} together. */
    public static TrainingRun resume(Path dir, long newTotalSteps, boolean restart) throws IOException {
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
        Path ckpt = dir.resolve(CHECKPOINT);
        boolean hasCheckpoint = Files.exists(ckpt);
        if (hasCheckpoint && restart) {
            throw new UsageException("--restart is only for a run whose " + CHECKPOINT + " is missing; " + dir
                    + " has one (resume it without --restart)");
        }
        List<String> written = new ArrayList<>();
        if (!hasCheckpoint) {
            for (String f : List.of(PROGRESS, EPISODES, SUMMARY, CURVE)) {
                if (Files.exists(dir.resolve(f))) {
                    written.add(f);
                }
            }
            // summary.json is written right after every checkpoint: without it, no checkpoint was ever
            // completed (a kill between the first rows and the first checkpoint), and starting again is
            // what resuming means; with it, the checkpoint was lost.
            if (written.contains(SUMMARY) && !restart) {
                throw new UsageException("cannot resume " + dir + ": " + CHECKPOINT + " is missing, so it would restart at step 0 and "
                        + "replace " + String.join(", ", written) + "; add --restart to do that");
            }
        }
        if (hasCheckpoint) {
            StateDict state = CheckpointFile.read(ckpt);
            run.algorithm.loadState(state, "algo");
            long[] rows = state.longs("run.rows");
            TrainingRun r = run;
            r.episodeTable = AppendedCsv.resume(dir.resolve(EPISODES), rows[0], row -> r.episodes.add(row[1]));
            double[] last = {Double.NaN, Double.NaN};
            r.progress = AppendedCsv.resume(dir.resolve(PROGRESS), rows[1], row -> {
                last[0] = row[3];
                last[1] = row[4];
            });
            if (r.progress.header() != null) {
                r.metricKeys = r.progress.header().subList(BASE_COLUMNS.size(), r.progress.header().size());
            }
            if (rows[1] > 0) {
                r.wallOffset = last[0];
                r.lastStepsPerSecond = last[1];
            }
            Path summary = dir.resolve(SUMMARY);
            r.filesComplete = Files.exists(dir.resolve(CURVE)) && Files.exists(summary)
                    && Json.MAPPER.readTree(summary.toFile()).path("completed").asBoolean(false);
        } else {
            for (String f : written) {
                Files.delete(dir.resolve(f));
            }
            Files.createDirectories(dir.resolve("checkpoint"));
        }
        // The event file is made to hold exactly the events of the tables as cut back (none without a checkpoint).
        try (AppendedCsv.Reader eps = new AppendedCsv.Reader(dir.resolve(EPISODES));
             AppendedCsv.Reader prog = new AppendedCsv.Reader(dir.resolve(PROGRESS))) {
            run.tensorboard.resume(eps::next, prog.header(), prog::next);
        }
        if (config.totalSteps() != recordedSteps) { // the budget was raised: record it before training on
            ObjectNode updated = c.deepCopy();
            updated.put("total_steps", config.totalSteps());
            Json.write(dir.resolve(RECORD), updated);
            Json.write(configFile, updated);
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

    /** Whether the budget is trained and every file of the run directory is written. */
    public boolean completed() {
        return algorithm.finished() && filesComplete;
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

    /**
     * Trains to the end of the budget, writing the run directory; returns the summary. summary.json
     * says {@code completed: true} only once every other file is written, so a run killed while
     * drawing curve.png is finished by its resume.
     */
    public Summary run(RunProgress progressSink) throws IOException {
        long start = System.nanoTime();
        stepsAtStart = algorithm.globalStep();
        boolean trained = !algorithm.finished();
        IOException[] failure = new IOException[1];
        if (trained) {
            algorithm.train(new TrainingListener() {
                @Override
                public void onEpisode(long globalStep, double episodeReturn, int episodeLength) {
                    episodes.add(episodeReturn);
                    episodeTable.add(new double[] {globalStep, episodeReturn, episodeLength});
                }

                @Override
                public boolean onIteration(Algorithm alg, long iteration, long globalStep, Map<String, Double> metrics) {
                    double wall = wallOffset + (System.nanoTime() - start) / 1e9;
                    double sps = (globalStep - stepsAtStart) / Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                    addProgressRow(globalStep, wall, sps, metrics);
                    progressSink.update(globalStep, config.totalSteps(), episodes.count(), episodes.meanReturnLast100(), sps);
                    if (iteration % checkpointEvery == 0 || alg.finished()) {
                        try {
                            flush(wall, sps, false);
                        } catch (IOException e) {
                            failure[0] = e;
                            return false;
                        }
                    }
                    return true;
                }
            });
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        double wall = trained ? wallOffset + (System.nanoTime() - start) / 1e9 : wallOffset;
        double sps = trained ? (algorithm.globalStep() - stepsAtStart) / Math.max(1e-9, (System.nanoTime() - start) / 1e9)
                : lastStepsPerSecond;
        flush(wall, sps, false);
        if (algorithm.finished()) {
            List<EpisodeLog.Episode> all = new ArrayList<>();
            AppendedCsv.readAll(dir.resolve(EPISODES), r -> all.add(new EpisodeLog.Episode((long) r[0], r[1], (int) r[2])));
            CurvePlot.writePng(dir.resolve(CURVE), config.env() + " " + config.algo() + " " + config.learner() + " seed " + config.seed(),
                    all);
        }
        Summary summary = summary(wall, sps, algorithm.finished());
        Json.write(dir.resolve(SUMMARY), summary);
        filesComplete = summary.completed();
        return summary;
    }

    private void addProgressRow(long globalStep, double wall, double sps, Map<String, Double> metrics) {
        if (progress.header() == null) {
            metricKeys = new ArrayList<>(metrics.keySet());
            List<String> header = new ArrayList<>(BASE_COLUMNS);
            header.addAll(metricKeys);
            progress.header(header);
        }
        double[] row = new double[BASE_COLUMNS.size() + metricKeys.size()];
        row[0] = globalStep;
        row[1] = episodes.count();
        row[2] = episodes.meanReturnLast100();
        row[3] = wall;
        row[4] = sps;
        for (int i = 0; i < metricKeys.size(); i++) {
            Double v = metrics.get(metricKeys.get(i));
            row[BASE_COLUMNS.size() + i] = v == null ? Double.NaN : v;
        }
        progress.add(row);
    }

    /**
     * Appends the tables' new rows and their TensorBoard events, then writes the checkpoint and the
     * summary (in that order: the checkpoint never counts rows not on disk). Each costs the rows
     * since the last flush, however long the run.
     */
    private void flush(double wall, double sps, boolean completed) throws IOException {
        List<double[]> newEpisodes = episodeTable.append();
        List<double[]> newRows = progress.append();
        tensorboard.append(newEpisodes, progress.header(), newRows);
        StateDict state = new StateDict();
        state.putLongs("run.rows", new long[] {episodeTable.rows(), progress.rows()});
        algorithm.saveState(state, "algo");
        CheckpointFile.write(dir.resolve(CHECKPOINT), state);
        Json.write(dir.resolve(SUMMARY), summary(wall, sps, completed));
    }

    private Summary summary(double wall, double sps, boolean completed) {
        return new Summary(config.env(), config.algo(), config.learner(), config.seed(), algorithm.globalStep(),
                episodes.count(), episodes.meanReturnLast100(), episodes.bestMeanReturn100(), wall, sps, completed, peakHeapBytes());
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
