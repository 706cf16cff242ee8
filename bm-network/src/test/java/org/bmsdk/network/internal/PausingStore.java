package org.bmsdk.network.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/**
 * A {@link Store} that stops one thread right after its N-th write (create, update or delete, in
 * any namespace) until the test lets it go: the test can then run other callers in that gap between
 * two writes and see what they find. Latches only, no sleeps: {@link #awaitPausedOrDone} returns as
 * soon as the thread stopped or finished without reaching the N-th write.
 */
final class PausingStore implements Store {

    private final Store delegate;
    private volatile Thread paused;
    private volatile int pauseAfter;
    private int writes;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);
    private volatile boolean stopped;

    PausingStore(Store delegate) {
        this.delegate = delegate;
    }

    /**
     * Stops {@code thread} after its {@code n}-th write from now on.
     *
     * @param thread the thread to stop
     * @param n 1 or more
     */
    void pauseAfterWrite(Thread thread, int n) {
        this.writes = 0;
        this.pauseAfter = n;
        this.paused = thread;
    }

    /** Counts the thread down too when it ends without reaching its write. */
    void done() {
        reached.countDown();
    }

    /**
     * Waits until the thread has stopped or is done.
     *
     * @return whether it stopped (false: it finished with fewer writes)
     */
    boolean awaitPausedOrDone() throws InterruptedException {
        if (!reached.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the paused thread neither stopped nor finished in 30 s");
        }
        return stopped;
    }

    /** Lets the stopped thread go on. */
    void resume() {
        resume.countDown();
    }

    private void wrote() {
        if (Thread.currentThread() != paused || ++writes != pauseAfter) {
            return;
        }
        stopped = true;
        reached.countDown();
        try {
            if (!resume.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("never resumed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public VersionedStore<NodeId, Node> nodes() {
        return delegate.nodes();
    }

    @Override
    public VersionedStore<String, String> records(String namespace) {
        VersionedStore<String, String> d = delegate.records(namespace);
        return new VersionedStore<>() {
            @Override
            public Optional<Versioned<String, String>> get(String key) {
                return d.get(key);
            }

            @Override
            public Versioned<String, String> create(String key, String value) {
                Versioned<String, String> v = d.create(key, value);
                wrote();
                return v;
            }

            @Override
            public Versioned<String, String> update(String key, String value, long expectedVersion) {
                Versioned<String, String> v = d.update(key, value, expectedVersion);
                wrote();
                return v;
            }

            @Override
            public void delete(String key, long expectedVersion) {
                d.delete(key, expectedVersion);
                wrote();
            }

            @Override
            public List<Versioned<String, String>> list() {
                return d.list();
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
