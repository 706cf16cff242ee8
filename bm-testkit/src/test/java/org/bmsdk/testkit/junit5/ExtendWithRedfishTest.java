package org.bmsdk.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With {@code @ExtendWith}, the class shares one BMC serving one machine, injected as parameters. */
@ExtendWith(RedfishExtension.class)
class ExtendWithRedfishTest {

    @Test
    void injectsOneBmcItsMachineAndTheLab(SimulatedRedfish bmc, SimulatedMachine machine, RedfishLab lab) {
        assertEquals(1, bmc.machines().size());
        assertSame(machine, bmc.machines().get(0));
        assertEquals("node-1", machine.name());
        assertEquals(java.util.List.of(bmc), lab.bmcs());
    }
}
