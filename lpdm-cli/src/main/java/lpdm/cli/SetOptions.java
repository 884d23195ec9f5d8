package lpdm.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lpdm.rl.settings.UsageException;

/** The repeatable {@code --set NAME=VALUE} option of train, compare and bench, as a map in command-line order. */
final class SetOptions {
    private SetOptions() {
    }

    /** NAME=VALUE pairs to a map (a later NAME replaces an earlier one); a pair without NAME= is a usage error. */
    static Map<String, String> parse(List<String> sets) {
        Map<String, String> out = new LinkedHashMap<>();
        if (sets == null) {
            return out;
        }
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set expects NAME=VALUE, got '" + s + "'");
            }
            out.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
        }
        return out;
    }
}
