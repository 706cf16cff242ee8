package org.bmsdk.api.workflow;

import java.time.Duration;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.model.NodeId;

/**
 * Hears the progress of the workflows, for progress displays, audit logs and metrics. As with
 * {@link org.bmsdk.api.event.EventListener}, every method has an empty default, implementations
 * must be thread-safe and fast, and what they throw is logged and ignored.
 */
public interface WorkflowListener {

    /** A listener that does nothing. */
    WorkflowListener NONE = new WorkflowListener() {
    };

    /**
     * A node moved in its lifecycle.
     *
     * @param node the node
     * @param from its state before
     * @param to its state now
     * @param cause the event or step that moved it
     */
    default void stateChanged(NodeId node, LifecycleState from, LifecycleState to, String cause) {
    }

    /**
     * A step is starting; it has been recorded in the store.
     *
     * @param node the node
     * @param workflow the workflow
     * @param step the step
     */
    default void stepStarted(NodeId node, Workflow workflow, WorkflowStep step) {
    }

    /**
     * A step finished well.
     *
     * @param node the node
     * @param workflow the workflow
     * @param step the step
     * @param elapsed how long it took, by the workflows' clock
     * @param detail what it found or did, such as {@code "2 disks erased in-band, each read back as zeros"}
     */
    default void stepSucceeded(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, String detail) {
    }

    /**
     * A step had nothing to do here, such as flipping ports of a node with no known switch port.
     *
     * @param node the node
     * @param workflow the workflow
     * @param step the step
     * @param reason why
     */
    default void stepSkipped(NodeId node, Workflow workflow, WorkflowStep step, String reason) {
    }

    /**
     * A step failed; the workflow fails the node.
     *
     * @param node the node
     * @param workflow the workflow
     * @param step the step
     * @param elapsed how long it ran
     * @param error what went wrong (its message names no secret)
     */
    default void stepFailed(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, BareMetalException error) {
    }
}
