package org.bmsdk.testkit.junit5;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.FleetAddressing;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;

/**
 * Gives a test its simulated Redfish BMCs, one per machine, started before and stopped after.
 *
 * <pre>{@code
 * class PowerTest {
 *     @RegisterExtension
 *     final RedfishExtension bmcs = RedfishExtension.withMachines(3);
 *
 *     @Test
 *     void powersOn() {
 *         SimulatedRedfish bmc = bmcs.bmc(0);
 *         // drive bmc.baseUri() with the client under test, trusting bmc.caCertificate()
 *         assertEquals(PowerState.ON, bmcs.machine(0).powerState());
 *     }
 * }
 * }</pre>
 *
 * <p>Registered on an instance field, each test gets fresh BMCs and machines; on a static field,
 * or with {@code @ExtendWith(RedfishExtension.class)} (one machine, default spec), the whole class
 * shares them. Test and lifecycle methods may also declare parameters of type
 * {@link SimulatedRedfish} (the first BMC), {@link SimulatedMachine} (the first machine) or
 * {@link RedfishLab}.
 */
public final class RedfishExtension extends LabExtension<RedfishLab, SimulatedRedfish> {

    private final RedfishSpec spec;

    /** One BMC serving one machine, with default specs; for {@code @ExtendWith}. */
    public RedfishExtension() {
        this(1, RedfishSpec.defaults(), LabExtension::defaultMachine);
    }

    private RedfishExtension(int count, RedfishSpec spec, IntFunction<MachineSpec> machineSpecs) {
        super(RedfishLab.class, SimulatedRedfish.class, count, machineSpecs);
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * BMCs with the default spec, one per machine, the machines named {@code node-1}, {@code node-2}...
     *
     * @param machines how many
     * @return the extension
     */
    public static RedfishExtension withMachines(int machines) {
        return new RedfishExtension(machines, RedfishSpec.defaults(), LabExtension::defaultMachine);
    }

    /**
     * BMCs of a given spec, one per machine, each machine made from {@code machineSpecs.apply(i)}.
     *
     * @param machines how many
     * @param spec the spec of every BMC
     * @param machineSpecs the spec of machine {@code i}, from 0
     * @return the extension
     */
    public static RedfishExtension with(int machines, RedfishSpec spec, IntFunction<MachineSpec> machineSpecs) {
        return new RedfishExtension(machines, spec, machineSpecs);
    }

    @Override
    RedfishLab newLab() {
        return RedfishLab.create();
    }

    @Override
    List<SimulatedRedfish> startFleet(RedfishLab lab, int count, IntFunction<MachineSpec> machineSpecs) {
        return lab.startFleet(count, spec, machineSpecs, FleetAddressing.SHARED_ADDRESS);
    }

    @Override
    SimulatedMachine machineOf(SimulatedRedfish bmc) {
        return bmc.machines().get(0);
    }
}
