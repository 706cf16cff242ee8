package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to OS10: its errors, VLANs as interfaces, and a trunk's additive list. */
class DellOs10DriverTest {

    @TempDir
    Path dir;

    @Test
    void errorLinesAreTypedErrorsNamingSwitchCommandAndLine() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("os10-1", SwitchDialect.DELL_OS10));
             SwitchSession s = lab.open(lab.get("os10-1"))) {
            assertEquals(DellOs10Driver.class, Lab.driver(SwitchDialect.DELL_OS10).getClass());
            DeviceException e = assertThrows(DeviceException.class, () -> s.deleteVlan(VlanId.of(1)));
            assertEquals("% Error: Default VLAN cannot be deleted.", e.deviceCode());
            assertTrue(e.getMessage().contains("os10-1") && e.getMessage().contains("'no interface vlan 1'"), e.getMessage());
            assertEquals("dell_os10", e.context().driverId());

            DeviceException port = assertThrows(DeviceException.class, () -> s.setAccessVlan("ethernet9/9/9", VlanId.of(10)));
            assertEquals("% Error: Unrecognized command.", port.deviceCode());
            assertTrue(port.getMessage().contains("'interface ethernet9/9/9'"), port.getMessage());

            s.setAccessVlan("ethernet1/1/1", VlanId.of(10));
            assertEquals(VlanId.of(10), s.readBack().port("ethernet1/1/1").orElseThrow().accessVlan());
            assertEquals(1, lab.get("os10-1").logins());
        }
    }

    @Test
    void aTrunkIsSetByAddingAndRemovingTheDifference() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("os10-1", SwitchDialect.DELL_OS10));
             SwitchSession s = lab.open(lab.get("os10-1"))) {
            SimulatedSwitch sw = lab.get("os10-1");
            String p = "ethernet1/1/4";
            s.setTrunk(p, VlanId.of(10), Set.of(VlanId.of(20), VlanId.of(21)));
            s.setTrunk(p, null, Set.of(VlanId.of(21), VlanId.of(22)));
            assertEquals(new PortState(p, true, PortState.Mode.TRUNK, null, null, Set.of(VlanId.of(21), VlanId.of(22)), null, null),
                    sw.runningConfig().port(p).orElseThrow());
            assertTrue(sw.commands().contains("no switchport trunk allowed vlan 20"), sw.commands().toString());
            assertTrue(sw.commands().contains("switchport trunk allowed vlan 22"), sw.commands().toString());
            assertEquals(sw.runningConfig(), s.readBack());
        }
    }
}
