package org.bmsdk.api.workflow.internal;

import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.workflow.DeployRequest;

/** Provisioning for a tenant and its undoing at release, each step idempotent. */
final class ProvisioningSteps {

    private final WorkflowContext ctx;
    private final NodeRecords records;

    ProvisioningSteps(WorkflowContext ctx, NodeRecords records) {
        this.ctx = ctx;
        this.records = records;
    }

    StepResult bindNetworks(Node node, String tenant, DeployRequest request) {
        if (ctx.networks() == null) {
            return StepResult.skipped("no tenant networks configured");
        }
        if (ctx.networks().node(node.id()).isEmpty()) {
            if (!request.bindings().isEmpty()) {
                throw new ConfigurationException("node " + node.id() + " has tenant networks requested, but its switch ports"
                        + " are not attached: inspect it first");
            }
            return StepResult.skipped("the node's switch ports are not attached");
        }
        ctx.networks().bind(node.id(), tenant, request.bindings());
        return StepResult.done(request.bindings().size() + " ports on " + tenant + "'s networks");
    }

    StepResult attachVolumes(Node node, DeployRequest request) {
        if (request.volumes().isEmpty()) {
            return StepResult.skipped("no volume requested");
        }
        requireStorage(node);
        VolumeConnector connector = request.connector().orElseThrow();
        for (String volume : request.volumes()) {
            ctx.storage().attach(volume, connector);
        }
        return StepResult.done(request.volumes().size() + " volumes exported to " + connector.initiator());
    }

    StepResult setBootDevice(Node node, DeployRequest request) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            BootControl boot = bmc.require(BootControl.class);
            switch (request.boot().kind()) {
                case VIRTUAL_MEDIA -> {
                    bmc.require(VirtualMedia.class).insert(request.boot().image());
                    boot.setBootOverride(BootOverride.persistent(BootDevice.CDROM, BootMode.UEFI));
                    return StepResult.done("boots " + request.boot().image() + " from virtual media");
                }
                case DISK -> {
                    boot.setBootOverride(BootOverride.persistent(BootDevice.DISK, BootMode.UEFI));
                    return StepResult.done("boots from its own disk");
                }
                case VOLUME -> {
                    boot.setBootOverride(BootOverride.persistent(BootDevice.PXE, BootMode.UEFI));
                    return StepResult.done("boots volume " + request.volumes().get(0) + " through network boot");
                }
                default -> {
                    boot.setBootOverride(BootOverride.persistent(BootDevice.PXE, BootMode.UEFI));
                    return StepResult.done("boots from the network");
                }
            }
        }
    }

    StepResult powerOn(Node node) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            PowerControl power = bmc.require(PowerControl.class);
            if (power.powerState() != PowerState.ON) {
                power.perform(PowerAction.ON, ctx.timeouts().power());
            }
        }
        records.update(node.id(), b -> b.powerState(PowerState.ON));
        return StepResult.done("powered on");
    }

    StepResult powerOff(Node node) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            PowerControl power = bmc.require(PowerControl.class);
            String how = "was off";
            if (power.powerState() != PowerState.OFF) {
                // The tenant's system gets its chance to shut down; the release must go on regardless.
                how = power.gracefulShutdown(ctx.timeouts().gracefulShutdown(), true) ? "shut down gracefully" : "forced off";
            }
            records.update(node.id(), b -> b.powerState(PowerState.OFF));
            return StepResult.done(how);
        }
    }

    StepResult ejectMedia(Node node) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            var media = bmc.capability(VirtualMedia.class);
            if (media.isEmpty()) {
                return StepResult.skipped("the BMC offers no virtual media");
            }
            media.get().eject();
            return StepResult.done("virtual media ejected");
        }
    }

    StepResult detachVolumes(Node node, DeployRequest request) {
        if (request == null || request.volumes().isEmpty()) {
            return StepResult.skipped("no volume attached");
        }
        requireStorage(node);
        VolumeConnector connector = request.connector().orElseThrow();
        for (String volume : request.volumes()) {
            ctx.storage().detach(volume, connector);
        }
        return StepResult.done(request.volumes().size() + " volumes detached from " + connector.initiator());
    }

    StepResult unbindNetworks(Node node) {
        if (ctx.networks() == null) {
            return StepResult.skipped("no tenant networks configured");
        }
        if (ctx.networks().node(node.id()).isEmpty()) {
            return StepResult.skipped("the node's switch ports are not attached");
        }
        ctx.networks().unbind(node.id());
        return StepResult.done("ports idle, node free of its tenant's networks");
    }

    private void requireStorage(Node node) {
        if (ctx.storage() == null) {
            throw new ConfigurationException("node " + node.id() + " has volumes, but no block storage is configured");
        }
    }
}
