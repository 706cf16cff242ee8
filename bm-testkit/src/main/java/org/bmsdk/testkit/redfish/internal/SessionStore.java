package org.bmsdk.testkit.redfish.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The open sessions of one BMC, limited in number as on real BMCs. Tokens are random, compared
 * as keys and never logged; a session unused for the timeout expires.
 */
public final class SessionStore {

    /**
     * An open session. Its token is not a component, so that it is never printed.
     *
     * @param id the session's id
     * @param user who logged in
     * @param created when
     */
    public record Session(String id, String user, Instant created) {
    }

    /**
     * A new session and its token, returned once at login.
     *
     * @param session the session
     * @param token the token for X-Auth-Token
     */
    public record Login(Session session, String token) {
        @Override
        public String toString() {
            return "Login[" + session + "]";
        }
    }

    /** An open session; when it was last used is a plain number, so that a use allocates nothing. */
    private static final class Entry {
        final Session session;
        long lastUsedMillis;

        Entry(Session session, long lastUsedMillis) {
            this.session = session;
            this.lastUsedMillis = lastUsedMillis;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final int max;
    private final Duration timeout;
    private final Map<String, Entry> byToken = new LinkedHashMap<>();
    private long nextId = 1;

    /**
     * @param clock the time source
     * @param max how many sessions may be open
     * @param timeout how long an unused one lives
     */
    public SessionStore(Clock clock, int max, Duration timeout) {
        this.clock = clock;
        this.max = max;
        this.timeout = timeout;
    }

    /**
     * Opens a session when the limit allows.
     *
     * @param user who logs in
     * @return the login, or empty when the limit is reached
     */
    public synchronized Optional<Login> open(String user) {
        expire();
        if (byToken.size() >= max) {
            return Optional.empty();
        }
        byte[] t = new byte[24];
        random.nextBytes(t);
        String token = HexFormat.of().formatHex(t);
        Instant now = clock.instant();
        Session s = new Session(Long.toString(nextId++), user, now);
        byToken.put(token, new Entry(s, now.toEpochMilli()));
        return Optional.of(new Login(s, token));
    }

    /**
     * Finds the session of a token and marks it used.
     *
     * @param token the X-Auth-Token
     * @return the session, or empty when the token is unknown or expired
     */
    public synchronized Optional<Session> use(String token) {
        expire();
        Entry e = byToken.get(token);
        if (e == null) {
            return Optional.empty();
        }
        e.lastUsedMillis = clock.millis();
        return Optional.of(e.session);
    }

    /** @return the open sessions, oldest first */
    public synchronized List<Session> list() {
        expire();
        List<Session> out = new ArrayList<>();
        byToken.values().forEach(e -> out.add(e.session));
        return out;
    }

    /**
     * A session by id.
     *
     * @param id the id
     * @return the session
     */
    public synchronized Optional<Session> get(String id) {
        return list().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * Ends a session.
     *
     * @param id the session's id
     * @return whether it was open
     */
    public synchronized boolean close(String id) {
        return byToken.values().removeIf(e -> e.session.id().equals(id));
    }

    /** Ends every session, as a BMC reboot does. */
    public synchronized void clear() {
        byToken.clear();
    }

    /** @return how many sessions are open */
    public synchronized int size() {
        expire();
        return byToken.size();
    }

    /** @return the session timeout */
    public Duration timeout() {
        return timeout;
    }

    private void expire() {
        long cutoff = clock.millis() - timeout.toMillis();
        byToken.values().removeIf(e -> e.lastUsedMillis < cutoff);
    }
}
