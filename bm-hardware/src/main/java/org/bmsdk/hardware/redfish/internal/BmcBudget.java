package org.bmsdk.hardware.redfish.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;

/**
 * What one BMC may be asked at once, shared by every client of the process: a few requests in
 * flight and a session or two. BMCs fall over, or lock accounts out, when a fleet tool opens a
 * session per thread; this budget is what keeps thousands of parallel workflows polite.
 *
 * <p>Budgets are kept per {@code host:port} for the life of the process (a few bytes each); the
 * first client of a BMC fixes its limits.
 */
final class BmcBudget {

    private static final Map<String, BmcBudget> BY_AUTHORITY = new ConcurrentHashMap<>();

    private final Semaphore requests;
    private final Semaphore sessions;

    private BmcBudget(int maxRequests, int maxSessions) {
        this.requests = new Semaphore(maxRequests, true);
        this.sessions = new Semaphore(maxSessions, true);
    }

    /**
     * The budget of a BMC, created with these limits if it has none yet.
     *
     * @param authority {@code host:port}
     * @param maxRequests requests in flight at once
     * @param maxSessions sessions at once
     * @return the shared budget
     */
    static BmcBudget of(String authority, int maxRequests, int maxSessions) {
        return BY_AUTHORITY.computeIfAbsent(authority, a -> new BmcBudget(maxRequests, maxSessions));
    }

    /**
     * Takes a request slot, waiting for one.
     *
     * @param wait how long to wait at most
     * @param ctx for errors
     * @throws OperationTimeoutException when none is free in time
     */
    void acquireRequest(Duration wait, ErrorContext ctx) {
        try {
            if (!requests.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new OperationTimeoutException("no request slot free for this BMC within " + wait
                        + " (too many requests in flight from this process)", ctx);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while waiting for a request slot", ctx, e);
        }
    }

    /**
     * Takes a request slot if one is free now, for callers that must not block (the fleet poller's
     * event loop, which tries again shortly).
     *
     * @return whether a slot was taken
     */
    boolean tryAcquireRequest() {
        return requests.tryAcquire();
    }

    /** Gives a request slot back. */
    void releaseRequest() {
        requests.release();
    }

    /**
     * Takes a session slot, waiting for one.
     *
     * @param wait how long to wait at most
     * @return false when none is free in time
     */
    boolean tryAcquireSession(Duration wait) {
        try {
            return sessions.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives a session slot back. */
    void releaseSession() {
        sessions.release();
    }
}
