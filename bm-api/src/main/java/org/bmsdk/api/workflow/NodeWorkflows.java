package org.bmsdk.api.workflow;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.agent.RamdiskAgentConnector;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.Guard;
import org.bmsdk.api.lifecycle.LifecycleEvent;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.workflow.internal.Allocator;
import org.bmsdk.api.workflow.internal.GuardedWorkflowListener;
import org.bmsdk.api.workflow.internal.NodeRecords;
import org.bmsdk.api.workflow.internal.Progress;
import org.bmsdk.api.workflow.internal.Resumer;
import org.bmsdk.api.workflow.internal.StepResult;
import org.bmsdk.api.workflow.internal.WorkflowContext;
import org.bmsdk.api.workflow.internal.WorkflowRunner;

/**
 * Runs a node through its life with a few calls: {@link #enroll} and {@link #verify}, {@link #inspect},
 * {@link #provide} (cleaning, then AVAILABLE), {@link #allocate} by capability, {@link #deploy} for
 * the owner, {@link #release} (power off, detach, unbind, cleaning, AVAILABLE), all written against
 * bm-api interfaces so that any driver plugs in.
 *
 * <p>Every move goes through the {@link NodeLifecycle} and is written compare-and-set to the
 * {@link Store}; a workflow first claims the node by moving it into its transient state, so two
 * callers never run workflows on one node at once, and then records each step before doing it.
 * A step that fails fails the node (CLEAN_FAILED, DEPLOY_FAILED, ...; never AVAILABLE) and its error
 * is thrown; an error of the store itself leaves the node in its transient state, as a crash
 * would, and {@link #resume()} (called at start-up) finishes or fails every such node.
 *
 * <p>Thread-safe: calls on different nodes run in parallel.
 *
 * <pre>{@code
 * NodeWorkflows workflows = NodeWorkflows.builder(store)
 *         .bmcs(BmcConnector.of(BmcDriverRegistry.loadInstalled(), DriverContext.defaults()))
 *         .networks(tenantNetworks).storage(blockStorage).agents(ramdiskAgents)
 *         .build();
 * workflows.resume();
 * Node n = workflows.allocate(Requirements.parse("memory >= 64GiB"), "tenant-a", null);
 * workflows.deploy(n.id(), DeployRequest.builder().volume("boot-a").connector(iqn).boot(BootSource.volume()).build());
 * }</pre>
 */
public final class NodeWorkflows {

    private final WorkflowContext ctx;
    private final WorkflowRunner runner;
    private final NodeRecords records;
    private final Allocator allocator;

    private NodeWorkflows(Builder b) {
        this.ctx = new WorkflowContext(b.store, b.lifecycle, b.bmcs, b.networks, b.storage, b.agents, b.ramdiskImage,
                Map.copyOf(b.biosDefaults), b.clock, b.timeouts, new GuardedWorkflowListener(b.listener));
        this.runner = new WorkflowRunner(ctx);
        this.records = runner.records();
        this.allocator = new Allocator(ctx);
    }

    /**
     * Starts a builder.
     *
     * @param store where nodes and workflow progress are kept
     * @return a builder
     */
    public static Builder builder(Store store) {
        return new Builder(store);
    }

    /**
     * Registers a new node, in ENROLL.
     *
     * @param node the node, in {@link ProvisionState#ENROLL}
     * @return the node as stored
     * @throws ConflictException when a node with its id exists
     */
    public Node enroll(Node node) {
        if (node.provisionState() != ProvisionState.ENROLL) {
            throw new IllegalArgumentException("a node is enrolled in ENROLL, but " + node.id() + " is " + node.provisionState());
        }
        return ctx.store().nodes().create(node.id(), node).value();
    }

    /**
     * Verifies an enrolled node's BMC (reachable, credentials good): ENROLL to MANAGEABLE, or back to
     * ENROLL when it fails.
     *
     * @param id the node
     * @return the node, MANAGEABLE
     */
    public Node verify(NodeId id) {
        return start(id, LifecycleEvent.MANAGE, Workflow.VERIFY, null);
    }

    /**
     * Inspects a MANAGEABLE node: inventory from the BMC, switch ports from LLDP (through the ramdisk
     * agent when one is configured), ports attached to the tenant networks; INSPECT_FAILED on failure.
     *
     * @param id the node
     * @return the node, MANAGEABLE
     */
    public Node inspect(NodeId id) {
        return start(id, LifecycleEvent.INSPECT, Workflow.INSPECT, null);
    }

