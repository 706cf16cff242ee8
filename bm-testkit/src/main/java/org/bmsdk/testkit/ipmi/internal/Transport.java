package org.bmsdk.testkit.ipmi.internal;

import java.net.SocketAddress;
import java.time.Duration;

/** What an engine needs from its host: a way to send datagrams and a timer. */
public interface Transport {

    /**
     * Sends a datagram from the BMC's socket, as UDP does: it may be lost.
     *
     * @param datagram the bytes
     * @param to the remote console
     */
    void send(byte[] datagram, SocketAddress to);

    /**
     * Runs a task later on the host's timer thread.
     *
     * @param task the task
     * @param after how long from now
     */
    void schedule(Runnable task, Duration after);
}
