package org.bmsdk.testkit.junit5;

import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What the BMC extensions share: a lab of {@code count} simulated BMCs, one per machine, started
 * lazily and stopped after each test (instance field) or after the class (static field or
 * {@code @ExtendWith}), and parameters of the BMC, machine and lab types resolved. The protocol's
 * own extension says how to start its lab and fleet.
 *
 * @param <L> the lab type
 * @param <B> the simulated BMC type
 */
abstract class LabExtension<L extends AutoCloseable, B> implements BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Class<L> labType;
    private final Class<B> bmcType;
    private final int count;
    private final IntFunction<MachineSpec> machineSpecs;
    private L lab;
    private List<B> bmcs;
    private boolean classScoped;

    LabExtension(Class<L> labType, Class<B> bmcType, int count, IntFunction<MachineSpec> machineSpecs) {
        if (count < 1) {
            throw new ConfigurationException("a " + getClass().getSimpleName() + " needs at least one machine, but was given "
                    + count);
        }
        this.labType = labType;
        this.bmcType = bmcType;
        this.count = count;
        this.machineSpecs = Objects.requireNonNull(machineSpecs, "machineSpecs");
    }

    /** @return a new, empty lab */
    abstract L newLab();

    /** Starts {@code count} BMCs in the lab, machine {@code i} made from {@code machineSpecs.apply(i)}. */
    abstract List<B> startFleet(L lab, int count, IntFunction<MachineSpec> machineSpecs);

    /** @return the machine a BMC serves */
    abstract SimulatedMachine machineOf(B bmc);

    static MachineSpec defaultMachine(int index) {
        return MachineSpec.builder("node-" + (index + 1)).build();
    }

    /** @return the BMCs, in machine order */
    public List<B> bmcs() {
        return started();
    }

    /**
     * @param index from 0
     * @return the BMC of machine {@code index}
     */
    public B bmc(int index) {
        return started().get(index);
    }

    /**
     * @param index from 0
     * @return machine {@code index}
     */
    public SimulatedMachine machine(int index) {
        return machineOf(bmc(index));
    }

    /** @return the lab the BMCs share */
    public L lab() {
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
    public void afterEach(ExtensionContext context) throws Exception {
        if (!classScoped) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == bmcType || type == SimulatedMachine.class || type == labType;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == bmcType) {
            return bmc(0);
        } else if (type == SimulatedMachine.class) {
            return machine(0);
        }
        return lab();
    }

    private synchronized List<B> started() {
        if (lab == null) {
            L newLab = newLab();
            try {
                bmcs = startFleet(newLab, count, machineSpecs);
            } catch (RuntimeException e) {
                closeQuietly(newLab, e);
                throw e;
            }
            lab = newLab;
        }
        return bmcs;
    }

    private synchronized void stop() throws Exception {
        if (lab != null) {
            L closing = lab;
            lab = null;
            bmcs = null;
            closing.close();
        }
    }

    private static void closeQuietly(AutoCloseable lab, RuntimeException cause) {
        try {
            lab.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
