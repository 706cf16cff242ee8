package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The part of a Junos switch's configuration database that its CLI sessions share besides the
 * committed configuration: the shared candidate (what {@code configure} edits, uncommitted, seen
 * by every user in that mode) and who holds it with {@code configure exclusive}.
 */
final class JunosDatabase {

    private final List<String> shared = new ArrayList<>();
    private Object exclusive;

    synchronized List<String> shared() {
        return new ArrayList<>(shared);
    }

    synchronized void addShared(String statement) {
        shared.add(statement);
    }

    synchronized void clearShared() {
        shared.clear();
    }

    /** Takes the exclusive lock for a session; false when another session holds it. */
    synchronized boolean lock(Object session) {
        if (exclusive != null && exclusive != session) {
            return false;
        }
        exclusive = session;
        return true;
    }

    synchronized boolean lockedByOther(Object session) {
        return exclusive != null && exclusive != session;
    }

    synchronized void unlock(Object session) {
        if (exclusive == session) {
            exclusive = null;
        }
    }
}
