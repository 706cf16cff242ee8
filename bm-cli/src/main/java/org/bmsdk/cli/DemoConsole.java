package org.bmsdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.hardware.console.KeptConsole;

/**
 * A machine's serial console as the demo reads it: the library's {@link KeptConsole} holds the one
 * BMC session and the bounded log, and a reader of it split into lines by a thread, with a wait for
 * the first line that contains a landmark.
 */
final class DemoConsole implements AutoCloseable {

    private final BmcClient client;
    private final KeptConsole kept;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private int searched;

    DemoConsole(BmcClient client, KeptConsole kept) {
        this.client = client;
        this.kept = kept;
        this.reader = new Thread(this::read, "bmctl-demo-console");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        StringBuilder line = new StringBuilder();
        byte[] buf = new byte[4096];
        try (InputStream in = kept.reader()) {
            for (int n; (n = in.read(buf)) >= 0;) {
                String text = new String(buf, 0, n, StandardCharsets.UTF_8);
                for (char c : text.toCharArray()) {
                    if (c == '\n') {
                        add(line.toString());
                        line.setLength(0);
                    } else if (c != '\r') {
                        line.append(c);
                    }
                }
                // A prompt ends without a newline; it counts once it has arrived.
                if (line.toString().endsWith(": ")) {
                    add(line.toString());
                    line.setLength(0);
                }
            }
        } catch (IOException e) {
            // The session ended (closed by the demo or dropped): the lines so far stay readable.
        }
    }

    private synchronized void add(String line) {
        lines.add(line);
        notifyAll();
    }

    /** @return the library's kept console log of the machine */
    KeptConsole log() {
        return kept;
    }

    /** @return a position: {@link #awaitLineAfter} looks only at lines that arrive after it */
    synchronized int mark() {
        return lines.size();
    }

    /**
     * Waits for the next line (after the last one found) that contains the landmark.
     *
     * @return the line
     */
    synchronized String awaitLine(String landmark, Duration timeout) {
        return awaitLineAfter(searched, landmark, timeout);
    }

    /**
     * Waits for a line after {@code mark} that contains the landmark.
     *
     * @return the line
     * @throws OperationTimeoutException when none arrived in time
     */
    synchronized String awaitLineAfter(int mark, String landmark, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int i = mark;
        while (true) {
            for (; i < lines.size(); i++) {
                if (lines.get(i).contains(landmark)) {
                    searched = i + 1;
                    return lines.get(i).strip();
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new OperationTimeoutException("the console showed no \"" + landmark + "\" within " + timeout.toSeconds()
                        + " s; its last line: " + (lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1)));
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationTimeoutException("interrupted while waiting for the console");
            }
        }
    }

    @Override
    public void close() {
        try {
            kept.close();
        } finally {
            client.close();
        }
    }
}
