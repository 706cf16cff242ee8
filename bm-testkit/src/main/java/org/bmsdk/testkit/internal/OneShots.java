package org.bmsdk.testkit.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Predicate;

/**
 * Faults planned for the next matching command or request, each used up by the first one it
 * matches, in the order they were planned (a simulator's {@code failNext}, {@code dropOn}). Not
 * thread-safe: the fault plan that owns it guards it with its own lock.
 *
 * @param <T> a planned fault
 */
public final class OneShots<T> {

    private final Deque<T> planned = new ArrayDeque<>();

    /**
     * Plans a fault after those planned before.
     *
     * @param fault the fault
     */
    public void add(T fault) {
        planned.addLast(fault);
    }

    /**
     * Uses up the first planned fault that matches.
     *
     * @param matches whether a fault applies to what is happening now
     * @return that fault, now removed, or null when none matches
     */
    public T take(Predicate<? super T> matches) {
        for (Iterator<T> it = planned.iterator(); it.hasNext();) {
            T fault = it.next();
            if (matches.test(fault)) {
                it.remove();
                return fault;
            }
        }
        return null;
    }

    /** Forgets every planned fault. */
    public void clear() {
        planned.clear();
    }
}
