package org.bmsdk.hardware.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.hardware.console.internal.TerminalStream;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.ssh.SshProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serial console of a machine whose BMC offers it behind its SSH CLI: Dell iDRAC's
 * {@code console com2}, HPE iLO's {@code vsp} ({@link ConsoleDialect}). Each {@link #open()} logs in
 * (host key verified against {@code known_hosts}, as {@link SshOptions} says), waits for the CLI
 * prompt, connects the console and hands its bytes over raw; closing the session types the
 * dialect's escape keys (so the BMC frees its console at once rather than when it notices the
 * connection gone) and logs out.
 *
 * <p>A BMC serves few console sessions (iDRAC and iLO: one); to let several viewers watch one
 * machine, put a {@link KeptConsole} in front of it.
 *
 * <pre>{@code
 * SshOptions ssh = SshOptions.builder().host("10.0.0.5").username("root").password(secret)
 *         .knownHosts(Path.of("/etc/bm/known_hosts")).build();
 * try (SshConsole console = SshConsole.builder(ssh, ConsoleDialect.IDRAC).build();
 *      ConsoleSession s = console.open()) {
 *     s.input().transferTo(System.out);
 * }
 * }</pre>
 *
 * <p>Errors: {@link TransportException} when the BMC cannot be reached or the link breaks,
 * {@link org.bmsdk.api.AuthenticationException} for a refused login or an unknown host key,
 * {@link OperationTimeoutException} when the prompt or the console does not come within
 * {@link Builder#promptTimeout(Duration)}, {@link DeviceException} when the BMC refuses the console
 * (in use, not licensed), with the line it printed. Thread-safe.
 */
public final class SshConsole implements SerialConsole, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshConsole.class);

    private final SshOptions ssh;
    private final ConsoleDialect dialect;
    private final Duration promptTimeout;
    private final SshClient client;
    private final boolean ownsClient;

    private SshConsole(Builder b) {
        this.ssh = b.ssh;
        this.dialect = b.dialect;
        this.promptTimeout = b.promptTimeout;
        this.ownsClient = b.client == null;
        this.client = b.client != null ? b.client : SshClient.create();
    }

    /**
     * Starts a builder.
     *
     * @param ssh where the BMC's SSH CLI is and how to log in
     * @param dialect the BMC's kind
     * @return the builder
     */
    public static Builder builder(SshOptions ssh, ConsoleDialect dialect) {
        return new Builder(ssh, dialect);
    }

    /** @return the BMC's kind */
    public ConsoleDialect dialect() {
        return dialect;
    }

    /** @return the endpoint as errors name it, {@code ssh+DIALECT://host:port} */
    public String endpoint() {
        return "ssh+" + dialect.id() + "://" + ssh.hostAndPort();
    }

    /**
     * Logs in and connects the console.
     *
     * @return the session, reading the machine's output from now on
     */
    @Override
    public ConsoleSession open() {
        ErrorContext where = ErrorContext.of(endpoint(), "ssh+" + dialect.id(), "console.open");
        SshConnection conn = client.connect(ssh);
        SshProcess term = null;
        TerminalStream out = null;
        try {
            term = conn.terminal();
            out = TerminalStream.start(term.stdout(), ssh.hostAndPort());
            long deadline = System.nanoTime() + promptTimeout.toNanos();
            TerminalStream.Found prompt = out.await(deadline, dialect.prompt());
            if (prompt == null) {
                throw notThere("the CLI prompt /" + dialect.prompt().pattern() + "/", out, where);
            }
            out.consume(prompt.end());
            OutputStream keys = term.stdin();
            keys.write((dialect.command() + "\r").getBytes(StandardCharsets.US_ASCII));
            keys.flush();
            deadline = System.nanoTime() + promptTimeout.toNanos();
            TerminalStream.Found f = out.await(deadline, dialect.connected(), dialect.refused(), dialect.prompt());
            if (f == null) {
                throw notThere("the console after '" + dialect.command() + "'", out, where);
            }
            if (f.which() != 0) {
                String line = f.which() == 1 ? f.text().strip() : out.tail();
                throw new DeviceException(endpoint() + " did not connect the console: '" + dialect.command() + "' answered "
                        + line, where, dialect.id());
            }
            out.consume(f.end());
            LOG.debug("{}: console connected", endpoint());
            return new Session(conn, term, out);
        } catch (InterruptedIOException e) {
            closeQuietly(conn, term, out);
            throw new TransportException("interrupted while connecting the console of " + endpoint(), where, e);
        } catch (IOException e) {
            closeQuietly(conn, term, out);
            throw new TransportException("cannot talk to the CLI of " + endpoint() + ": " + e.getMessage(), where, e);
        } catch (RuntimeException e) {
            closeQuietly(conn, term, out);
            throw e;
        }
    }

    private BareMetalException notThere(String what, TerminalStream out, ErrorContext where) {
        if (out.ended()) {
            return new TransportException(endpoint() + " closed the session before " + what + " came; last output: '"
                    + out.tail() + "'", where);
        }
        return new OperationTimeoutException(what + " did not come from " + endpoint() + " within " + promptTimeout
                + "; last output: '" + out.tail() + "'", where);
    }

    private static void closeQuietly(SshConnection conn, SshProcess term, TerminalStream out) {
        if (out != null) {
            out.close();
        }
        if (term != null) {
            term.close();
        }
        conn.close();
    }

    /** Closes the SSH client this console made (not one given to the builder), with any session still open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "SshConsole[" + endpoint() + "]";
    }

    /** One connected console: the terminal's bytes, and the escape on close. */
    private final class Session implements ConsoleSession {
        private final SshConnection conn;
        private final SshProcess term;
        private final TerminalStream out;
        private final OutputStream keys;
        private volatile boolean closed;

        Session(SshConnection conn, SshProcess term, TerminalStream out) {
            this.conn = conn;
            this.term = term;
            this.out = out;
            this.keys = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (closed) {
                        throw new IOException("the console session on " + endpoint() + " is closed");
                    }
                    term.stdin().write(b, off, len);
                    term.stdin().flush();
                }
            };
        }

        @Override
        public InputStream input() {
            return out;
        }

        @Override
        public OutputStream output() {
            return keys;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                term.stdin().write(dialect.escape().getBytes(StandardCharsets.ISO_8859_1));
                term.stdin().flush();
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: sending the console escape failed: {}", endpoint(), e.toString());
            }
            closeQuietly(conn, term, out);
        }

        @Override
        public String toString() {
            return "SshConsole.Session[" + endpoint() + (closed ? ", closed" : "") + "]";
        }
    }

    /** Options of an {@link SshConsole}. */
    public static final class Builder {
        private final SshOptions ssh;
        private final ConsoleDialect dialect;
        private Duration promptTimeout = Duration.ofSeconds(30);
        private SshClient client;

        private Builder(SshOptions ssh, ConsoleDialect dialect) {
            this.ssh = Objects.requireNonNull(ssh, "ssh");
            this.dialect = Objects.requireNonNull(dialect, "dialect");
        }

        /**
         * How long the CLI prompt, and then the console, may take to come; default 30 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder promptTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("promptTimeout must be positive, but was " + timeout);
            }
            this.promptTimeout = timeout;
            return this;
        }

        /**
         * An SSH client to share (with other consoles, or the switch drivers); by default the console
         * makes its own and closes it with itself.
         *
         * @param client the client, closed by its owner
         * @return this builder
         */
        public Builder client(SshClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** @return the console */
        public SshConsole build() {
            return new SshConsole(this);
        }
    }
}
