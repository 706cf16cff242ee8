package org.bmsdk.testkit.junit5;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.bmsdk.testkit.ipmi.IpmiLab;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * Gives a test its simulated IPMI BMCs, one per machine, started before and stopped after.
 *
 * <pre>{@code
 * class PowerTest {
 *     @RegisterExtension
 *     final IpmiExtension bmcs = IpmiExtension.withMachines(3);
 *
 *     @Test
 *     void powersOn() {
 *         SimulatedIpmi bmc = bmcs.bmc(0);
 *         // drive bmc.uri() (ipmi://127.0.0.1:PORT) with the client under test, as admin / password
 *         assertEquals(PowerState.ON, bmcs.machine(0).powerState());
 *     }
 * }
 * }</pre>
 *
 * <p>Registered on an instance field, each test gets fresh BMCs and machines; on a static field,
 * or with {@code @ExtendWith(IpmiExtension.class)} (one machine, default spec), the whole class
 * shares them. Test and lifecycle methods may also declare parameters of type
 * {@link SimulatedIpmi} (the first BMC), {@link SimulatedMachine} (the first machine) or
 * {@link IpmiLab}.
 */
public final class IpmiExtension extends LabExtension<IpmiLab, SimulatedIpmi> {

    private final IpmiSpec spec;

    /** One BMC serving one machine, with default specs; for {@code @ExtendWith}. */
    public IpmiExtension() {
        this(1, IpmiSpec.defaults(), LabExtension::defaultMachine);
    }

    private IpmiExtension(int count, IpmiSpec spec, IntFunction<MachineSpec> machineSpecs) {
        super(IpmiLab.class, SimulatedIpmi.class, count, machineSpecs);
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    /**
     * BMCs with the default spec, one per machine, the machines named {@code node-1}, {@code node-2}...
     *
     * @param machines how many
     * @return the extension
     */
    public static IpmiExtension withMachines(int machines) {
        return new IpmiExtension(machines, IpmiSpec.defaults(), LabExtension::defaultMachine);
    }

    /**
     * BMCs of a given spec, one per machine, each machine made from {@code machineSpecs.apply(i)}.
     *
     * @param machines how many
     * @param spec the spec of every BMC
     * @param machineSpecs the spec of machine {@code i}, from 0
     * @return the extension
     */
    public static IpmiExtension with(int machines, IpmiSpec spec, IntFunction<MachineSpec> machineSpecs) {
        return new IpmiExtension(machines, spec, machineSpecs);
    }

    @Override
    IpmiLab newLab() {
        return IpmiLab.create();
    }

    @Override
    List<SimulatedIpmi> startFleet(IpmiLab lab, int count, IntFunction<MachineSpec> machineSpecs) {
        return lab.startFleet(count, spec, machineSpecs);
    }

    @Override
    SimulatedMachine machineOf(SimulatedIpmi bmc) {
        return bmc.machine();
    }
}
