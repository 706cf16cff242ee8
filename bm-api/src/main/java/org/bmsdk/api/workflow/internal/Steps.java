package org.bmsdk.api.workflow.internal;

import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.WorkflowStep;

/** Runs one step by name on a node as the store has it now. */
public final class Steps {

    private final InspectionSteps inspection;
    private final CleaningSteps cleaning;
    private final ProvisioningSteps provisioning;

    /**
     * @param ctx the workflows' context
     * @param records the node records
     */
    public Steps(WorkflowContext ctx, NodeRecords records) {
        this.inspection = new InspectionSteps(ctx, records);
        this.cleaning = new CleaningSteps(ctx);
        this.provisioning = new ProvisioningSteps(ctx, records);
    }

    /**
     * Runs a step.
     *
     * @param step the step
     * @param node the node, freshly read
     * @param tenant the owner, for binding networks
     * @param request the deploy request, for the provisioning and release steps
     * @return what it did
     */
    public StepResult run(WorkflowStep step, Node node, String tenant, DeployRequest request) {
        return switch (step) {
            case VERIFY_BMC -> inspection.verifyBmc(node);
            case READ_INVENTORY -> inspection.readInventory(node);
            case READ_LLDP -> inspection.readLldp(node);
            case ATTACH_PORTS -> inspection.attachPorts(node);
            case FLIP_TO_CLEANING -> cleaning.flip(node, NetworkRole.CLEANING);
            case ERASE_DISKS -> cleaning.erase(node);
            case RESET_BIOS -> cleaning.resetBios(node);
            case FLIP_TO_PROVISIONING -> cleaning.finish(node);
            case BIND_NETWORKS -> provisioning.bindNetworks(node, need(tenant, step), need(request, step));
            case ATTACH_VOLUMES -> provisioning.attachVolumes(node, need(request, step));
            case SET_BOOT_DEVICE -> provisioning.setBootDevice(node, need(request, step));
            case POWER_ON -> provisioning.powerOn(node);
            case POWER_OFF -> provisioning.powerOff(node);
            case EJECT_MEDIA -> provisioning.ejectMedia(node);
            case DETACH_VOLUMES -> provisioning.detachVolumes(node, request);
            case UNBIND_NETWORKS -> provisioning.unbindNetworks(node);
        };
    }

    private static <T> T need(T value, WorkflowStep step) {
        if (value == null) {
            throw new ConfigurationException("step " + step + " needs a deploy request and an owner");
        }
        return value;
    }
}
