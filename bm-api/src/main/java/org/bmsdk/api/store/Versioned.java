package org.bmsdk.api.store;

import java.util.Objects;

/**
 * A value as a store holds it, with the version it was written at. Versions start at 1 and grow
 * by one with each write; a writer passes the version it read to
 * {@link VersionedStore#update(Object, Object, long)}, and loses if someone wrote in between.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param key the key
 * @param value the value
 * @param version the version, at least 1
 */
public record Versioned<K, V>(K key, V value, long version) {

    /** Validates the components. */
    public Versioned {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, but was " + version);
        }
    }
}
