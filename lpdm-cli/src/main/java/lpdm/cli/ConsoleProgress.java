package lpdm.cli;

import java.io.PrintWriter;
import lpdm.lab.run.RunProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of one run on the terminal: a progress bar with the running mean return when standard
 * output is a terminal, plain periodic lines otherwise (and with --quiet only the final line).
 */
final class ConsoleProgress implements RunProgress, AutoCloseable {
    private final PrintWriter out;
    private final boolean quiet;
    private final ProgressBar bar;
    private long lastLineNanos = System.nanoTime();
    private long lastReportedDecile = -1;

    ConsoleProgress(PrintWriter out, boolean quiet, long totalSteps, String title) {
        this.out = out;
        this.quiet = quiet;
        if (!quiet && System.console() != null) {
            this.bar = new ProgressBarBuilder().setTaskName(title).setInitialMax(totalSteps)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
        } else {
            this.bar = null;
        }
    }

    @Override
    public void update(long globalStep, long totalSteps, long episodes, double meanReturn100, double stepsPerSecond) {
        if (bar != null) {
            bar.stepTo(Math.min(globalStep, totalSteps));
            bar.setExtraMessage(String.format(" mean return %.1f", meanReturn100));
            return;
        }
        if (quiet) {
            return;
        }
        long decile = globalStep * 10 / totalSteps;
        long now = System.nanoTime();
        if (decile != lastReportedDecile && (now - lastLineNanos > 5_000_000_000L || decile >= 10 || lastReportedDecile < 0)) {
            out.printf("step %d/%d  episodes %d  mean_return_100 %.2f  steps/s %.0f%n", globalStep, totalSteps, episodes,
                    meanReturn100, stepsPerSecond);
            out.flush();
            lastReportedDecile = decile;
            lastLineNanos = now;
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
