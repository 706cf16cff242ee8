package org.bmsdk.api.bmc;

import java.util.Optional;

/**
 * The boot device. Drivers read the setting back after writing it and throw
 * {@link org.bmsdk.api.NotAppliedException} when the BMC accepted it but nothing changed.
 */
public interface BootControl extends BmcCapability {

    /**
     * Reads the current boot override.
     *
     * @return the override, empty when the machine boots by its normal order
     */
    Optional<BootOverride> bootOverride();

    /**
     * Sets where the machine boots next.
     *
     * @param override the setting
     * @throws org.bmsdk.api.NotAppliedException when the read-back shows no change
     */
    void setBootOverride(BootOverride override);
}
