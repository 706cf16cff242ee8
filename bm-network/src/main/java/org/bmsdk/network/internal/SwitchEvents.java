package org.bmsdk.network.internal;

import java.time.Duration;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.event.EventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the caller's listener what a switch session does; a listener that throws is logged and ignored. */
final class SwitchEvents {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchEvents.class);

    private final EventListener listener;

    SwitchEvents(EventListener listener) {
        this.listener = listener;
    }

    void started(ErrorContext ctx) {
        safely(() -> listener.operationStarted(ctx));
    }

    void succeeded(ErrorContext ctx, Duration elapsed) {
        safely(() -> listener.operationSucceeded(ctx, elapsed));
    }

    void failed(ErrorContext ctx, Duration elapsed, BareMetalException e) {
        safely(() -> listener.operationFailed(ctx, elapsed, e));
    }

    void retryScheduled(ErrorContext ctx, int attempt, Duration delay, BareMetalException cause) {
        safely(() -> listener.retryScheduled(ctx, attempt, delay, cause));
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("event listener {} threw; ignored", listener.getClass().getName(), e);
        }
    }
}
