package org.bmsdk.testkit.network;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.testkit.internal.SshDaemon;
import org.bmsdk.testkit.network.internal.FaultPlan;
import org.bmsdk.testkit.network.internal.SwitchSshServer;
import org.bmsdk.testkit.network.internal.SwitchState;

/**
 * Simulated switches, many in one JVM, each behind its own SSH server on 127.0.0.1 (Apache MINA
 * SSHD, a port each, chosen at start) and speaking its dialect's CLI: real prompts and modes,
 * abbreviations, error messages, paging, {@code show} output, running and saved configurations.
 * Real clients (netmiko, bm-sdk's switch drivers) drive them as they would a switch.
 *
 * <p>The switches share one host key, generated at start (ECDSA P-256), so that a client can
 * verify it: {@link #writeKnownHosts(Path)} writes a known_hosts file naming every switch.
 *
 * <pre>{@code
 * try (SimulatedSwitches lab = SimulatedSwitches.start(
 *         SwitchSpec.builder("sw-0", SwitchDialect.CISCO_IOS).build(),
 *         SwitchSpec.builder("sw-1", SwitchDialect.ARISTA_EOS).build())) {
 *     Path knownHosts = lab.writeKnownHosts(dir.resolve("known_hosts"));
 *     SimulatedSwitch sw = lab.get("sw-0");
 *     // ... configure it over ssh://127.0.0.1:sw.port() ...
 *     assertEquals(VlanId.of(100), sw.runningConfig().port("GigabitEthernet1/0/1").orElseThrow().accessVlan());
 * }
 * }</pre>
 */
public final class SimulatedSwitches implements AutoCloseable {

    private final Map<String, SimulatedSwitch> switches;

    private SimulatedSwitches(Map<String, SimulatedSwitch> switches) {
        this.switches = switches;
    }

    /**
     * Starts switches.
     *
     * @param specs what to simulate; names must differ
     * @return the running switches; close them when done
     */
    public static SimulatedSwitches start(SwitchSpec... specs) {
        return start(List.of(specs));
    }

    /**
     * Starts switches.
     *
     * @param specs what to simulate; names must differ
     * @return the running switches; close them when done
     */
    public static SimulatedSwitches start(List<SwitchSpec> specs) {
        KeyPair hostKey = SshDaemon.newHostKey();
        Map<String, SimulatedSwitch> started = new LinkedHashMap<>();
        try {
            for (SwitchSpec spec : specs) {
                if (started.containsKey(spec.name())) {
                    throw new IllegalArgumentException("two switches are named " + spec.name());
                }
                SwitchState state = SwitchState.create(spec.dialect().id(), spec.name(), spec.ports());
                spec.initialConfig().ifPresent(c -> {
                    state.running(m -> {
                        m.apply(c, org.bmsdk.testkit.network.internal.Dialects.aclsAsRules(spec.dialect().id()));
                        return null;
                    });
                    state.save();
                });
                FaultPlan plan = new FaultPlan();
                SwitchSshServer server = SwitchSshServer.start(spec.name(), state, hostKey, spec.username(),
                        spec.password(), spec.enableSecret().map(s -> s.reveal()).orElse(null), plan);
                started.put(spec.name(), new SimulatedSwitch(spec, state, plan, server));
            }
        } catch (RuntimeException e) {
            started.values().forEach(SimulatedSwitch::stop);
            throw e;
        }
        return new SimulatedSwitches(started);
    }

    /** @return every switch, in the order of their specs */
    public List<SimulatedSwitch> switches() {
        return List.copyOf(switches.values());
    }

    /**
     * One switch.
     *
     * @param name its name
     * @return the switch
     * @throws IllegalArgumentException when there is none of that name
     */
    public SimulatedSwitch get(String name) {
        SimulatedSwitch s = switches.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no simulated switch " + name + "; there are " + switches.keySet());
        }
        return s;
    }

    /** @return a known_hosts line for each switch, each ending in a newline */
    public String knownHosts() {
        StringBuilder sb = new StringBuilder();
        switches.values().forEach(s -> sb.append(s.knownHostsLine()).append('\n'));
        return sb.toString();
    }

    /**
     * Writes {@link #knownHosts()} to a file, replacing it.
     *
     * @param file the file
     * @return the file
     */
    public Path writeKnownHosts(Path file) {
        return SshDaemon.writeKnownHosts(file, knownHosts());
    }

    /** Stops every switch's SSH server. */
    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        for (SimulatedSwitch s : switches.values()) {
            try {
                s.stop();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
