package org.bmsdk.api.store;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bmsdk.api.ConflictException;

/**
 * A durable map whose writes are compare-and-set on a version, so that two writers (two threads,
 * or two controller processes sharing a database) never both win.
 *
 * <p>Implementations guarantee:
 * <ul>
 *   <li>{@link #create} succeeds for exactly one of several concurrent callers with the same key;
 *       the others get {@link ConflictException}.
 *   <li>{@link #update} and {@link #delete} succeed only when the stored version equals the one
 *       given, and then for exactly one caller; otherwise {@link ConflictException}.
 *   <li>A write that returned is durable (for a durable implementation) and visible to every later
 *       read through any instance over the same storage.
 *   <li>Errors of the underlying storage are thrown as {@link org.bmsdk.api.BareMetalException}s.
 * </ul>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface VersionedStore<K, V> {

    /**
     * Reads a value.
     *
     * @param key the key
     * @return the value and its version, empty when absent
     */
    Optional<Versioned<K, V>> get(K key);

    /**
     * Writes a value that must not exist yet, at version 1.
     *
     * @param key the key
     * @param value the value
     * @return the stored value
     * @throws ConflictException when the key exists
     */
    Versioned<K, V> create(K key, V value);

    /**
     * Replaces a value if it is still at the version the caller read.
     *
     * @param key the key
     * @param value the new value
     * @param expectedVersion the version the caller read
     * @return the stored value, at {@code expectedVersion + 1}
     * @throws ConflictException when the key is absent or at another version
     */
    Versioned<K, V> update(K key, V value, long expectedVersion);

    /**
     * Deletes a value if it is still at the version the caller read.
     *
     * @param key the key
     * @param expectedVersion the version the caller read
     * @throws ConflictException when the key is absent or at another version
     */
    void delete(K key, long expectedVersion);

    /**
     * Lists every value, ordered by key.
     *
     * @return the values
     */
    List<Versioned<K, V>> list();

    /**
     * Reads, changes and writes back a value, retrying when another writer got in between: the
     * usual way to change a record. {@code change} may run more than once, so it must be free of
     * side effects. Between tries it backs off for a random, growing time, so that writers
     * contending for one record spread out instead of colliding again in lock step.
     *
     * @param key the key
     * @param change computes the new value from the current one
     * @return the stored value
     * @throws ConflictException when the key is absent, or still conflicting after 64 tries
     */
    default Versioned<K, V> modify(K key, UnaryOperator<V> change) {
        ConflictException last = null;
        for (int attempt = 0; attempt < 64; attempt++) {
            Versioned<K, V> current = get(key).orElseThrow(() -> new ConflictException("no record " + key + " to modify"));
            // Outside the try: a ConflictException from the change itself (an illegal transition)
            // is the caller's answer, not a lost race to retry.
            V next = change.apply(current.value());
            try {
                return update(key, next, current.version());
            } catch (ConflictException e) {
                last = e;
                Backoff.pause(attempt);
            }
        }
        throw last;
    }
}
