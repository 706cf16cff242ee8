package org.bmsdk.api.workflow.internal;

import java.util.List;
import java.util.Objects;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.store.Versioned;

/**
 * Gives an AVAILABLE node to an owner: the smallest that fits, by compare-and-set on its record,
 * so that of two callers racing for one node exactly one gets it and the other moves on.
 */
public final class Allocator {

    private final WorkflowContext ctx;
    private final NodeRecords records;

    /**
     * @param ctx the workflows' context
     */
    public Allocator(WorkflowContext ctx) {
        this.ctx = ctx;
        this.records = new NodeRecords(ctx);
    }

    /**
     * Allocates a node.
     *
     * @param requirements what it must have
     * @param owner the tenant
     * @param resourceClass its resource class, or null for any
     * @return the node, owned
     * @throws ConflictException when none fits
     */
    public Node allocate(Requirements requirements, String owner, String resourceClass) {
        Objects.requireNonNull(requirements, "requirements");
        TenantNetwork.check("owner", owner);
        List<Node> free = ctx.store().nodes().list().stream().map(Versioned::value)
                .filter(Allocator::free)
                .filter(n -> resourceClass == null || resourceClass.equals(n.resourceClass()))
                .toList();
        for (Node candidate : requirements.rank(free)) {
            try {
                Node taken = ctx.store().nodes().modify(candidate.id(), n -> {
                    // Checked again on the record as it is now: someone may have taken it since the list.
                    if (!free(n) || !requirements.matches(n)) {
                        throw new ConflictException("node " + n.id() + " is no longer free");
                    }
                    return n.toBuilder().owner(owner).build();
                }).value();
                ctx.listener().stateChanged(taken.id(), taken.lifecycleState(), taken.lifecycleState(), "allocated to " + owner);
                return taken;
            } catch (ConflictException lost) {
                // Another caller won this one; the next in order may still be free.
            }
        }
        throw new ConflictException("no available node fits '" + requirements + "'"
                + (resourceClass == null ? "" : " in resource class " + resourceClass) + " (" + free.size() + " free)");
    }

    /**
     * Clears the owner of an AVAILABLE node that was never deployed.
     *
     * @param id the node
     * @return the node, unowned
     */
    public Node deallocate(NodeId id) {
        Node n = records.update(id, b -> {
            Node now = b.build();
            if (now.provisionState() != ProvisionState.AVAILABLE) {
                throw new ConflictException("node " + id + " is " + now.provisionState() + ", no longer merely allocated");
            }
            return b.owner(null);
        });
        ctx.listener().stateChanged(id, n.lifecycleState(), n.lifecycleState(), "deallocated");
        return n;
    }

    private static boolean free(Node n) {
        return n.provisionState() == ProvisionState.AVAILABLE && n.owner().isEmpty() && !n.maintenance();
    }
}
