package org.bmsdk.hardware.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Reads a console stream on a thread of its own into text that tests wait on. */
final class ConsoleText implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final StringBuffer text = new StringBuffer();
    private final Thread thread;
    private volatile boolean ended;

    ConsoleText(InputStream in) {
        thread = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                text.append("<" + e + ">");
            } finally {
                ended = true;
            }
        }, "test-console-reader");
        thread.setDaemon(true);
        thread.start();
    }

    String text() {
        return text.toString();
    }

    boolean ended() {
        return ended;
    }

    /** Waits until the text contains {@code s}. */
    String awaitContains(String s) throws InterruptedException {
        await(() -> text.indexOf(s) >= 0, "the console shows '" + s.strip() + "'; it showed: " + tail());
        return text();
    }

    private String tail() {
        String t = text();
        return t.length() > 300 ? "…" + t.substring(t.length() - 300) : t;
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
