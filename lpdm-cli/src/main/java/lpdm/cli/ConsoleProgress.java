package lpdm.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import lpdm.lab.run.RunProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressState;

/**
 * Progress of one run on the terminal: a progress bar with the running mean return when standard
 * output is a terminal, plain periodic lines otherwise (and with --quiet only the final line).
 * The bar spans the terminal's width ({@link #barLine}); counters never pass the budget: when the
 * algorithm rounds the budget up to whole rollouts, that is said once instead.
 */
final class ConsoleProgress implements RunProgress, AutoCloseable {
    private final PrintWriter out;
    private final boolean quiet;
    private final ProgressBar bar;
    private long lastLineNanos = System.nanoTime();
    private long lastReportedDecile = -1;
    private boolean roundingSaid;
    private String roundingNote;

    ConsoleProgress(PrintWriter out, boolean quiet, long totalSteps, String title) {
        this.out = out;
        this.quiet = quiet;
        if (!quiet && System.console() != null) {
            this.bar = new ProgressBarBuilder().setTaskName(title).setInitialMax(totalSteps)
                    .setRenderer(ConsoleProgress::render).setUpdateIntervalMillis(250).continuousUpdate().build();
        } else {
            this.bar = null;
        }
    }

    /** {@code v} with {@code decimals} decimals, or "-" if it does not exist (NaN: e.g. no episode finished yet). */
    static String number(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    @Override
    public void update(long globalStep, long totalSteps, long episodes, double meanReturn100, double stepsPerSecond) {
        String rounding = "";
        if (globalStep > totalSteps && !roundingSaid) {
            roundingSaid = true;
            rounding = "the budget of " + totalSteps + " steps was rounded up to whole rollouts: " + globalStep + " steps";
        }
        if (bar != null) {
            if (!rounding.isEmpty()) {
                roundingNote = rounding; // said once the bar is closed
            }
            bar.stepTo(Math.min(globalStep, totalSteps));
            bar.setExtraMessage("ret " + number(meanReturn100, 1));
            return;
        }
        if (quiet) {
            return;
        }
        if (!rounding.isEmpty()) {
            out.println(rounding);
        }
        long decile = Math.min(globalStep, totalSteps) * 10 / totalSteps;
        long now = System.nanoTime();
        if (decile != lastReportedDecile && (now - lastLineNanos > 5_000_000_000L || decile >= 10 || lastReportedDecile < 0)) {
            out.printf(Locale.ROOT, "step %d/%d  episodes %d  mean_return_100 %s  steps/s %s%n", Math.min(globalStep, totalSteps), totalSteps,
                    episodes, number(meanReturn100, 2), number(stepsPerSecond, 0));
            out.flush();
            lastReportedDecile = decile;
            lastLineNanos = now;
        }
    }

    private static String render(ProgressState s, int width) {
        return barLine(width, s.getTaskName(), s.getCurrent(), s.getMax(), s.getExtraMessage(), s.getTotalElapsed());
    }

    /**
     * One line of exactly {@code width - 1} characters (the last column stays free so that no
     * terminal wraps): title, percentage, a bar taking all the room the other fields leave,
     * steps done/budget, the extra message and elapsed time. On narrow terminals the title, then
     * the elapsed time and the extra message are dropped before the bar gets narrower than 10.
     */
    static String barLine(int width, String title, long current, long max, String extra, Duration elapsed) {
        int room = Math.max(20, width - 1);
        String pct = String.format(Locale.ROOT, "%3d%%", max > 0 ? current * 100 / max : 0);
        String counts = " " + current + "/" + max;
        String time = String.format(Locale.ROOT, " %d:%02d:%02d", elapsed.toHours(), elapsed.toMinutesPart(), elapsed.toSecondsPart());
        String ext = extra == null || extra.isEmpty() ? "" : " " + extra.strip();
        String head = title + " " + pct + " [";
        String tail = "]" + counts + ext + time;
        final int minBar = 10;
        if (head.length() + tail.length() + minBar > room) {
            head = pct + " [";
        }
        if (head.length() + tail.length() + minBar > room) {
            tail = "]" + counts + ext;
        }
        if (head.length() + tail.length() + minBar > room) {
            tail = "]" + counts;
        }
        int barWidth = Math.max(1, room - head.length() - tail.length());
        int filled = max > 0 ? (int) Math.min(barWidth, current * barWidth / max) : 0;
        StringBuilder line = new StringBuilder(head);
        for (int i = 0; i < barWidth; i++) {
            line.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        line.append(tail);
        return line.length() > room ? line.substring(0, room) : line.toString();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            if (roundingNote != null) {
                out.println(roundingNote);
                out.flush();
            }
        }
    }
}
