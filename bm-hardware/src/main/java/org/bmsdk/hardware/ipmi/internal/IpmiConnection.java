package org.bmsdk.hardware.ipmi.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client's capabilities share: the leased session, the options, the clock and the listener.
 * {@link #operation} reports each operation to the listener and makes sure only bm-api exceptions
 * leave it.
 */
final class IpmiConnection {

    private static final Logger LOG = LoggerFactory.getLogger(IpmiConnection.class);

    /** Decodes answer data; a malformed answer becomes a {@link DeviceException}. */
    interface Decoder<T> {
        T decode(byte[] data) throws MalformedPacketException;
    }

    private final SharedSession session;
    private final String endpoint;
    private final IpmiOptions options;
    private final DriverContext context;
    private final Sleeper sleeper;
    private volatile boolean closed;

    IpmiConnection(SharedSession session, String endpoint, IpmiOptions options, DriverContext context, Sleeper sleeper) {
        this.session = session;
        this.endpoint = endpoint;
        this.options = options;
        this.context = context;
        this.sleeper = sleeper;
    }

    String endpoint() {
        return endpoint;
    }

    IpmiOptions options() {
        return options;
    }

    Clock clock() {
        return context.clock();
    }

    Sleeper sleeper() {
        return sleeper;
    }

    ErrorContext context(String operation) {
        return ErrorContext.of(endpoint, "ipmi", operation);
    }

    /** After this, every call fails: the lease on the shared session has ended. */
    void close() {
        closed = true;
    }

    IpmiResponse call(IpmiRequest request, ErrorContext where) {
        if (closed) {
            throw new org.bmsdk.api.TransportException("the IPMI client for " + endpoint + " is closed", where);
        }
        return session.call(request, where);
    }

    /** Sends a request that must succeed and decodes its data. */
    <T> T call(IpmiRequest request, ErrorContext where, Decoder<T> decoder) {
        IpmiResponse r = call(request, where);
        return decode(request, r.require(where, 0), where, decoder);
    }

    static <T> T decode(IpmiRequest request, byte[] data, ErrorContext where, Decoder<T> decoder) {
        try {
            return decoder.decode(data);
        } catch (MalformedPacketException e) {
            throw new DeviceException(request.name() + " answered data this driver cannot read: " + e.getMessage(), where,
                    "malformed", false, null);
        }
    }

    /** Runs one operation, telling the listener that it started and how it ended. */
    <T> T operation(String name, Function<ErrorContext, T> body) {
        ErrorContext where = context(name);
        EventListener listener = context.listener();
        Instant start = clock().instant();
        notify(() -> listener.operationStarted(where));
        try {
            T result = body.apply(where);
            notify(() -> listener.operationSucceeded(where, since(start)));
            return result;
        } catch (BareMetalException e) {
            notify(() -> listener.operationFailed(where, since(start), e));
            throw e;
        } catch (RuntimeException e) {
            DeviceException d = new DeviceException(name + " failed on data the BMC sent: " + e, where, "malformed", false, e);
            notify(() -> listener.operationFailed(where, since(start), d));
            throw d;
        }
    }

    private Duration since(Instant start) {
        Duration d = Duration.between(start, clock().instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static void notify(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("an event listener failed; carrying on", e);
        }
    }
}
