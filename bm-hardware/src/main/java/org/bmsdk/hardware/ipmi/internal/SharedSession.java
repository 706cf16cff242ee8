package org.bmsdk.hardware.ipmi.internal;

import java.time.Clock;
import java.time.Duration;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.credentials.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one session with a BMC that every client of the process shares: opened on first use, and
 * opened again when the BMC stopped answering (after Close Session for the old one), so that
 * callers do not each handle a lost session.
 */
public final class SharedSession {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSession.class);

    private final SessionKey key;
    private final String endpoint;
    private final Secret password;
    private final UdpTransport transport;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration connectTimeout;
    private IpmiSession session;
    private int leases;
    private SolConsole console;

    SharedSession(SessionKey key, String endpoint, Secret password, UdpTransport transport, Clock clock, Sleeper sleeper,
            Duration connectTimeout) {
        this.key = key;
        this.endpoint = endpoint;
        this.password = password;
        this.transport = transport;
        this.clock = clock;
        this.sleeper = sleeper;
        this.connectTimeout = connectTimeout;
    }

    SessionKey key() {
        return key;
    }

    /** @return the BMC as shown in messages */
    public String endpoint() {
        return endpoint;
    }

    synchronized int lease() {
        return ++leases;
    }

    synchronized int unlease() {
        return --leases;
    }

    /**
     * The running session, opened or reopened as needed.
     *
     * @return the session
     */
    synchronized IpmiSession session() {
        if (session != null && (session.isBroken() || session.isClosed())) {
            LOG.debug("the IPMI session with {} is broken; closing it and opening another", endpoint);
            IpmiSession old = session;
            session = null;
            old.closeAsync();
        }
        if (session == null) {
            session = new SessionEstablisher(transport, key.peer(), endpoint, key.options(), clock, sleeper, connectTimeout)
                    .open(key.username(), password);
        }
        return session;
    }

    /**
     * Sends a command in the shared session.
     *
     * @param request the command
     * @param context where, for errors
     * @return the answer, whatever its completion code
     */
    public IpmiResponse call(IpmiRequest request, ErrorContext context) {
        try {
            return session().call(request, context);
        } catch (IpmiSession.StaleSession e) {
            // a keep-alive found the session dead between our picking it and sending: use a new one
            return session().call(request, context);
        }
    }

    /** @return the SOL console of this BMC, one for every client of the session */
    synchronized SolConsole console() {
        if (console == null) {
            console = new SolConsole(this, key.peer(), endpoint, key.options());
        }
        return console;
    }

    /** Ends an open console (deactivating SOL) outside this object's lock, which the console's worker takes. */
    private void shutdownConsole() {
        SolConsole c;
        synchronized (this) {
            c = console;
        }
        if (c != null) {
            c.shutdown();
        }
    }

    /** Closes the session, sending Close Session; a later call opens a new one. */
    void close() {
        shutdownConsole();
        synchronized (this) {
            if (session != null) {
                session.close();
                session = null;
            }
        }
    }

    java.util.concurrent.CompletableFuture<Void> closeAsync() {
        shutdownConsole();
        synchronized (this) {
            if (session == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(null);
            }
            IpmiSession s = session;
            session = null;
            return s.closeAsync();
        }
    }

    /** @return the current session, for tests */
    synchronized IpmiSession current() {
        return session;
    }
}
