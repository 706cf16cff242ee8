package org.bmsdk.api.network;

import java.util.List;
import java.util.Objects;
import org.bmsdk.api.model.LocalLinkConnection;

/**
 * Which tenant networks one port of a node carries in the {@link NetworkRole#TENANT} role: one
 * network is an access port; several are a trunk whose first network is untagged (native) and
 * the others tagged.
 *
 * @param link where the port is plugged in
 * @param networks network ids ({@code tenant/name}), at least one
 */
public record PortBinding(LocalLinkConnection link, List<String> networks) {

    /** Validates and copies the components. */
    public PortBinding {
        Objects.requireNonNull(link, "link");
        networks = List.copyOf(networks);
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("a binding of " + link.portId() + " needs at least one network");
        }
        if (networks.stream().distinct().count() != networks.size()) {
            throw new IllegalArgumentException("a binding of " + link.portId() + " names a network twice: " + networks);
        }
    }

    /**
     * A port on networks.
     *
     * @param link where the port is plugged in
     * @param networks the networks' ids, the first untagged
     * @return the binding
     */
    public static PortBinding of(LocalLinkConnection link, String... networks) {
        return new PortBinding(link, List.of(networks));
    }
}
