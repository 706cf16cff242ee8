package org.bmsdk.network.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.api.network.SwitchEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One switch's CLI connection as every CLI session uses it: opened at the first operation, each
 * operation told to the listener, a dropped connection retried once on a new one (a refused login,
 * a device error and a timeout are not), closed for good by {@link #close()}. Thread-safe: one
 * operation at a time.
 */
final class CliConnection {

    private static final Logger LOG = LoggerFactory.getLogger(CliConnection.class);

    private final SwitchEndpoint endpoint;
    private final CliDialect dialect;
    private final DriverContext context;
    private final EventListener events;
    private CliChannel channel;
    private boolean closed;
    private int connects;

    CliConnection(SwitchEndpoint endpoint, CliDialect dialect, DriverContext context) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.context = Objects.requireNonNull(context, "context");
        this.events = EventListener.guarded(context.listener());
    }

    /** Logs in now rather than at the first operation. */
    synchronized void connect() {
        channel();
    }

    /** @return how many times this connection has logged in */
    synchronized int connects() {
        return connects;
    }

    /** Runs an operation on the CLI and tells the listener. */
    synchronized <T> T run(String operation, Function<CliChannel, T> op) {
        if (closed) {
            throw new IllegalStateException("session on switch " + endpoint.id() + " is closed");
        }
        ErrorContext ctx = context(operation);
        Instant start = context.clock().instant();
        events.operationStarted(ctx);
        try {
            T result = attempt(operation, op, ctx);
            events.operationSucceeded(ctx, Duration.between(start, context.clock().instant()));
            return result;
        } catch (BareMetalException e) {
            events.operationFailed(ctx, Duration.between(start, context.clock().instant()), e);
            throw e;
        }
    }

    /** Closes the connection; later operations are refused. */
    synchronized void close() {
        closed = true;
        drop();
    }

    /** @return the error context of an operation on this switch */
    ErrorContext context(String operation) {
        return ErrorContext.of(endpoint.uri().toString(), dialect.id(), operation);
    }

    private <T> T attempt(String operation, Function<CliChannel, T> op, ErrorContext ctx) {
        boolean fresh = channel == null;
        try {
            return op.apply(channel());
        } catch (AuthenticationException | DeviceException e) {
            throw e;
        } catch (OperationTimeoutException e) {
            drop();
            throw new OperationTimeoutException("switch " + endpoint.id() + " did not finish " + operation + " within "
                    + endpoint.commandTimeout().toMillis() + " ms; the CLI was closed", ctx, e);
        } catch (TransportException e) {
            drop();
            if (fresh) {
                throw e;
            }
            LOG.info("{}: the CLI connection broke during {} ({}); reconnecting once", endpoint.id(), operation,
                    e.getMessage());
            events.retryScheduled(ctx, 1, Duration.ZERO, e);
            try {
                return op.apply(channel());
            } catch (TransportException | OperationTimeoutException again) {
                drop();
                throw again;
            }
        }
    }

    private CliChannel channel() {
        if (channel != null && !channel.isOpen()) {
            LOG.debug("{}: the CLI connection was closed by the switch; reconnecting", endpoint.id());
            drop();
        }
        if (channel == null) {
            Credentials credentials = context.credentials().resolve(endpoint.credentials());
            channel = CliChannel.open(endpoint, dialect, credentials);
            connects++;
        }
        return channel;
    }

    private void drop() {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
