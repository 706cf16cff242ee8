package org.bmsdk.storage.backup.internal;

import java.util.List;
import java.util.Optional;

/**
 * The few object-storage calls a backup repository needs, with the conditional writes that make
 * "store once" and the repository's lock safe without a coordinator: a put that fails when the key
 * exists ({@code If-None-Match: *}) and a put that fails unless the object is still the version
 * read ({@code If-Match: ETAG}). {@link S3ObjectStore} speaks S3; tests use an in-memory one.
 *
 * <p>Keys are full object keys (the repository's prefix included). Every call is atomic: a reader
 * sees a whole object or none.
 */
public interface ObjectStore extends AutoCloseable {

    /** An object's content and its version tag (S3's ETag, quotes included). */
    record Stored(byte[] data, String etag) {
    }

    /**
     * Reads an object.
     *
     * @param key the key
     * @return its content and ETag, empty when absent
     */
    Optional<Stored> get(String key);

    /**
     * Whether an object exists, without reading it.
     *
     * @param key the key
     * @return its ETag, empty when absent
     */
    Optional<String> head(String key);

    /**
     * Writes an object unconditionally.
     *
     * @param key the key
     * @param data the content
     */
    void put(String key, byte[] data);

    /**
     * Writes an object only when the key is free.
     *
     * @param key the key
     * @param data the content
     * @return the new ETag, empty when an object was there already (it is left unchanged)
     */
    Optional<String> putIfAbsent(String key, byte[] data);

    /**
     * Replaces an object only when it is still the version the caller read.
     *
     * @param key the key
     * @param data the new content
     * @param etag the ETag the caller read
     * @return the new ETag, empty when the object changed or is gone (it is left unchanged)
     */
    Optional<String> putIfMatch(String key, byte[] data, String etag);

    /**
     * Deletes an object; nothing happens when it is absent.
     *
     * @param key the key
     */
    void delete(String key);

    /**
     * Deletes an object when it is still the version the caller read. Servers that ignore the
     * condition on deletes delete it anyway; callers check the ETag first to keep that window small.
     *
     * @param key the key
     * @param etag the ETag the caller read
     */
    void deleteIfMatch(String key, String etag);

    /**
     * Lists keys.
     *
     * @param prefix the keys' prefix
     * @return every key under it
     */
    List<String> list(String prefix);

    /**
     * Names an object for messages.
     *
     * @param key the key
     * @return such as {@code s3://bucket/key}
     */
    String describe(String key);

    /** Releases the connection. */
    @Override
    void close();
}
