package org.bmsdk.api.model;

import java.util.Locale;

/** The bus a disk is attached by. */
public enum DiskProtocol {
    /** Serial ATA. */
    SATA,
    /** Serial Attached SCSI. */
    SAS,
    /** NVM Express. */
    NVME,
    /** The device did not say, or said something we do not know. */
    UNKNOWN;

    /**
     * Reads a device's word for the protocol; anything unknown is {@link #UNKNOWN}.
     *
     * @param raw the device's word, may be null
     * @return the protocol
     */
    public static DiskProtocol parse(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        switch (raw.strip().toUpperCase(Locale.ROOT)) {
            case "SATA":
                return SATA;
            case "SAS":
                return SAS;
            case "NVME":
                return NVME;
            default:
                return UNKNOWN;
        }
    }
}
