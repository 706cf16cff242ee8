package org.bmsdk.testkit.junit5;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.FleetAddressing;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
public final class RedfishExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final int count;
    private final RedfishSpec spec;
    private final IntFunction<MachineSpec> machineSpecs;
    private RedfishLab lab;
    private List<SimulatedRedfish> bmcs;
    private boolean classScoped;

    /** One BMC serving one machine, with default specs; for {@code @ExtendWith}. */
    public RedfishExtension() {
        this(1, RedfishSpec.defaults(), RedfishExtension::defaultMachine);
    }

    private RedfishExtension(int count, RedfishSpec spec, IntFunction<MachineSpec> machineSpecs) {
        if (count < 1) {
            throw new ConfigurationException("a RedfishExtension needs at least one machine, but was given " + count);
        }
        this.count = count;
        this.spec = Objects.requireNonNull(spec, "spec");
        this.machineSpecs = Objects.requireNonNull(machineSpecs, "machineSpecs");
    }

    /**
     * BMCs with the default spec, one per machine, the machines named {@code node-1}, {@code node-2}...
     *
     * @param machines how many
     * @return the extension
     */
    public static RedfishExtension withMachines(int machines) {
        return new RedfishExtension(machines, RedfishSpec.defaults(), RedfishExtension::defaultMachine);
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

    /** @return the BMCs, in machine order */
    public List<SimulatedRedfish> bmcs() {
        return started();
    }

    /**
     * @param index from 0
     * @return the BMC of machine {@code index}
     */
    public SimulatedRedfish bmc(int index) {
        return started().get(index);
    }

    /**
     * @param index from 0
     * @return machine {@code index}
     */
    public SimulatedMachine machine(int index) {
        return bmc(index).machines().get(0);
    }

    /** @return the lab the BMCs share */
    public RedfishLab lab() {
        started();
        return lab;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        started();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        started();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!classScoped) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == SimulatedRedfish.class || type == SimulatedMachine.class || type == RedfishLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == SimulatedRedfish.class) {
            return bmc(0);
        } else if (type == SimulatedMachine.class) {
            return machine(0);
        }
        return lab();
    }

    private synchronized List<SimulatedRedfish> started() {
        if (lab == null) {
            RedfishLab newLab = RedfishLab.create();
            try {
                bmcs = newLab.startFleet(count, spec, machineSpecs, FleetAddressing.SHARED_ADDRESS);
            } catch (RuntimeException e) {
                newLab.close();
                throw e;
            }
            lab = newLab;
        }
        return bmcs;
    }

    private synchronized void stop() {
        if (lab != null) {
            lab.close();
            lab = null;
            bmcs = null;
        }
    }

    private static MachineSpec defaultMachine(int index) {
        return MachineSpec.builder("node-" + (index + 1)).build();
    }
}
