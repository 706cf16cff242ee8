package org.bmsdk.ssh.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.ssh.SshShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SshShell} on an SSHJ session with a pty. A daemon thread reads the terminal as output
 * arrives (a device stops talking when the channel window fills and no one reads), cleans it and
 * appends it to a buffer that {@link #readUntil} searches.
 */
final class SshjShell implements SshShell {

    private static final Logger LOG = LoggerFactory.getLogger(SshjShell.class);
    /** Wide enough that no command line a driver sends is wrapped by the terminal (netmiko uses 511 too). */
    static final int COLUMNS = 511;
    static final int ROWS = 24;
    /** How much of the unconsumed output a timeout message shows, to tell which prompt did come. */
    private static final int TAIL_IN_MESSAGE = 120;

    private final Session session;
    private final Session.Shell shell;
    private final SshOptions options;
    private final Consumer<SshjShell> onClose;
    private final OutputStream input;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final StringBuilder buffer = new StringBuilder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean ended;
    private IOException readFailure;

    private SshjShell(Session session, Session.Shell shell, SshOptions options, Consumer<SshjShell> onClose) {
        this.session = session;
        this.shell = shell;
        this.options = options;
        this.onClose = onClose;
        this.input = shell.getOutputStream();
    }

    static SshjShell start(Session session, SshOptions options, Consumer<SshjShell> onClose) throws SSHException {
        // vt100, as most device CLIs expect; the escape sequences it brings are filtered out.
        session.allocatePTY("vt100", COLUMNS, ROWS, 0, 0, Map.of());
        SshjShell s = new SshjShell(session, session.startShell(), options, onClose);
        Thread reader = new Thread(s::pump, "bm-ssh-shell-" + options.hostAndPort());
        reader.setDaemon(true);
        reader.start();
        LOG.debug("{}: shell opened", options.endpoint());
        return s;
    }

    @Override
    public void send(String line) {
        Objects.requireNonNull(line, "line");
        write(line, "shell.send");
        LOG.trace("{}: sent a line of {} characters", options.endpoint(), line.length());
    }

    @Override
    public void sendSecret(Secret secret) {
        Objects.requireNonNull(secret, "secret");
        write(secret.reveal(), "shell.send");
    }

    private void write(String line, String operation) {
        ErrorContext ctx = SshErrors.context(options, operation);
        if (closed.get()) {
            throw new IllegalStateException("shell on " + options.endpoint() + " is closed");
        }
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (input) {
                input.write(bytes);
                input.flush();
            }
        } catch (IOException | RuntimeException e) {
            throw new TransportException("cannot write to the shell on " + options.hostAndPort() + ": "
                    + SshErrors.describe(e), ctx, e);
        }
    }

    @Override
    public String readUntil(Pattern prompt, Duration timeout) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        ErrorContext ctx = SshErrors.context(options, "shell.read");
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Matcher m = prompt.matcher(buffer);
                if (m.find()) {
                    String before = buffer.substring(0, m.start());
                    buffer.delete(0, m.end());
                    return before;
                }
                if (ended) {
                    String why = readFailure != null ? ": " + SshErrors.describe(readFailure) : "";
                    throw new TransportException("shell on " + options.hostAndPort() + " ended before the prompt /"
                            + prompt.pattern() + "/ appeared" + why + "; last output: " + tail(), ctx, readFailure);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new OperationTimeoutException("prompt /" + prompt.pattern() + "/ did not appear within "
                            + SshErrors.human(timeout) + "; last output: " + tail(), ctx);
                }
                arrived.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for a prompt from " + options.hostAndPort(), ctx, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && shell.isOpen();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                session.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: closing the shell failed: {}", options.endpoint(), SshErrors.describe(e));
            }
            onClose.accept(this);
            LOG.debug("{}: shell closed", options.endpoint());
        }
    }

    /** The reader thread: terminal output into the buffer until the shell ends. */
    private void pump() {
        TerminalFilter filter = new TerminalFilter();
        char[] chunk = new char[8192];
        IOException failure = null;
        // The reader keeps the decoder's state, so a UTF-8 character cut between two packets survives.
        try (Reader in = new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8)) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                String text = filter.feed(CharBuffer.wrap(chunk, 0, n));
                if (!text.isEmpty()) {
                    lock.lock();
                    try {
                        buffer.append(text);
                        arrived.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
            }
        } catch (IOException e) {
            failure = closed.get() ? null : e;
        } finally {
            lock.lock();
            try {
                ended = true;
                readFailure = failure;
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** The end of the unconsumed output, on one line, for an error message. Caller holds the lock. */
    private String tail() {
        int from = Math.max(0, buffer.length() - TAIL_IN_MESSAGE);
        String t = buffer.substring(from).replace("\n", "\\n");
        return buffer.length() == 0 ? "(nothing)" : "'" + (from > 0 ? "…" : "") + t + "'";
    }
}
