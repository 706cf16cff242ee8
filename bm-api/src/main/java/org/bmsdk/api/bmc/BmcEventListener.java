package org.bmsdk.api.bmc;

/**
 * Hears events that BMCs push. Called on the receiver's thread: implementations must be
 * thread-safe and quick (hand the event to a queue), and should not throw; what they throw is
 * logged and ignored.
 */
@FunctionalInterface
public interface BmcEventListener {

    /**
     * An event arrived.
     *
     * @param event the event
     */
    void onEvent(BmcEvent event);
}
