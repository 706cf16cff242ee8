package org.bmsdk.api.workflow.internal;

import java.time.Duration;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.workflow.Workflow;
import org.bmsdk.api.workflow.WorkflowListener;
import org.bmsdk.api.workflow.WorkflowStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes events to the caller's listener; what it throws is logged and never fails a workflow. */
public final class GuardedWorkflowListener implements WorkflowListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedWorkflowListener.class);

    private final WorkflowListener delegate;

    /**
     * @param delegate the caller's listener
     */
    public GuardedWorkflowListener(WorkflowListener delegate) {
        this.delegate = delegate;
    }

    private void each(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("workflow listener {} threw; ignored", delegate.getClass().getName(), e);
        }
    }

    @Override
    public void stateChanged(NodeId node, LifecycleState from, LifecycleState to, String cause) {
        LOG.info("node {}: {} -> {} ({})", node, from, to, cause);
        each(() -> delegate.stateChanged(node, from, to, cause));
    }

    @Override
    public void stepStarted(NodeId node, Workflow workflow, WorkflowStep step) {
        LOG.debug("node {}: {} {} started", node, workflow, step);
        each(() -> delegate.stepStarted(node, workflow, step));
    }

    @Override
    public void stepSucceeded(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, String detail) {
        LOG.info("node {}: {} {} done in {} ms: {}", node, workflow, step, elapsed.toMillis(), detail);
        each(() -> delegate.stepSucceeded(node, workflow, step, elapsed, detail));
    }

    @Override
    public void stepSkipped(NodeId node, Workflow workflow, WorkflowStep step, String reason) {
        LOG.info("node {}: {} {} skipped: {}", node, workflow, step, reason);
        each(() -> delegate.stepSkipped(node, workflow, step, reason));
    }

    @Override
    public void stepFailed(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, BareMetalException error) {
        LOG.warn("node {}: {} {} failed after {} ms: {}", node, workflow, step, elapsed.toMillis(), error.getMessage());
        each(() -> delegate.stepFailed(node, workflow, step, elapsed, error));
    }
}
