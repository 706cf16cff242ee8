package org.bmsdk.api.network;

import java.util.List;
import java.util.Optional;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;

/**
 * Tenant networks and the nodes on them: networks get VLAN ids (and VNIs) no other network has,
 * and a node's switch ports move between the idle state, the operator's provisioning, cleaning and
 * rescue networks, and its tenant's networks. State is kept in a
 * {@link org.bmsdk.api.store.Store}; every port change is verified by reading the switch back.
 *
 * <p>The safety rule: a node's ports are never left on a network of a tenant that does not own
 * the node. A node is bound to at most one tenant, and only a verified {@link #unbind} frees it for
 * another. When a change fails half-way (a switch drops the session or refuses a command), every
 * port of the node is isolated (shut down on the idle VLAN) and the call throws
 * {@link org.bmsdk.api.PartialFailureException} whose {@code parts()} give each port's state; if
 * isolation cannot be verified either, the node stays {@link NodeNetworks#quarantined()}.
 *
 * <p>Implementations are thread-safe; calls for one node are serialised.
 */
public interface TenantNetworks {

    /**
     * Creates a network, or returns it when it exists.
     *
     * @param tenant the owning tenant
     * @param name its name within the tenant
     * @param vxlan whether it needs a VNI as well as a VLAN
     * @return the network
     * @throws org.bmsdk.api.ConflictException when the configured ranges are exhausted
     */
    TenantNetwork createNetwork(String tenant, String name, boolean vxlan);

    /**
     * Deletes a network: its VLAN is removed from every switch, then its ids are freed. Does
     * nothing when it does not exist.
     *
     * @param networkId {@code tenant/name}
     * @throws org.bmsdk.api.ConflictException while a node is bound to it
     * @throws org.bmsdk.api.PartialFailureException when a switch kept the VLAN; the ids stay
     *     allocated and a later call tries again
     */
    void deleteNetwork(String networkId);

    /**
     * A network.
     *
     * @param networkId {@code tenant/name}
     * @return it, empty when it does not exist
     */
    Optional<TenantNetwork> network(String networkId);

    /** @return every network */
    List<TenantNetwork> networks();

    /**
     * Records a node's switch ports and makes them idle. Repeating it with the same ports changes
     * nothing.
     *
     * @param node the node
     * @param ports where its NICs are plugged in
     * @return its record
     * @throws org.bmsdk.api.ConflictException when a port is another node's
     */
    NodeNetworks attach(NodeId node, List<LocalLinkConnection> ports);

    /**
     * Binds an attached node to a tenant and moves its ports onto the tenant's networks
     * ({@link NetworkRole#TENANT}).
     *
     * @param node the node
     * @param tenant the tenant, owner of every network named
     * @param bindings which networks each port carries; ports not named stay idle
     * @return its record
     * @throws org.bmsdk.api.ConflictException when the node is another tenant's, or a network is
     *     another tenant's, missing or being deleted
     * @throws org.bmsdk.api.PartialFailureException when a switch failed; the node is isolated
     */
    NodeNetworks bind(NodeId node, String tenant, List<PortBinding> bindings);

    /**
     * Moves a node's ports to the networks of a role; idempotent.
     *
     * @param node the node
     * @param role the role; {@link NetworkRole#TENANT} needs a binding
     * @return its record
     * @throws org.bmsdk.api.PartialFailureException when a switch failed; the node is isolated
     */
    NodeNetworks flip(NodeId node, NetworkRole role);

    /**
     * Makes a node's ports idle and, once verified, frees the node from its tenant.
     *
     * @param node the node
     * @return its record
     * @throws org.bmsdk.api.PartialFailureException when isolation could not be verified; the node
     *     stays the tenant's, quarantined
     */
    NodeNetworks unbind(NodeId node);

    /**
     * Unbinds a node and forgets its ports.
     *
     * @param node the node
     */
    void detach(NodeId node);

    /**
     * A node's record.
     *
     * @param node the node
     * @return it, empty when not attached
     */
    Optional<NodeNetworks> node(NodeId node);
}
