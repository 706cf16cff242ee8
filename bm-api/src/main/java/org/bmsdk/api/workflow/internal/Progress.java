package org.bmsdk.api.workflow.internal;

import java.util.Objects;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.Workflow;
import org.bmsdk.api.workflow.WorkflowStep;

/**
 * How far a node's workflow has got, as kept in the store's {@code workflow} records: written
 * before each step is done, and marked finished before the workflow's last transition, so that a
 * resumed workflow redoes the step a crash interrupted, or starts over when the record is not
 * this run's.
 *
 * @param workflow the workflow
 * @param step the step reached (being done, or about to be)
 * @param finished whether every step is done (or the workflow failed)
 * @param tenant the node's owner while provisioning or releasing, or null
 * @param request what provisioning does, or null outside provisioning and release
 */
public record Progress(Workflow workflow, WorkflowStep step, boolean finished, String tenant, DeployRequest request) {

    /** Validates that the step belongs to the workflow. */
    public Progress {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(step, "step");
        if (!workflow.steps().contains(step)) {
            throw new IllegalArgumentException("step " + step + " is not a step of " + workflow);
        }
    }

    /**
     * The start of a workflow.
     *
     * @param workflow the workflow
     * @param tenant the owner, or null
     * @param request the deploy request, or null
     * @return the progress at its first step
     */
    public static Progress start(Workflow workflow, String tenant, DeployRequest request) {
        return new Progress(workflow, workflow.steps().get(0), false, tenant, request);
    }

    /**
     * @param next the step reached
     * @return this progress at another step
     */
    public Progress at(WorkflowStep next) {
        return new Progress(workflow, next, false, tenant, request);
    }

    /** @return this progress marked finished */
    public Progress done() {
        return new Progress(workflow, step, true, tenant, request);
    }
}
