package org.bmsdk.api.model;

import java.util.Locale;

/** The link layer of a NIC. */
public enum LinkType {
    /** Ethernet (RoCE-capable or not). */
    ETHERNET,
    /** InfiniBand. */
    INFINIBAND,
    /** The device did not say. */
    UNKNOWN;

    /**
     * Reads a device's word for the link type; anything unknown is {@link #UNKNOWN}.
     *
     * @param raw the device's word, may be null
     * @return the link type
     */
    public static LinkType parse(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        switch (raw.strip().toUpperCase(Locale.ROOT)) {
            case "ETHERNET":
                return ETHERNET;
            case "INFINIBAND":
                return INFINIBAND;
            default:
                return UNKNOWN;
        }
    }
}
