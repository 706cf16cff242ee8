package org.bmsdk.testkit.junit5;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.ipmi.IpmiLab;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
public final class IpmiExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final int count;
    private final IpmiSpec spec;
    private final IntFunction<MachineSpec> machineSpecs;
    private IpmiLab lab;
    private List<SimulatedIpmi> bmcs;
    private boolean classScoped;

    /** One BMC serving one machine, with default specs; for {@code @ExtendWith}. */
    public IpmiExtension() {
        this(1, IpmiSpec.defaults(), IpmiExtension::defaultMachine);
    }

    private IpmiExtension(int count, IpmiSpec spec, IntFunction<MachineSpec> machineSpecs) {
        if (count < 1) {
            throw new ConfigurationException("a IpmiExtension needs at least one machine, but was given " + count);
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
    public static IpmiExtension withMachines(int machines) {
        return new IpmiExtension(machines, IpmiSpec.defaults(), IpmiExtension::defaultMachine);
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

    /** @return the BMCs, in machine order */
    public List<SimulatedIpmi> bmcs() {
        return started();
    }

    /**
     * @param index from 0
     * @return the BMC of machine {@code index}
     */
    public SimulatedIpmi bmc(int index) {
        return started().get(index);
    }

    /**
     * @param index from 0
     * @return machine {@code index}
     */
    public SimulatedMachine machine(int index) {
        return bmc(index).machine();
    }

    /** @return the lab the BMCs share */
    public IpmiLab lab() {
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
        return type == SimulatedIpmi.class || type == SimulatedMachine.class || type == IpmiLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == SimulatedIpmi.class) {
            return bmc(0);
        } else if (type == SimulatedMachine.class) {
            return machine(0);
        }
        return lab();
    }

    private synchronized List<SimulatedIpmi> started() {
        if (lab == null) {
            IpmiLab newLab = IpmiLab.create();
            try {
                bmcs = newLab.startFleet(count, spec, machineSpecs);
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
