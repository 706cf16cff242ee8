package org.bmsdk.testkit.ipmi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.testkit.ipmi.internal.BmcEngine;
import org.bmsdk.testkit.ipmi.internal.UdpHost;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * Many simulated IPMI BMCs in one JVM: each is one UDP socket, all read by one selector thread,
 * with one timer thread for delays, SOL retransmissions and session timeouts.
 *
 * <pre>{@code
 * try (IpmiLab lab = IpmiLab.create()) {
 *     List<SimulatedIpmi> fleet = lab.startFleet(1000, IpmiSpec.defaults(), i -> MachineSpec.builder("node-" + i).build());
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing the lab closes every BMC it started, the machines it made, and its threads.
 */
public final class IpmiLab implements AutoCloseable {

    private final UdpHost host;
    private final Set<SimulatedIpmi> bmcs = ConcurrentHashMap.newKeySet();

    private IpmiLab(UdpHost host) {
        this.host = host;
    }

    /** @return a lab with its selector and timer threads started */
    public static IpmiLab create() {
        return new IpmiLab(UdpHost.start("lab"));
    }

    /**
     * Starts a BMC for a machine the caller made and keeps open.
     *
     * @param spec what the BMC is
     * @param machine the machine
     * @return the running BMC
     */
    public SimulatedIpmi start(IpmiSpec spec, SimulatedMachine machine) {
        return start(spec, machine, false, false);
    }

    /**
     * Starts {@code count} BMCs on ports chosen at start, each for a machine the lab makes (with the
     * template's clock) and closes with it.
     *
     * @param count how many
     * @param template the spec of every BMC; its port must be 0
     * @param machineSpecs the spec of machine {@code i}
     * @return the BMCs, in order
     */
    public List<SimulatedIpmi> startFleet(int count, IpmiSpec template, IntFunction<MachineSpec> machineSpecs) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(machineSpecs, "machineSpecs");
        if (count < 1) {
            throw new ConfigurationException("count must be at least 1, but was " + count);
        }
        if (template.port() != 0 && count > 1) {
            throw new ConfigurationException("a fleet needs ports chosen at start (port 0), but the template has port "
                    + template.port());
        }
        List<SimulatedIpmi> out = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                SimulatedMachine machine = SimulatedMachine.create(machineSpecs.apply(i), template.clock());
                try {
                    out.add(start(template, machine, true, false));
                } catch (RuntimeException e) {
                    machine.close();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            out.forEach(SimulatedIpmi::close);
            throw e;
        }
        return out;
    }

    /** @return the running BMCs, in no particular order */
    public List<SimulatedIpmi> bmcs() {
        return List.copyOf(bmcs);
    }

    /** @return the one thread that reads every BMC's socket */
    public Thread ioThread() {
        return host.ioThread();
    }

    /** Closes every BMC, the machines the lab made, and the threads. */
    @Override
    public void close() {
        for (SimulatedIpmi bmc : List.copyOf(bmcs)) {
            bmc.close();
        }
        host.close();
    }

    SimulatedIpmi start(IpmiSpec spec, SimulatedMachine machine, boolean ownsMachine, boolean ownsLab) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(machine, "machine");
        UdpHost.Endpoint endpoint;
        try {
            endpoint = host.open(new InetSocketAddress(spec.address(), spec.port()));
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on udp " + spec.address().getHostAddress() + ":" + spec.port(), e);
        }
        BmcEngine engine = new BmcEngine(spec, machine, endpoint);
        engine.port(endpoint.address().getPort());
        endpoint.attach(engine);
        SimulatedIpmi bmc = new SimulatedIpmi(this, ownsLab, spec, engine, endpoint, machine, ownsMachine);
        bmcs.add(bmc);
        return bmc;
    }

    void forget(SimulatedIpmi bmc) {
        bmcs.remove(bmc);
    }
}
