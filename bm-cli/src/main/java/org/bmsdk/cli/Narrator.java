package org.bmsdk.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tells a story step by step for {@code bmctl demo}: each step's title when it starts, what it did (or
 * why it failed) and how long it took when it ends, and at the close a timeline of every step. The
 * first failed step ends the story: the later ones depend on it, and are shown as not run.
 */
final class Narrator {

    /** What a step may say while it runs, one line at a time. */
    interface Progress {
        void say(String line);
    }

    /** One step's outcome on the timeline. */
    record Entry(String title, Duration took, String outcome) {
    }

    private final PrintWriter out;
    private final List<Entry> timeline = new ArrayList<>();
    private final long start = System.nanoTime();
    private boolean failed;

    Narrator(PrintWriter out) {
        this.out = out;
    }

    /**
     * Runs one step unless an earlier one failed.
     *
     * @param title what the step does
     * @param work the step; it narrates through the progress it is given
     * @return whether it ran and succeeded
     */
    boolean step(String title, Consumer<Progress> work) {
        if (failed) {
            timeline.add(new Entry(title, Duration.ZERO, "not run"));
            return false;
        }
        out.printf("%n[%d] %s%n", timeline.size() + 1, title);
        out.flush();
        long t0 = System.nanoTime();
        try {
            work.accept(line -> {
                out.println("    " + line);
                out.flush();
            });
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            timeline.add(new Entry(title, took, "ok"));
            out.printf("    done in %s%n", seconds(took));
            return true;
        } catch (RuntimeException | AssertionError e) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            failed = true;
            timeline.add(new Entry(title, took, "FAILED"));
            out.printf("    FAILED after %s: %s%n", seconds(took), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return false;
        } finally {
            out.flush();
        }
    }

    /** @return whether every step ran and succeeded */
    boolean succeeded() {
        return !failed;
    }

    /** @return the steps so far, in order */
    List<Entry> timeline() {
        return List.copyOf(timeline);
    }

    /** Prints the timeline: each step's time, share of the whole and outcome. */
    void printTimeline() {
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        int width = timeline.stream().mapToInt(e -> e.title().length()).max().orElse(0);
        out.printf("%nTimeline%n");
        for (int i = 0; i < timeline.size(); i++) {
            Entry e = timeline.get(i);
            out.printf("  %2d. %-" + width + "s %9s  %s%n", i + 1, e.title(), seconds(e.took()), e.outcome());
        }
        out.printf("      %-" + width + "s %9s  %s%n", "total", seconds(total), failed ? "FAILED" : "ok");
        out.flush();
    }

    static String seconds(Duration d) {
        return String.format("%.2f s", d.toNanos() / 1e9);
    }
}
