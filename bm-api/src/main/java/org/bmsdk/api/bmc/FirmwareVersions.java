package org.bmsdk.api.bmc;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Firmware versions as the BMC reports them.
 *
 * @param bios the host firmware (BIOS/UEFI) version, or {@code ""} when not reported
 * @param bmc the BMC firmware version, or {@code ""} when not reported
 * @param others other components by name (such as a NIC or RAID controller), possibly empty
 */
public record FirmwareVersions(String bios, String bmc, Map<String, String> others) {

    /** Validates and copies the components. */
    public FirmwareVersions {
        Objects.requireNonNull(bios, "bios");
        Objects.requireNonNull(bmc, "bmc");
        others = java.util.Collections.unmodifiableMap(new TreeMap<>(others));
    }
}
