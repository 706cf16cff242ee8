package org.bmsdk.api.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A switch's configuration in the terms bm-sdk manages: its VLANs, its ports (and LAGs), its
 * VNI-to-VLAN map and its ACLs. What {@link SwitchSession#readBack()} returns, parsed from the
 * running configuration.
 *
 * <p>A LAG (port-channel, bond) is a port of its own in {@link #ports()}, carrying the LAG's VLANs;
 * its members are the ports whose {@link PortState#lag()} names it.
 *
 * @param vlans the VLANs that exist
 * @param ports each port's state, by name
 * @param vniToVlan the VXLAN map
 * @param acls the ACLs that exist on the switch, by name, as far as the driver can read them as
 *     security-group rules (see each driver for how it renders them)
 */
public record SwitchConfig(Set<VlanId> vlans, Map<String, PortState> ports, Map<Vni, VlanId> vniToVlan,
        Map<String, Acl> acls) {

    /** Copies the components, sorted. */
    public SwitchConfig {
        vlans = Set.copyOf(new TreeSet<>(vlans));
        ports = Map.copyOf(new TreeMap<>(ports));
        vniToVlan = Map.copyOf(new TreeMap<>(vniToVlan));
        acls = Map.copyOf(new TreeMap<>(acls));
    }

    /**
     * A configuration without ACLs (the form this record had before ACLs were read back).
     *
     * @param vlans the VLANs that exist
     * @param ports each port's state, by name
     * @param vniToVlan the VXLAN map
     */
    public SwitchConfig(Set<VlanId> vlans, Map<String, PortState> ports, Map<Vni, VlanId> vniToVlan) {
        this(vlans, ports, vniToVlan, Map.of());
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

    /**
     * The members of a LAG.
     *
     * @param lag the LAG's name as the switch spells it, such as {@code Port-channel10}
     * @return the ports whose {@link PortState#lag()} is {@code lag}, sorted; empty when none
     */
    public List<String> lagMembers(String lag) {
        return ports.values().stream().filter(p -> lag.equals(p.lag())).map(PortState::port).sorted().toList();
    }

    /**
     * One ACL.
     *
     * @param name its name
     * @return the ACL, empty when the switch has none of that name
     */
    public Optional<Acl> acl(String name) {
        return Optional.ofNullable(acls.get(name));
    }
}
