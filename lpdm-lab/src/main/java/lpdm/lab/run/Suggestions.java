package lpdm.lab.run;

import java.util.Collection;
import lpdm.envs.EnvRegistry;

/** "Did you mean" suggestions and echoes of user input that stay readable however long the input. */
public final class Suggestions {
    /** Longest echo of a user's value in a message. */
    public static final int MAX_ECHO = 60;

    private Suggestions() {
    }

    /** {@code text} itself, or its first characters and an ellipsis with the full length if it is longer than {@link #MAX_ECHO}. */
    public static String clip(String text) {
        if (text.length() <= MAX_ECHO) {
            return text;
        }
        return text.substring(0, MAX_ECHO - 20) + "... (" + text.length() + " characters)";
    }

    /** The candidate closest to {@code given} by edit distance (case-insensitive), or null if none is close. */
    public static String closest(String given, Collection<String> candidates) {
        if (given.length() > 4 * MAX_ECHO) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        // close: at most a third of the candidate's characters differ (at least 1, at most 4)
        return best != null && bestDistance <= Math.max(1, Math.min(4, best.length() / 3)) ? best : null;
    }

    /** "; did you mean 'X'?" or the empty string. */
    public static String didYouMean(String given, Collection<String> candidates) {
        String c = closest(given, candidates);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }

    /** Levenshtein distance (insertions, deletions, substitutions), and a transposition of two neighbours counts 1. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The message for an env id that is not registered: the id (clipped), a suggestion, and the
     * registered ids; for an id in a registered namespace ({@code MinAtar/...}), the suggestion and
     * the list come from that namespace only ({@link EnvRegistry#idsNear}).
     */
    public static String unknownEnv(String id) {
        return "unknown env '" + clip(id) + "'" + didYouMean(id, EnvRegistry.idsNear(id)) + " (" + EnvRegistry.registeredNear(id) + ")";
    }
}