    /**
     * Offers a MANAGEABLE node to tenants: cleaning, then AVAILABLE; CLEAN_FAILED on failure.
     *
     * @param id the node
     * @return the node, AVAILABLE
     */
    public Node provide(NodeId id) {
        return start(id, LifecycleEvent.PROVIDE, Workflow.CLEAN, null);
    }

    /**
     * Cleans a MANAGEABLE node on the operator's request, back to MANAGEABLE; CLEAN_FAILED on failure.
     *
     * @param id the node
     * @return the node, MANAGEABLE
     */
    public Node clean(NodeId id) {
        return start(id, LifecycleEvent.CLEAN, Workflow.CLEAN, null);
    }

    /**
     * Settles a failed node (CLEAN_FAILED, INSPECT_FAILED) or withdraws an unowned AVAILABLE one, into
     * MANAGEABLE; only the record moves.
     *
     * @param id the node
     * @return the node, MANAGEABLE
     */
    public Node manage(NodeId id) {
        Guard unowned = Guard.forEvent(LifecycleEvent.MANAGE, t -> records.get(id).owner().isEmpty(),
                "node " + id + " is allocated: release it first");
        return records.fire(id, LifecycleEvent.MANAGE, unowned, b -> b, "manage");
    }

    /**
     * Allocates the smallest AVAILABLE, unowned, not-in-maintenance node that meets the requirements
     * to an owner, exactly once under concurrency (compare-and-set on the node record).
     *
     * @param requirements what the machine must have
     * @param owner the tenant
     * @param resourceClass the node's resource class, or null for any
     * @return the node, AVAILABLE, owned
     * @throws ConflictException when no node fits
     */
    public Node allocate(Requirements requirements, String owner, String resourceClass) {
        return allocator.allocate(requirements, owner, resourceClass);
    }

    /**
     * Provisions an allocated node for its owner: tenant networks, volumes, boot device, power on;
     * ACTIVE, or DEPLOY_FAILED on failure (release it then, which cleans it, or deploy it again:
     * the volumes the failed deploy exported that the new request does not keep are detached first).
     *
     * @param id the node, AVAILABLE and owned
     * @param request what to provision
     * @return the node, ACTIVE
     */
    public Node deploy(NodeId id, DeployRequest request) {
        Objects.requireNonNull(request, "request");
        Guard owned = Guard.forEvent(LifecycleEvent.DEPLOY, t -> records.get(id).owner().isPresent(),
                "node " + id + " has no owner: allocate it first");
        Node claimed = records.fire(id, LifecycleEvent.DEPLOY, owned, b -> b, "deploy");
        return runner.deploy(id, claimed.owner().orElseThrow(), request);
    }

    /**
     * Releases a node from its owner. An ACTIVE, DEPLOY_FAILED or ERROR node is powered off, its
     * media ejected, its volumes detached and its ports unbound, its owner cleared, then it is
     * cleaned into AVAILABLE (CLEAN_FAILED if that fails). An AVAILABLE node that was allocated but
     * never deployed only loses its owner.
     *
     * @param id the node
     * @return the node, AVAILABLE and unowned
     */
    public Node release(NodeId id) {
        Node node = records.get(id);
        if (node.provisionState() == ProvisionState.AVAILABLE) {
            return allocator.deallocate(id);
        }
        // The deploy's record names the volumes to detach; keep it for the release.
        Optional<Progress> deployed = records.progress(id)
                .filter(p -> p.workflow() == Workflow.DEPLOY || p.workflow() == Workflow.RELEASE);
        records.fire(id, LifecycleEvent.DELETE, null, b -> b, "release");
        return runner.releaseAndClean(id, Progress.start(Workflow.RELEASE, node.owner().orElse(null),
                deployed.map(Progress::request).orElse(null)));
    }

    private Node start(NodeId id, LifecycleEvent event, Workflow workflow, DeployRequest request) {
        records.fire(id, event, null, b -> b, event.name().toLowerCase());
        return runner.run(id, Progress.start(workflow, null, request), b -> b);
    }

