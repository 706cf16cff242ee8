package org.bmsdk.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.ssh.ExecResult;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.ssh.SshProcess;
import org.bmsdk.ssh.SshShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SshConnection} on one logged-in SSHJ client; each command and shell gets its own channel. */
final class SshjConnection implements SshConnection {

    private static final Logger LOG = LoggerFactory.getLogger(SshjConnection.class);
    /** After the channel closed, all output is already buffered: draining it takes no longer than this. */
    private static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SSHClient ssh;
    private final SshOptions options;
    private final ExecutorService io;
    private final Consumer<SshjConnection> onClose;
    private final Set<SshjShell> shells = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    SshjConnection(SSHClient ssh, SshOptions options, ExecutorService io, Consumer<SshjConnection> onClose) {
        this.ssh = ssh;
        this.options = options;
        this.io = io;
        this.onClose = onClose;
    }

    @Override
    public String endpoint() {
        return options.endpoint();
    }

    @Override
    public ExecResult exec(String command) {
        return exec(command, options.commandTimeout());
    }

    @Override
    public ExecResult exec(String command, Duration timeout) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        ErrorContext ctx = SshErrors.context(options, "exec");
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Session session = openSession(ctx);
        Future<byte[]> out = null;
        Future<byte[]> err = null;
        boolean closeInBackground = false;
        try {
            Session.Command cmd = session.exec(command);
            out = io.submit(() -> drain(cmd.getInputStream()));
            err = io.submit(() -> drain(cmd.getErrorStream()));
            if (!awaitEnd(cmd, deadline)) {
                kill(cmd);
                // Closing waits for the server's answer, and OpenSSH answers only once the command has
                // ended (it refuses signals for some sessions, root's among them): do not make the
                // caller wait for the very command that timed out.
                closeInBackground = true;
                throw new OperationTimeoutException("command '" + programName(command) + "' did not finish within "
                        + SshErrors.human(timeout) + "; it was signalled to stop and its channel closed", ctx);
            }
            long drainDeadline = System.nanoTime() + DRAIN_GRACE_NANOS;
            String stdout = utf8(out, drainDeadline, ctx);
            String stderr = utf8(err, drainDeadline, ctx);
            Integer status = cmd.getExitStatus();
            if (status == null) {
                LOG.debug("{}: command '{}' ended without exit status (signal {})", endpoint(), programName(command),
                        cmd.getExitSignal());
            }
            LOG.debug("{}: exec '{}' exited {} in {} ms", endpoint(), programName(command), status,
                    (System.nanoTime() - start) / 1_000_000);
            return new ExecResult(status == null ? -1 : status, stdout, stderr);
        } catch (SSHException e) {
            throw broken(ctx, e);
        } finally {
            cancel(out);
            cancel(err);
            if (closeInBackground) {
                closeInBackground(session);
            } else {
                closeQuietly(session);
            }
        }
    }

    @Override
    public SshProcess start(String command) {
        Objects.requireNonNull(command, "command");
        ErrorContext ctx = SshErrors.context(options, "start");
        Session session = openSession(ctx);
        try {
            return new SshjProcess(session, session.exec(command), io, ctx);
        } catch (SSHException e) {
            closeQuietly(session);
            throw broken(ctx, e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    @Override
    public SshProcess terminal() {
        ErrorContext ctx = SshErrors.context(options, "terminal");
        Session session = openSession(ctx);
        try {
            session.allocatePTY("vt100", SshjShell.COLUMNS, SshjShell.ROWS, 0, 0, java.util.Map.of());
            return new SshjTerminal(session, session.startShell(), io);
        } catch (SSHException e) {
            closeQuietly(session);
            throw broken(ctx, e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    @Override
    public SshShell shell() {
        ErrorContext ctx = SshErrors.context(options, "shell");
        Session session = openSession(ctx);
        try {
            SshjShell shell = SshjShell.start(session, options, shells::remove);
            shells.add(shell);
            return shell;
        } catch (SSHException e) {
            closeQuietly(session);
            throw broken(ctx, e);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get() && ssh.isConnected() && ssh.isAuthenticated();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (SshjShell shell : shells.toArray(new SshjShell[0])) {
                shell.close();
            }
            SshjConnector.closeQuietly(ssh);
            onClose.accept(this);
            LOG.debug("{}: connection closed", endpoint());
        }
    }

    @Override
    public String toString() {
        return "SshConnection[" + endpoint() + ", user=" + options.username() + (isOpen() ? "" : ", closed") + "]";
    }

    private Session openSession(ErrorContext ctx) {
        if (closed.get()) {
            throw new IllegalStateException("connection to " + endpoint() + " is closed");
        }
        if (!ssh.isConnected()) {
            throw new TransportException("connection to " + options.hostAndPort() + " was lost", ctx);
        }
        try {
            return ssh.startSession();
        } catch (SSHException e) {
            throw broken(ctx, e);
        }
    }

    /** Waits for the server to close the command's channel; false when the deadline passed first. */
    private static boolean awaitEnd(Session.Command cmd, long deadline) throws ConnectionException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return !cmd.isOpen();
        }
        try {
            cmd.join(remaining, TimeUnit.NANOSECONDS);
            return true;
        } catch (ConnectionException e) {
            // SSHJ reports its wait running out as an error wrapping a TimeoutException.
            if (SshErrors.findCause(e, TimeoutException.class) != null || deadline - System.nanoTime() <= 0) {
                return false;
            }
            throw e;
        }
    }

    /** Best effort: a killed command stops at once instead of running on unattended on the device. */
    private void kill(Session.Command cmd) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: could not signal a timed-out command: {}", endpoint(), SshErrors.describe(e));
        }
    }

    private String utf8(Future<byte[]> output, long deadline, ErrorContext ctx) {
        try {
            return new String(output.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                    StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while reading command output from " + options.hostAndPort(), ctx, e);
        } catch (ExecutionException e) {
            throw broken(ctx, e.getCause());
        } catch (TimeoutException e) {
            throw new TransportException("command output from " + options.hostAndPort() + " did not end after its channel"
                    + " closed", ctx, e);
        }
    }

    private TransportException broken(ErrorContext ctx, Throwable e) {
        String state = ssh.isConnected() ? "" : " (connection lost)";
        return new TransportException(ctx.operation() + " on " + options.hostAndPort() + " failed" + state + ": "
                + SshErrors.describe(e), ctx, e);
    }

    private static byte[] drain(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void cancel(Future<?> f) {
        if (f != null) {
            f.cancel(true);
        }
    }

    private void closeInBackground(Session session) {
        try {
            io.execute(() -> closeQuietly(session));
        } catch (RejectedExecutionException e) {
            // the client is closing, and with it this connection and every channel
            closeQuietly(session);
        }
    }

    private void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: closing a channel failed: {}", endpoint(), SshErrors.describe(e));
        }
    }

    /**
     * The program a command line runs, for messages: the rest of the line may carry a password or
     * key (a caller's {@code enable} secret, a CHAP secret), which must not end up in a log.
     */
    static String programName(String command) {
        String s = command.strip();
        int end = 0;
        while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        String name = s.substring(0, Math.min(end, 40));
        return end < s.length() || end > 40 ? name + " …" : name;
    }
}
