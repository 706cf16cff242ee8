package org.bmsdk.hardware.ipmi.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/** How many inbound datagrams were dropped, by reason. Thread-safe. */
public final class DropCounters {

    private final AtomicLongArray counts = new AtomicLongArray(DropReason.values().length);

    void count(DropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    /**
     * The count for one reason.
     *
     * @param reason the reason
     * @return datagrams dropped for it
     */
    public long get(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    /** @return datagrams dropped for any reason */
    public long total() {
        long n = 0;
        for (int i = 0; i < counts.length(); i++) {
            n += counts.get(i);
        }
        return n;
    }

    /** @return the non-zero counts */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            long n = get(r);
            if (n > 0) {
                m.put(r, n);
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return "DropCounters" + snapshot();
    }
}
