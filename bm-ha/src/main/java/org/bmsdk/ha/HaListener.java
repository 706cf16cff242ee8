package org.bmsdk.ha;

/**
 * Receives every {@link HaEvent}, on the thread that caused it. It must return quickly and not
 * throw; an exception it throws is logged and dropped, so a broken listener never stops a failover.
 */
@FunctionalInterface
public interface HaListener {

    /** A listener that ignores everything. */
    HaListener NONE = e -> { };

    /**
     * Called for each event.
     *
     * @param event the event
     */
    void onEvent(HaEvent event);
}
