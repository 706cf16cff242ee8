package org.bmsdk.api.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A password, key passphrase or token. It prints as {@code ****} everywhere ({@link #toString()}),
 * so that it cannot end up in a log line, an exception message or a debugger's record dump by
 * accident. The clear value is only handed out by {@link #reveal()}, which drivers call at the
 * moment they put it on the wire.
 */
public final class Secret {

    private static final String REDACTED = "****";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    /**
     * Wraps a clear value.
     *
     * @param value the secret; must not be null
     * @return the secret
     */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "secret value");
        return new Secret(value.toCharArray());
    }

    /**
     * Wraps a clear value given as characters; the array is copied, so the caller may wipe its own.
     *
     * @param value the secret
     * @return the secret
     */
    public static Secret of(char[] value) {
        Objects.requireNonNull(value, "secret value");
        return new Secret(value);
    }

    /**
     * The clear value. Call it only where the value goes on the wire; never log what it returns.
     *
     * @return the clear value
     */
    public String reveal() {
        return new String(value);
    }

    /**
     * The clear value as UTF-8 bytes, for protocols that hash or encrypt with it (IPMI RAKP, CHAP).
     *
     * @return a fresh array the caller should wipe after use
     */
    public byte[] revealBytes() {
        return reveal().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether the secret is empty.
     *
     * @return true when it has no characters
     */
    public boolean isEmpty() {
        return value.length == 0;
    }

    /** Compares in time independent of where the values differ, as is proper for secrets. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Secret)) {
            return false;
        }
        byte[] a = revealBytes();
        byte[] b = ((Secret) o).revealBytes();
        try {
            return MessageDigest.isEqual(a, b);
        } finally {
            Arrays.fill(a, (byte) 0);
            Arrays.fill(b, (byte) 0);
        }
    }

    /** A constant: hashing the value would leak a little of it through hash tables. */
    @Override
    public int hashCode() {
        return 1;
    }

    /** Always {@code ****}. */
    @Override
    public String toString() {
        return REDACTED;
    }
}
