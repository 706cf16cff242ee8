package org.bmsdk.hardware.ipmi.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.credentials.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of the process: one {@link SharedSession} per BMC, user, password and options,
 * leased by every client that connects to it and closed (with Close Session) when the last lease
 * ends. All sessions share one {@link UdpTransport}, opened with the first session and closed with
 * the last; while it is open, a JVM shutdown hook sends Close Session for whatever is still open.
 */
public final class SessionPool {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    private static final SessionPool SHARED = new SessionPool();
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private final Map<SessionKey, SharedSession> sessions = new HashMap<>();
    private UdpTransport transport;
    private Thread shutdownHook;

    /** A pool of its own, for tests; the driver uses {@link #shared()}. */
    SessionPool() {
    }

    /** @return the pool every IPMI client of this process uses */
    public static SessionPool shared() {
        return SHARED;
    }

    /** A client's share of a session; closing it ends the share. */
    public final class Lease implements AutoCloseable {
        private final SharedSession session;
        private boolean released;

        private Lease(SharedSession session) {
            this.session = session;
        }

        /** @return the shared session */
        public SharedSession session() {
            return session;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(session);
        }
    }

    /**
     * Leases the session for a key, opening it when it is not open yet.
     *
     * @param key the BMC, user, password and options
     * @param endpoint the BMC as shown in messages
     * @param password the user's password
     * @param clock the clock for pacing and keep-alives
     * @param sleeper how to wait
     * @param connectTimeout the bound on opening the session
     * @return the lease
     * @throws BareMetalException when the session cannot be opened
     */
    public Lease acquire(SessionKey key, String endpoint, Secret password, Clock clock, Sleeper sleeper, Duration connectTimeout) {
        SharedSession shared;
        synchronized (this) {
            shared = sessions.get(key);
            if (shared == null) {
                shared = new SharedSession(key, endpoint, password, transport(), clock, sleeper, connectTimeout);
                sessions.put(key, shared);
            }
            shared.lease();
        }
        Lease lease = new Lease(shared);
        try {
            shared.session();
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
        return lease;
    }

    /**
     * Leases the session for a BMC, user, password and options.
     *
     * @return the lease
     */
    public Lease acquire(java.net.InetSocketAddress peer, String username, Secret password,
            org.bmsdk.hardware.ipmi.IpmiOptions options, String endpoint, Clock clock, Sleeper sleeper, Duration connectTimeout) {
        return acquire(SessionKey.of(peer, username, password, options), endpoint, password, clock, sleeper, connectTimeout);
    }

    private void release(SharedSession s) {
        boolean last;
        synchronized (this) {
            last = s.unlease() == 0 && sessions.remove(s.key(), s);
        }
        if (last) {
            s.close();
            synchronized (this) {
                if (sessions.isEmpty() && transport != null) {
                    stopTransport();
                }
            }
        }
    }

    private UdpTransport transport() {
        if (transport == null || transport.isClosed()) {
            try {
                transport = UdpTransport.open("bm-ipmi");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a UDP socket for IPMI", e);
            }
            shutdownHook = new Thread(this::closeAllOnShutdown, "bm-ipmi-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return transport;
    }

    private void stopTransport() {
        transport.close();
        transport = null;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        shutdownHook = null;
    }

    /** What the shutdown hook runs: Close Session for every open session, waiting a little. */
    void closeAllOnShutdown() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        synchronized (this) {
            sessions.values().forEach(s -> closing.add(s.closeAsync()));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("not every IPMI session answered Close Session at shutdown: {}", e.toString());
        }
    }

    /** @return the sessions open now, for tests */
    public synchronized int size() {
        return sessions.size();
    }

    /** @return the shared socket's drop counters, or null when none is open, for tests */
    public synchronized DropCounters drops() {
        return transport == null ? null : transport.drops();
    }

    /** @return the shared socket's {@link UdpTransport#abandonedAttempts()}, 0 when none is open, for tests */
    public synchronized long abandonedAttempts() {
        return transport == null ? 0 : transport.abandonedAttempts();
    }
}
