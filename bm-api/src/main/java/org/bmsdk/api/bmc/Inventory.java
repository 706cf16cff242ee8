package org.bmsdk.api.bmc;

import org.bmsdk.api.model.HardwareInventory;

/** What the machine is made of, as its BMC reports it. */
public interface Inventory extends BmcCapability {

    /**
     * Reads the hardware inventory.
     *
     * @return CPUs, memory, disks and NICs
     */
    HardwareInventory inventory();
}
