package org.bmsdk.api.workflow;

import java.util.List;
import java.util.Optional;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/** A store whose writes may crash, as {@link Faults} says, over an in-memory one that survives. */
final class FaultyStore implements Store {

    final InMemoryStore backing = InMemoryStore.create();
    private final Faults faults;

    FaultyStore(Faults faults) {
        this.faults = faults;
    }

    @Override
    public VersionedStore<NodeId, Node> nodes() {
        return new Wrapped<>(backing.nodes(), "node");
    }

    @Override
    public VersionedStore<String, String> records(String namespace) {
        return new Wrapped<>(backing.records(namespace), namespace);
    }

    @Override
    public void close() {
    }

    private final class Wrapped<K, V> implements VersionedStore<K, V> {
        private final VersionedStore<K, V> inner;
        private final String what;

        Wrapped(VersionedStore<K, V> inner, String what) {
            this.inner = inner;
            this.what = what;
        }

        @Override
        public Optional<Versioned<K, V>> get(K key) {
            return inner.get(key);
        }

        @Override
        public Versioned<K, V> create(K key, V value) {
            faults.storeWrite(what + " " + key);
            return inner.create(key, value);
        }

        @Override
        public Versioned<K, V> update(K key, V value, long expectedVersion) {
            faults.storeWrite(what + " " + key);
            return inner.update(key, value, expectedVersion);
        }

        @Override
        public void delete(K key, long expectedVersion) {
            faults.storeWrite(what + " " + key);
            inner.delete(key, expectedVersion);
        }

        @Override
        public List<Versioned<K, V>> list() {
            return inner.list();
        }
    }
}
