package org.bmsdk.testkit.network;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.testkit.network.internal.FaultPlan;
import org.bmsdk.testkit.network.internal.SwitchModel;
import org.bmsdk.testkit.network.internal.SwitchSshServer;
import org.bmsdk.testkit.network.internal.SwitchState;

/**
 * One running simulated switch of a {@link SimulatedSwitches}: its SSH address, its running and
 * saved configurations (to verify what a client did), the commands it was sent, and its faults.
 * Thread-safe.
 */
public final class SimulatedSwitch {

    private final SwitchSpec spec;
    private final SwitchState state;
    private final FaultPlan plan;
    private final SwitchFaults faults;
    private final SwitchSshServer server;
    private final String knownHostsLine;

    SimulatedSwitch(SwitchSpec spec, SwitchState state, FaultPlan plan, SwitchSshServer server) {
        this.spec = spec;
        this.state = state;
        this.plan = plan;
        this.faults = new SwitchFaults(plan);
        this.server = server;
        this.knownHostsLine = server.knownHostsLine();
    }

    /**
     * Cables a port to a machine's NIC: the port has link while it is enabled and the machine is
     * powered on (a machine that loses power takes its link down with it), as the dialect's link
     * table prints it ({@code show interfaces status}, Junos {@code show interfaces terse}, NVUE
     * {@code nv show interface}).
     *
     * @param port the port, which must exist
     * @param machine the machine
     * @return this switch
     */
    public SimulatedSwitch cable(String port, org.bmsdk.testkit.machine.SimulatedMachine machine) {
        return cable(port, () -> machine.powerState() == org.bmsdk.api.bmc.PowerState.ON);
    }

    /**
     * Cables a port to any far end, such as a link a test pulls and plugs back.
     *
     * @param port the port, which must exist
     * @param carrier whether the far end has carrier now
     * @return this switch
     */
    public SimulatedSwitch cable(String port, java.util.function.BooleanSupplier carrier) {
        if (!ports().contains(port)) {
            throw new IllegalArgumentException("switch " + name() + " has no port " + port + "; it has " + ports());
        }
        state.cable(port, carrier);
        return this;
    }

    /** @return what was asked for */
    public SwitchSpec spec() {
        return spec;
    }

    /** @return the switch's name */
    public String name() {
        return spec.name();
    }

    /** @return the dialect */
    public SwitchDialect dialect() {
        return spec.dialect();
    }

    /** @return always {@code 127.0.0.1} */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the SSH port, chosen at start */
    public int port() {
        return server.port();
    }

    /** @return {@code ssh://127.0.0.1:PORT} */
    public URI sshUri() {
        return URI.create("ssh://127.0.0.1:" + port());
    }

    /** @return the ports' full names */
    public List<String> ports() {
        return spec.ports();
    }

    /** @return this switch's line for a known_hosts file: {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…} */
    public String knownHostsLine() {
        return knownHostsLine;
    }

    /** @return the running configuration now, as a driver should read it back */
    public SwitchConfig runningConfig() {
        return state.running(SwitchModel::view);
    }

    /** @return the saved (startup) configuration */
    public SwitchConfig savedConfig() {
        return state.saved(SwitchModel::view);
    }

    /** @return the running configuration as {@code show running-config} prints it */
    public String runningConfigText() {
        return state.runningConfigText();
    }

    /** @return the description of each port that has one */
    public Map<String, String> descriptions() {
        return state.running(SwitchModel::descriptions);
    }

    /** @return the name of each VLAN, by id */
    public Map<Integer, String> vlanNames() {
        return state.running(SwitchModel::vlanNames);
    }

    /** Throws away what was not saved, as a reload does. */
    public void reload() {
        state.reload();
    }

    /** @return the faults to inject */
    public SwitchFaults faults() {
        return faults;
    }

    /** @return every command line typed into any session so far, in order; never a password */
    public List<String> commands() {
        return server.commands();
    }

    /** @return the successful SSH logins so far */
    public int logins() {
        return server.logins();
    }

    /** @return the SSH sessions open now */
    public int openSessions() {
        return server.openSessions();
    }

    void stop() {
        server.close();
        plan.clear();
    }

    @Override
    public String toString() {
        return "SimulatedSwitch[" + name() + " " + dialect().id() + " " + sshUri() + "]";
    }
}
