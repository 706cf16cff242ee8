package org.bmsdk.network.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bmsdk.api.network.VlanId;

/**
 * The shell command lines the Open vSwitch driver runs over SSH exec: {@code ovs-vsctl} (and, to
 * shut a port, {@code ovs-ofctl}). Pure rendering, no I/O.
 *
 * <p>Open vSwitch reads an empty {@code trunks} column as "every VLAN", so a trunk this driver
 * configures always lists {@link #NO_VLAN} (4095, reserved by 802.1Q and never on the wire): its
 * list never becomes empty, even when the last tagged VLAN is removed, and a trunk with no
 * tagged VLAN carries none rather than all.
 *
 * <p>Every command is idempotent, and the changes of one operation go in one {@code ovs-vsctl}
 * transaction ({@code ovs-vsctl -- cmd1 -- cmd2}), so a port never shows half of them.
 */
public final class OvsCommands {

    /** The VLAN that keeps a trunk's list from meaning "all": reserved, carried by no frame. */
    public static final int NO_VLAN = 4095;
    /**
     * Port names this driver accepts. Interface names are at most 15 characters on Linux; OVS
     * allows more for other types, but nothing here needs shell quoting beyond single quotes.
     */
    private static final Pattern PORT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,63}");

    private final String vsctl;
    private final String ofctl;

    /**
     * Commands that give up after the timeout ({@code --timeout}, whole seconds, at least 1), so
     * that a dead {@code ovsdb-server} or {@code ovs-vswitchd} is an error, not a hang.
     *
     * @param timeout the endpoint's command timeout
     */
    public OvsCommands(Duration timeout) {
        long s = Math.max(1, (timeout.toMillis() + 999) / 1000);
        this.vsctl = "ovs-vsctl --timeout=" + s;
        this.ofctl = "ovs-ofctl --timeout=" + s;
    }

    /**
     * Access mode on one VLAN, trunk settings cleared.
     *
     * @param port the port
     * @param vlan the VLAN
     * @return the command line
     */
    public String access(String port, VlanId vlan) {
        String p = port(port);
        return vsctl + " -- set port " + p + " vlan_mode=access tag=" + vlan.value() + " -- clear port " + p + " trunks";
    }

    /**
     * Trunk mode: {@code native-untagged} with the native VLAN as {@code tag}, or {@code trunk}
     * without one; the tagged VLANs as {@code trunks}, with {@link #NO_VLAN}.
     *
     * @param port the port
     * @param nativeVlan the untagged VLAN, or null
     * @param allowed the tagged VLANs
     * @return the command line
     */
    public String trunk(String port, VlanId nativeVlan, Set<VlanId> allowed) {
        String p = port(port);
        Set<Integer> trunks = new TreeSet<>();
        allowed.forEach(v -> trunks.add(v.value()));
        trunks.add(NO_VLAN);
        String list = trunks.stream().map(String::valueOf).collect(Collectors.joining(","));
        if (nativeVlan != null) {
            return vsctl + " -- set port " + p + " vlan_mode=native-untagged tag=" + nativeVlan.value() + " trunks=" + list;
        }
        return vsctl + " -- set port " + p + " vlan_mode=trunk trunks=" + list + " -- clear port " + p + " tag";
    }

    /**
     * Adds one tagged VLAN; {@link #NO_VLAN} too, in case the port was configured elsewhere and had
     * an empty (all-VLAN) list, which must not stay "all" minus nothing.
     *
     * @param port the port
     * @param vlan the VLAN
     * @return the command line
     */
    public String addTrunkVlan(String port, VlanId vlan) {
        String p = port(port);
        return vsctl + " -- add port " + p + " trunks " + vlan.value() + " " + NO_VLAN;
    }

    /**
     * Removes one tagged VLAN; {@link #NO_VLAN} is added in the same transaction so that removing
     * the last one leaves a trunk that carries nothing, not everything.
     *
     * @param port the port
     * @param vlan the VLAN
     * @return the command line
     */
    public String removeTrunkVlan(String port, VlanId vlan) {
        String p = port(port);
        return vsctl + " -- add port " + p + " trunks " + NO_VLAN + " -- remove port " + p + " trunks " + vlan.value();
    }

    /**
     * Shuts or opens the port through its OpenFlow port flags: {@code PORT_DOWN} takes the
     * interface down ({@code admin_state} in the Interface table follows), and {@code NO_FWD} and
     * {@code NO_RECV} make ovs-vswitchd itself drop what would go out of or come in on it (it
     * still floods to a port that is only down). Opening clears the three in the reverse order.
     * {@code admin_state} itself is a status column that ovs-vswitchd overwrites, so setting it
     * does nothing; and the flags are not in the database, so they do not survive a restart of
     * ovs-vswitchd. The bridge is looked up first; a missing port fails there with
     * {@code ovs-vsctl: no port named P}.
     *
     * @param port the port
     * @param enabled true for up
     * @return the command line
     */
    public String enabled(String port, boolean enabled) {
        String p = port(port);
        List<String> flags = enabled ? List.of("receive", "forward", "up") : List.of("down", "no-forward", "no-receive");
        StringBuilder b = new StringBuilder("br=$(").append(vsctl).append(" port-to-br ").append(p).append(")");
        for (String f : flags) {
            b.append(" && ").append(ofctl).append(" mod-port \"$br\" ").append(p).append(' ').append(f);
        }
        return b.toString();
    }

    /**
     * Shuts the port, then puts it in access mode on the idle VLAN with no trunk settings: two
     * commands, run in that order, the second only when the first succeeded.
     *
     * @param port the port
     * @param idleVlan the idle VLAN
     * @return the command line
     */
    public String idle(String port, VlanId idleVlan) {
        return enabled(port, false) + " && " + access(port, idleVlan);
    }

    /**
     * Reads ports (name, tag, trunks, vlan_mode, interfaces), interfaces (name, admin_state, _uuid) and bridges, in
     * that order: two JSON lines, then one bridge name a line.
     *
     * @return the command line
     */
    public String read() {
        return vsctl + " --format=json -- --columns=name,tag,trunks,vlan_mode,interfaces list port"
                + " -- --columns=name,admin_state,_uuid list interface -- list-br";
    }

    /**
     * Reads every interface's link: its name, type and {@code link_state} (what ovs-vswitchd last
     * saw of the carrier), as a JSON table for {@link OvsdbOutput#linkStates}.
     *
     * @return the command line
     */
    public String readLinks() {
        return vsctl + " --format=json --columns=name,type,link_state list interface";
    }

    /**
     * Makes a bond (LACP active) of the members' interfaces, in one transaction. The interfaces are
     * moved, not created again, so that their settings ({@code type}, options) stay: each member's
     * own port is deleted and its Interface row becomes the bond's. An existing bond keeps its row
     * (and VLAN settings) and gets the new interface list; a former member that is not listed gets
     * a port of its own again, as a trunk of {@link #NO_VLAN} only, which carries nothing.
     *
     * @param bond the bond's name
     * @param members the member interfaces
     * @param stale former members to free
     * @param exists whether the bond exists
     * @return the command line
     */
    public String createBond(String bond, List<String> members, List<String> stale, boolean exists) {
        String b = port(bond);
        StringBuilder c = new StringBuilder("br=$(").append(vsctl).append(" iface-to-br ").append(port(members.get(0)))
                .append(") && ").append(vsctl);
        // every Interface row is looked up before any port is deleted: ovs-vsctl forgets a deleted port's interfaces
        List<String> refs = new java.util.ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            c.append(" -- --id=@i").append(i).append(" get interface ").append(port(members.get(i)));
            refs.add("@i" + i);
        }
        getInterfaces(c, stale, "s");
        for (String m : members) {
            c.append(" -- --if-exists del-port \"$br\" ").append(port(m));
        }
        if (exists) {
            c.append(" -- set port ").append(b).append(" interfaces=").append(String.join(",", refs)).append(" lacp=active");
        } else {
            c.append(" -- --id=@bond create port name=").append(b).append(" interfaces=").append(String.join(",", refs))
                    .append(" lacp=active -- add bridge \"$br\" ports @bond");
        }
        ownPorts(c, stale, "s");
        return c.toString();
    }

    /**
     * Deletes a bond and gives each member interface a port of its own again, as a trunk of
     * {@link #NO_VLAN} only (carrying nothing), in one transaction.
     *
     * @param bond the bond
     * @param members its member interfaces
     * @return the command line
     */
    public String deleteBond(String bond, List<String> members) {
        String b = port(bond);
        StringBuilder c = new StringBuilder("br=$(").append(vsctl).append(" port-to-br ").append(b).append(") && ").append(vsctl);
        getInterfaces(c, members, "m");
        c.append(" -- del-port \"$br\" ").append(b);
        ownPorts(c, members, "m");
        return c.toString();
    }

    private static void getInterfaces(StringBuilder c, List<String> interfaces, String prefix) {
        for (int i = 0; i < interfaces.size(); i++) {
            c.append(" -- --id=@").append(prefix).append(i).append(" get interface ").append(port(interfaces.get(i)));
        }
    }

    private static void ownPorts(StringBuilder c, List<String> interfaces, String prefix) {
        for (int i = 0; i < interfaces.size(); i++) {
            String p = port(interfaces.get(i));
            c.append(" -- --id=@").append(prefix).append('p').append(i).append(" create port name=").append(p)
                    .append(" interfaces=@").append(prefix).append(i).append(" vlan_mode=trunk trunks=").append(NO_VLAN)
                    .append(" -- add bridge \"$br\" ports @").append(prefix).append('p').append(i);
        }
    }

    /**
     * Validates and quotes a port name.
     *
     * @param port the name
     * @return it in single quotes
     * @throws IllegalArgumentException when the name could be read as more than a name
     */
    static String port(String port) {
        Objects.requireNonNull(port, "port");
        if (!PORT.matcher(port).matches()) {
            throw new IllegalArgumentException("not a port name this driver sends to a shell: '" + port + "'");
        }
        return "'" + port + "'";
    }
}
