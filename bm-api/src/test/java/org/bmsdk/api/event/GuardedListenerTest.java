package org.bmsdk.api.event;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;
import org.junit.jupiter.api.Test;

/** What drivers rely on when they tell a caller's listener: every event passes, nothing thrown escapes. */
class GuardedListenerTest {

    private static final ErrorContext OP = ErrorContext.of("ipmi://10.0.0.6", "ipmi", "power.on");

    @Test
    void passesEveryEventAndSwallowsWhatTheListenerThrows() {
        List<String> heard = new ArrayList<>();
        EventListener faulty = new EventListener() {
            @Override
            public void operationStarted(ErrorContext operation) {
                heard.add("started " + operation.operation());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void operationSucceeded(ErrorContext operation, Duration elapsed) {
                heard.add("succeeded " + elapsed.toMillis());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void operationFailed(ErrorContext operation, Duration elapsed, org.bmsdk.api.BareMetalException error) {
                heard.add("failed " + error.getClass().getSimpleName());
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void retryScheduled(ErrorContext operation, int attempt, Duration delay, org.bmsdk.api.BareMetalException cause) {
                heard.add("retry " + attempt);
                throw new IllegalStateException("listener bug");
            }
        };
        EventListener guarded = EventListener.guarded(faulty);
        TransportException reset = new TransportException("connection reset", OP);
        assertDoesNotThrow(() -> {
            guarded.operationStarted(OP);
            guarded.retryScheduled(OP, 1, Duration.ofMillis(10), reset);
            guarded.operationFailed(OP, Duration.ofMillis(20), reset);
            guarded.operationSucceeded(OP, Duration.ofMillis(30));
        });
        assertEquals(List.of("started power.on", "retry 1", "failed TransportException", "succeeded 30"), heard);
        assertSame(guarded, EventListener.guarded(guarded), "guarding twice adds nothing");
    }
}
