package org.bmsdk.network.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.ssh.ExecResult;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SwitchSession} on an Open vSwitch host: each operation is one command line
 * ({@link OvsCommands}) run over SSH exec, no terminal, on one SSH connection kept for the whole
 * session and opened again when it drops. A non-zero exit is a {@link DeviceException} carrying
 * the command's error line ({@code ovs-vsctl: no row "p9" in table Port}). Every operation is
 * idempotent, so a dropped connection is reconnected and the operation run again, once. A command
 * slower than the endpoint's command timeout is an {@link OperationTimeoutException} (ovs-vsctl is
 * also given that timeout, so that it ends on its own). Thread-safe by serialising the operations.
 *
 * <p>Open vSwitch has no VLAN database and no startup configuration: {@link #createVlan},
 * {@link #deleteVlan} and {@link #save()} check their arguments and send nothing (ovsdb-server
 * writes every change to its database file as it commits it).
 */
public final class OvsSwitchSession implements SwitchSession {

    /** netmiko's device type for Open vSwitch on Linux, this driver's dialect. */
    public static final String DIALECT = "ovs_linux";

    private static final Logger LOG = LoggerFactory.getLogger(OvsSwitchSession.class);

    private final SwitchEndpoint endpoint;
    private final DriverContext context;
    private final OvsCommands commands;
    private final EventListener events;
    private SshClient client;
    private SshConnection connection;
    private boolean closed;
    private int connects;

    /**
     * A session; connects at the first operation or at {@link #connect()}.
     *
     * @param endpoint the switch, dialect {@value #DIALECT}
     * @param context credentials resolver and listener
     */
    public OvsSwitchSession(SwitchEndpoint endpoint, DriverContext context) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.context = Objects.requireNonNull(context, "context");
        if (!endpoint.dialect().equals(DIALECT)) {
            throw new ConfigurationException("switch " + endpoint.id() + " speaks " + endpoint.dialect() + ", not " + DIALECT);
        }
        this.commands = new OvsCommands(endpoint.commandTimeout());
        this.events = EventListener.guarded(context.listener());
    }

    /** Logs in now rather than at the first operation, so that bad credentials show at once. */
    public synchronized void connect() {
        connection();
    }

    /** @return how many times this session has logged in (1 unless it had to reconnect) */
    public synchronized int connects() {
        return connects;
    }

    /** Open vSwitch has no VLAN database (every VLAN exists): checks nothing but the arguments, sends nothing. */
    @Override
    public void createVlan(VlanId vlan, String name) {
        Objects.requireNonNull(vlan, "vlan");
        checkOpen();
    }

    /** Open vSwitch has no VLAN database: sends nothing; ports still on the VLAN keep it. */
    @Override
    public void deleteVlan(VlanId vlan) {
        Objects.requireNonNull(vlan, "vlan");
        checkOpen();
    }

    @Override
    public void setAccessVlan(String port, VlanId vlan) {
        run("port.access", commands.access(port, Objects.requireNonNull(vlan, "vlan")));
    }

    @Override
    public void setTrunk(String port, VlanId nativeVlan, Set<VlanId> allowed) {
        run("port.trunk", commands.trunk(port, nativeVlan, Objects.requireNonNull(allowed, "allowed")));
    }

    @Override
    public void addTrunkVlan(String port, VlanId vlan) {
        run("port.trunk.add", commands.addTrunkVlan(port, Objects.requireNonNull(vlan, "vlan")));
    }

    @Override
    public void removeTrunkVlan(String port, VlanId vlan) {
        run("port.trunk.remove", commands.removeTrunkVlan(port, Objects.requireNonNull(vlan, "vlan")));
    }

    @Override
    public void setPortEnabled(String port, boolean enabled) {
        run(enabled ? "port.enable" : "port.shutdown", commands.enabled(port, enabled));
    }

    @Override
    public void setIdle(String port, VlanId idleVlan) {
        run("port.idle", commands.idle(port, Objects.requireNonNull(idleVlan, "idleVlan")));
    }

    /**
     * Makes the members' interfaces a bond with LACP active ({@link OvsCommands#createBond}); reads
     * the ports first, to know whether the bond exists and which members it loses. The bond's name
     * is the LAG's, as given.
     */
    @Override
    public void createLag(String lag, List<String> members) {
        OvsCommands.port(lag);
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("a LAG needs at least one member port");
        }
        members.forEach(OvsCommands::port);
        SwitchConfig now = readBack();
        List<String> stale = new java.util.ArrayList<>(now.lagMembers(lag));
        stale.removeAll(members);
        if (now.ports().containsKey(lag) && stale.isEmpty() && now.lagMembers(lag).equals(members.stream().sorted().toList())) {
            return;
        }
        run("lag.create", commands.createBond(lag, List.copyOf(members), stale, now.ports().containsKey(lag)));
    }

    /** Deletes the bond; each member interface gets a port of its own, a trunk carrying nothing. Nothing when it is gone. */
    @Override
    public void deleteLag(String lag) {
        OvsCommands.port(lag);
        SwitchConfig now = readBack();
        if (now.ports().containsKey(lag)) {
            run("lag.delete", commands.deleteBond(lag, now.lagMembers(lag)));
        }
    }

    @Override
    public void bindAcl(String port, Acl acl) {
        throw noAcl();
    }

    @Override
    public void unbindAcl(String port, String aclName) {
        throw noAcl();
    }

    @Override
    public void mapVni(Vni vni, VlanId vlan) {
        throw noVxlan();
    }

    @Override
    public void unmapVni(Vni vni) {
        throw noVxlan();
    }

    private UnsupportedCapabilityException noAcl() {
        return new UnsupportedCapabilityException("Acl", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                "Open vSwitch has no port ACLs; it filters with OpenFlow rules (or OVN/conntrack), which this driver does not program",
                context("acl"));
    }

    private UnsupportedCapabilityException noVxlan() {
        return new UnsupportedCapabilityException("Vxlan", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                "Open vSwitch has no VNI-to-VLAN map; VXLAN there is a tunnel port (type=vxlan, options:key) plus OpenFlow rules,"
                        + " which this driver does not program", context("vxlan"));
    }

    /** ovsdb-server commits every change to its database file: nothing to save. */
    @Override
    public void save() {
        checkOpen();
    }

    @Override
    public SwitchConfig readBack() {
        String out = run("config.read", commands.read());
        try {
            return OvsdbOutput.parse(out);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new DeviceException("switch " + endpoint.id() + " printed a port table that does not parse: "
                    + e.getMessage(), context("config.read"), e.getMessage(), false, e);
        }
    }

    /** Every interface's {@code link_state} but the bridges' own ({@link OvsdbOutput#linkStates}). */
    @Override
    public Map<String, Boolean> linkStates() {
        String out = run("ports.linkStates", commands.readLinks());
        return LinkStates.parse(endpoint.id(), context("ports.linkStates"), out, OvsdbOutput::linkStates);
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    /** Runs one command line and returns its standard output; tells the listener. */
    private synchronized String run(String operation, String command) {
        checkOpen();
        ErrorContext ctx = context(operation);
        Instant start = context.clock().instant();
        events.operationStarted(ctx);
        try {
            String out = attempt(operation, () -> exec(command, ctx), ctx);
            events.operationSucceeded(ctx, Duration.between(start, context.clock().instant()));
            return out;
        } catch (BareMetalException e) {
            events.operationFailed(ctx, Duration.between(start, context.clock().instant()), e);
            throw e;
        }
    }

    private String exec(String command, ErrorContext ctx) {
        // a little more than ovs-vsctl's own --timeout, so that its error comes first when it can
        ExecResult r = connection().exec(command, endpoint.commandTimeout().plusSeconds(2));
        if (r.isSuccess()) {
            return r.stdout();
        }
        String line = errorLine(r);
        if (timedOut(r)) {
            throw new OperationTimeoutException("switch " + endpoint.id() + " (" + endpoint.uri() + "): '" + command
                    + "' gave up after its --timeout: " + line, ctx);
        }
        throw new DeviceException("switch " + endpoint.id() + " (" + endpoint.uri() + ") refused '" + command + "': " + line,
                ctx, line);
    }

    /**
     * Whether an OVS program ended on its own {@code --timeout}: it then dies of SIGALRM, which its
     * fatal-signal handler logs ({@code terminating with signal 14 (Alarm clock)}) and a shell
     * reports as status 142.
     */
    static boolean timedOut(ExecResult r) {
        return r.exitStatus() == 128 + 14 || r.stderr().contains("terminating with signal 14");
    }

    /**
     * The line that says what went wrong: the first {@code ovs-vsctl: ...} or {@code ovs-ofctl: ...}
     * line (log lines such as {@code 2026-...|fatal_signal|WARN|...} may come before it), else the
     * first line of stderr, else of stdout, else the exit status.
     */
    static String errorLine(ExecResult r) {
        for (String text : new String[] {r.stderr(), r.stdout()}) {
            for (String l : text.split("\\R")) {
                if (l.startsWith("ovs-")) {
                    return l.strip();
                }
            }
        }
        for (String text : new String[] {r.stderr(), r.stdout()}) {
            for (String l : text.split("\\R")) {
                if (!l.isBlank()) {
                    return l.strip();
                }
            }
        }
        return "exit status " + r.exitStatus();
    }

    private String attempt(String operation, Supplier<String> op, ErrorContext ctx) {
        boolean fresh = connection == null;
        try {
            return op.get();
        } catch (AuthenticationException | DeviceException e) {
            throw e;
        } catch (OperationTimeoutException e) {
            throw new OperationTimeoutException("switch " + endpoint.id() + " did not finish " + operation + " within "
                    + endpoint.commandTimeout().toMillis() + " ms", ctx, e);
        } catch (TransportException e) {
            drop();
            if (fresh) {
                throw e;
            }
            LOG.info("{}: the SSH connection broke during {} ({}); reconnecting once", endpoint.id(), operation,
                    e.getMessage());
            events.retryScheduled(ctx, 1, Duration.ZERO, e);
            try {
                return op.get();
            } catch (TransportException again) {
                drop();
                throw again;
            }
        }
    }

    private SshConnection connection() {
        if (connection != null && !connection.isOpen()) {
            LOG.debug("{}: the SSH connection was closed; reconnecting", endpoint.id());
            drop();
        }
        if (connection == null) {
            Credentials credentials = context.credentials().resolve(endpoint.credentials());
            SshOptions.Builder options = SshOptions.builder()
                    .host(endpoint.uri().getHost())
                    .port(endpoint.uri().getPort() > 0 ? endpoint.uri().getPort() : SshOptions.DEFAULT_PORT)
                    .knownHosts(endpoint.knownHosts())
                    .commandTimeout(endpoint.commandTimeout())
                    .connectTimeout(endpoint.commandTimeout());
            if (endpoint.privateKey().isPresent()) {
                options.username(credentials.username()).privateKey(endpoint.privateKey().get());
            } else {
                options.credentials(credentials);
            }
            SshClient c = SshClient.create();
            try {
                connection = c.connect(options.build());
                client = c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            connects++;
        }
        return connection;
    }

    private void drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("session on switch " + endpoint.id() + " is closed");
        }
    }

    private ErrorContext context(String operation) {
        return ErrorContext.of(endpoint.uri().toString(), DIALECT, operation);
    }
}
