package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.redfish.RedfishOptions;

/**
 * Redfish over HTTP for one client: every request takes a slot of the BMC's shared budget, carries
 * the client's authentication, logs in again once on 401, follows same-origin redirects a bounded
 * number of times, and is retried with backoff when that is safe: reads on 503/504/429, resets and
 * timeouts; writes only on answers that say "busy, try later" (429, 503 with Retry-After, busy
 * message ids) or when the connection could not even be made.
 */
public final class RedfishHttp implements AutoCloseable {

    private final BmcAddress address;
    private final Transport transport;
    private final BmcBudget budget;
    private final RedfishOptions options;
    private final Clock clock;
    private final EventListener events;
    private final Backoff backoff;
    private final Duration slotWait;
    private volatile Quirks quirks = QuirkRegistry.standard().generic();
    private volatile Auth auth = Auth.NONE;
    private volatile Resolved lastResolved;
    private volatile Merged lastMerged;
    private volatile boolean closed;

    RedfishHttp(BmcAddress address, Transport transport, BmcBudget budget, RedfishOptions options, Clock clock, EventListener events,
            Duration slotWait) {
        this.address = address;
        this.transport = transport;
        this.budget = budget;
        this.options = options;
        this.clock = clock;
        this.events = events;
        this.backoff = new Backoff(options.retryBaseDelay(), options.retryMaxDelay());
        this.slotWait = slotWait;
    }

    /** @return the BMC */
    public BmcAddress address() {
        return address;
    }

    /** @return the quirks in force */
    public Quirks quirks() {
        return quirks;
    }

    /** @return the BMC's budget, shared with every client of the process */
    BmcBudget budget() {
        return budget;
    }

    void quirks(Quirks q) {
        this.quirks = q;
    }

    void auth(Auth a) {
        this.auth = a;
    }

    Auth auth() {
        return auth;
    }

    /**
     * Reads a resource.
     *
     * @param ctx where, for errors and events
     * @param path its path or same-origin URL
     * @return the resource
     * @throws BareMetalException typed, for every failure
     */
    public Resource get(ErrorContext ctx, String path) {
        HttpResult r = exchange(ctx, "GET", path, null, Map.of());
        if (!r.ok()) {
            throw RedfishErrors.of(r, ctx, quirks);
        }
        return new Resource(r.path(), Json.parseObject(r, ctx), ctx, r.header("ETag").orElse(null));
    }

    /**
     * Reads one top-level text property of a resource, without building its tree (for polls).
     * Same request, retries and errors as {@link #get}.
     *
     * @param ctx where, for errors and events
     * @param path its path or same-origin URL
     * @param name the property
     * @return its value, when present and text
     * @throws BareMetalException typed, for every failure
     */
    public Optional<String> getText(ErrorContext ctx, String path, String name) {
        HttpResult r = exchange(ctx, "GET", path, null, Map.of());
        if (!r.ok()) {
            throw RedfishErrors.of(r, ctx, quirks);
        }
        return Json.topLevelText(r, ctx, name);
    }

    /**
     * Sends a request and returns the answer whatever its status (after retries and re-login).
     *
     * @param ctx where
     * @param method the method
     * @param path the path or same-origin URL
     * @param body a JSON body, or null
     * @param headers extra headers
     * @return the answer
     */
    public HttpResult exchange(ErrorContext ctx, String method, String path, JsonNode body, Map<String, String> headers) {
        return exchangeWith(ctx, method, path, body, headers, auth);
    }

    /**
     * Throws the typed error for an answer that is not 2xx.
     *
     * @param r the answer
     * @param ctx where
     * @return the answer, when 2xx
     */
    public HttpResult requireOk(HttpResult r, ErrorContext ctx) {
        if (!r.ok()) {
            throw RedfishErrors.of(r, ctx, quirks);
        }
        return r;
    }

    HttpResult exchangeWith(ErrorContext ctx, String method, String path, JsonNode body, Map<String, String> extra, Auth a) {
        if (closed) {
            // Typed, and before the retry loop: the closed connection pool would throw IllegalStateException.
            throw new TransportException("the Redfish client for " + address.display() + " is closed", ctx);
        }
        URI uri = resolve(path, ctx);
        byte[] bytes = body == null ? null : Json.bytes(body);
        boolean renewed = false;
        int redirects = 0;
        Set<URI> visited = null;
        String m = method;
        for (int attempt = 1; ; attempt++) {
            int generation = a.generation();
            Map<String, String> headers = headers(extra, a.headers());
            HttpResult r;
            try {
                r = once(m, uri, headers, bytes, ctx);
            } catch (BareMetalException e) {
                if (attempt < options.maxAttempts() && mayRetry(m, e)) {
                    pause(ctx, attempt, backoff.delay(attempt), e);
                    continue;
                }
                throw e;
            }
            if (r.status() == 401 && !renewed && a.renew(generation, this, ctx)) {
                renewed = true;
                attempt--;
                continue;
            }
            if (isRedirect(r.status()) && follows(m, r.status())) {
                if (visited == null) {
                    visited = new HashSet<>();
                    visited.add(uri);
                }
                uri = redirectTarget(r, uri, visited, ++redirects, ctx);
                m = r.status() == 303 ? "GET" : m;
                bytes = r.status() == 303 ? null : bytes;
                attempt--;
                continue;
            }
            Optional<Duration> wait = retryDelay(m, r, attempt);
            if (wait.isPresent()) {
                pause(ctx, attempt, wait.get(), RedfishErrors.of(r, ctx, quirks));
                continue;
            }
            return r;
        }
    }

