package org.bmsdk.hardware.redfish.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.PowerState;

/**
 * One power-state read of a fleet poll: the BMC's connection, the caller's future, and a deadline
 * that covers the whole read (waiting for a slot of the BMC's budget, connecting, the answer). It
 * tells the connection's event listener that it started and how it ended, as every driver
 * operation does.
 */
final class PowerPoll {

    final RedfishConnection connection;
    final CompletableFuture<PowerState> future = new CompletableFuture<>();
    final ErrorContext ctx;
    final long startNanos;
    final long deadlineNanos;
    /** The session generation the request was sent with, so that a 401 renews that session and no newer one. */
    int sentGeneration;
    /** The BMC answered 401: the blocking read starts by logging in again (once, whoever else saw the 401). */
    boolean unauthorized;

    PowerPoll(RedfishConnection connection) {
        this.connection = connection;
        this.ctx = connection.context("power.state");
        this.startNanos = System.nanoTime();
        this.deadlineNanos = startNanos + connection.endpoint().requestTimeout().toNanos();
        connection.events().operationStarted(ctx);
    }

    void succeed(PowerState state) {
        connection.events().operationSucceeded(ctx, elapsed());
        future.complete(state);
    }

    void fail(BareMetalException e) {
        connection.events().operationFailed(ctx, elapsed(), e);
        future.completeExceptionally(e);
    }

    /**
     * Reads the state through the connection's blocking path, with everything that path does (after
     * logging in again first when the loop's request was answered 401): a 401
     * logs in again (once per expiry, however many callers saw it), 503/429 and resets are retried
     * with backoff, and every other answer becomes the driver's typed error. Called on a thread that
     * may block.
     */
    void readBlocking() {
        try {
            RedfishHttp http = connection.http();
            if (unauthorized) {
                http.auth().renew(sentGeneration, http, ctx);
            }
            succeed(RedfishPower.stateOf(connection.http().getText(ctx, connection.systemPath(), "PowerState").orElse("")));
        } catch (BareMetalException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new DeviceException(ctx.operation() + " failed on data the BMC sent: " + e.getClass().getSimpleName(), ctx,
                    "bm.InvalidData", false, e));
        }
    }

    /** Hands this read to the blocking path on an executor; a closed executor fails it. */
    void readBlockingOn(Executor executor) {
        try {
            executor.execute(this::readBlocking);
        } catch (RejectedExecutionException e) {
            fail(closedError());
        }
    }

    TransportException closedError() {
        return new TransportException("the fleet poller was closed before this poll finished", ctx);
    }

    boolean expired(long now) {
        return now - deadlineNanos > 0;
    }

    Duration timeout() {
        return connection.endpoint().requestTimeout();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
