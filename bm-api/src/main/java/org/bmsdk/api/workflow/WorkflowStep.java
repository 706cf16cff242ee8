package org.bmsdk.api.workflow;

/**
 * One idempotent step of a {@link Workflow}. Each may be run again after a crash with the same
 * result, which is what lets {@link NodeWorkflows#resume()} redo the step a crash interrupted.
 */
public enum WorkflowStep {
    /** Connect to the BMC and read the power state: the BMC answers and the credentials are good. */
    VERIFY_BMC,
    /** Read CPUs, memory, disks and NICs from the BMC into the node's inventory. */
    READ_INVENTORY,
    /** Learn each NIC's switch and port: LLDP through the ramdisk agent, else what the node record says. */
    READ_LLDP,
    /** Record the node's switch ports with the tenant networks, idle. */
    ATTACH_PORTS,
    /** Move every port to the cleaning network. */
    FLIP_TO_CLEANING,
    /** Erase every disk and prove it: the BMC's secure erase, else in-band through the ramdisk agent. */
    ERASE_DISKS,
    /** Reset the BIOS to its defaults, reboot to apply it, and read the attributes back. */
    RESET_BIOS,
    /** Move every port back to the provisioning network and power off. */
    FLIP_TO_PROVISIONING,
    /** Bind the node to its owner and move its ports onto the tenant's networks. */
    BIND_NETWORKS,
    /** Export the tenant's volumes to the node's initiator. */
    ATTACH_VOLUMES,
    /** Set where the node boots: its volume, an image by virtual media, or PXE. */
    SET_BOOT_DEVICE,
    /** Power the node on. */
    POWER_ON,
    /** Power the node off. */
    POWER_OFF,
    /** Eject any virtual media. */
    EJECT_MEDIA,
    /**
     * Stop exporting the tenant's volumes to the node; also, before a deploy that follows a failed
     * one, those volumes of the failed deploy that the new one does not keep.
     */
    DETACH_VOLUMES,
    /** Move the ports to idle and free the node from its tenant's networks. */
    UNBIND_NETWORKS
}
