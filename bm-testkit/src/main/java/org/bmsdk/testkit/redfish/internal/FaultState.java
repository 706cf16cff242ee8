package org.bmsdk.testkit.redfish.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The BMC-level faults set on one simulated BMC, read by its request handling. The public
 * {@code RedfishFaults} writes them. Thread-safe.
 */
public final class FaultState {

    /**
     * What to do with one request before it is handled.
     *
     * @param kind the fault
     * @param status the status to answer, for {@link Kind#FAIL}
     * @param retryAfter the {@code Retry-After}, or null
     */
    public record Decision(Kind kind, int status, Duration retryAfter) {
    }

    /** The faults that act on one request. */
    public enum Kind {
        /** Handle it normally. */
        NONE,
        /** Never answer. */
        SILENT,
        /** Close the connection without answering. */
        DROP,
        /** Answer with an injected error status. */
        FAIL
    }

    private static final Decision NONE = new Decision(Kind.NONE, 0, null);

    private Duration delay = Duration.ZERO;
    private int unavailable;
    private Duration unavailableRetryAfter;
    private int tooMany;
    private Duration tooManyRetryAfter;
    private int drops;
    private boolean refuseLogins;
    private boolean silent;
    private final Deque<Failure> failNext = new ArrayDeque<>();

    /** A queued failure, for any request or one method only. */
    private record Failure(int status, String method) {
    }

    /**
     * @param d delay before each answer
     */
    public synchronized void delay(Duration d) {
        delay = d;
    }

    /** @return the delay before each answer */
    public synchronized Duration delay() {
        return delay;
    }

    /**
     * @param n how many requests get 503
     * @param retryAfter the Retry-After, or null
     */
    public synchronized void serviceUnavailable(int n, Duration retryAfter) {
        unavailable = n;
        unavailableRetryAfter = retryAfter;
    }

    /**
     * @param n how many requests get 429
     * @param retryAfter the Retry-After
     */
    public synchronized void tooManyRequests(int n, Duration retryAfter) {
        tooMany = n;
        tooManyRetryAfter = retryAfter;
    }

    /** @param n how many connections to drop */
    public synchronized void dropConnections(int n) {
        drops = n;
    }

    /** @param refuse whether logins fail with 401 */
    public synchronized void refuseLogins(boolean refuse) {
        refuseLogins = refuse;
    }

    /** @return whether logins fail with 401 */
    public synchronized boolean refusesLogins() {
        return refuseLogins;
    }

    /** @param value whether the BMC accepts requests and never answers */
    public synchronized void silent(boolean value) {
        silent = value;
    }

    /** @param status the status of the next answer not taken by an earlier failNext */
    public synchronized void failNext(int status) {
        failNext.addLast(new Failure(status, null));
    }

    /**
     * @param status the status of the next answer to a request of this method not taken by an
     *     earlier failNext
     * @param method such as {@code POST}, upper case
     */
    public synchronized void failNext(int status, String method) {
        failNext.addLast(new Failure(status, method));
    }

    /** Removes every fault. */
    public synchronized void clear() {
        delay = Duration.ZERO;
        unavailable = 0;
        tooMany = 0;
        drops = 0;
        refuseLogins = false;
        silent = false;
        failNext.clear();
    }

    /**
     * Takes the fault for the next request, counting it down.
     *
     * @param method the request's method, upper case
     * @return what to do
     */
    public synchronized Decision next(String method) {
        if (silent) {
            return new Decision(Kind.SILENT, 0, null);
        }
        if (drops > 0) {
            drops--;
            return new Decision(Kind.DROP, 0, null);
        }
        for (Iterator<Failure> it = failNext.iterator(); it.hasNext(); ) {
            Failure f = it.next();
            if (f.method() == null || f.method().equals(method)) {
                it.remove();
                return new Decision(Kind.FAIL, f.status(), null);
            }
        }
        if (unavailable > 0) {
            unavailable--;
            return new Decision(Kind.FAIL, 503, unavailableRetryAfter);
        }
        if (tooMany > 0) {
            tooMany--;
            return new Decision(Kind.FAIL, 429, tooManyRetryAfter);
        }
        return NONE;
    }
}