    /**
     * Runs one step on a node outside any workflow, without moving it in its lifecycle: for callers
     * that compose steps of their own, such as a failover moving a node's networks and volumes to a
     * spare. The step is idempotent; it is not recorded.
     *
     * @param id the node
     * @param step the step
     * @param request the deploy request, for provisioning and release steps; else null
     * @return what the step did, or why it had nothing to do
     */
    public String runStep(NodeId id, WorkflowStep step, DeployRequest request) {
        Node node = records.get(id);
        StepResult r = runner.steps().run(step, node, node.owner().orElse(null), request);
        return r.skipped() ? "skipped: " + r.detail() : r.detail();
    }

    /**
     * Finishes or fails every node left in a transient state by a crash: a workflow of ours resumes
     * at the step recorded (redone, being idempotent), or from its first step when the record is not
     * this run's; a deploy whose request was lost, and RESCUING or UNRESCUING, are failed. Call it
     * at start-up, before other calls, and from one controller instance at a time.
     *
     * @return every node it touched, as it left them
     */
    public List<Node> resume() {
        return new Resumer(runner).resumeAll();
    }

    /** Configures {@link NodeWorkflows}. */
    public static final class Builder {
        private final Store store;
        private NodeLifecycle lifecycle = NodeLifecycle.create();
        private BmcConnector bmcs;
        private TenantNetworks networks;
        private BlockStorage storage;
        private RamdiskAgentConnector agents;
        private URI ramdiskImage;
        private Map<String, String> biosDefaults = Map.of();
        private Clock clock = Clock.systemUTC();
        private WorkflowTimeouts timeouts = WorkflowTimeouts.defaults();
        private WorkflowListener listener = WorkflowListener.NONE;

        private Builder(Store store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * Sets how the BMC of a node is reached; required.
         *
         * @param connector such as {@link BmcConnector#of}
         * @return this builder
         */
        public Builder bmcs(BmcConnector connector) {
            this.bmcs = Objects.requireNonNull(connector, "connector");
            return this;
        }

        /**
         * Sets the tenant networks; without them, no port is moved.
         *
         * @param tenantNetworks the networks
         * @return this builder
         */
        public Builder networks(TenantNetworks tenantNetworks) {
            this.networks = tenantNetworks;
            return this;
        }

        /**
         * Sets the block storage; needed for deploys with volumes.
         *
         * @param blockStorage the storage
         * @return this builder
         */
        public Builder storage(BlockStorage blockStorage) {
            this.storage = blockStorage;
            return this;
        }

        /**
         * Sets the ramdisk agent connector: LLDP at inspection, and in-band erase where the BMC has none.
         *
         * @param connector the connector
         * @return this builder
         */
        public Builder agents(RamdiskAgentConnector connector) {
            this.agents = connector;
            return this;
        }

        /**
         * Boots the service ramdisk from this image by virtual media where the BMC offers it; PXE otherwise.
         *
         * @param image an http(s) URL the BMC can fetch, or null for PXE
         * @return this builder
         */
        public Builder ramdiskImage(URI image) {
            this.ramdiskImage = image;
            return this;
        }

        /**
         * Sets BIOS attributes that must read back after cleaning's reset to defaults.
         *
         * @param defaults attribute name to default value
         * @return this builder
         */
        public Builder biosDefaults(Map<String, String> defaults) {
            this.biosDefaults = Map.copyOf(defaults);
            return this;
        }

        /**
         * Sets the lifecycle machine (with its guards and listeners); the standard one unless set.
         *
         * @param machine the machine
         * @return this builder
         */
        public Builder lifecycle(NodeLifecycle machine) {
            this.lifecycle = Objects.requireNonNull(machine, "machine");
            return this;
        }

        /**
         * Sets the clock step durations are measured with.
         *
         * @param c the clock
         * @return this builder
         */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /**
         * Sets the device timeouts.
         *
         * @param t the timeouts
         * @return this builder
         */
        public Builder timeouts(WorkflowTimeouts t) {
            this.timeouts = Objects.requireNonNull(t, "timeouts");
            return this;
        }

        /**
         * Sets the progress listener.
         *
         * @param l the listener
         * @return this builder
         */
        public Builder listener(WorkflowListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /**
         * Builds the workflows.
         *
         * @return the workflows
         * @throws ConfigurationException when no BMC connector was set
         */
        public NodeWorkflows build() {
            if (bmcs == null) {
                throw new ConfigurationException("NodeWorkflows needs a BMC connector: bmcs(BmcConnector.of(registry, context))");
            }
            return new NodeWorkflows(this);
        }
    }
}
