package lpdm.lab.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Versions and the git commit, recorded in every config.json. */
public final class BuildInfo {
    private static volatile String commit;

    private BuildInfo() {
    }

    public static String lpdmVersion() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    /**
     * The commit of the checkout named by the system property {@code lpdm.home} (set by the launcher), or "unknown";
     * the system property {@code lpdm.git_commit}, if set, instead (a process without the checkout: a Spark executor).
     */
    public static String gitCommit() {
        String c = commit;
        if (c == null) {
            c = System.getProperty("lpdm.git_commit", "unknown");
            String home = System.getProperty("lpdm.home");
            if (c.equals("unknown") && home != null && Files.exists(Path.of(home, ".git"))) { // a directory, or a file in a git worktree
                try {
                    Process p = new ProcessBuilder("git", "-C", home, "rev-parse", "HEAD").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes()).trim();
                    if (p.waitFor() == 0 && out.matches("[0-9a-f]{40}")) {
                        c = out;
                    }
                } catch (Exception e) {
                    // no git: leave "unknown"
                }
            }
            commit = c;
        }
        return c;
    }

    public static Map<String, String> versions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lpdm", lpdmVersion());
        m.put("java", System.getProperty("java.version"));
        m.put("jvm", System.getProperty("java.vm.name"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }
}
