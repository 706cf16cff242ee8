package org.bmsdk.testkit.redfish;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.internal.BmcModel;
import org.bmsdk.testkit.redfish.internal.BmcService;

/**
 * A running simulated Redfish BMC: one listening socket on 127.0.0.x that serves one or more
 * {@link SimulatedMachine}s through a realistic Redfish resource tree, and carries out what clients
 * ask on those machines (power, boot override, virtual media, BIOS, disk erase...).
 *
 * <p>Start one on its own with {@link #start(RedfishSpec, SimulatedMachine...)}, or many sharing
 * one I/O reactor through a {@link RedfishLab}. Each machine {@code i} (from 0) is served as
 * {@code /redfish/v1/Systems/{i+1}}, with a Chassis and a Manager of the same id.
 *
 * <pre>{@code
 * try (SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("node-1").build());
 *      SimulatedRedfish bmc = SimulatedRedfish.start(RedfishSpec.defaults(), machine)) {
 *     // point a client at bmc.baseUri(), trusting bmc.caCertificate(), user admin / password
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it stops its listener (and, when started on its own, its reactor); the
 * machines stay open unless its lab made them.
 */
public final class SimulatedRedfish implements AutoCloseable {

    private final RedfishLab lab;
    private final boolean ownsLab;
    private final BmcService service;
    private final List<SimulatedMachine> machines;
    private final boolean ownsMachines;
    private final RedfishFaults faults;
    private final RedfishSpec spec;

    SimulatedRedfish(RedfishLab lab, boolean ownsLab, RedfishSpec spec, BmcService service,
            List<SimulatedMachine> machines, boolean ownsMachines) {
        this.lab = lab;
        this.ownsLab = ownsLab;
        this.spec = spec;
        this.service = service;
        this.machines = List.copyOf(machines);
        this.ownsMachines = ownsMachines;
        this.faults = new RedfishFaults(service);
    }

    /**
     * Starts a BMC on a reactor of its own, serving the given machines.
     *
     * @param spec what the BMC is
     * @param machines the machines it serves, at least one
     * @return the running BMC
     */
    public static SimulatedRedfish start(RedfishSpec spec, SimulatedMachine... machines) {
        RedfishLab lab = RedfishLab.create();
        try {
            SimulatedRedfish bmc = lab.start(spec, List.of(machines), false, true);
            return bmc;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** @return what it is */
    public RedfishSpec spec() {
        return spec;
    }

    /** @return the address it listens on, with the port chosen at start */
    public InetSocketAddress address() {
        return service.address();
    }

    /** @return the port it listens on */
    public int port() {
        return service.address().getPort();
    }

    /** @return {@code https://127.0.0.1:PORT} (or http), with no path */
    public URI baseUri() {
        return URI.create((spec.tls() ? "https" : "http") + "://" + address().getAddress().getHostAddress() + ":"
                + port());
    }

    /** @return the service root, {@code baseUri()/redfish/v1/} */
    public URI serviceRoot() {
        return baseUri().resolve("/redfish/v1/");
    }

    /**
     * The PEM file of the CA that signed this BMC's certificate, for a client to trust. The
     * certificate names {@code localhost}, {@code 127.0.0.1} and the BMC's address.
     *
     * @return the file; deleted when the lab closes
     */
    public Path caCertificate() {
        return lab.caCertificate();
    }

    /** @return the machines it serves, in the order of their system ids */
    public List<SimulatedMachine> machines() {
        return machines;
    }

    /**
     * The path of a machine's ComputerSystem, such as {@code /redfish/v1/Systems/1}.
     *
     * @param machine one of the machines it serves
     * @return the path
     */
    public String systemPath(SimulatedMachine machine) {
        int i = machines.indexOf(Objects.requireNonNull(machine, "machine"));
        if (i < 0) {
            throw new IllegalArgumentException(machine + " is not served by this BMC");
        }
        return BmcModel.systemPath(Integer.toString(i + 1));
    }

    /** @return the faults to inject */
    public RedfishFaults faults() {
        return faults;
    }

    /** @return how many sessions are open */
    public int sessionCount() {
        return service.model().sessions().size();
    }

    /** @return how many events subscribers acknowledged with a 2xx answer */
    public long eventsDelivered() {
        return service.model().events().delivered();
    }

    /**
     * The latest requests (up to 1,000), oldest first, without headers or bodies.
     *
     * @return the requests
     */
    public List<RecordedRequest> requests() {
        return service.requests();
    }

    /** Stops listening; also stops the reactor when it has its own, and closes machines its lab made. */
    @Override
    public void close() {
        service.close();
        lab.forget(this);
        if (ownsMachines) {
            machines.forEach(SimulatedMachine::close);
        }
        if (ownsLab) {
            lab.close();
        }
    }

    @Override
    public String toString() {
        return "SimulatedRedfish[" + baseUri() + ", " + machines.size() + " machine(s)]";
    }
}
