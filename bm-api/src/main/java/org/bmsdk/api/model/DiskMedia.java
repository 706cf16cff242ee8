package org.bmsdk.api.model;

import java.util.Locale;

/** What a disk is made of, as flavors ask for it. */
public enum DiskMedia {
    /** Spinning disk. */
    HDD,
    /** Solid-state disk on SATA or SAS. */
    SSD,
    /** Solid-state disk on NVMe. */
    NVME,
    /** The device did not say, or said something we do not know. */
    UNKNOWN;

    /**
     * Reads a device's word for the media: {@code HDD}, {@code SSD}, {@code NVMe}, and Redfish's
     * {@code MediaType} values; anything else is {@link #UNKNOWN}.
     *
     * @param raw the device's word, may be null
     * @return the media
     */
    public static DiskMedia parse(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        switch (raw.strip().toUpperCase(Locale.ROOT)) {
            case "HDD":
            case "ROTATIONAL":
                return HDD;
            case "SSD":
                return SSD;
            case "NVME":
                return NVME;
            default:
                return UNKNOWN;
        }
    }
}
