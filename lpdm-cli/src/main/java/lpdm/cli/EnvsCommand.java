package lpdm.cli;

import java.util.concurrent.Callable;
import lpdm.envs.EnvCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lpdm envs}: every registered environment with its spaces, episode limit and reward threshold. */
@Command(name = "envs", mixinStandardHelpOptions = true,
        description = "List every registered environment with its observation and action spaces, episode limit and reward threshold.")
public final class EnvsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(EnvCatalog.table());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
