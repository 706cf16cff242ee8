package org.bmsdk.api.bmc;

import java.util.Objects;

/**
 * A boot device setting: where to boot, in which firmware mode, once or until changed.
 *
 * @param device where to boot
 * @param mode the firmware's boot mode
 * @param persistence once or persistent
 */
public record BootOverride(BootDevice device, BootMode mode, BootPersistence persistence) {

    /** Validates the components. */
    public BootOverride {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(persistence, "persistence");
    }

    /**
     * Boot once from a device in UEFI mode, the common case for provisioning.
     *
     * @param device the device
     * @return the setting
     */
    public static BootOverride once(BootDevice device) {
        return new BootOverride(device, BootMode.UEFI, BootPersistence.ONCE);
    }

    /**
     * Boot once from a device in a given mode.
     *
     * @param device the device
     * @param mode the firmware's boot mode
     * @return the setting
     */
    public static BootOverride once(BootDevice device, BootMode mode) {
        return new BootOverride(device, mode, BootPersistence.ONCE);
    }

    /**
     * Boot from a device until changed.
     *
     * @param device the device
     * @param mode the firmware's boot mode
     * @return the setting
     */
    public static BootOverride persistent(BootDevice device, BootMode mode) {
        return new BootOverride(device, mode, BootPersistence.PERSISTENT);
    }
}
