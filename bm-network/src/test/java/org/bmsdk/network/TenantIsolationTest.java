package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Set;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.Reachability;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: our drivers put two tenants' nodes on an IOS and an EOS switch joined by a trunk,
 * and the simulated wiring says who reaches whom; releasing a port leaves it reaching no one.
 */
class TenantIsolationTest {

    @TempDir
    Path dir;

    @Test
    void tenantsReachOnlyTheirOwnNodesAcrossSwitches() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("ios-1", SwitchDialect.CISCO_IOS),
                SwitchSpec.builder("eos-1", SwitchDialect.ARISTA_EOS))) {
            SimulatedSwitch ios = lab.get("ios-1");
            SimulatedSwitch eos = lab.get("eos-1");
            Reachability cabling = Reachability.builder()
                    .nic("a1", "ios-1", "GigabitEthernet1/0/1").nic("b1", "ios-1", "GigabitEthernet1/0/2")
                    .nic("a2", "eos-1", "Ethernet1").nic("b2", "eos-1", "Ethernet2")
                    .link("ios-1", "GigabitEthernet1/0/8", "eos-1", "Ethernet8")
                    .build();
            // Factory state: every port on VLAN 1, everyone reaches everyone. This is what isolation fixes.
            assertEquals(Set.of("a2", "b1", "b2"), cabling.reachableFrom("a1", lab.switches));

            try (SwitchSession s1 = lab.open(ios); SwitchSession s2 = lab.open(eos)) {
                for (SwitchSession s : new SwitchSession[] {s1, s2}) {
                    s.createVlan(VlanId.of(100), "tenant-a");
                    s.createVlan(VlanId.of(200), "tenant-b");
                    s.createVlan(VlanId.of(999), "idle");
                }
                s1.setAccessVlan("GigabitEthernet1/0/1", VlanId.of(100));
                s1.setAccessVlan("GigabitEthernet1/0/2", VlanId.of(200));
                s2.setAccessVlan("Ethernet1", VlanId.of(100));
                s2.setAccessVlan("Ethernet2", VlanId.of(200));
                // The inter-switch trunk carries the tenants' VLANs only, and nothing untagged.
                s1.setTrunk("GigabitEthernet1/0/8", VlanId.of(999), Set.of(VlanId.of(100), VlanId.of(200)));
                s2.setTrunk("Ethernet8", VlanId.of(999), Set.of(VlanId.of(100), VlanId.of(200)));

                assertEquals(Set.of("a2"), cabling.reachableFrom("a1", lab.switches));
                assertEquals(Set.of("b1"), cabling.reachableFrom("b2", lab.switches));

                s2.setIdle("Ethernet1", VlanId.of(999));
                assertEquals(Set.of(), cabling.reachableFrom("a1", lab.switches));
                assertEquals(Set.of(), cabling.reachableFrom("a2", lab.switches));
                assertEquals(Set.of("b2"), cabling.reachableFrom("b1", lab.switches));
            }
        }
    }
}
