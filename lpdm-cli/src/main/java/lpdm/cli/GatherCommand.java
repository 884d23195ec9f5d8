package lpdm.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lpdm.lab.report.StudyReport;
import lpdm.lab.study.Gather;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lpdm gather}: one study directory and report from the shards of a study ({@code compare --shard I/N}). */
@Command(name = "gather", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Gather the shards of a study (compare --shard I/N) into one study directory and write report.md, report.html, "
                + "results.json and plots exactly as an unsharded compare does.",
                "Refuses, before writing anything, shards of different studies and missing or duplicated runs."})
public final class GatherCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "the shards' study directories (one shared directory is fine)")
    List<Path> sources;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the gathered study directory (new, or one of the DIRs)")
    Path out;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "2000", description = "bootstrap resamples (default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--allow-missing", description = "write the report even if runs are missing (it names them; exit 1)")
    boolean allowMissing;

    @Option(names = "--verbose", description = "stack traces on failure")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        if (bootstrap < 1) {
            throw new lpdm.rl.settings.UsageException("--bootstrap must be positive, got " + bootstrap);
        }
        Gather.Result g = Gather.gather(sources, out, allowMissing);
        String command = CompareCommand.reproduceCommand(g.studyFile(), g.study(), out, bootstrap);
        StudyReport report = StudyReport.build(g.study(), out, g.outcomes(),
                StudyReport.Options.defaults().withBootstrap(bootstrap).withCommand(command));
        report.write();
        int planned = g.study().runs().size();
        pw.printf(Locale.ROOT, "gathered %d of %d runs from %d director%s (%d copied) -> %s%n", g.outcomes().size(), planned, sources.size(),
                sources.size() == 1 ? "y" : "ies", g.copied(), out);
        pw.print(report.consoleTable());
        pw.println("report: " + out.resolve("report.html").toAbsolutePath());
        if (g.outcomes().size() < planned) {
            spec.commandLine().getErr().println("lpdm: " + (planned - g.outcomes().size()) + " of " + planned
                    + " runs missing (named in the report); finish the shards and gather again");
            return 1;
        }
        return 0;
    }
}
