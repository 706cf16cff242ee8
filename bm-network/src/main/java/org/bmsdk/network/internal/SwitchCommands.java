package org.bmsdk.network.internal;

import java.util.List;
import java.util.Set;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * The code part of a dialect that is not Cisco-shaped: how bm-api's operations become its
 * configuration lines, and how its configuration is read back. A rendering may look at the
 * switch's configuration first (Junos names its VLANs, so deleting VLAN 100 means finding its
 * name); it is read only when asked for, once per operation. Every rendering is idempotent.
 */
interface SwitchCommands {

    /** The switch's configuration as it is before the operation, read on first use. */
    interface Current {
        /** @return the text of {@link #showConfig()}'s commands */
        String text();

        /** @return that text, parsed */
        SwitchConfig config();
    }

    List<String> createVlan(VlanId vlan, String name, Current current);

    List<String> deleteVlan(VlanId vlan, Current current);

    List<String> access(String port, VlanId vlan, Current current);

    List<String> trunk(String port, VlanId nativeVlan, Set<VlanId> allowed, Current current);

    List<String> addTrunkVlan(String port, VlanId vlan, Current current);

    List<String> removeTrunkVlan(String port, VlanId vlan, Current current);

    List<String> enabled(String port, boolean enabled, Current current);

    /** Shut, access on the idle VLAN, no trunk VLANs, no native VLAN. */
    List<String> idle(String port, VlanId idleVlan, Current current);

    /** @return the commands, run outside configuration mode, whose output {@link #parse} reads */
    List<String> showConfig();

    /**
     * Parses the output of {@link #showConfig()}.
     *
     * @param text the outputs, joined by newlines
     * @return VLANs and switch ports
     * @throws IllegalArgumentException when a line it relies on is malformed
     */
    SwitchConfig parse(String text);

    /** @return the command that saves, or null when the commit saved already */
    String save();

    /**
     * @return how the dialect spells LAGs, ACLs and VXLAN maps, when it does Cisco-like;
     *     {@link CliExtras#NONE} (all unsupported) by default
     */
    default CliExtras extras() {
        return CliExtras.NONE;
    }

    /**
     * The LAG's name as the dialect spells it.
     *
     * @param lag a number or a name in any spelling the dialect accepts
     * @return the name, or null when the dialect does not configure LAGs
     * @throws IllegalArgumentException when it is neither
     */
    default String lagName(String lag) {
        return extras().lagType() == null ? null : extras().lagName(lag);
    }

    /** Creates the LAG (LACP active) with exactly these members; by default through {@link #extras()}. */
    default List<String> createLag(String lag, List<String> members, Current current) {
        List<String> stale = new java.util.ArrayList<>(current.config().lagMembers(lag));
        stale.removeAll(members);
        return extras().createLag(lag, members, stale);
    }

    /** Frees the LAG's members and removes it; nothing when it is gone. */
    default List<String> deleteLag(String lag, Current current) {
        List<String> members = current.config().lagMembers(lag);
        boolean exists = current.config().ports().containsKey(lag);
        return exists || !members.isEmpty() ? extras().deleteLag(lag, members, exists) : List.of();
    }

    /** @return why VNIs are not mapped on this dialect, or null when {@link #mapVni} does it */
    default String noVxlanReason() {
        return extras() == CliExtras.NONE ? null : extras().noVxlanReason();
    }

    /** @return whether {@link #mapVni} and {@link #unmapVni} render this dialect's VXLAN map */
    default boolean mapsVnis() {
        return false;
    }

    /** Maps the VNI to the VLAN, which exists; pairs of either that point elsewhere are unmapped first. */
    default List<String> mapVni(org.bmsdk.api.network.Vni vni, VlanId vlan, Current current) {
        throw new UnsupportedOperationException();
    }

    /** Removes the VNI's map; nothing when it has none. */
    default List<String> unmapVni(org.bmsdk.api.network.Vni vni, Current current) {
        throw new UnsupportedOperationException();
    }

    /** @return whether {@link #save()} is run in configuration mode (SONiC's root shell) */
    default boolean saveInConfigMode() {
        return false;
    }
}
