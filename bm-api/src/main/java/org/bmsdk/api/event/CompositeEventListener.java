package org.bmsdk.api.event;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.NodeId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes each event to several listeners; one that throws is logged and does not stop the rest. */
final class CompositeEventListener implements EventListener {

    private static final Logger LOG = LoggerFactory.getLogger(CompositeEventListener.class);

    private final List<EventListener> listeners;

    CompositeEventListener(List<EventListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(Consumer<EventListener> call) {
        for (EventListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("event listener {} threw; ignored", l.getClass().getName(), e);
            }
        }
    }

    @Override
    public void operationStarted(ErrorContext operation) {
        each(l -> l.operationStarted(operation));
    }

    @Override
    public void operationSucceeded(ErrorContext operation, Duration elapsed) {
        each(l -> l.operationSucceeded(operation, elapsed));
    }

    @Override
    public void operationFailed(ErrorContext operation, Duration elapsed, BareMetalException error) {
        each(l -> l.operationFailed(operation, elapsed, error));
    }

    @Override
    public void retryScheduled(ErrorContext operation, int attempt, Duration delay, BareMetalException cause) {
        each(l -> l.retryScheduled(operation, attempt, delay, cause));
    }

    @Override
    public void provisionStateChanged(NodeId node, ProvisionState from, ProvisionState to, String cause) {
        each(l -> l.provisionStateChanged(node, from, to, cause));
    }
}
