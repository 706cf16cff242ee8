package org.bmsdk.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.ssh.SshProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SshProcess} on one SSHJ session channel; standard error is collected on the I/O pool. */
final class SshjProcess implements SshProcess {

    private static final Logger LOG = LoggerFactory.getLogger(SshjProcess.class);
    private static final int STDERR_LIMIT = 64 << 10;

    private final Session session;
    private final Session.Command command;
    private final ErrorContext context;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ExecutorService io;

    SshjProcess(Session session, Session.Command command, ExecutorService io, ErrorContext context) {
        this.session = session;
        this.command = command;
        this.context = context;
        this.io = io;
        io.execute(this::collectStderr);
    }

    @Override
    public InputStream stdout() {
        return command.getInputStream();
    }

    @Override
    public OutputStream stdin() {
        return new FlushBeforeClose(command.getOutputStream());
    }

    @Override
    public int waitFor(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        try {
            command.join(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ConnectionException e) {
            if (SshErrors.findCause(e, TimeoutException.class) != null) {
                throw new OperationTimeoutException("command did not end within " + SshErrors.human(timeout), context);
            }
            throw new TransportException("waiting for a command failed: " + SshErrors.describe(e), context, e);
        }
        Integer status = command.getExitStatus();
        return status == null ? -1 : status;
    }

    @Override
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (command.isOpen()) {
                try {
                    command.signal(Signal.KILL);
                } catch (IOException | RuntimeException e) {
                    LOG.debug("could not signal a command to stop: {}", SshErrors.describe(e));
                }
                // Closing waits for the server, and OpenSSH answers only once the command ended (it
                // ignores signals for root's sessions): a cat of a whole disk must not hold the caller.
                try {
                    io.execute(this::closeSession);
                    return;
                } catch (RejectedExecutionException e) {
                    // The client is closing, and with it every channel.
                }
            }
            closeSession();
        }
    }

    private void closeSession() {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a command's channel failed: {}", SshErrors.describe(e));
        }
    }

    private void collectStderr() {
        byte[] buffer = new byte[8192];
        try (InputStream in = command.getErrorStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (stderr) {
                    stderr.write(buffer, 0, Math.max(0, Math.min(n, STDERR_LIMIT - stderr.size())));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("standard error of a command ended: {}", SshErrors.describe(e));
        }
    }
}
