package org.bmsdk.storage.backup.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link ObjectStore} in memory with S3's conditional-write rules, for properties of what is
 * built on it. It records which actor made the last successful write of each key, so that a test
 * can ask who wrote last.
 */
final class InMemoryObjectStore implements ObjectStore {

    private final Map<String, Stored> objects = new TreeMap<>();
    private final Map<String, String> writers = new TreeMap<>();
    private long versions;
    /** Who the next writes are made by. */
    String actor = "";

    @Override
    public synchronized Optional<Stored> get(String key) {
        return Optional.ofNullable(objects.get(key)).map(s -> new Stored(s.data().clone(), s.etag()));
    }

    @Override
    public synchronized Optional<String> head(String key) {
        return Optional.ofNullable(objects.get(key)).map(Stored::etag);
    }

    @Override
    public synchronized void put(String key, byte[] data) {
        objects.put(key, new Stored(data.clone(), "\"v" + ++versions + "\""));
        writers.put(key, actor);
    }

    @Override
    public synchronized Optional<String> putIfAbsent(String key, byte[] data) {
        if (objects.containsKey(key)) {
            return Optional.empty();
        }
        put(key, data);
        return head(key);
    }

    @Override
    public synchronized Optional<String> putIfMatch(String key, byte[] data, String etag) {
        Stored current = objects.get(key);
        if (current == null || !current.etag().equals(etag)) {
            return Optional.empty();
        }
        put(key, data);
        return head(key);
    }

    @Override
    public synchronized void delete(String key) {
        objects.remove(key);
        writers.put(key, actor);
    }

    @Override
    public synchronized void deleteIfMatch(String key, String etag) {
        Stored current = objects.get(key);
        if (current != null && current.etag().equals(etag)) {
            delete(key);
        }
    }

    @Override
    public synchronized List<String> list(String prefix) {
        return objects.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
    }

    @Override
    public String describe(String key) {
        return "mem://" + key;
    }

    @Override
    public void close() {
    }

    /** @return who last wrote or deleted the key, "" when nobody did */
    synchronized String lastWriter(String key) {
        return writers.getOrDefault(key, "");
    }
}
