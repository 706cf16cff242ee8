package org.bmsdk.api.event;

import java.time.Duration;
import java.util.List;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.NodeId;

/**
 * Hears what drivers and workflows do, for metrics, audit logs and progress displays. Modelled on
 * OkHttp's {@code EventListener}: every method has an empty default, so a listener overrides only
 * what it cares about, and new events can be added without breaking anyone.
 *
 * <p>Implementations must be thread-safe and fast (they are called on the driver's thread), and
 * must not throw: the library catches and logs what they throw, and carries on.
 * {@link ErrorContext} names the device, the driver and the operation of each event.
 */
public interface EventListener {

    /** A listener that does nothing. */
    EventListener NONE = new EventListener() {
    };

    /**
     * An operation on a device is starting.
     *
     * @param operation the device, driver and operation
     */
    default void operationStarted(ErrorContext operation) {
    }

    /**
     * An operation on a device succeeded.
     *
     * @param operation the device, driver and operation
     * @param elapsed how long it took
     */
    default void operationSucceeded(ErrorContext operation, Duration elapsed) {
    }

    /**
     * An operation on a device failed, and will not be retried.
     *
     * @param operation the device, driver and operation
     * @param elapsed how long it took
     * @param error the error the caller gets
     */
    default void operationFailed(ErrorContext operation, Duration elapsed, BareMetalException error) {
    }

    /**
     * An attempt failed and the operation will be tried again.
     *
     * @param operation the device, driver and operation
     * @param attempt the attempt that failed, from 1
     * @param delay how long until the next attempt
     * @param cause why the attempt failed
     */
    default void retryScheduled(ErrorContext operation, int attempt, Duration delay, BareMetalException cause) {
    }

    /**
     * A node moved in its lifecycle.
     *
     * @param node the node
     * @param from its state before
     * @param to its state now
     * @param cause what moved it (an event name, a workflow step)
     */
    default void provisionStateChanged(NodeId node, ProvisionState from, ProvisionState to, String cause) {
    }

    /**
     * A listener that passes each event to several, in order; one that throws does not stop the others.
     *
     * @param listeners the listeners
     * @return the composite
     */
    static EventListener composite(List<EventListener> listeners) {
        return new CompositeEventListener(listeners);
    }

    /**
     * The listener, with every call that throws logged and ignored: drivers tell the caller's
     * listener through this, so that a faulty listener never fails the operation it watches.
     *
     * @param listener the caller's listener
     * @return the guarded listener
     */
    static EventListener guarded(EventListener listener) {
        return listener instanceof CompositeEventListener ? listener : new CompositeEventListener(List.of(listener));
    }
}
