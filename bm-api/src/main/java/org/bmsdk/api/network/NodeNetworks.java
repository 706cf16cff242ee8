package org.bmsdk.api.network;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;

/**
 * A node's network attachment as {@link TenantNetworks} records it: its ports, the tenant that
 * owns it (if any), the tenant networks its ports are bound to, the role its ports were last
 * verified in, and whether it is quarantined.
 *
 * <p>Quarantined means a change failed and isolating the ports could not be verified either: the
 * ports' state is not known, the node cannot be bound to another tenant, and the next
 * {@link TenantNetworks#flip} or {@link TenantNetworks#unbind} tries to isolate it again.
 *
 * @param node the node
 * @param tenant the owning tenant, or null
 * @param ports the node's switch ports
 * @param bindings the ports' tenant networks; empty when not bound
 * @param role the role its ports are in
 * @param quarantined whether isolation is still pending
 */
public record NodeNetworks(NodeId node, String tenant, List<LocalLinkConnection> ports, List<PortBinding> bindings,
        NetworkRole role, boolean quarantined) {

    /** Validates and copies the components. */
    public NodeNetworks {
        Objects.requireNonNull(node, "node");
        ports = List.copyOf(ports);
        bindings = List.copyOf(bindings);
        Objects.requireNonNull(role, "role");
    }

    /** @return the owning tenant, empty when none */
    public Optional<String> tenantIfBound() {
        return Optional.ofNullable(tenant);
    }
}
