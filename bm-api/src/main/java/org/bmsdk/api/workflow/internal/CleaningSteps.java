package org.bmsdk.api.workflow.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.DiskErase;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.network.NetworkRole;

/**
 * Cleaning (BMT002): on the cleaning network, erase every disk and prove it, reset the BIOS and read
 * it back, then power off and return the ports to provisioning.
 */
final class CleaningSteps {

    private final WorkflowContext ctx;

    CleaningSteps(WorkflowContext ctx) {
        this.ctx = ctx;
    }

    StepResult flip(Node node, NetworkRole role) {
        if (ctx.networks() == null) {
            return StepResult.skipped("no tenant networks configured");
        }
        if (ctx.networks().node(node.id()).isEmpty()) {
            return StepResult.skipped("the node's switch ports are not attached");
        }
        ctx.networks().flip(node.id(), role);
        return StepResult.done("ports on the " + role.name().toLowerCase() + " network");
    }

    StepResult erase(Node node) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            Optional<DiskErase> outOfBand = bmc.capability(DiskErase.class);
            if (outOfBand.isEmpty() && bmc.whyUnavailable(DiskErase.class).map(BmcClient.Unavailable::reason)
                    .filter(r -> r == UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE).isPresent()) {
                // Many BMCs reach the drives only through the host's powered storage controller:
                // power on, into a network boot on the cleaning network, so that no tenant system runs.
                powerOnForCleaning(bmc);
                outOfBand = bmc.capability(DiskErase.class);
            }
            if (outOfBand.isPresent()) {
                TaskHandle task = outOfBand.get().eraseAll();
                task.await(ctx.timeouts().erase());
                // The task's own word is the proof out of band: the BMC ran the drives' secure erase.
                TaskHandle.State state = task.state();
                if (state != TaskHandle.State.COMPLETED) {
                    throw new IntegrityException("secure erase task " + task.id() + " of node " + node.id() + " ended " + state,
                            ErrorContext.of(bmc.endpoint().uri().toString(), bmc.driverId(), "clean.erase"));
                }
                return StepResult.done("secure erase by the BMC, task " + task.id() + " completed");
            }
            if (ctx.agents() == null) {
                throw new ConfigurationException("node " + node.id() + " cannot be erased: its BMC offers no disk erase ("
                        + bmc.whyUnavailable(DiskErase.class).map(BmcClient.Unavailable::detail).orElse("") 
                        + ") and no ramdisk agent connector is configured");
            }
            return eraseInBand(node, bmc);
        }
    }

    private StepResult eraseInBand(Node node, BmcClient bmc) {
        try (RamdiskAgent agent = Ramdisk.boot(ctx, bmc, node)) {
            List<BlockDevice> devices = agent.blockDevices();
            if (devices.isEmpty() && !node.inventory().disks().isEmpty()) {
                throw new IntegrityException("the ramdisk of node " + node.id() + " sees no disk, but the inventory has "
                        + node.inventory().disks().size());
            }
            for (BlockDevice d : devices) {
                agent.erase(d, ctx.timeouts().erase());
            }
            for (BlockDevice d : devices) {
                if (!agent.isErased(d, ctx.timeouts().erase())) {
                    throw new IntegrityException("disk " + d.path() + " of node " + node.id() + " does not read back as zeros after its erase");
                }
            }
            return StepResult.done(devices.size() + " disks erased in-band, each read back as zeros");
        }
    }

    StepResult resetBios(Node node) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            Optional<BiosSettings> bios = bmc.capability(BiosSettings.class);
            if (bios.isEmpty()) {
                return StepResult.skipped("the BMC offers no BIOS settings");
            }
            bios.get().resetToDefaults();
            // The reset applies at the next boot: boot once, into the ramdisk's network boot, on the
            // cleaning network, so that nothing of the tenant's runs.
            PowerControl power = bmc.require(PowerControl.class);
            if (power.powerState() == PowerState.ON) {
                bmc.capability(BootControl.class).ifPresent(b -> b.setBootOverride(BootOverride.once(BootDevice.PXE)));
                power.perform(PowerAction.REBOOT, ctx.timeouts().power());
            } else {
                powerOnForCleaning(bmc);
            }
            Map<String, String> now = bios.get().attributes();
            for (Map.Entry<String, String> want : ctx.biosDefaults().entrySet()) {
                if (!want.getValue().equals(now.get(want.getKey()))) {
                    throw new NotAppliedException("BIOS of node " + node.id() + " reads " + want.getKey() + "=" + now.get(want.getKey())
                            + " after its reset, not the default " + want.getValue(),
                            ErrorContext.of(bmc.endpoint().uri().toString(), bmc.driverId(), "clean.bios"));
                }
            }
            return StepResult.done("BIOS reset to defaults; " + now.size() + " attributes read back, "
                    + ctx.biosDefaults().size() + " checked against the defaults");
        }
    }

    private void powerOnForCleaning(BmcClient bmc) {
        PowerControl power = bmc.require(PowerControl.class);
        if (power.powerState() != PowerState.ON) {
            bmc.capability(BootControl.class).ifPresent(b -> b.setBootOverride(BootOverride.once(BootDevice.PXE)));
            power.perform(PowerAction.ON, ctx.timeouts().power());
        }
    }

    StepResult finish(Node node) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            Ramdisk.powerOff(ctx, bmc);
        }
        StepResult flipped = flip(node, NetworkRole.PROVISIONING);
        return StepResult.done("powered off; " + flipped.detail());
    }
}
