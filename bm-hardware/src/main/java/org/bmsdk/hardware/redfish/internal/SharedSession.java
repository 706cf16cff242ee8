package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Redfish session on a BMC, shared by every client of the process that uses the same
 * credentials on it, and counted against the BMC's session budget. The last client to let go
 * logs out. A 401 makes it log in again, once per expiry however many threads saw it.
 */
final class SharedSession implements Auth {

    private static final Logger LOG = LoggerFactory.getLogger(SharedSession.class);
    private static final Map<Key, SharedSession> OPEN = new HashMap<>();
    private static final byte[] FINGERPRINT_KEY = randomKey();

    /** No session slot was free on the BMC in time: use Basic instead. */
    static final class NoSlotException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSlotException() {
            super("no session slot free", null, false, false);
        }
    }

    /** The BMC does not do sessions (404/405/501 to the login): use Basic instead. */
    static final class UnsupportedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedException(int status) {
            super("login answered " + status, null, false, false);
        }
    }

    private final Key key;
    private final Credentials credentials;
    private final BmcBudget budget;
    private final String sessionsPath;
    private Secret token;
    /**
     * The header map of the current token, or empty: one map per token, so that every request of the
     * session shares it (and {@link RedfishHttp} can keep its merged headers) instead of revealing the
     * token into a new map each time. A token, unlike the password, is worth nothing once the session
     * ends, and this map is dropped then; it is never printed ({@link #toString()} shows no token).
     */
    private volatile Map<String, String> tokenHeaders = Map.of();
    private URI location;
    private volatile int generation;
    private int users;
    private boolean holdsSlot;

    private SharedSession(Key key, Credentials credentials, BmcBudget budget, String sessionsPath) {
        this.key = key;
        this.credentials = credentials;
        this.budget = budget;
        this.sessionsPath = sessionsPath;
    }

    /**
     * The session for a BMC and credentials, counted as used by one more client; not yet logged in.
     *
     * @param authority {@code host:port}
     * @param credentials the credentials
     * @param budget the BMC's budget
     * @param sessionsPath the SessionService's Sessions collection
     * @return the session
     */
    static SharedSession acquire(String authority, Credentials credentials, BmcBudget budget, String sessionsPath) {
        Key key = new Key(authority, credentials.username(), fingerprint(credentials.password()));
        synchronized (OPEN) {
            SharedSession s = OPEN.computeIfAbsent(key, k -> new SharedSession(k, credentials, budget, sessionsPath));
            s.users++;
            return s;
        }
    }

    /**
     * Logs in unless already logged in.
     *
     * @param http to send the login with
     * @param slotWait how long to wait for a session slot
     * @param ctx for errors
     * @throws NoSlotException when the BMC's sessions are all taken by this process
     * @throws UnsupportedException when the BMC does not do sessions
     */
    synchronized void open(RedfishHttp http, Duration slotWait, ErrorContext ctx) {
        if (token != null) {
            return;
        }
        if (!holdsSlot) {
            if (!budget.tryAcquireSession(slotWait)) {
                throw new NoSlotException();
            }
            holdsSlot = true;
        }
        login(http, ctx);
    }

    private void login(RedfishHttp http, ErrorContext ctx) {
        ObjectNode body = Json.object();
        body.put("UserName", credentials.username());
        body.put("Password", credentials.password().reveal());
        HttpResult r = http.exchangeWith(ctx, "POST", sessionsPath, body, Map.of(), Auth.NONE);
        int s = r.status();
        if (s == 404 || s == 405 || s == 501) {
            throw new UnsupportedException(s);
        }
        if (s == 401 || s == 403) {
            // Never the BMC's text here: some echo the request, and the request holds the password.
            throw new AuthenticationException("login as " + credentials.username() + " refused (" + s + ")", ctx);
        }
        if (!r.ok()) {
            throw new DeviceException("login answered " + s, ctx, "HTTP " + s, s == 503 || s == 429, null);
        }
        String t = r.header("X-Auth-Token").orElse("");
        if (t.isBlank() || t.length() > 4096 || t.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // The token goes back in a header: blank, huge or with control characters it is unusable, and never printed.
            throw new DeviceException("login answered " + s + " without a usable X-Auth-Token header", ctx, "bm.NoSessionToken");
        }
        String where = r.header("Location").orElseGet(() -> {
            com.fasterxml.jackson.databind.JsonNode n = Json.parse(r.body());
            return n != null && n.path("@odata.id").isTextual() ? n.path("@odata.id").textValue() : null;
        });
        URI loc = null;
        if (where != null) {
            try {
                loc = http.address().resolve(where, ctx);
            } catch (DeviceException e) {
                LOG.warn("[{}] session location is unusable; the session will expire on the BMC instead of being deleted", ctx);
            }
        }
        token = Secret.of(t);
        tokenHeaders = Map.of("X-Auth-Token", t);
        location = loc;
        generation++;
    }

    @Override
    public Map<String, String> headers() {
        return tokenHeaders; // volatile, written under the lock with the token: no lock on every request
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public synchronized boolean renew(int seen, RedfishHttp http, ErrorContext ctx) {
        if (seen != generation && token != null) {
            return true;
        }
        LOG.info("[{}] session expired or was revoked; logging in again", ctx);
        token = null;
        tokenHeaders = Map.of();
        login(http, ctx);
        return true;
    }

    @Override
    public void release(RedfishHttp http) {
        boolean last;
        synchronized (OPEN) {
            last = --users == 0;
            if (last) {
                OPEN.remove(key, this);
            }
        }
        if (last) {
            close(http);
        }
    }

    private synchronized void close(RedfishHttp http) {
        try {
            if (token != null && location != null) {
                ErrorContext ctx = http.address().context("session.logout");
                try {
                    // Sent with this token only: a 401 here must not log in again just to log out.
                    HttpResult r = http.exchangeWith(ctx, "DELETE", location.toString(), null, Map.of(), Auth.fixed(headers()));
                    if (!r.ok() && r.status() != 404 && r.status() != 401) {
                        LOG.warn("[{}] logout answered {}; the session will expire on the BMC", ctx, r.status());
                    }
                } catch (BareMetalException e) {
                    LOG.warn("[{}] logout failed ({}); the session will expire on the BMC", ctx, e.getClass().getSimpleName());
                }
            }
        } finally {
            token = null;
            tokenHeaders = Map.of();
            location = null;
            if (holdsSlot) {
                holdsSlot = false;
                budget.releaseSession();
            }
        }
    }

    /** Whether this process has a session open for the credentials (for tests). */
    static int openSessions() {
        synchronized (OPEN) {
            return OPEN.size();
        }
    }

    @Override
    public String toString() {
        return "session(" + key.username + "@" + key.authority + ")";
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    private static String fingerprint(Secret password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FINGERPRINT_KEY, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(password.reveal().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JVM", e);
        }
    }

    /** Who the session is for: the password only as a keyed hash, and never printed. */
    private record Key(String authority, String username, String passwordFingerprint) {
        @Override
        public String toString() {
            return username + "@" + authority;
        }
    }
}
