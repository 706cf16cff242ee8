package org.bmsdk.testkit.ipmi;

import java.net.InetSocketAddress;
import java.net.URI;
import org.bmsdk.testkit.ipmi.internal.BmcEngine;
import org.bmsdk.testkit.ipmi.internal.UdpHost;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * A running simulated IPMI 2.0 LAN BMC: one UDP socket on 127.0.0.x speaking RMCP+ (cipher suites
 * 3 and 17) for one {@link SimulatedMachine}, which it powers, boots, reads events and FRU data
 * from, and whose serial console it serves over Serial-over-LAN.
 *
 * <p>Start one on its own with {@link #start(IpmiSpec, SimulatedMachine)}, or many sharing one
 * selector thread through an {@link IpmiLab}.
 *
 * <pre>{@code
 * try (SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("node-1").build());
 *      SimulatedIpmi bmc = SimulatedIpmi.start(IpmiSpec.defaults(), machine)) {
 *     // ipmitool -I lanplus -H 127.0.0.1 -p bmc.port() -U admin -P password -C 17 chassis power on
 * }
 * }</pre>
 *
 * <p>Thread-safe. Closing it closes its socket (and, when started on its own, its threads); the
 * machine stays open unless its lab made it.
 */
public final class SimulatedIpmi implements AutoCloseable {

    private final IpmiLab lab;
    private final boolean ownsLab;
    private final IpmiSpec spec;
    private final BmcEngine engine;
    private final UdpHost.Endpoint endpoint;
    private final SimulatedMachine machine;
    private final boolean ownsMachine;
    private final IpmiFaults faults;
    private final InetSocketAddress address;

    SimulatedIpmi(IpmiLab lab, boolean ownsLab, IpmiSpec spec, BmcEngine engine, UdpHost.Endpoint endpoint,
            SimulatedMachine machine, boolean ownsMachine) {
        this.lab = lab;
        this.ownsLab = ownsLab;
        this.spec = spec;
        this.engine = engine;
        this.endpoint = endpoint;
        this.machine = machine;
        this.ownsMachine = ownsMachine;
        this.faults = new IpmiFaults(engine);
        this.address = endpoint.address();
    }

    /**
     * Starts a BMC with threads of its own.
     *
     * @param spec what the BMC is
     * @param machine the machine behind it
     * @return the running BMC
     */
    public static SimulatedIpmi start(IpmiSpec spec, SimulatedMachine machine) {
        IpmiLab lab = IpmiLab.create();
        try {
            return lab.start(spec, machine, false, true);
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** @return what it is */
    public IpmiSpec spec() {
        return spec;
    }

    /** @return the address it listens on, with the port chosen at start */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the UDP port */
    public int port() {
        return address.getPort();
    }

    /** @return {@code ipmi://127.0.0.1:PORT}, the endpoint form bm-sdk's IPMI driver takes */
    public URI uri() {
        return URI.create("ipmi://" + address.getAddress().getHostAddress() + ":" + port());
    }

    /** @return the machine it serves */
    public SimulatedMachine machine() {
        return machine;
    }

    /** @return the faults to inject */
    public IpmiFaults faults() {
        return faults;
    }

    /** @return how many session slots are in use, counting sessions being set up */
    public int sessionCount() {
        return engine.sessionCount();
    }

    /** @return how many sessions are active */
    public int activeSessionCount() {
        return engine.activeSessionCount();
    }

    /** @return whether a session has the Serial-over-LAN payload active */
    public boolean solActive() {
        return engine.solActive();
    }

    /** @return how many requests it answered */
    public long requestsAnswered() {
        return engine.answered();
    }

    /** @return how many datagrams it dropped (malformed, unsigned, replayed, for no session) */
    public long datagramsDropped() {
        return engine.dropped();
    }

    /** Stops listening; also stops the threads when it has its own, and closes a machine its lab made. */
    @Override
    public void close() {
        endpoint.close();
        engine.close();
        lab.forget(this);
        if (ownsMachine) {
            machine.close();
        }
        if (ownsLab) {
            lab.close();
        }
    }

    @Override
    public String toString() {
        return "SimulatedIpmi[" + uri() + ", " + machine.name() + "]";
    }
}
