package org.bmsdk.api.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/**
 * A {@link Store} in memory: thread-safe, compare-and-set like the durable ones, gone when the
 * process ends. The default for tests and for programs that keep state elsewhere.
 */
public final class InMemoryStore implements Store {

    /** The rule for namespace names, shared with durable stores. */
    public static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final MapStore<NodeId, Node> nodes = new MapStore<>();
    private final Map<String, MapStore<String, String>> records = new ConcurrentHashMap<>();

    private InMemoryStore() {
    }

    /**
     * Creates an empty store.
     *
     * @return the store
     */
    public static InMemoryStore create() {
        return new InMemoryStore();
    }

    @Override
    public VersionedStore<NodeId, Node> nodes() {
        return nodes;
    }

    @Override
    public VersionedStore<String, String> records(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must match " + NAMESPACE + ", but was '" + namespace + "'");
        }
        return records.computeIfAbsent(namespace, n -> new MapStore<>());
    }

    @Override
    public void close() {
        // Nothing to release: the data lives as long as this object.
    }

    /** One compare-and-set map; each write is atomic through ConcurrentMap.compute. */
    private static final class MapStore<K extends Comparable<K>, V> implements VersionedStore<K, V> {
        private final ConcurrentSkipListMap<K, Versioned<K, V>> map = new ConcurrentSkipListMap<>();

        @Override
        public Optional<Versioned<K, V>> get(K key) {
            return Optional.ofNullable(map.get(key));
        }

        @Override
        public Versioned<K, V> create(K key, V value) {
            Versioned<K, V> fresh = new Versioned<>(key, value, 1);
            if (map.putIfAbsent(key, fresh) != null) {
                throw new ConflictException("record " + key + " already exists");
            }
            return fresh;
        }

        @Override
        public Versioned<K, V> update(K key, V value, long expectedVersion) {
            Versioned<K, V> next = new Versioned<>(key, value, expectedVersion + 1);
            Versioned<K, V> current = map.get(key);
            if (current == null || current.version() != expectedVersion || !map.replace(key, current, next)) {
                throw conflict(key, expectedVersion);
            }
            return next;
        }

        @Override
        public void delete(K key, long expectedVersion) {
            Versioned<K, V> current = map.get(key);
            if (current == null || current.version() != expectedVersion || !map.remove(key, current)) {
                throw conflict(key, expectedVersion);
            }
        }

        private ConflictException conflict(K key, long expectedVersion) {
            Versioned<K, V> now = map.get(key);
            return new ConflictException("record " + key + " is " + (now == null ? "absent" : "at version " + now.version())
                    + ", not at version " + expectedVersion);
        }

        @Override
        public List<Versioned<K, V>> list() {
            return new ArrayList<>(map.values());
        }
    }
}
