package org.bmsdk.network.internal;

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
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;

/**
 * A {@link SwitchSession} on a CLI over SSH whose commands a {@link SwitchCommands} renders: the
 * dialects that are not Cisco-shaped (Junos, SONiC, Cumulus NVUE) and Dell OS10. It works as
 * {@link CliSwitchSession} does for the Cisco ones. It keeps one logged-in CLI for all its
 * operations and opens it lazily; when the connection drops, the next operation (or the failed one,
 * once) runs on a new one. Every operation is idempotent, which is what makes that retry safe. A
 * timeout closes the CLI, whose state is then unknown, and is not retried: the switch may be slow
 * rather than gone. Thread-safe by serialising the operations.
 */
public final class DialectSwitchSession implements SwitchSession {

    private final SwitchEndpoint endpoint;
    private final CliDialect dialect;
    private final SwitchCommands commands;
    private final CliConnection connection;
    /** The ports the switch listed last, when the dialect needs them checked; null until then. */
    private Set<String> ports;

    /**
     * A session; connects at the first operation.
     *
     * @param endpoint the switch
     * @param dialect its dialect
     * @param commands its commands
     * @param context credentials resolver and listener
     */
    DialectSwitchSession(SwitchEndpoint endpoint, CliDialect dialect, SwitchCommands commands, DriverContext context) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.commands = Objects.requireNonNull(commands, "commands");
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
        configure("vlan.create", cur -> commands.createVlan(vlan, name, cur));
    }

    @Override
    public void deleteVlan(VlanId vlan) {
        configure("vlan.delete", cur -> commands.deleteVlan(vlan, cur));
    }

    @Override
    public void setAccessVlan(String port, VlanId vlan) {
        configurePorts("port.access", List.of(port), cur -> commands.access(port, vlan, cur));
    }

    @Override
    public void setTrunk(String port, VlanId nativeVlan, Set<VlanId> allowed) {
        configurePorts("port.trunk", List.of(port), cur -> commands.trunk(port, nativeVlan, allowed, cur));
    }

    @Override
    public void addTrunkVlan(String port, VlanId vlan) {
        configurePorts("port.trunk.add", List.of(port), cur -> commands.addTrunkVlan(port, vlan, cur));
    }

    @Override
    public void removeTrunkVlan(String port, VlanId vlan) {
        configurePorts("port.trunk.remove", List.of(port), cur -> commands.removeTrunkVlan(port, vlan, cur));
    }

    @Override
    public void setPortEnabled(String port, boolean enabled) {
        configurePorts(enabled ? "port.enable" : "port.shutdown", List.of(port), cur -> commands.enabled(port, enabled, cur));
    }

    @Override
    public void setIdle(String port, VlanId idleVlan) {
        configurePorts("port.idle", List.of(port), cur -> commands.idle(port, idleVlan, cur));
    }

    /**
     * Creates the LAG (LACP active) with exactly these members, when the dialect's
     * {@link SwitchCommands#extras()} spell LAGs: members it had and is not given are freed first,
     * as {@link CliSwitchSession#createLag} does.
     */
    @Override
    public void createLag(String lag, List<String> members) {
        String name = lagName(lag);
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a LAG needs at least one member port");
        }
        List<String> wanted = List.copyOf(members);
        configurePorts("lag.create", wanted, cur -> commands.createLag(name, wanted, cur));
    }

    /** Frees the LAG's members and removes it; nothing when it is gone. */
    @Override
    public void deleteLag(String lag) {
        String name = lagName(lag);
        configure("lag.delete", cur -> commands.deleteLag(name, cur));
    }

    /**
     * Writes the ACL unless the switch holds it already, then binds it inbound, as the dialect's
     * {@link SwitchCommands#bindAcl} renders it: an ACL of that name with other rules is replaced
     * without leaving its ports unfiltered.
     */
    @Override
    public void bindAcl(String port, Acl acl) {
        requireAcl();
        Objects.requireNonNull(acl, "acl");
        Acl wanted = AclLines.canonical(acl);
        configurePorts("acl.bind", List.of(port), cur -> commands.bindAcl(port, wanted, cur));
    }

    /** Unbinds the ACL from the port, and deletes it when no other port binds it. */
    @Override
    public void unbindAcl(String port, String aclName) {
        requireAcl();
        new Acl(aclName, List.of()); // validates the name
        configure("acl.unbind", cur -> commands.unbindAcl(port, aclName, cur));
    }

    /**
     * Maps the VNI to the VLAN, which must exist (checked from the configuration, as
     * {@link CliSwitchSession#mapVni} does); a VNI mapped elsewhere, or the VLAN's previous VNI, is
     * unmapped first.
     */
    @Override
    public void mapVni(Vni vni, VlanId vlan) {
        requireVxlan();
        Objects.requireNonNull(vni, "vni");
        Objects.requireNonNull(vlan, "vlan");
        configure("vxlan.map", cur -> {
            if (!cur.config().vlans().contains(vlan)) {
                throw new ConfigurationException("switch " + endpoint.id() + " has no VLAN " + vlan + ": create it before mapping VNI "
                        + vni + " to it", context("vxlan.map"));
            }
            String missing = commands.vxlanMissing(cur);
            if (missing != null) {
                throw new ConfigurationException("switch " + endpoint.id() + " " + missing, context("vxlan.map"));
            }
            return cur.config().vniToVlan().get(vni) == null || !cur.config().vniToVlan().get(vni).equals(vlan)
                    ? commands.mapVni(vni, vlan, cur) : List.of();
        });
    }

    /** Removes the VNI's map; nothing when it has none. */
    @Override
    public void unmapVni(Vni vni) {
        requireVxlan();
        Objects.requireNonNull(vni, "vni");
        configure("vxlan.unmap", cur -> commands.unmapVni(vni, cur));
    }

    @Override
    public void save() {
        String save = commands.save();
        if (save != null && commands.saveInConfigMode()) {
            withChannel("config.save", c -> {
                c.configure(List.of(save), "config.save");
                return null;
            });
        } else if (save != null) {
            withChannel("config.save", c -> c.run(save, "config.save"));
        }
    }

    @Override
    public SwitchConfig readBack() {
        return withChannel("config.read", c -> parse(show(c, "config.read"), "config.read"));
    }

    private String show(CliChannel c, String operation) {
        StringBuilder text = new StringBuilder();
        for (String command : commands.showConfig()) {
            text.append(c.run(command, operation)).append('\n');
        }
        return text.toString();
    }

    private SwitchConfig parse(String text, String operation) {
        try {
            return commands.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DeviceException("switch " + endpoint.id() + " printed a configuration that does not parse: "
                    + e.getMessage(), context(operation), e.getMessage(), false, e);
        }
    }

    /** Reads the dialect's link-state table ({@link SwitchCommands#linkStates()}); nothing when it has none. */
    @Override
    public Map<String, Boolean> linkStates() {
        LinkStates.Table table = commands.linkStates();
        if (table == null) {
            return Map.of();
        }
        String text = withChannel("ports.linkStates", c -> c.run(table.command(), "ports.linkStates"));
        return LinkStates.parse(endpoint.id(), context("ports.linkStates"), text, table.parser());
    }

    @Override
    public void close() {
        connection.close();
    }

    /**
     * Renders an operation (reading the configuration first only if the rendering asks for it) and
     * sends its lines in one configuration session; nothing is sent when there is nothing to change.
     */
    private void configure(String operation, Function<SwitchCommands.Current, List<String>> render) {
        configurePorts(operation, List.of(), render);
    }

    /** {@link #configure}, for an operation on ports the switch must have. */
    private void configurePorts(String operation, List<String> onPorts, Function<SwitchCommands.Current, List<String>> render) {
        withChannel(operation, c -> {
            onPorts.forEach(port -> requirePort(c, port, operation));
            List<String> lines = render.apply(new LazyCurrent(c, operation));
            if (!lines.isEmpty()) {
                c.configure(lines, operation);
            }
            return null;
        });
    }

    /**
     * Refuses a port the switch does not have, for a dialect that would take its configuration
     * without a word ({@link SwitchCommands#acceptsAbsentPorts()}): checked against the ports of its
     * link-state table, read once a session and again when a port is not in it (a LAG created since,
     * a line card inserted), so a typo never leaves a node on its old network while the change
     * reports success.
     */
    private void requirePort(CliChannel c, String port, String operation) {
        if (!commands.acceptsAbsentPorts() || ports != null && ports.contains(port)) {
            return;
        }
        LinkStates.Table table = commands.linkStates();
        String text = c.run(table.command(), operation);
        ports = LinkStates.parse(endpoint.id(), context(operation), text, table.parser()).keySet();
        if (!ports.contains(port)) {
            throw new ConfigurationException("switch " + endpoint.id() + " has no port " + port + " (" + dialect.id()
                    + " would take its configuration and commit it, as for a line card yet to come)", context(operation));
        }
    }

    /** The configuration before an operation, read at most once and only when asked for. */
    private final class LazyCurrent implements SwitchCommands.Current {
        private final CliChannel channel;
        private final String operation;
        private String text;
        private SwitchConfig config;

        LazyCurrent(CliChannel channel, String operation) {
            this.channel = channel;
            this.operation = operation;
        }

        @Override
        public String text() {
            if (text == null) {
                text = show(channel, operation);
            }
            return text;
        }

        @Override
        public SwitchConfig config() {
            if (config == null) {
                config = parse(text(), operation);
            }
            return config;
        }
    }

    private <T> T withChannel(String operation, Function<CliChannel, T> op) {
        return connection.run(operation, op);
    }

    private ErrorContext context(String operation) {
        return connection.context(operation);
    }

    private String lagName(String lag) {
        String name = commands.lagName(lag);
        if (name == null) {
            throw unsupported("Lag");
        }
        return name;
    }

    private void requireAcl() {
        if (!commands.configuresAcls()) {
            throw unsupported("Acl");
        }
    }

    private void requireVxlan() {
        if (commands.noVxlanReason() != null) {
            throw new UnsupportedCapabilityException("Vxlan", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                    commands.noVxlanReason(), context("vxlan"));
        }
        if (!commands.mapsVnis()) {
            throw unsupported("Vxlan");
        }
    }

    private UnsupportedCapabilityException unsupported(String capability) {
        return new UnsupportedCapabilityException(capability, UnsupportedCapabilityException.Reason.NOT_OFFERED,
                "the " + dialect.id() + " driver does not configure it yet", context(capability.toLowerCase(java.util.Locale.ROOT)));
    }
}
