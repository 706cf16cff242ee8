package org.bmsdk.testkit.redfish;

/** Where a simulated BMC puts its virtual media collection; real BMCs differ. */
public enum VirtualMediaPlacement {
    /** Under the manager, {@code /redfish/v1/Managers/{id}/VirtualMedia}: older and most firmware. */
    MANAGER,
    /** Under the system, {@code /redfish/v1/Systems/{id}/VirtualMedia}: newer firmware. */
    SYSTEM
}
