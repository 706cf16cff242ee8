package org.bmsdk.api.model;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of a node, unique in a store. Letters, digits, {@code .}, {@code _} and {@code -},
 * 1 to 64 characters, so that it is safe in file names, URLs and switch port descriptions.
 *
 * @param value the id
 */
public record NodeId(String value) implements Comparable<NodeId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates the id. */
    public NodeId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("node id must match " + VALID + ", but was '" + value + "'");
        }
    }

    /**
     * Creates an id.
     *
     * @param value the id
     * @return the id
     */
    public static NodeId of(String value) {
        return new NodeId(value);
    }

    /**
     * Creates a random id (a UUID).
     *
     * @return a new id
     */
    public static NodeId random() {
        return new NodeId(UUID.randomUUID().toString());
    }

    @Override
    public int compareTo(NodeId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
