package org.bmsdk.api.workflow.internal;

import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.api.model.Node;

/** Boots a node into the service ramdisk and connects to its agent. */
final class Ramdisk {

    private Ramdisk() {
    }

    /**
     * Boots the ramdisk once (virtual media when an image is configured and the BMC offers it, else
     * PXE), powering the node on or rebooting it, and waits for the agent.
     */
    static RamdiskAgent boot(WorkflowContext ctx, BmcClient bmc, Node node) {
        if (ctx.agents() == null) {
            throw new ConfigurationException("node " + node.id() + " needs the service ramdisk, but no ramdisk agent connector is configured");
        }
        BootControl boot = bmc.require(BootControl.class);
        Optional<VirtualMedia> media = ctx.ramdiskImage() == null ? Optional.empty() : bmc.capability(VirtualMedia.class);
        if (media.isPresent()) {
            media.get().insert(ctx.ramdiskImage());
            boot.setBootOverride(BootOverride.once(BootDevice.CDROM));
        } else {
            boot.setBootOverride(BootOverride.once(BootDevice.PXE));
        }
        PowerControl power = bmc.require(PowerControl.class);
        power.perform(power.powerState() == PowerState.ON ? PowerAction.REBOOT : PowerAction.ON, ctx.timeouts().power());
        return ctx.agents().connect(node, ctx.timeouts().agent());
    }

    /** Powers the node off, hard: whatever runs is the ramdisk, nothing of a tenant's. */
    static void powerOff(WorkflowContext ctx, BmcClient bmc) {
        PowerControl power = bmc.require(PowerControl.class);
        if (power.powerState() != PowerState.OFF) {
            power.perform(PowerAction.OFF, ctx.timeouts().power());
        }
        bmc.capability(VirtualMedia.class).ifPresent(VirtualMedia::eject);
    }
}
