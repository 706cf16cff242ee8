package org.bmsdk.api.workflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.lifecycle.LifecycleEvent;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finishes or fails, at start-up, every node a crash left in a transient state. */
public final class Resumer {

    private static final Logger LOG = LoggerFactory.getLogger(Resumer.class);

    private final WorkflowRunner runner;
    private final NodeRecords records;

    /**
     * @param runner runs the workflows
     */
    public Resumer(WorkflowRunner runner) {
        this.runner = runner;
        this.records = runner.records();
    }

    /**
     * Resumes every transient node.
     *
     * @return the nodes touched, as they were left
     */
    public List<Node> resumeAll() {
        List<Node> touched = new ArrayList<>();
        for (var v : runner.context().store().nodes().list()) {
            Node node = v.value();
            if (!node.provisionState().isTransient()) {
                continue;
            }
            try {
                resume(node);
            } catch (BareMetalException e) {
                LOG.warn("node {}: resumed workflow failed: {}", node.id(), e.getMessage());
            }
            touched.add(records.get(node.id()));
        }
        return touched;
    }

    private void resume(Node node) {
        NodeId id = node.id();
        Workflow workflow = Workflow.runningIn(node.provisionState());
        if (workflow == null) {
            // Rescue is none of ours: whoever ran it is gone, so it ends as a failure.
            records.fire(id, LifecycleEvent.FAIL, null, b -> b, "found in " + node.provisionState() + " at start-up");
            return;
        }
        Optional<Progress> recorded = records.progress(id);
        // A record of another workflow, or a finished one, is not this run's: start it over.
        Optional<Progress> ours = recorded.filter(p -> p.workflow() == workflow && !p.finished());
        LOG.info("node {}: resuming {} at {}", id, node.lifecycleState(), ours.map(Progress::step).orElse(null));
        switch (workflow) {
            case DEPLOY -> {
                Progress p = ours.orElseGet(() -> recorded.filter(r -> r.workflow() == Workflow.DEPLOY && r.request() != null)
                        .map(r -> Progress.start(Workflow.DEPLOY, r.tenant(), r.request())).orElse(null));
                if (p == null || node.owner().isEmpty()) {
                    runner.fail(id, Progress.start(Workflow.DEPLOY, null, null),
                            new ConfigurationException("node " + id + ": the deploy request was lost in a crash"));
                    return;
                }
                runner.run(id, p, b -> b);
            }
            case RELEASE -> runner.releaseAndClean(id, ours.orElseGet(() -> Progress.start(Workflow.RELEASE,
                    node.owner().orElse(null), recorded.map(Progress::request).orElse(null))));
            default -> runner.run(id, ours.orElseGet(() -> Progress.start(workflow, null, null)), b -> b);
        }
    }
}
