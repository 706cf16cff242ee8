package org.bmsdk.api.model;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An Ethernet MAC address (or the 20-byte InfiniBand hardware address), kept in lower-case
 * colon-separated form so that two spellings of one address compare equal.
 *
 * @param value the address, normalised
 */
public record MacAddress(String value) {

    private static final Pattern SEPARATED = Pattern.compile("[0-9a-f]{2}([:-][0-9a-f]{2}){5}|[0-9a-f]{2}(:[0-9a-f]{2}){19}");
    private static final Pattern DOTTED = Pattern.compile("[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}");
    private static final Pattern BARE = Pattern.compile("[0-9a-f]{12}");

    /** Normalises and validates the address. */
    public MacAddress {
        value = normalise(value);
    }

    /**
     * Parses an address written as {@code aa:bb:cc:dd:ee:ff}, {@code AA-BB-CC-DD-EE-FF},
     * {@code aabb.ccdd.eeff} (Cisco) or {@code aabbccddeeff}.
     *
     * @param value the address
     * @return the address
     */
    public static MacAddress of(String value) {
        return new MacAddress(value);
    }

    private static String normalise(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("MAC address must not be null");
        }
        String v = raw.strip().toLowerCase(Locale.ROOT);
        String hex;
        if (SEPARATED.matcher(v).matches()) {
            return v.replace('-', ':');
        } else if (DOTTED.matcher(v).matches()) {
            hex = v.replace(".", "");
        } else if (BARE.matcher(v).matches()) {
            hex = v;
        } else {
            throw new IllegalArgumentException("MAC address must look like aa:bb:cc:dd:ee:ff, but was '" + raw + "'");
        }
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
