package org.bmsdk.testkit.machine;

/** A registered listener; closing it unregisters the listener. Closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    /** Unregisters the listener. */
    @Override
    void close();
}
