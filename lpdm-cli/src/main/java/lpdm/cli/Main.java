package lpdm.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lpdm.rl.settings.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code lpdm} command line: one root command with the subcommands of interfaces.md. */
@Command(name = "lpdm", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Backpropagation-free deep RL: train, compare and study agents whose hidden layers learn locally (LPDM), "
                + "by back-propagation, or not at all (frozen).",
        subcommands = {TrainCommand.class, EvalCommand.class, ExportCommand.class, CompareCommand.class, GatherCommand.class, ReplayCommand.class, EnvsCommand.class,
                BenchCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given writers and returns the exit code (for tests). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The configured command line: usage errors exit 2 with one line, failed runs exit 1 with the reason. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String msg = ex.getMessage();
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()
                    && u.getUnmatched().size() == 1 && !u.getUnmatched().get(0).startsWith("-")) {
                msg = "unknown command '" + lpdm.lab.run.Suggestions.clip(u.getUnmatched().get(0)) + "'; did you mean '"
                        + String.join("' or '", u.getSuggestions()) + "'?";
            }
            c.getErr().println("lpdm: " + msg);
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            boolean verbose = parseResult.expandedArgs().contains("--verbose");
            if (ex instanceof UsageException || ex instanceof lpdm.envs.EnvRegistry.UnknownEnvException) {
                c.getErr().println("lpdm: " + ex.getMessage());
                return 2;
            }
            if (ex instanceof lpdm.envs.EnvUnavailableException) {
                // A registered env that needs something not installed here: one line naming it.
                c.getErr().println("lpdm: " + ex.getMessage());
                return 1;
            }
            c.getErr().println("lpdm: failed: " + describe(ex));
            if (verbose) {
                ex.printStackTrace(c.getErr());
            } else {
                c.getErr().println("(run with --verbose for the stack trace)");
            }
            return 1;
        });
        return cl;
    }

    /** The reason of a failure in one line; for I/O errors with what the file system said (permission denied, ...). */
    static String describe(Throwable ex) {
        if (ex instanceof java.io.UncheckedIOException u) {
            ex = u.getCause();
        }
        return lpdm.lab.run.IoErrors.reason(ex);
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lpdm " + lpdm.lab.run.BuildInfo.lpdmVersion() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
