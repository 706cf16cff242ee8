package org.bmsdk.api.workflow.internal;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.lifecycle.Guard;
import org.bmsdk.api.lifecycle.LifecycleEvent;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/**
 * Reads and writes node records and their workflow progress, every write compare-and-set, every
 * lifecycle move through the state machine.
 */
public final class NodeRecords {

    /** The store namespace of progress records, keyed by node id. */
    public static final String NAMESPACE = "workflow";

    private final WorkflowContext ctx;

    /**
     * @param ctx the workflows' context
     */
    public NodeRecords(WorkflowContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Reads a node.
     *
     * @param id the node
     * @return it
     * @throws ConfigurationException when there is no such node
     */
    public Node get(NodeId id) {
        return ctx.store().nodes().get(id).map(Versioned::value)
                .orElseThrow(() -> new ConfigurationException("no node " + id + " in the store"));
    }

    /**
     * Moves a node by one event, changing other fields in the same write.
     *
     * @param id the node
     * @param event the event
     * @param guard a check on this node for this move, or null
     * @param also further changes to the node, made with the move
     * @param cause what moved it, for the listener
     * @return the node as written
     * @throws org.bmsdk.api.lifecycle.IllegalTransitionException when the machine refuses the move
     */
    public Node fire(NodeId id, LifecycleEvent event, Guard guard, UnaryOperator<Node.Builder> also, String cause) {
        AtomicReference<LifecycleState> from = new AtomicReference<>();
        Node written = nodes().modify(id, n -> {
            from.set(n.lifecycleState());
            LifecycleState next = ctx.lifecycle().fire(n.lifecycleState(), event, guard);
            return also.apply(n.toBuilder().lifecycle(next)).build();
        }).value();
        ctx.listener().stateChanged(id, from.get(), written.lifecycleState(), cause);
        return written;
    }

    /**
     * Changes a node's fields other than its lifecycle state.
     *
     * @param id the node
     * @param change the change, free of side effects (it may run more than once)
     * @return the node as written
     */
    public Node update(NodeId id, UnaryOperator<Node.Builder> change) {
        return nodes().modify(id, n -> change.apply(n.toBuilder()).build()).value();
    }

    /**
     * Reads a node's progress record.
     *
     * @param id the node
     * @return the record, empty when there is none
     */
    public Optional<Progress> progress(NodeId id) {
        return ctx.store().records(NAMESPACE).get(id.value()).map(v -> ProgressCodec.decode(v.value()));
    }

    /**
     * Writes a node's progress record, whatever was there.
     *
     * @param id the node
     * @param progress the record
     */
    public void record(NodeId id, Progress progress) {
        VersionedStore<String, String> records = ctx.store().records(NAMESPACE);
        String text = ProgressCodec.encode(progress);
        for (int attempt = 0; ; attempt++) {
            Optional<Versioned<String, String>> current = records.get(id.value());
            try {
                if (current.isEmpty()) {
                    records.create(id.value(), text);
                } else {
                    records.update(id.value(), text, current.get().version());
                }
                return;
            } catch (org.bmsdk.api.ConflictException e) {
                // Only this node's one workflow writes its record (it holds the node's transient
                // state); a conflict is a stale read of our own write, so read again.
                if (attempt > 8) {
                    throw e;
                }
            }
        }
    }

    private VersionedStore<NodeId, Node> nodes() {
        return ctx.store().nodes();
    }
}