    /**
     * The path as an absolute URI on this BMC. Polls ask for the same path again and again, so the
     * last one is kept (an immutable pair, so racing threads at worst resolve it twice).
     */
    private URI resolve(String path, ErrorContext ctx) {
        Resolved last = lastResolved;
        if (last != null && last.path().equals(path)) {
            return last.uri();
        }
        URI uri = address.resolve(path, ctx);
        lastResolved = new Resolved(path, uri);
        return uri;
    }

    /**
     * The headers of a request: the Redfish ones, then the caller's, then the authentication's (which
     * win). Without extra headers the result only depends on the authentication's map, so it is kept
     * for as long as the authentication hands out the same map (a session's, until its token changes).
     */
    private Map<String, String> headers(Map<String, String> extra, Map<String, String> authHeaders) {
        if (!extra.isEmpty()) {
            return merge(extra, authHeaders);
        }
        Merged last = lastMerged;
        if (last != null && last.auth() == authHeaders) {
            return last.headers();
        }
        Map<String, String> merged = merge(extra, authHeaders);
        lastMerged = new Merged(authHeaders, merged);
        return merged;
    }

    private static Map<String, String> merge(Map<String, String> extra, Map<String, String> authHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("OData-Version", "4.0");
        headers.putAll(extra);
        headers.putAll(authHeaders);
        return java.util.Collections.unmodifiableMap(headers);
    }

    private record Resolved(String path, URI uri) {
    }

    /**
     * Merged headers and the authentication map they were made from (compared by identity). Not a
     * record: the maps hold a token, and a record's {@code toString()} would print it.
     */
    private static final class Merged {
        private final Map<String, String> auth;
        private final Map<String, String> headers;

        Merged(Map<String, String> auth, Map<String, String> headers) {
            this.auth = auth;
            this.headers = headers;
        }

        Map<String, String> auth() {
            return auth;
        }

        Map<String, String> headers() {
            return headers;
        }
    }

    private HttpResult once(String method, URI uri, Map<String, String> headers, byte[] body, ErrorContext ctx) {
        budget.acquireRequest(slotWait, ctx);
        try {
            return transport.send(method, uri, headers, body, ctx);
        } finally {
            budget.releaseRequest();
        }
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** Failures before an answer: a read may always be sent again; a write only if it never left. */
    private static boolean mayRetry(String method, BareMetalException e) {
        if (e instanceof ConnectFailedException) {
            return true;
        }
        return isRead(method) && (e instanceof TransportException || e instanceof OperationTimeoutException);
    }

    private Optional<Duration> retryDelay(String method, HttpResult r, int attempt) {
        int s = r.status();
        if (attempt >= options.maxAttempts() || s < 400) {
            return Optional.empty();
        }
        Optional<Duration> retryAfter = Backoff.retryAfter(r.header("Retry-After").orElse(null), clock);
        boolean busy = RedfishErrors.isBusy(r, quirks);
        boolean retry;
        if (s == 429) {
            retry = true;
        } else if (s == 503) {
            retry = isRead(method) || retryAfter.isPresent() || busy;
        } else if (s == 504) {
            retry = isRead(method);
        } else {
            retry = busy;
        }
        if (!retry) {
            return Optional.empty();
        }
        if (retryAfter.isPresent()) {
            return retryAfter.get().compareTo(options.maxRetryAfter()) > 0 ? Optional.empty() : retryAfter;
        }
        return Optional.of(backoff.delay(attempt));
    }

    private static boolean isRedirect(int s) {
        return s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
    }

    private static boolean follows(String method, int s) {
        return isRead(method) || s == 303 || s == 307 || s == 308;
    }

    private URI redirectTarget(HttpResult r, URI from, Set<URI> visited, int count, ErrorContext ctx) {
        String location = r.header("Location").orElseThrow(() ->
                new DeviceException(r.describe() + " without a Location header", ctx, "bm.InvalidRedirect"));
        if (count > options.maxRedirects()) {
            throw new DeviceException(r.describe() + ": more than " + options.maxRedirects() + " redirects", ctx, "bm.TooManyRedirects");
        }
        URI next;
        try {
            next = address.resolve(from.resolve(location.strip()).toString(), ctx);
        } catch (IllegalArgumentException e) {
            throw new DeviceException(r.describe() + " with a malformed Location", ctx, "bm.InvalidRedirect");
        }
        if (!visited.add(next)) {
            throw new DeviceException(r.describe() + ": redirect loop back to " + BmcAddress.pathOf(next), ctx, "bm.RedirectLoop");
        }
        return next;
    }

    private void pause(ErrorContext ctx, int attempt, Duration delay, BareMetalException cause) {
        events.retryScheduled(ctx, attempt, delay, cause);
        sleep(delay, ctx);
    }

    /**
     * Sleeps, for polling and backoff.
     *
     * @param d how long
     * @param ctx for the error when interrupted
     */
    public void sleep(Duration d, ErrorContext ctx) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting", ctx, e);
        }
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return the options */
    public RedfishOptions options() {
        return options;
    }

    @Override
    public void close() {
        closed = true;
        transport.close();
    }

    @Override
    public String toString() {
        return "RedfishHttp[" + address.display() + ", auth=" + auth + "]";
    }
}
