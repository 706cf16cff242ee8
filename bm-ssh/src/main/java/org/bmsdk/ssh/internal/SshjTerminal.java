package org.bmsdk.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.ssh.SshProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SshProcess} on an SSHJ shell with a pty: the terminal's bytes, raw both ways. */
final class SshjTerminal implements SshProcess {

    private static final Logger LOG = LoggerFactory.getLogger(SshjTerminal.class);

    private final Session session;
    private final Session.Shell shell;
    private final ExecutorService io;
    private final AtomicBoolean closed = new AtomicBoolean();

    SshjTerminal(Session session, Session.Shell shell, ExecutorService io) {
        this.session = session;
        this.shell = shell;
        this.io = io;
    }

    @Override
    public InputStream stdout() {
        return shell.getInputStream();
    }

    @Override
    public OutputStream stdin() {
        return new FlushBeforeClose(shell.getOutputStream());
    }

    @Override
    public int waitFor(Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        ErrorContext ctx = ErrorContext.of("", "ssh", "terminal.wait");
        try {
            shell.join(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ConnectionException e) {
            if (SshErrors.findCause(e, TimeoutException.class) != null) {
                throw new OperationTimeoutException("the terminal did not end within " + SshErrors.human(timeout), ctx);
            }
            throw new TransportException("waiting for a terminal failed: " + SshErrors.describe(e), ctx, e);
        }
        return -1;
    }

    @Override
    public String stderr() {
        return "";
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // closing waits for the server's answer; a caller closing a console must not hang on a dead link
            try {
                io.execute(this::closeSession);
            } catch (RejectedExecutionException e) {
                closeSession();
            }
        }
    }

    private void closeSession() {
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing a terminal's channel failed: {}", SshErrors.describe(e));
        }
    }
}
