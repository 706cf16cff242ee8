package org.bmsdk.api.workflow;

import java.util.List;
import org.bmsdk.api.lifecycle.ProvisionState;

import static org.bmsdk.api.workflow.WorkflowStep.*;

/** The workflows {@link NodeWorkflows} runs, each an ordered list of steps in one transient state. */
public enum Workflow {
    /** ENROLL to MANAGEABLE: is the BMC reachable with these credentials. */
    VERIFY(ProvisionState.VERIFYING, List.of(VERIFY_BMC)),
    /** Inventory and switch ports, MANAGEABLE to MANAGEABLE. */
    INSPECT(ProvisionState.INSPECTING, List.of(READ_INVENTORY, READ_LLDP, ATTACH_PORTS)),
    /** Cleaning (BMT002): the only way into AVAILABLE. */
    CLEAN(ProvisionState.CLEANING, List.of(FLIP_TO_CLEANING, ERASE_DISKS, RESET_BIOS, FLIP_TO_PROVISIONING)),
    /** Provisioning for the node's owner, AVAILABLE to ACTIVE. */
    DEPLOY(ProvisionState.DEPLOYING, List.of(BIND_NETWORKS, ATTACH_VOLUMES, SET_BOOT_DEVICE, POWER_ON)),
    /** Release from the tenant; cleaning follows, always. */
    RELEASE(ProvisionState.DELETING, List.of(POWER_OFF, EJECT_MEDIA, DETACH_VOLUMES, UNBIND_NETWORKS));

    private final ProvisionState state;
    private final List<WorkflowStep> steps;

    Workflow(ProvisionState state, List<WorkflowStep> steps) {
        this.state = state;
        this.steps = steps;
    }

    /** @return the transient state a node is in while this workflow runs */
    public ProvisionState state() {
        return state;
    }

    /** @return the steps, in the order they run */
    public List<WorkflowStep> steps() {
        return steps;
    }

    /**
     * The workflow that runs in a transient state.
     *
     * @param state a provision state
     * @return the workflow, or null when none of ours runs in it (RESCUING, UNRESCUING, resting states)
     */
    public static Workflow runningIn(ProvisionState state) {
        for (Workflow w : values()) {
            if (w.state == state) {
                return w;
            }
        }
        return null;
    }
}
