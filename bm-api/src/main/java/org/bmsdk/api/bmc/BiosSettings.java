package org.bmsdk.api.bmc;

import java.util.Map;

/** Firmware (BIOS/UEFI) settings. Changes take effect at the next boot on most BMCs. */
public interface BiosSettings extends BmcCapability {

    /**
     * Reads the current attributes.
     *
     * @return attribute name to value
     */
    Map<String, String> attributes();

    /**
     * Requests attribute changes, applied at the next boot.
     *
     * @param changes attribute name to new value
     */
    void update(Map<String, String> changes);

    /** Requests a reset of every attribute to its factory default, applied at the next boot. */
    void resetToDefaults();
}
