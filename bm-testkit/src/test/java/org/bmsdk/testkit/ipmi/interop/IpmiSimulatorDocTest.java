package org.bmsdk.testkit.ipmi.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.ipmi.IpmiLab;
import org.bmsdk.testkit.ipmi.IpmiPrivilege;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.IpmiUser;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/IPMI-SIMULATOR.md, compiled and run (the example with ipmitool as the client,
 * hence its tag). Regions between {@code tag::NAME[]} and {@code end::NAME[]} must appear verbatim there.
 */
class IpmiSimulatorDocTest {

    private static final String DOC = "docs/IPMI-SIMULATOR.md";

    @Test
    @Tag("interop")
    void theExampleRuns() {
        Ipmitool.require(false);
        // tag::example[]
        IpmiSpec spec = IpmiSpec.builder()
                .users(IpmiUser.of("admin", "password", IpmiPrivilege.ADMINISTRATOR),
                        IpmiUser.of("ops", "ops-secret", IpmiPrivilege.OPERATOR))
                .build();
        try (IpmiLab lab = IpmiLab.create()) {
            List<SimulatedIpmi> fleet = lab.startFleet(3, spec, i -> MachineSpec.builder("node-" + i).build());
            SimulatedIpmi bmc = fleet.get(1);

            // Script: lose 10% of the datagrams each way, with a seeded generator.
            bmc.faults().packetLoss(0.10, 42);

            // Run: any IPMI client, here ipmitool over cipher suite 17.
            Ipmitool.runAs(bmc, 17, "ops", "ops-secret", "-L", "OPERATOR", "chassis", "bootdev", "pxe").ok();
            Ipmitool.runAs(bmc, 17, "ops", "ops-secret", "-L", "OPERATOR", "chassis", "power", "on").ok();

            // Verify: on the machine behind the BMC.
            assertEquals(PowerState.ON, bmc.machine().powerState());
            assertEquals(BootDevice.PXE, bmc.machine().bootOverride().orElseThrow().device());
            assertEquals(PowerState.OFF, fleet.get(0).machine().powerState());
        }
        // end::example[]
    }

    @Test
    void everyTaggedRegionAppearsVerbatimInTheDocument() {
        DocSnippets.assertShownIn(DOC, IpmiSimulatorDocTest.class);
    }
}
