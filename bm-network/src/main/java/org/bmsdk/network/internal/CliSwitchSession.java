package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * A {@link SwitchSession} on a Cisco-like CLI over SSH. It keeps one logged-in CLI for all its
 * operations and opens it lazily; when the connection drops, the next operation (or the failed one,
 * once) runs on a new one. Every operation is idempotent, which is what makes that retry safe. A
 * timeout closes the CLI, whose state is then unknown, and is not retried: the switch may be slow
 * rather than gone. Thread-safe by serialising the operations.
 */
public final class CliSwitchSession implements SwitchSession {

    private final SwitchEndpoint endpoint;
    private final CliDialect dialect;
    private final CiscoStyleCommands commands;
    private final CliExtras extras;
    private final CliConnection connection;

    /**
     * A session; connects at the first operation.
     *
     * @param endpoint the switch
     * @param dialect its dialect
     * @param context credentials resolver and listener
     */
    public CliSwitchSession(SwitchEndpoint endpoint, CliDialect dialect, DriverContext context) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.commands = new CiscoStyleCommands(dialect);
        this.extras = CliExtras.of(dialect);
        this.connection = new CliConnection(endpoint, dialect, context);
    }

    /** Logs in now rather than at the first operation, so that bad credentials show at once. */
    public void connect() {
        connection.connect();
    }

    /** @return how many times this session has logged in (1 unless it had to reconnect) */
    public int connects() {
        return connection.connects();
    }

    @Override
    public void createVlan(VlanId vlan, String name) {
        configure("vlan.create", commands.createVlan(vlan, name));
    }

    @Override
    public void deleteVlan(VlanId vlan) {
        configure("vlan.delete", commands.deleteVlan(vlan));
    }

    @Override
    public void setAccessVlan(String port, VlanId vlan) {
        configure("port.access", commands.access(port, vlan));
    }

    @Override
    public void setTrunk(String port, VlanId nativeVlan, Set<VlanId> allowed) {
        configure("port.trunk", commands.trunk(port, nativeVlan, allowed));
    }

    @Override
    public void addTrunkVlan(String port, VlanId vlan) {
        configure("port.trunk.add", commands.addTrunkVlan(port, vlan));
    }

    @Override
    public void removeTrunkVlan(String port, VlanId vlan) {
        configure("port.trunk.remove", commands.removeTrunkVlan(port, vlan));
    }

    @Override
    public void setPortEnabled(String port, boolean enabled) {
        configure(enabled ? "port.enable" : "port.shutdown", commands.enabled(port, enabled));
    }

    @Override
    public void setIdle(String port, VlanId idleVlan) {
        configure("port.idle", commands.idle(port, idleVlan));
    }

    /**
     * Creates the LAG (LACP active) with exactly these members: members it had and is not given are
     * freed first. Reads the running configuration first, to know them.
     */
    @Override
    public void createLag(String lag, List<String> members) {
        String name = lagName(lag);
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a LAG needs at least one member port");
        }
        List<String> stale = new ArrayList<>(readBack().lagMembers(name));
        stale.removeAll(members);
        configure("lag.create", extras.createLag(name, List.copyOf(members), stale));
    }

    /** Frees the LAG's members (read from the running configuration) and removes it; nothing when it is gone. */
    @Override
    public void deleteLag(String lag) {
        String name = lagName(lag);
        SwitchConfig now = readBack();
        List<String> members = now.lagMembers(name);
        boolean exists = now.ports().containsKey(name);
        if (exists || !members.isEmpty()) {
            configure("lag.delete", extras.deleteLag(name, members, exists));
        }
    }

    /**
     * Writes the ACL ({@link AclLines} says how rules become entries) unless the switch already holds
     * it, then binds it inbound. An ACL of that name with other rules is replaced without leaving its
     * ports unfiltered (IOS and EOS let a binding to a missing ACL permit everything): in one
     * configuration session the new rules are written under a temporary name, the ports bound to the
     * ACL are moved to it, the ACL is written again, the ports are moved back and the temporary one
     * is deleted.
     */
    @Override
    public void bindAcl(String port, Acl acl) {
        requireAcl();
        Objects.requireNonNull(acl, "acl");
        CiscoStyleCommands.iface(port);
        SwitchConfig now = readBack();
        List<String> lines = new ArrayList<>();
        Acl wanted = AclLines.canonical(acl);
        if (!now.acl(acl.name()).equals(java.util.Optional.of(wanted))) {
            List<String> bound = now.ports().values().stream().filter(p -> acl.name().equals(p.acl())).map(PortState::port).toList();
            if (bound.isEmpty()) {
                lines.addAll(extras.defineAcl(wanted, true));
            } else {
                Acl swap = new Acl(swapName(acl.name()), wanted.rules());
                lines.addAll(extras.defineAcl(swap, true));
                bound.forEach(p -> lines.addAll(extras.bindAcl(p, swap.name())));
                lines.addAll(extras.defineAcl(wanted, true));
                bound.forEach(p -> lines.addAll(extras.bindAcl(p, acl.name())));
                lines.add(extras.deleteAcl(swap.name()));
            }
        }
        if (!now.port(port).map(p -> acl.name().equals(p.acl())).orElse(false)) {
            lines.addAll(extras.bindAcl(port, acl.name()));
        }
        if (!lines.isEmpty()) {
            configure("acl.bind", lines);
        }
    }

    /** The temporary name an ACL's new rules are written under while it is replaced. */
    static String swapName(String name) {
        String swap = "bm-swap-" + name;
        return swap.length() <= 32 ? swap : swap.substring(0, 32);
    }

    /** Unbinds the ACL from the port, and deletes it when no other port of the switch binds it. */
    @Override
    public void unbindAcl(String port, String aclName) {
        requireAcl();
        CiscoStyleCommands.iface(port);
        new Acl(aclName, List.of()); // validates the name
        SwitchConfig now = readBack();
        List<String> lines = new ArrayList<>();
        if (now.port(port).map(p -> aclName.equals(p.acl())).orElse(false)) {
            lines.addAll(extras.unbindAcl(port, aclName));
        }
        boolean used = now.ports().values().stream().anyMatch(p -> !p.port().equals(port) && aclName.equals(p.acl()));
        if (!used) {
            lines.add(extras.deleteAcl(aclName));
        }
        if (!lines.isEmpty()) {
            configure("acl.unbind", lines);
        }
    }

    /**
     * Maps the VNI to the VLAN, which must exist: EOS accepts a map for a missing VLAN and then
     * forwards nothing for it, and NX-OS's {@code vlan V} would create it, so the driver checks it
     * first (from the running configuration) and refuses rather than create a VLAN it was not asked
     * for. A VNI mapped to another VLAN, or the VLAN's previous VNI, is unmapped first.
     */
    @Override
    public void mapVni(Vni vni, VlanId vlan) {
        requireVxlan();
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(vlan, "vlan");
        SwitchConfig now = readBack();
        if (!now.vlans().contains(vlan)) {
            throw new ConfigurationException("switch " + endpoint.id() + " has no VLAN " + vlan + ": create it before mapping VNI "
                    + vni + " to it (" + dialect.id() + " would " + (extras.vxlan().equals("eos")
                            ? "accept the map and forward nothing for it)" : "create the VLAN unasked)"),
                    context("vxlan.map"));
        }
        List<String> lines = new ArrayList<>();
        SwitchCommands.mapsElsewhere(now, vni, vlan).forEach((v, l) -> lines.addAll(extras.unmapVni(v, l)));
        lines.addAll(extras.mapVni(vni, vlan));
        configure("vxlan.map", lines);
    }

    /** Removes the VNI's map; nothing when it has none. */
    @Override
    public void unmapVni(Vni vni) {
        requireVxlan();
        Objects.requireNonNull(vni, "vni");
        VlanId vlan = readBack().vniToVlan().get(vni);
        if (vlan != null) {
            configure("vxlan.unmap", extras.unmapVni(vni, vlan));
        }
    }

    @Override
    public void save() {
        withChannel("config.save", c -> c.run(dialect.save(), "config.save"));
    }

    @Override
    public SwitchConfig readBack() {
        String text = withChannel("config.read", c -> c.run("show running-config", "config.read"));
        try {
            return RunningConfigParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DeviceException("switch " + endpoint.id() + " printed a running configuration that does not parse: "
                    + e.getMessage(), context("config.read"), e.getMessage(), false, e);
        }
    }

    @Override
    public Map<String, Boolean> linkStates() {
        String text = withChannel("ports.linkStates", c -> c.run(InterfaceStatus.COMMAND, "ports.linkStates"));
        return LinkStates.parse(endpoint.id(), context("ports.linkStates"), text, t -> InterfaceStatus.parse(dialect.id(), t));
    }

    @Override
    public void close() {
        connection.close();
    }

    private void configure(String operation, List<String> lines) {
        withChannel(operation, c -> {
            c.configure(lines, operation);
            return null;
        });
    }

    private <T> T withChannel(String operation, Function<CliChannel, T> op) {
        return connection.run(operation, op);
    }

    private ErrorContext context(String operation) {
        return connection.context(operation);
    }

    private String lagName(String lag) {
        if (extras.lagType() == null) {
            throw unsupported("Lag");
        }
        return extras.lagName(lag);
    }

    private void requireAcl() {
        if (extras.aclHeader() == null) {
            throw unsupported("Acl");
        }
    }

    private void requireVxlan() {
        if (extras.vxlan() == null) {
            throw new UnsupportedCapabilityException("Vxlan", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                    extras.noVxlanReason(), context("vxlan"));
        }
    }

    private UnsupportedCapabilityException unsupported(String capability) {
        return new UnsupportedCapabilityException(capability, UnsupportedCapabilityException.Reason.NOT_OFFERED,
                "the " + dialect.id() + " driver does not configure it yet", context(capability.toLowerCase(java.util.Locale.ROOT)));
    }
}
