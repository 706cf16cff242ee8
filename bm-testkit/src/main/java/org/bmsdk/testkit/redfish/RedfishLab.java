package org.bmsdk.testkit.redfish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.internal.BmcService;
import org.bmsdk.testkit.redfish.internal.ReactorHost;

/**
 * Many simulated Redfish BMCs in one JVM, sharing one I/O reactor (a couple of threads whatever
 * their number) and one test CA: each BMC is one listening socket. A thousand BMCs cost a thousand
 * sockets and their machines' memory, not a thousand threads.
 *
 * <pre>{@code
 * try (RedfishLab lab = RedfishLab.create()) {
 *     List<SimulatedRedfish> fleet = lab.startFleet(1000, RedfishSpec.defaults(),
 *             i -> MachineSpec.builder("node-" + i).build(), FleetAddressing.SHARED_ADDRESS);
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing the lab closes every BMC it started, the machines it made, the reactor,
 * and deletes the CA file.
 */
public final class RedfishLab implements AutoCloseable {

    private static final int MAX_PER_BMC_ADDRESSES = 254 * 254;

    private final ReactorHost host;
    private final Set<SimulatedRedfish> bmcs = ConcurrentHashMap.newKeySet();

    private RedfishLab(ReactorHost host) {
        this.host = host;
    }

    /**
     * Starts a lab with two I/O threads, enough for thousands of mostly idle BMCs.
     *
     * @return the lab
     */
    public static RedfishLab create() {
        return create(2);
    }

    /**
     * Starts a lab.
     *
     * @param ioThreads I/O reactor threads, at least 1
     * @return the lab
     */
    public static RedfishLab create(int ioThreads) {
        if (ioThreads < 1) {
            throw new ConfigurationException("ioThreads must be at least 1, but was " + ioThreads);
        }
        return new RedfishLab(ReactorHost.start("lab", ioThreads));
    }

    /**
     * The loopback address of BMC {@code index} of a fleet with an address per BMC: 127.0.1.1,
     * 127.0.1.2, ... 127.0.1.254, 127.0.2.1, ... (127.0.0.x is left to other tests).
     *
     * @param index from 0 to 64,515
     * @return the address, such as {@code 127.0.1.1}
     */
    public static String loopbackAddress(int index) {
        if (index < 0 || index >= MAX_PER_BMC_ADDRESSES) {
            throw new ConfigurationException("index must be in 0.." + (MAX_PER_BMC_ADDRESSES - 1) + ", but was "
                    + index);
        }
        return "127.0." + (1 + index / 254) + "." + (1 + index % 254);
    }

    /**
     * Starts a BMC serving machines the caller made and keeps open.
     *
     * @param spec what the BMC is
     * @param machines the machines, at least one
     * @return the running BMC
     */
    public SimulatedRedfish start(RedfishSpec spec, SimulatedMachine... machines) {
        return start(spec, List.of(machines), false, false);
    }

    /**
     * Starts a fleet: {@code count} BMCs, each serving one machine that the lab makes from
     * {@code machineSpecs} (with the template's clock) and closes with it.
     *
     * @param count how many BMCs
     * @param template the spec of every BMC; with {@link FleetAddressing#ADDRESS_PER_BMC} its port must be set
     * @param machineSpecs the spec of machine {@code i}
     * @param addressing one address for all, or an address each
     * @return the BMCs, in order
     */
    public List<SimulatedRedfish> startFleet(int count, RedfishSpec template, IntFunction<MachineSpec> machineSpecs,
            FleetAddressing addressing) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(machineSpecs, "machineSpecs");
        if (count < 1) {
            throw new ConfigurationException("count must be at least 1, but was " + count);
        }
        if (addressing == FleetAddressing.ADDRESS_PER_BMC && template.port() == 0) {
            throw new ConfigurationException("a fleet with an address per BMC needs a fixed port in its template");
        }
        if (addressing == FleetAddressing.SHARED_ADDRESS && template.port() != 0 && count > 1) {
            throw new ConfigurationException("BMCs sharing one address need ports chosen at start (port 0), but the"
                    + " template has port " + template.port());
        }
        List<SimulatedRedfish> out = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                RedfishSpec spec = addressing == FleetAddressing.ADDRESS_PER_BMC
                        ? template.toBuilder().address(loopbackAddress(i)).build() : template;
                SimulatedMachine machine = SimulatedMachine.create(machineSpecs.apply(i), template.clock());
                try {
                    out.add(start(spec, List.of(machine), true, false));
                } catch (RuntimeException e) {
                    machine.close();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            out.forEach(SimulatedRedfish::close);
            throw e;
        }
        return out;
    }

    /** @return the PEM file of the CA that signs every BMC's certificate */
    public Path caCertificate() {
        return host.pki().caFile();
    }

    /** @return the running BMCs, in no particular order */
    public List<SimulatedRedfish> bmcs() {
        return List.copyOf(bmcs);
    }

    /** @return how many client connections are open to all its BMCs */
    public int openConnections() {
        return host.openConnections();
    }

    /** Closes every BMC, the machines the lab made, the reactor and the CA file. */
    @Override
    public void close() {
        for (SimulatedRedfish bmc : List.copyOf(bmcs)) {
            bmc.close();
        }
        host.close();
    }

    SimulatedRedfish start(RedfishSpec spec, List<SimulatedMachine> machines, boolean ownsMachines, boolean ownsLab) {
        Objects.requireNonNull(spec, "spec");
        if (machines.isEmpty()) {
            throw new ConfigurationException("a BMC serves at least one machine");
        }
        try {
            BmcService service = BmcService.start(host, spec, machines);
            SimulatedRedfish bmc = new SimulatedRedfish(this, ownsLab, spec, service, machines, ownsMachines);
            bmcs.add(bmc);
            return bmc;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + spec.address().getHostAddress() + ":"
                    + spec.port(), e);
        }
    }

    void forget(SimulatedRedfish bmc) {
        bmcs.remove(bmc);
    }
}
