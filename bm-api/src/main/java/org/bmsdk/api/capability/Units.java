package org.bmsdk.api.capability;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Byte-size and link-speed units: reading them case-insensitively and writing the canonical form. */
final class Units {

    /** Largest first, so that {@link #formatBytes(long)} writes the fewest digits. */
    private static final Map<String, Long> SIZES = new LinkedHashMap<>();
    private static final Map<String, Long> SPEEDS = new LinkedHashMap<>();

    static {
        SIZES.put("PiB", 1L << 50);
        SIZES.put("PB", 1_000_000_000_000_000L);
        SIZES.put("TiB", 1L << 40);
        SIZES.put("TB", 1_000_000_000_000L);
        SIZES.put("GiB", 1L << 30);
        SIZES.put("GB", 1_000_000_000L);
        SIZES.put("MiB", 1L << 20);
        SIZES.put("MB", 1_000_000L);
        SIZES.put("KiB", 1L << 10);
        SIZES.put("KB", 1_000L);
        SIZES.put("B", 1L);
        for (String prefix : new String[] {"M", "G", "T"}) {
            long scale = prefix.equals("M") ? 1 : prefix.equals("G") ? 1_000 : 1_000_000;
            for (String suffix : new String[] {"", "B", "BPS", "BE"}) {
                SPEEDS.put(prefix + suffix, scale);
            }
        }
    }

    /** The size units as a reader should see them in an error message. */
    static final String SIZE_UNITS = "B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB";

    /** The speed units as a reader should see them in an error message. */
    static final String SPEED_UNITS = "M, Mb, Mbps, MbE, G, Gb, Gbps, GbE, T, Tb, Tbps, TbE";

    private Units() {
    }

    /** @return bytes per unit, or 0 when {@code unit} is not a size unit */
    static long sizeUnit(String unit) {
        for (Map.Entry<String, Long> e : SIZES.entrySet()) {
            if (e.getKey().equalsIgnoreCase(unit)) {
                return e.getValue();
            }
        }
        return 0;
    }

    /** @return Mb/s per unit, or 0 when {@code unit} is not a speed unit */
    static long speedUnit(String unit) {
        return SPEEDS.getOrDefault(unit.toUpperCase(Locale.ROOT), 0L);
    }

    static String formatBytes(long bytes) {
        if (bytes == 0) {
            return "0B";
        }
        for (Map.Entry<String, Long> e : SIZES.entrySet()) {
            if (bytes % e.getValue() == 0) {
                return bytes / e.getValue() + e.getKey();
            }
        }
        throw new AssertionError("every size is a whole number of bytes");
    }

    static String formatSpeed(long mbps) {
        return mbps != 0 && mbps % 1000 == 0 ? mbps / 1000 + "G" : mbps + "M";
    }
}
