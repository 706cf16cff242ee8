package org.bmsdk.ha.cluster.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One instance's lease as the store keeps it: which incarnation of the instance wrote it (a random
 * id per process, so that two processes given the same instance id are told apart) and until when
 * it holds. Stored as {@code v1 <incarnation> <expiresAtMillis>}.
 *
 * @param incarnation the writer's incarnation
 * @param expiresAt when the lease runs out unless renewed
 */
public record Lease(String incarnation, Instant expiresAt) {

    private static final Pattern INCARNATION = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** Validates. */
    public Lease {
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (incarnation == null || !INCARNATION.matcher(incarnation).matches()) {
            throw new IllegalArgumentException("incarnation must match " + INCARNATION + ", but was '" + incarnation + "'");
        }
    }

    /**
     * Whether the lease still holds at a time.
     *
     * @param now the time
     * @return true while {@code now} is before the expiry
     */
    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** @return the stored text */
    public String encode() {
        return "v1 " + incarnation + " " + expiresAt.toEpochMilli();
    }

    /**
     * Reads the stored text.
     *
     * @param text the text
     * @return the lease
     * @throws IllegalArgumentException when it is not a lease this code wrote
     */
    public static Lease decode(String text) {
        String[] parts = text.split(" ");
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("not a v1 lease: '" + text + "'");
        }
        try {
            return new Lease(parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a v1 lease: '" + text + "'", e);
        }
    }
}
