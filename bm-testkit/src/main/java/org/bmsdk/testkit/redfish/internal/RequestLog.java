package org.bmsdk.testkit.redfish.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.testkit.redfish.RecordedRequest;

/**
 * The last requests of one BMC, for tests that verify what a client sent: a ring of parallel
 * arrays, turned into {@link RecordedRequest}s only when a test asks.
 *
 * <p>Why not a deque of records: a host of a thousand BMCs keeps a thousand requests for each, and a
 * record per request (with its {@code Instant} and its own copy of the path) lives long enough to be
 * promoted and copied by every young collection, a cost the simulator paid on every request of a
 * fleet poll. Here a request writes a few array slots, and a target equal to the slot's previous one
 * (a poll asks for the same path again and again) keeps that string rather than the request's copy.
 */
final class RequestLog {

    private final long[] epochNanos;
    private final String[] methods;
    private final String[] targets;
    private final int[] statuses;
    private int next;
    private int size;

    /** @param capacity how many requests it keeps, the newest */
    RequestLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        epochNanos = new long[capacity];
        methods = new String[capacity];
        targets = new String[capacity];
        statuses = new int[capacity];
    }

    /**
     * Records a request, dropping the oldest when full.
     *
     * @param at when it arrived
     * @param method its method
     * @param target its path and query
     * @param status the status answered, or 0
     */
    synchronized void add(Instant at, String method, String target, int status) {
        int i = next;
        epochNanos[i] = at.getEpochSecond() * 1_000_000_000L + at.getNano();
        methods[i] = method;
        String previous = targets[(i == 0 ? targets.length : i) - 1];
        targets[i] = target.equals(previous) ? previous : target;
        statuses[i] = status;
        next = (i + 1) % targets.length;
        size = Math.min(size + 1, targets.length);
    }

    /** @return the kept requests, oldest first */
    synchronized List<RecordedRequest> list() {
        List<RecordedRequest> out = new ArrayList<>(size);
        int first = (next - size + targets.length) % targets.length;
        for (int k = 0; k < size; k++) {
            int i = (first + k) % targets.length;
            out.add(new RecordedRequest(Instant.ofEpochSecond(0, epochNanos[i]), methods[i], targets[i], statuses[i]));
        }
        return List.copyOf(out);
    }
}
