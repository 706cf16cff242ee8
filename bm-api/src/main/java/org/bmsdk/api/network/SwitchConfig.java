package org.bmsdk.api.network;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A switch's configuration in the terms bm-sdk manages: its VLANs, its ports (and LAGs), and its
 * VNI-to-VLAN map. What {@link SwitchSession#readBack()} returns, parsed from the running
 * configuration.
 *
 * @param vlans the VLANs that exist
 * @param ports each port's state, by name
 * @param vniToVlan the VXLAN map
 */
public record SwitchConfig(Set<VlanId> vlans, Map<String, PortState> ports, Map<Vni, VlanId> vniToVlan) {

    /** Copies the components, sorted. */
    public SwitchConfig {
        vlans = Set.copyOf(new TreeSet<>(vlans));
        ports = Map.copyOf(new TreeMap<>(ports));
        vniToVlan = Map.copyOf(new TreeMap<>(vniToVlan));
    }

    /**
     * One port's state.
     *
     * @param port the port name
     * @return its state, empty when the switch has no such port
     */
    public Optional<PortState> port(String port) {
        return Optional.ofNullable(ports.get(port));
    }
}
