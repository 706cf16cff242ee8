package org.bmsdk.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/** A store over another whose n-th write throws, as if the controller died at that write. */
final class CrashingStore implements Store {

    private final Store inner;
    private final AtomicInteger writesLeft;

    CrashingStore(Store inner, int crashAtWrite) {
        this.inner = inner;
        this.writesLeft = new AtomicInteger(crashAtWrite);
    }

    private void write(Object key) {
        if (writesLeft.decrementAndGet() == 0) {
            throw new Crash("crashed writing " + key);
        }
    }

    @Override
    public VersionedStore<NodeId, Node> nodes() {
        return new Wrapped<>(inner.nodes());
    }

    @Override
    public VersionedStore<String, String> records(String namespace) {
        return new Wrapped<>(inner.records(namespace));
    }

    @Override
    public void close() {
        // The inner store belongs to the test.
    }

    /** The crash. */
    static final class Crash extends TransportException {
        private static final long serialVersionUID = 1L;

        Crash(String message) {
            super(message);
        }
    }

    private final class Wrapped<K, V> implements VersionedStore<K, V> {
        private final VersionedStore<K, V> v;

        Wrapped(VersionedStore<K, V> v) {
            this.v = v;
        }

        @Override
        public Optional<Versioned<K, V>> get(K key) {
            return v.get(key);
        }

        @Override
        public Versioned<K, V> create(K key, V value) {
            write(key);
            return v.create(key, value);
        }

        @Override
        public Versioned<K, V> update(K key, V value, long expectedVersion) {
            write(key);
            return v.update(key, value, expectedVersion);
        }

        @Override
        public void delete(K key, long expectedVersion) {
            write(key);
            v.delete(key, expectedVersion);
        }

        @Override
        public List<Versioned<K, V>> list() {
            return v.list();
        }
    }
}
