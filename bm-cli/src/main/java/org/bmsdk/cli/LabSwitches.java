package org.bmsdk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.NicSpec;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;

/**
 * The simulated switches of {@code bmctl lab --switches M}: which dialect each speaks, how the
 * machines' Ethernet NICs are cabled to their ports, and the lab's part of the JSON line.
 *
 * <p>Machine {@code i} hangs off switch {@code sw-(i mod M)}, its Ethernet NICs on that switch's next
 * free ports in order, so that a machine's ports sit on one switch as in a rack with one top-of-rack
 * switch per group of machines. InfiniBand ports are not Ethernet and stay uncabled. Each switch has
 * as many ports as it needs, at least 8.
 */
final class LabSwitches implements AutoCloseable {

    /** The most switches one lab runs: each is an SSH server. */
    static final int MAX_SWITCHES = 64;

    /** The fewest ports a lab switch has, so that there are free ones to try things on. */
    static final int MIN_PORTS = 8;

    private final SimulatedSwitches switches;
    private final Path knownHosts;

    private LabSwitches(SimulatedSwitches switches, Path knownHosts) {
        this.switches = switches;
        this.knownHosts = knownHosts;
    }

    /**
     * The dialect named on the command line.
     *
     * @param id netmiko's name, such as {@code arista_eos}
     * @return the dialect
     * @throws IllegalArgumentException (bad usage) naming the dialects the simulator speaks
     */
    static SwitchDialect dialect(String id) {
        return Arrays.stream(SwitchDialect.values()).filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--dialect must be one of " + dialectIds() + ", but was '" + id + "'"));
    }

    /** @return the dialects the simulated switches speak, by netmiko's names */
    static List<String> dialectIds() {
        return Arrays.stream(SwitchDialect.values()).map(SwitchDialect::id).toList();
    }

    /** The plan of a lab's network: the switches to start and the machines cabled to them. */
    record Plan(List<SwitchSpec> switches, List<MachineSpec> machines) {
    }

    /**
     * Plans the switches and cables the machines' Ethernet NICs to them.
     *
     * @param machines the machines, their NICs as specified (any cabling they have is replaced)
     * @param count how many switches, at least 1
     * @param dialect the one dialect of every switch, or null for the dialects in turn
     * @param login the switches' login (the lab's)
     * @return the switch specs and the cabled machines
     */
    static Plan plan(List<MachineSpec> machines, int count, SwitchDialect dialect, Credentials login) {
        List<SwitchDialect> dialects = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            dialects.add(dialect != null ? dialect : SwitchDialect.values()[s % SwitchDialect.values().length]);
        }
        int[] used = new int[count];
        List<MachineSpec> cabled = new ArrayList<>();
        for (int i = 0; i < machines.size(); i++) {
            int s = i % count;
            MachineSpec m = machines.get(i);
            List<NicSpec> nics = new ArrayList<>();
            for (NicSpec n : m.nics()) {
                if (n.linkType() == LinkType.ETHERNET) {
                    String port = dialects.get(s).portName(++used[s]);
                    nics.add(new NicSpec(n.name(), n.mac(), n.speedMbps(), n.linkType(), n.rdmaCapable(),
                            Optional.of(LocalLinkConnection.of(name(s), port))));
                } else {
                    nics.add(new NicSpec(n.name(), n.mac(), n.speedMbps(), n.linkType(), n.rdmaCapable(), Optional.empty()));
                }
            }
            cabled.add(m.toBuilder().nics(nics).build());
        }
        List<SwitchSpec> specs = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            specs.add(SwitchSpec.builder(name(s), dialects.get(s)).ports(Math.max(MIN_PORTS, used[s]))
                    .login(login.username(), login.password()).build());
        }
        return new Plan(List.copyOf(specs), List.copyOf(cabled));
    }

    private static String name(int s) {
        return "sw-" + s;
    }

    /**
     * Starts the planned switches and writes their host keys to a known_hosts file.
     *
     * @param plan the plan
     * @param knownHosts the file to write
     * @return the running switches
     */
    static LabSwitches start(Plan plan, Path knownHosts) {
        SimulatedSwitches started = SimulatedSwitches.start(plan.switches());
        try {
            started.writeKnownHosts(knownHosts);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return new LabSwitches(started, knownHosts);
    }

    /** @return the running switches */
    SimulatedSwitches switches() {
        return switches;
    }

    /** @return the known_hosts file that names every switch */
    Path knownHosts() {
        return knownHosts;
    }

    /**
     * The {@code "switches"} of the lab's JSON line.
     *
     * @param login the switches' login, printed on purpose as the lab's BMC password is
     * @return one object per switch
     */
    List<Map<String, Object>> json(Credentials login) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SimulatedSwitch s : switches.switches()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("dialect", s.dialect().id());
            m.put("ssh", s.sshUri().toString());
            m.put("username", login.username());
            m.put("password", login.password().reveal());
            m.put("ports", s.ports());
            list.add(m);
        }
        return list;
    }

    /**
     * A machine's {@code "nics"}: each cabled NIC's MAC, as its BMC reports it, and where it is cabled.
     *
     * @param machine the machine
     * @return one object per cabled NIC
     */
    static List<Map<String, Object>> nics(MachineSpec machine) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (NicSpec n : machine.nics()) {
            n.cabledTo().ifPresent(c -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mac", n.mac().value().toLowerCase(Locale.ROOT));
                m.put("switch", c.switchId());
                m.put("port", c.portId());
                list.add(m);
            });
        }
        return list;
    }

    /** Stops every switch. */
    @Override
    public void close() {
        switches.close();
    }
}
