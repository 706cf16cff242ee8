package org.bmsdk.api.bmc;

/**
 * The firmware versions a BMC reports: the host's BIOS/UEFI and the BMC's own, which
 * {@link org.bmsdk.api.model.HardwareInventory} has no place for. Useful to select machines by
 * firmware and to check that an update took.
 */
public interface FirmwareInventory extends BmcCapability {

    /**
     * Reads the firmware versions.
     *
     * @return the versions
     */
    FirmwareVersions firmware();
}
