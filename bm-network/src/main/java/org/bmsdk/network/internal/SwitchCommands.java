package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.Vni;
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

    /** @return whether {@link #bindAcl} and {@link #unbindAcl} configure ACLs on this dialect */
    default boolean configuresAcls() {
        return extras().aclHeader() != null;
    }

    /**
     * Writes the ACL unless the switch holds it already, then binds it inbound. By default through
     * {@link #extras()}, Cisco-like: an ACL of that name with other rules is replaced without leaving
     * its ports unfiltered (IOS and EOS let a binding to a missing ACL permit everything), through a
     * temporary ACL that the bound ports use while the ACL is written again.
     *
     * @param port the port
     * @param acl the ACL, its rules in canonical form ({@link AclLines#canonical(Acl)})
     * @param current the configuration before
     * @return the lines
     */
    default List<String> bindAcl(String port, Acl acl, Current current) {
        CiscoStyleCommands.iface(port);
        CliExtras x = extras();
        SwitchConfig now = current.config();
        List<String> lines = new ArrayList<>();
        if (!now.acl(acl.name()).equals(Optional.of(acl))) {
            List<String> bound = now.ports().values().stream().filter(p -> acl.name().equals(p.acl())).map(PortState::port).toList();
            if (bound.isEmpty()) {
                lines.addAll(x.defineAcl(acl, true));
            } else {
                Acl swap = new Acl(CliSwitchSession.swapName(acl.name()), acl.rules());
                lines.addAll(x.defineAcl(swap, true));
                bound.forEach(p -> lines.addAll(x.bindAcl(p, swap.name())));
                lines.addAll(x.defineAcl(acl, true));
                bound.forEach(p -> lines.addAll(x.bindAcl(p, acl.name())));
                lines.add(x.deleteAcl(swap.name()));
            }
        }
        if (!now.port(port).map(p -> acl.name().equals(p.acl())).orElse(false)) {
            lines.addAll(x.bindAcl(port, acl.name()));
        }
        return lines;
    }

    /**
     * Unbinds the ACL from the port, and deletes it when no other port binds it; nothing when
     * neither is left to do.
     *
     * @param port the port
     * @param aclName the ACL's name
     * @param current the configuration before
     * @return the lines
     */
    default List<String> unbindAcl(String port, String aclName, Current current) {
        CiscoStyleCommands.iface(port);
        CliExtras x = extras();
        SwitchConfig now = current.config();
        List<String> lines = new ArrayList<>();
        if (now.port(port).map(p -> aclName.equals(p.acl())).orElse(false)) {
            lines.addAll(x.unbindAcl(port, aclName));
        }
        if (!boundElsewhere(now, port, aclName) && now.acls().containsKey(aclName)) {
            lines.add(x.deleteAcl(aclName));
        }
        return lines;
    }

    /** @return whether a port other than {@code port} binds the ACL */
    static boolean boundElsewhere(SwitchConfig now, String port, String aclName) {
        return now.ports().values().stream().anyMatch(p -> !p.port().equals(port) && aclName.equals(p.acl()));
    }

    /**
     * The maps to undo before a VNI is mapped to a VLAN: a switch maps a VNI to one VLAN and a VLAN
     * to one VNI, so a pair of either that points elsewhere must go first.
     *
     * @return those pairs of {@code now}, VNI to VLAN, in its order
     */
    static Map<Vni, VlanId> mapsElsewhere(SwitchConfig now, Vni vni, VlanId vlan) {
        Map<Vni, VlanId> out = new LinkedHashMap<>();
        now.vniToVlan().forEach((v, l) -> {
            if ((v.equals(vni) && !l.equals(vlan)) || (l.equals(vlan) && !v.equals(vni))) {
                out.put(v, l);
            }
        });
        return out;
    }

    /**
     * A LAG's name in a dialect whose LAGs are numbered interfaces.
     *
     * @param lag the name as given: the number, or a spelling {@code spelling} matches with the number as its group 1
     * @param spelling the spellings taken
     * @param prefix the dialect's, before the number: {@code ae}, {@code bond}
     * @param expected what a LAG is, for the error: {@code a Junos LAG is an ae interface such as ae10 (or its number)}
     * @return such as {@code ae10}
     * @throws IllegalArgumentException when it is not such a name
     */
    static String lagName(String lag, Pattern spelling, String prefix, String expected) {
        Matcher m = spelling.matcher(lag == null ? "" : lag.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(expected + ", but was '" + lag + "'");
        }
        return prefix + Integer.parseInt(m.group(1));
    }

    /** @return why VNIs are not mapped on this dialect, or null when {@link #mapVni} does it */
    default String noVxlanReason() {
        return extras() == CliExtras.NONE ? null : extras().noVxlanReason();
    }

    /** @return whether {@link #mapVni} and {@link #unmapVni} render this dialect's VXLAN map */
    default boolean mapsVnis() {
        return false;
    }

    /**
     * What the switch lacks before a VNI can be mapped, which is the operator's to set up.
     *
     * @param current the configuration before
     * @return what is missing, after "switch NAME ", or null when nothing is
     */
    default String vxlanMissing(Current current) {
        return null;
    }

    /** Maps the VNI to the VLAN, which exists; pairs of either that point elsewhere are unmapped first. */
    default List<String> mapVni(org.bmsdk.api.network.Vni vni, VlanId vlan, Current current) {
        throw new UnsupportedOperationException();
    }

    /** Removes the VNI's map; nothing when it has none. */
    default List<String> unmapVni(org.bmsdk.api.network.Vni vni, Current current) {
        throw new UnsupportedOperationException();
    }

    /**
     * @return the command, run outside configuration mode, that prints the ports' link states and
     *     its parser; null when the dialect reads none
     */
    default LinkStates.Table linkStates() {
        return null;
    }

    /**
     * @return whether the switch takes configuration for an interface it does not have, and commits
     *     it without a word (Junos does, for a line card yet to come), so that the session must check
     *     each port against the ports of {@link #linkStates()} (which must then not be null) first;
     *     the others refuse such a port themselves
     */
    default boolean acceptsAbsentPorts() {
        return false;
    }

    /** @return whether {@link #save()} is run in configuration mode (SONiC's root shell) */
    default boolean saveInConfigMode() {
        return false;
    }
}
