package lpdm.envs;

import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code lpdm envs} command lists: every registered env with its spaces, episode limit
 * and reward threshold.
 */
public final class EnvCatalog {

    private EnvCatalog() {
    }

    /**
     * One registered env.
     *
     * @param id the registry id
     * @param observationSpace the observation space of the env as made by the registry
     * @param actionSpace its action space
     * @param maxEpisodeSteps the registry's time limit (0 for none)
     * @param rewardThreshold the return at which the task counts as solved, NaN if none
     */
    public record Entry(String id, Space observationSpace, Space actionSpace, int maxEpisodeSteps, double rewardThreshold) {

        /**
         * The observation space in a compact form.
         *
         * @return e.g. {@code Box(4,)} or {@code Box(-1.0, 1.0, (1,))}
         */
        public String observationSpaceText() {
            return compact(observationSpace);
        }

        /**
         * The action space in a compact form.
         *
         * @return e.g. {@code Discrete(2)}
         */
        public String actionSpaceText() {
            return compact(actionSpace);
        }

        /**
         * The reward threshold as text.
         *
         * @return the threshold, or {@code none} when NaN
         */
        public String rewardThresholdText() {
            return Double.isNaN(rewardThreshold) ? "none" : Double.toString(rewardThreshold);
        }

        /**
         * The episode limit as text.
         *
         * @return the limit, or {@code none} when 0
         */
        public String maxEpisodeStepsText() {
            return maxEpisodeSteps > 0 ? Integer.toString(maxEpisodeSteps) : "none";
        }
    }

    /**
     * The catalogue entry of {@code id}.
     *
     * @param id a registered env id
     * @return its entry
     * @throws EnvRegistry.UnknownEnvException listing the known ids if {@code id} is not registered
     */
    public static Entry describe(String id) {
        EnvSpec spec = EnvRegistry.spec(id);
        try (Env env = EnvRegistry.make(id)) {
            return new Entry(spec.id(), env.observationSpace(), env.actionSpace(), spec.maxEpisodeSteps(), spec.rewardThreshold());
        }
    }

    /**
     * Every registered env.
     *
     * @return their entries, in registration order
     */
    public static List<Entry> all() {
        List<Entry> entries = new ArrayList<>();
        for (String id : EnvRegistry.ids()) {
            entries.add(describe(id));
        }
        return entries;
    }

    /**
     * A plain-text table of every registered env: id, observation space, action space, episode
     * limit and reward threshold, columns padded with spaces, one line per env after a header.
     * Box bounds that differ per component are listed below the table; envs registered but not
     * runnable on this machine ({@link EnvUnavailableException}) are listed as unavailable, with the
     * reason of the first one below the table.
     *
     * @return the table, as {@code lpdm envs} prints it
     */
    public static String table() {
        String[] header = {"ID", "OBSERVATION SPACE", "ACTION SPACE", "MAX EPISODE STEPS", "REWARD THRESHOLD"};
        List<Entry> entries = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        rows.add(header);
        List<String> unavailable = new ArrayList<>();
        for (String id : EnvRegistry.ids()) {
            try {
                Entry e = describe(id);
                entries.add(e);
                rows.add(new String[] {e.id(), e.observationSpaceText(), e.actionSpaceText(), e.maxEpisodeStepsText(), e.rewardThresholdText()});
            } catch (EnvUnavailableException missing) {
                // Registered but not runnable here (e.g. MuJoCo not installed): listed, with the reason below.
                EnvSpec spec = EnvRegistry.spec(id);
                rows.add(new String[] {id, "unavailable", "unavailable", spec.maxEpisodeSteps() > 0 ? Integer.toString(spec.maxEpisodeSteps())
                    : "none", Double.isNaN(spec.rewardThreshold()) ? "none" : Double.toString(spec.rewardThreshold())});
                unavailable.add(missing.getMessage());
            }
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == 0 ? "" : "  ").append(String.format("%-" + widths[c] + "s", row[c]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        StringBuilder bounds = new StringBuilder();
        for (Entry e : entries) {
            appendBounds(bounds, e.id(), "observation", e.observationSpace());
            appendBounds(bounds, e.id(), "action", e.actionSpace());
        }
        if (bounds.length() > 0) {
            sb.append('\n').append("Box bounds (low .. high per component):\n").append(bounds);
        }
        if (!unavailable.isEmpty()) {
            sb.append('\n').append("Unavailable here: ").append(unavailable.get(0)).append('\n');
        }
        return sb.toString();
    }

    private static void appendBounds(StringBuilder sb, String id, String what, Space space) {
        if (space instanceof Box box && !uniformBounds(box)) {
            float[] low = box.low();
            float[] high = box.high();
            StringBuilder parts = new StringBuilder();
            for (int i = 0; i < low.length; i++) {
                parts.append(i == 0 ? "" : ", ").append(formatFloat(low[i])).append(" .. ").append(formatFloat(high[i]));
            }
            sb.append("  ").append(id).append(' ').append(what).append(": ").append(parts).append('\n');
        }
    }

    private static boolean uniformBounds(Box box) {
        float[] low = box.low();
        float[] high = box.high();
        for (int i = 1; i < low.length; i++) {
            if (low[i] != low[0] || high[i] != high[0]) {
                return false;
            }
        }
        return true;
    }

    static String compact(Space space) {
        if (space instanceof Box box) {
            if (uniformBounds(box)) {
                return "Box(" + formatFloat(box.low()[0]) + ", " + formatFloat(box.high()[0]) + ", " + box.shapeText() + ")";
            }
            return "Box" + box.shapeText();
        }
        return space.toString();
    }

    private static String formatFloat(float v) {
        if (v == Float.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Float.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return Float.toString(v);
    }
}
