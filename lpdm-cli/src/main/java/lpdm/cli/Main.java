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
            c.getErr().println("lpdm: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            boolean verbose = parseResult.expandedArgs().contains("--verbose");
            if (ex instanceof UsageException || ex instanceof lpdm.envs.EnvRegistry.UnknownEnvException) {
                c.getErr().println("lpdm: " + ex.getMessage());
                return 2;
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

    static String describe(Throwable ex) {
        String msg = ex.getMessage();
        return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lpdm " + lpdm.lab.run.BuildInfo.lpdmVersion() + " (Java " + System.getProperty("java.version") + ")"};
        }
    }
}
