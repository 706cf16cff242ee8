package org.bmsdk.testkit.redfish;

import java.time.Duration;
import java.util.Objects;
import org.bmsdk.testkit.redfish.internal.BmcService;
import org.bmsdk.testkit.redfish.internal.FaultState;

/**
 * The faults of one simulated BMC, injected by tests: one object per BMC, from
 * {@link SimulatedRedfish#faults()}. Faults that count ({@code serviceUnavailable(3)}) act on that
 * many requests and then stop; the others last until {@link #clear()}. Faults of the machine
 * behind the BMC (a hung shutdown, a crash) are on the machine's own
 * {@link org.bmsdk.testkit.machine.MachineFaults}.
 *
 * <p>Each request meets at most one fault, in this order: silence, dropped connection,
 * {@link #failNext}, 503, 429; a {@link #delay} applies to every answer besides.
 */
public final class RedfishFaults {

    private final BmcService bmc;
    private final FaultState state;

    RedfishFaults(BmcService bmc) {
        this.bmc = bmc;
        this.state = bmc.faults();
    }

    /**
     * Delays every answer, as a busy BMC does.
     *
     * @param delay how long, not negative; zero removes the delay
     * @return this object
     */
    public RedfishFaults delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, but was " + delay);
        }
        state.delay(delay);
        return this;
    }

    /**
     * Answers the next requests with 503 Service Unavailable, without Retry-After.
     *
     * @param requests how many
     * @return this object
     */
    public RedfishFaults serviceUnavailable(int requests) {
        state.serviceUnavailable(positive(requests), null);
        return this;
    }

    /**
     * Answers the next requests with 503 Service Unavailable and a Retry-After.
     *
     * @param requests how many
     * @param retryAfter the Retry-After, in whole seconds (at least 1)
     * @return this object
     */
    public RedfishFaults serviceUnavailable(int requests, Duration retryAfter) {
        state.serviceUnavailable(positive(requests), Objects.requireNonNull(retryAfter, "retryAfter"));
        return this;
    }

    /**
     * Answers the next requests with 429 Too Many Requests and a Retry-After.
     *
     * @param requests how many
     * @param retryAfter the Retry-After, in whole seconds (at least 1)
     * @return this object
     */
    public RedfishFaults tooManyRequests(int requests, Duration retryAfter) {
        state.tooManyRequests(positive(requests), Objects.requireNonNull(retryAfter, "retryAfter"));
        return this;
    }

    /**
     * Closes the connection of each of the next requests without answering.
     *
     * @param requests how many
     * @return this object
     */
    public RedfishFaults dropConnections(int requests) {
        state.dropConnections(positive(requests));
        return this;
    }

    /**
     * Answers the next request with this status and a Redfish error body. Calls queue up: two calls
     * fail the next two requests.
     *
     * @param status an HTTP status, 400..599
     * @return this object
     */
    public RedfishFaults failNext(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be in 400..599, but was " + status);
        }
        state.failNext(status);
        return this;
    }

    /**
     * Answers the next request of one method with this status and a Redfish error body, letting
     * requests of other methods through: {@code failNext(500, "POST")} fails the write a client
     * sends after the reads that precede it. Calls queue up with those of {@link #failNext(int)}.
     *
     * @param status an HTTP status, 400..599
     * @param method {@code GET}, {@code POST}, {@code PATCH} or {@code DELETE}, in any case
     * @return this object
     */
    public RedfishFaults failNext(int status, String method) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be in 400..599, but was " + status);
        }
        Objects.requireNonNull(method, "method");
        String m = method.strip().toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("GET", "HEAD", "POST", "PATCH", "PUT", "DELETE").contains(m)) {
            throw new IllegalArgumentException("method must be GET, HEAD, POST, PATCH, PUT or DELETE, but was '" + method + "'");
        }
        state.failNext(status, m);
        return this;
    }

    /**
     * Refuses every login from now on, Basic or session, with 401, as a BMC whose account was locked.
     *
     * @return this object
     */
    public RedfishFaults refuseLogins() {
        state.refuseLogins(true);
        return this;
    }

    /**
     * Goes silent: connections are accepted and requests read, but never answered, as a hung BMC.
     *
     * @return this object
     */
    public RedfishFaults silence() {
        state.silent(true);
        return this;
    }

    /**
     * Reboots the BMC: at once it stops listening (connections are refused) and forgets every
     * session; after the downtime it listens again on the same address. The machines behind it
     * keep running.
     *
     * @param downtime how long it is unreachable
     * @return this object
     */
    public RedfishFaults reboot(Duration downtime) {
        Objects.requireNonNull(downtime, "downtime");
        bmc.reboot(downtime);
        return this;
    }

    /**
     * Forgets every session at once, as a BMC that times sessions out early: their next request
     * gets 401.
     *
     * @return this object
     */
    public RedfishFaults dropSessions() {
        bmc.model().sessions().clear();
        return this;
    }

    /** Removes every fault set here; a reboot under way still finishes. */
    public void clear() {
        state.clear();
    }

    private static int positive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the count of requests must be at least 1, but was " + n);
        }
        return n;
    }
}
