package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Errors the switch reports, and faults of the connection, as our drivers surface them. */
class SwitchDriverFaultsTest {

    @TempDir
    Path dir;

    @Test
    void iosErrorLinesAreTypedErrorsNamingSwitchCommandAndLine() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("ios-1", SwitchDialect.CISCO_IOS));
             SwitchSession s = lab.open(lab.get("ios-1"))) {
            DeviceException e = assertThrows(DeviceException.class, () -> s.deleteVlan(VlanId.of(1)));
            assertEquals("% Default VLAN 1 may not be deleted.", e.deviceCode());
            assertTrue(e.getMessage().contains("ios-1") && e.getMessage().contains("'no vlan 1'"), e.getMessage());
            assertEquals("cisco_ios", e.context().driverId());
            assertEquals("vlan.delete", e.context().operation());
            assertFalse(e.getMessage().contains(Lab.PASSWORD));

            DeviceException reserved = assertThrows(DeviceException.class, () -> s.createVlan(VlanId.of(1003), "x"));
            assertEquals("%Default VLAN 1003 may not have its name changed.", reserved.deviceCode());

            DeviceException port = assertThrows(DeviceException.class,
                    () -> s.setAccessVlan("GigabitEthernet9/0/1", VlanId.of(10)));
            assertEquals("% Invalid input detected at '^' marker.", port.deviceCode());
            assertTrue(port.getMessage().contains("'interface GigabitEthernet9/0/1'"), port.getMessage());

            // After each error the CLI is back in privileged EXEC and the session goes on.
            s.setAccessVlan("GigabitEthernet1/0/1", VlanId.of(10));
            assertEquals(VlanId.of(10), s.readBack().port("GigabitEthernet1/0/1").orElseThrow().accessVlan());
            assertEquals(1, lab.get("ios-1").logins());
        }
    }

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"CISCO_IOS", "ARISTA_EOS", "CISCO_NXOS", "DELL_OS10"})
    void aFailingCommandStopsTheOperationWithTheSwitchsLine(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", dialect))) {
            SimulatedSwitch sw = lab.get("sw");
            try (SwitchSession s = lab.open(sw)) {
                sw.faults().failNext("switchport mode trunk", "% Interface is in a port-channel");
                DeviceException e = assertThrows(DeviceException.class,
                        () -> s.setTrunk(dialect.portName(1), VlanId.of(5), java.util.Set.of(VlanId.of(6))));
                assertEquals("% Interface is in a port-channel", e.deviceCode());
                // The lines after the failed one were not sent.
                assertEquals(PortState.Mode.ACCESS, sw.runningConfig().port(dialect.portName(1)).orElseThrow().mode());
                assertFalse(sw.commands().stream().anyMatch(c -> c.startsWith("switchport trunk native")));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = SwitchDialect.class, names = {"CISCO_IOS", "ARISTA_EOS", "CISCO_NXOS", "DELL_OS10"})
    void aDroppedSessionIsReconnectedAndTheOperationSentAgain(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", dialect))) {
            SimulatedSwitch sw = lab.get("sw");
            try (SwitchSession s = lab.open(sw)) {
                s.createVlan(VlanId.of(42), "net-42");
                sw.faults().dropSessionOn("switchport access vlan");
                s.setAccessVlan(dialect.portName(2), VlanId.of(42));
                assertEquals(VlanId.of(42), sw.runningConfig().port(dialect.portName(2)).orElseThrow().accessVlan());
                assertEquals(2, sw.logins());
            }
        }
    }

    @Test
    void theListenerHearsEachOperationItsRetryAndItsFailure() {
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.bmsdk.api.event.EventListener listener = new org.bmsdk.api.event.EventListener() {
            @Override
            public void operationStarted(org.bmsdk.api.ErrorContext op) {
                heard.add("started " + op.operation());
            }

            @Override
            public void operationSucceeded(org.bmsdk.api.ErrorContext op, Duration elapsed) {
                heard.add("succeeded " + op.operation());
            }

            @Override
            public void operationFailed(org.bmsdk.api.ErrorContext op, Duration elapsed, org.bmsdk.api.BareMetalException e) {
                heard.add("failed " + op.operation() + " " + e.getClass().getSimpleName());
            }

            @Override
            public void retryScheduled(org.bmsdk.api.ErrorContext op, int attempt, Duration delay,
                    org.bmsdk.api.BareMetalException cause) {
                heard.add("retry " + op.operation() + " " + attempt);
            }
        };
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", SwitchDialect.CISCO_IOS))) {
            SimulatedSwitch sw = lab.get("sw");
            try (SwitchSession s = new CiscoIosDriver().open(lab.endpoint(sw), DriverContext.builder().listener(listener).build())) {
                s.createVlan(VlanId.of(5), "five");
                sw.faults().dropSessionOn("shutdown");
                s.setPortEnabled("GigabitEthernet1/0/1", false);
                assertThrows(DeviceException.class, () -> s.deleteVlan(VlanId.of(1)));
            }
        }
        assertEquals(java.util.List.of("started vlan.create", "succeeded vlan.create", "started port.shutdown",
                "retry port.shutdown 1", "succeeded port.shutdown", "started vlan.delete", "failed vlan.delete DeviceException"),
                heard);
    }

    @Test
    void aSlowSwitchTimesOutAndTheNextOperationReconnects() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", SwitchDialect.CISCO_IOS))) {
            SimulatedSwitch sw = lab.get("sw");
            try (SwitchSession s = new CiscoIosDriver().open(lab.endpoint(sw, Duration.ofMillis(500)), DriverContext.defaults())) {
                sw.faults().delay(Duration.ofMillis(800));
                OperationTimeoutException e = assertThrows(OperationTimeoutException.class, () -> s.save());
                assertTrue(e.getMessage().contains("config.save"), e.getMessage());
                sw.faults().delay(Duration.ZERO);
                s.save();
                assertEquals(2, sw.logins());
            }
        }
    }

    @Test
    void aSessionOverTheSwitchsLimitIsATransportError() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", SwitchDialect.ARISTA_EOS))) {
            SimulatedSwitch sw = lab.get("sw");
            sw.faults().maxSessions(1);
            try (SwitchSession first = lab.open(sw)) {
                assertThrows(TransportException.class, () -> lab.open(sw));
                first.createVlan(VlanId.of(7), "seven");
            }
        }
    }

    @Test
    void theRegistryFindsBothDriversAndTheyRefuseOtherDialects() {
        SwitchDriverRegistry registry = SwitchDriverRegistry.loadInstalled();
        assertEquals(CiscoIosDriver.class, registry.driverFor("cisco_ios").getClass());
        assertEquals(AristaEosDriver.class, registry.driverFor("arista_eos").getClass());
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", SwitchDialect.ARISTA_EOS))) {
            assertThrows(ConfigurationException.class,
                    () -> new CiscoIosDriver().open(lab.endpoint(lab.get("sw")), DriverContext.defaults()));
            try (SwitchSession s = lab.open(lab.get("sw"))) {
                // EOS maps VNIs now, but only to a VLAN that exists (it would accept a map to a missing one)
                assertThrows(ConfigurationException.class, () -> s.mapVni(Vni.of(5000), VlanId.of(7)));
            }
        }
    }
}
