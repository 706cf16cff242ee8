package org.bmsdk.api.workflow.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.lifecycle.LifecycleEvent;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.Workflow;
import org.bmsdk.api.workflow.WorkflowStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a workflow's steps on a node already in the workflow's transient state: each step is
 * recorded in the store before it is done; a step that throws fails the node (FAIL), while an
 * error writing the store is left to propagate with the node still transient, as a crash would,
 * for {@code resume} to finish.
 */
public final class WorkflowRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunner.class);

    private final WorkflowContext ctx;
    private final NodeRecords records;
    private final Steps steps;

    /**
     * @param ctx the workflows' context
     */
    public WorkflowRunner(WorkflowContext ctx) {
        this.ctx = ctx;
        this.records = new NodeRecords(ctx);
        this.steps = new Steps(ctx, records);
    }

    /** @return the workflows' context */
    public WorkflowContext context() {
        return ctx;
    }

    /**
     * Runs a release from {@code progress}, then the cleaning that always follows it. DELETING's
     * DONE leads into cleaning and clears the owner in the same write: the tenant no longer reaches
     * the node (ports unbound, volumes detached), and cleaning stands between it and the next one.
     *
     * @param id the node, DELETING
     * @param progress where the release stands
     * @return the node, AVAILABLE
     */
    public Node releaseAndClean(NodeId id, Progress progress) {
        run(id, progress, b -> b.owner(null));
        return run(id, Progress.start(Workflow.CLEAN, null, null), b -> b);
    }

    /**
     * Runs a deploy from its first step. When the node's last deploy failed, the volumes it
     * exported and the new request does not keep (another volume, or another initiator) are
     * detached first: the new deploy's record replaces the old one, and with it the only record of
     * what the release would have to detach. Until that detach is done, the old record stays, so
     * a crash in between resumes the old deploy, which knows its volumes.
     *
     * @param id the node, DEPLOYING
     * @param tenant its owner
     * @param request what to provision
     * @return the node, ACTIVE
     */
    public Node deploy(NodeId id, String tenant, DeployRequest request) {
        records.progress(id).filter(p -> p.workflow() == Workflow.DEPLOY && p.request() != null)
                .ifPresent(earlier -> detachLeftovers(id, earlier, request));
        return run(id, Progress.start(Workflow.DEPLOY, tenant, request), b -> b);
    }

    private void detachLeftovers(NodeId id, Progress earlier, DeployRequest request) {
        DeployRequest old = earlier.request();
        List<String> leftovers = old.volumes().stream()
                .filter(v -> !(old.connector().equals(request.connector()) && request.volumes().contains(v))).toList();
        if (leftovers.isEmpty()) {
            return;
        }
        DeployRequest.Builder undo = DeployRequest.builder().connector(old.connector().orElseThrow());
        leftovers.forEach(undo::volume);
        Instant start = ctx.clock().instant();
        try {
            StepResult r = steps.run(WorkflowStep.DETACH_VOLUMES, records.get(id), earlier.tenant(), undo.build());
            ctx.listener().stepSucceeded(id, Workflow.DEPLOY, WorkflowStep.DETACH_VOLUMES,
                    Duration.between(start, ctx.clock().instant()), "left by the failed deploy: " + r.detail());
        } catch (RuntimeException e) {
            BareMetalException error = wrap(id, WorkflowStep.DETACH_VOLUMES, e);
            ctx.listener().stepFailed(id, Workflow.DEPLOY, WorkflowStep.DETACH_VOLUMES, Duration.between(start, ctx.clock().instant()),
                    error);
            // The old record stays the node's: a release or the next deploy detaches them again.
            fail(id, earlier, error);
            throw error;
        }
    }

    private static BareMetalException wrap(NodeId id, WorkflowStep step, RuntimeException e) {
        return e instanceof BareMetalException b ? b
                : new BareMetalException(step + " of node " + id + " failed: " + e, org.bmsdk.api.ErrorContext.NONE, false, e);
    }

    /** @return the node records this runner writes */
    public NodeRecords records() {
        return records;
    }

    /** @return the steps, to run one on its own */
    public Steps steps() {
        return steps;
    }

    /**
     * Runs the steps from {@code progress.step()} on, then fires DONE.
     *
     * @param id the node, in {@code progress.workflow()}'s transient state
     * @param progress where to start, with the owner and request
     * @param onDone further changes made with the DONE move (the release clears the owner)
     * @return the node after DONE
     * @throws BareMetalException what a step threw, after the node was failed
     */
    public Node run(NodeId id, Progress progress, UnaryOperator<Node.Builder> onDone) {
        Workflow workflow = progress.workflow();
        List<WorkflowStep> all = workflow.steps();
        for (WorkflowStep step : all.subList(all.indexOf(progress.step()), all.size())) {
            Progress here = progress.at(step);
            records.record(id, here);
            runStep(id, here);
        }
        records.record(id, progress.at(all.get(all.size() - 1)).done());
        return records.fire(id, LifecycleEvent.DONE, null, onDone, workflow.name().toLowerCase() + " done");
    }

    private void runStep(NodeId id, Progress here) {
        Workflow workflow = here.workflow();
        WorkflowStep step = here.step();
        ctx.listener().stepStarted(id, workflow, step);
        Instant start = ctx.clock().instant();
        StepResult result;
        try {
            result = steps.run(step, records.get(id), here.tenant(), here.request());
        } catch (RuntimeException e) {
            BareMetalException error = wrap(id, step, e);
            ctx.listener().stepFailed(id, workflow, step, Duration.between(start, ctx.clock().instant()), error);
            fail(id, here, error);
            throw error;
        }
        if (result.skipped()) {
            ctx.listener().stepSkipped(id, workflow, step, result.detail());
        } else {
            ctx.listener().stepSucceeded(id, workflow, step, Duration.between(start, ctx.clock().instant()), result.detail());
        }
    }

    /**
     * Fails a node's workflow: marks its progress finished and fires FAIL. A store error here is
     * logged, not thrown over the step's error: the node stays transient and resume fails it again.
     *
     * @param id the node
     * @param here where it failed
     * @param error why
     */
    public void fail(NodeId id, Progress here, BareMetalException error) {
        try {
            records.record(id, here.done());
            records.fire(id, LifecycleEvent.FAIL, null, b -> b, here.workflow().name().toLowerCase() + " failed at " + here.step());
        } catch (RuntimeException e) {
            LOG.warn("node {}: could not record the failure of {} at {}; resume will fail it: {}", id, here.workflow(),
                    here.step(), e.toString());
            error.addSuppressed(e);
        }
    }
}
