package org.bmsdk.testkit.ipmi.internal;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A transport that keeps what the engine sends and the tasks it schedules, for tests without sockets. */
final class MemoryTransport implements Transport {

    record Sent(byte[] datagram, SocketAddress to) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<Runnable> tasks = new ArrayList<>();

    @Override
    public synchronized void send(byte[] datagram, SocketAddress to) {
        sent.add(new Sent(datagram, to));
    }

    @Override
    public synchronized void schedule(Runnable task, Duration after) {
        tasks.add(task);
    }

    /** @return and forgets what was sent */
    synchronized List<Sent> take() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    /** @return and forgets what was sent to one address, leaving the rest */
    synchronized List<byte[]> take(java.net.SocketAddress to) {
        List<byte[]> out = sent.stream().filter(s -> s.to().equals(to)).map(Sent::datagram).toList();
        sent.removeIf(s -> s.to().equals(to));
        return out;
    }

    /** Runs the scheduled tasks (and those they schedule) once each. */
    void runTasks() {
        List<Runnable> now;
        synchronized (this) {
            now = List.copyOf(tasks);
            tasks.clear();
        }
        now.forEach(Runnable::run);
    }
}
