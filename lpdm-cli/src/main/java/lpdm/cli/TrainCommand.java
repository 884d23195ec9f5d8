package lpdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import lpdm.lab.run.Json;
import lpdm.lab.run.RunConfig;
import lpdm.lab.run.Summary;
import lpdm.lab.run.TrainingRun;
import lpdm.rl.Algorithms;
import lpdm.core.settings.Setting;
import lpdm.rl.settings.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lpdm train}: one training run into a run directory (interfaces.md). */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one agent and write a run directory (config.json, progress.csv, episodes.csv, summary.json, "
                + "checkpoint/, curve.png).", "Settings: see --list-settings. Starts from the tuned settings of the env and algorithm "
                + "(lpdm/hparams/ALGO.yaml; --set hparams=defaults: the plain algorithm defaults); --set values override them."})
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--env", paramLabel = "ID", description = "registered env id, e.g. CartPole-v1 (see 'lpdm envs')")
    String env;

    @Option(names = "--algo", paramLabel = "ALGO", description = "algorithm: ${COMPLETION-CANDIDATES}", completionCandidates = AlgoNames.class)
    String algo;

    @Option(names = "--learner", paramLabel = "RULE", description = "hidden layers' learning rule: bp, lpdm or frozen")
    String learner;

    @Option(names = "--guidance", paramLabel = "LAMBDA", description = "LPDM guidance weight (same as --set lpdm.guidance=LAMBDA)")
    Double guidance;

    @Option(names = "--steps", paramLabel = "N", description = "environment-step budget (default: the budget of the tuned set in use, "
            + "else " + RunConfig.DEFAULT_STEPS + ")")
    Long steps;

    /** Set by {@link #buildConfig()}: the budget was taken from the tuned set (no --steps, none in --config). */
    private boolean stepsFromSet;

    @Option(names = "--seed", paramLabel = "S", description = "run seed (default: ${DEFAULT-VALUE})", defaultValue = "1")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/ENV_ALGO_LEARNER_seedS)")
    Path out;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML file with env, algo, learner, seed, steps, guidance and set: {name: value}")
    Path configFile;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a setting (repeatable)")
    List<String> sets = List.of();

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue an interrupted run from its last checkpoint "
            + "(with --steps N larger than its budget: extend a finished or unfinished run to N steps)")
    Path resume;

    @Option(names = "--restart", description = "with --resume: start again at step 0 a run whose checkpoint/state.bin is missing "
            + "(its progress.csv, episodes.csv, summary.json and curve.png are replaced)")
    boolean restart;

    @Option(names = "--quiet", description = "no progress bar or periodic lines; only the result")
    boolean quiet;

    @Option(names = "--list-settings", description = "list every setting with its default and exit")
    boolean listSettings;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        if (listSettings) {
            listSettings(pw);
            return 0;
        }
        TrainingRun run;
        if (restart && resume == null) {
            throw new UsageException("--restart goes with --resume RUN_DIR");
        }
        if (resume != null) {
            CommandLine.ParseResult pr = spec.commandLine().getParseResult();
            for (String option : List.of("--env", "--algo", "--learner", "--seed", "--set", "--guidance", "--config", "--out")) {
                if (pr.hasMatchedOption(option)) {
                    throw new UsageException(option + " cannot be combined with --resume: the run continues as its config.json records "
                            + "(only --steps can raise its budget); start a new run with --out to change it");
                }
            }
            if (steps != null && steps <= 0) {
                throw new UsageException("--steps must be positive, got " + steps);
            }
            run = TrainingRun.resume(resume, steps != null ? steps : 0, restart);
            if (run.completed()) {
                pw.println("run " + resume + " is already complete; nothing to do");
                return 0;
            }
            if (restart) {
                pw.println("restarting " + resume + " at step 0 (its checkpoint was missing)");
            } else if (run.algorithm().finished()) {
                pw.println("run " + resume + " has trained its budget; writing its missing files");
            } else {
                pw.println("resuming " + resume + " at step " + run.algorithm().globalStep());
            }
        } else {
            RunConfig config = buildConfig();
            Path dir = out != null ? out : config.defaultDirectory();
            run = TrainingRun.create(dir, config);
        }
        pw.println("hyper-parameters: " + run.hyperParameters().describe());
        if (stepsFromSet) {
            pw.println("steps: " + run.config().totalSteps() + " (the tuned set's budget; --steps N for another)");
        }
        RunConfig c = run.config();
        Summary s;
        try (ConsoleProgress progress = new ConsoleProgress(pw, quiet, c.totalSteps(), c.env() + " " + c.algo() + "/" + c.learner())) {
            s = run.run(progress);
        }
        int threads = run.algorithm().trainingThreads();
        pw.printf(Locale.ROOT, "%s %s %s seed %d: final_mean_return %s (best %s) after %d steps, %d episodes, %.1f s (%s steps/s, %d thread%s)%n",
                s.env(), s.algo(), s.learner(), s.seed(), ConsoleProgress.number(s.final_mean_return(), 2),
                ConsoleProgress.number(s.best_mean_return_100(), 2), s.total_steps(), s.episodes(), s.wall_seconds(),
                ConsoleProgress.number(s.steps_per_second(), 0), threads, threads == 1 ? "" : "s");
        if (s.episodes() == 0) {
            pw.println("no episode finished within " + s.total_steps() + " steps: there is no return to report");
        }
        pw.println("run directory: " + run.directory());
        return 0;
    }

    private void listSettings(PrintWriter pw) {
        List<String> algos = algo != null ? List.of(algo) : Algorithms.names();
        Set<String> seen = new java.util.HashSet<>();
        for (String a : algos) {
            for (Setting<?> s : Algorithms.settingsFor(a)) {
                if (seen.add(s.name())) {
                    pw.printf(Locale.ROOT, "%-28s %-20s %s%n", s.name(), s.defaultValue().isEmpty() ? "(unset)" : s.defaultValue(), s.doc());
                }
            }
        }
    }

    RunConfig buildConfig() throws IOException {
        Map<String, String> overrides = new LinkedHashMap<>();
        String e = null;
        String a = null;
        String l = null;
        Long st = null;
        Long sd = null;
        if (configFile != null) {
            JsonNode root = readConfig(configFile);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode v = f.getValue();
                switch (f.getKey()) {
                    case "env" -> e = v.asText();
                    case "algo" -> a = v.asText();
                    case "learner" -> l = v.asText();
                    case "steps" -> st = requireLong(v, "steps");
                    case "seed" -> sd = requireLong(v, "seed");
                    case "guidance" -> overrides.put("lpdm.guidance", v.asText());
                    case "set" -> {
                        if (!v.isObject()) {
                            throw new UsageException("config " + configFile + ": 'set' must be a map of setting names to values");
                        }
                        v.fields().forEachRemaining(s -> overrides.put(s.getKey(), s.getValue().asText()));
                    }
                    default -> throw new UsageException("config " + configFile + ": unknown key '" + f.getKey()
                            + "' (expected env, algo, learner, seed, steps, guidance, set)");
                }
            }
        }
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        if (env != null) {
            e = env;
        }
        if (algo != null) {
            a = algo;
        }
        if (learner != null) {
            l = learner;
        }
        if (steps != null) {
            st = steps;
        }
        if (pr.hasMatchedOption("--seed") || sd == null) {
            sd = seed;
        }
        if (guidance != null) {
            overrides.put("lpdm.guidance", Double.toString(guidance));
        }
        overrides.putAll(SetOptions.parse(sets));
        if (e == null) {
            throw new UsageException("missing --env (see 'lpdm envs')");
        }
        if (a == null) {
            throw new UsageException("missing --algo (" + String.join(", ", Algorithms.names()) + ")");
        }
        if (l == null) {
            throw new UsageException("missing --learner (bp, lpdm or frozen)");
        }
        // train starts from the tuned set of the env and algorithm unless told otherwise (--set hparams=defaults),
        // and trains the budget that set was tuned for unless given one (as rl-baselines3-zoo's train.py does)
        if (st == null) {
            long tuned = RunConfig.tunedSteps(e, a, l, overrides);
            stepsFromSet = tuned > 0;
            st = stepsFromSet ? tuned : RunConfig.DEFAULT_STEPS;
        }
        return RunConfig.forTraining(e, a, l, sd, st, overrides);
    }

    private static long requireLong(JsonNode v, String key) {
        if (!v.canConvertToLong() && !(v.isTextual() && v.asText().matches("-?\\d+"))) {
            throw new UsageException("config: '" + key + "' must be an integer, got " + v);
        }
        return v.asLong();
    }

    static JsonNode readConfig(Path file) {
        if (!Files.isReadable(file)) {
            throw new UsageException("cannot read config file " + file);
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            JsonNode root = (name.endsWith(".yaml") || name.endsWith(".yml") ? Json.YAML : Json.MAPPER).readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new UsageException("config file " + file + " must hold a map of keys to values");
            }
            return root;
        } catch (IOException ex) {
            throw new UsageException("config file " + file + " is malformed: " + Json.parseError(ex));
        }
    }

    static final class AlgoNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Algorithms.names().iterator();
        }
    }
}
