package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.LogEntry;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The driver against bm-testkit's IPMI simulator, over cipher suite 17 (which neither ipmi_sim nor
 * pyghmi offers) and suite 3. The simulator's codec is written apart from the driver's, and
 * ipmitool checks it, so these round trips check the driver rather than agree with it. Every
 * action is checked on the simulated machine.
 */
class IpmiSimulatorRoundTripTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    SimulatedMachine machine;
    SimulatedIpmi sim;

    void start(IpmiSpec spec) {
        machine = SimulatedMachine.create(MachineSpec.builder("rt-node").postTime(Duration.ofMillis(50))
                .bootTime(Duration.ofMillis(100)).shutdownTime(Duration.ofMillis(100)).build());
        sim = SimulatedIpmi.start(spec, machine);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
        if (machine != null) {
            machine.close();
        }
    }

    static IpmiOptions.Builder options(int suite) {
        return IpmiOptions.builder().cipherSuites(suite).powerPollInterval(Duration.ofMillis(20))
                .responseTimeout(Duration.ofMillis(300));
    }

    BmcClient connect(IpmiOptions options) {
        return connect(options, "admin", "password");
    }

    BmcClient connect(IpmiOptions options, String user, String password) {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(sim.uri().toString())
                .credentials(CredentialRef.inline(Credentials.of(user, password))).build(), DriverContext.defaults());
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void powerActionsIncludingNmiAndGracefulShutdown(int suite) throws Exception {
        start(IpmiSpec.defaults());
        try (BmcClient bmc = connect(options(suite).build())) {
            assertEquals(suite, ((IpmiClient) bmc).sharedSession().current().security().suite().id());
            PowerControl power = bmc.require(PowerControl.class);
            assertEquals(PowerState.OFF, power.powerState());
            power.perform(PowerAction.ON, TIMEOUT);
            assertEquals(PowerState.ON, machine.powerState());
            awaitOs(OsState.RUNNING);

            assertTrue(power.gracefulShutdown(TIMEOUT, false), "the OS honours ACPI: a graceful end");
            assertEquals(PowerState.OFF, machine.powerState());
            assertTrue(machine.eventLog().entries().stream().anyMatch(e -> e.message().contains("OS shutdown")));

            power.perform(PowerAction.ON, TIMEOUT);
            awaitOs(OsState.RUNNING);
            long boot = machine.lastBoot().orElseThrow().sequence();
            power.perform(PowerAction.POWER_CYCLE, TIMEOUT);
            awaitOs(OsState.RUNNING);
            assertTrue(machine.lastBoot().orElseThrow().sequence() > boot);
            boot = machine.lastBoot().orElseThrow().sequence();
            power.perform(PowerAction.REBOOT, TIMEOUT);
            awaitOs(OsState.RUNNING);
            assertTrue(machine.lastBoot().orElseThrow().sequence() > boot);

            power.perform(PowerAction.INJECT_NMI, TIMEOUT);
            assertEquals(OsState.PANICKED, machine.osState());
            assertTrue(machine.console().text().contains("NMI"));

            // A panicked kernel ignores ACPI, so a soft off times out, as on hardware.
            assertThrows(OperationTimeoutException.class, () -> power.perform(PowerAction.SOFT_OFF, Duration.ofMillis(300)));
            assertEquals(PowerState.ON, machine.powerState());
            power.perform(PowerAction.OFF, TIMEOUT);
            assertEquals(PowerState.OFF, machine.powerState());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void bootDevicesRoundTrip(int suite) {
        start(IpmiSpec.defaults());
        try (BmcClient bmc = connect(options(suite).build())) {
            BootControl boot = bmc.require(BootControl.class);
            assertTrue(boot.bootOverride().isEmpty());
            for (BootOverride o : List.of(BootOverride.once(BootDevice.PXE), BootOverride.persistent(BootDevice.DISK, BootMode.UEFI),
                    BootOverride.once(BootDevice.CDROM, BootMode.LEGACY), BootOverride.once(BootDevice.BIOS_SETUP))) {
                boot.setBootOverride(o);
                assertEquals(o, machine.bootOverride().orElseThrow());
                assertEquals(o, boot.bootOverride().orElseThrow());
            }
            machine.setBootOverride(new BootOverride(BootDevice.PXE, BootMode.UEFI, BootPersistence.PERSISTENT));
            assertEquals(machine.bootOverride(), boot.bootOverride());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void selHealthAndInventory(int suite) throws Exception {
        start(IpmiSpec.builder().identity("Acme Corp", "X1000 Server").build());
        machine.powerOn();
        awaitOs(OsState.RUNNING);
        try (BmcClient bmc = connect(options(suite).build())) {
            assertEquals(HealthStatus.OK, bmc.require(Health.class).health().status());
            machine.injectNmi();
            List<LogEntry> entries = bmc.require(SystemEventLog.class).entries();
            assertEquals(machine.eventLog().entries().size(), entries.size());
            assertTrue(entries.stream().anyMatch(e -> e.message().contains("Run-time Critical Stop")
                    && e.severity() == HealthStatus.CRITICAL), entries.toString());
            assertTrue(entries.stream().anyMatch(e -> e.message().contains("Diagnostic Interrupt")), entries.toString());
            assertEquals(HealthStatus.CRITICAL, bmc.require(Health.class).health().status());

            var inventory = bmc.require(Inventory.class).inventory();
            assertTrue(inventory.traits().contains("CUSTOM_FRU_MANUFACTURER_ACME_CORP"), inventory.traits().toString());
            assertTrue(inventory.traits().contains("CUSTOM_FRU_PRODUCT_X1000_SERVER"), inventory.traits().toString());

            bmc.require(SystemEventLog.class).clear();
            assertEquals(0, machine.eventLog().entries().size());
            assertEquals(HealthStatus.OK, bmc.require(Health.class).health().status());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void aSessionCompletesWithFivePercentPacketLossBothWays(int suite) {
        start(IpmiSpec.defaults());
        sim.faults().packetLoss(0.05, Long.getLong("bm.test.lossSeed", 42) + suite);
        IpmiOptions options = options(suite).responseTimeout(Duration.ofMillis(100)).retransmissions(8).build();
        for (int round = 0; round < 3; round++) {
            try (BmcClient bmc = connect(options)) {
                PowerControl power = bmc.require(PowerControl.class);
                power.perform(PowerAction.ON, TIMEOUT);
                assertEquals(PowerState.ON, machine.powerState());
                bmc.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE));
                assertEquals(BootDevice.PXE, machine.bootOverride().orElseThrow().device());
                for (int i = 0; i < 20; i++) {
                    assertEquals(PowerState.ON, power.powerState());
                }
                assertFalse(bmc.require(SystemEventLog.class).entries().isEmpty());
                power.perform(PowerAction.OFF, TIMEOUT);
                assertEquals(PowerState.OFF, machine.powerState());
            }
        }
        assertTrue(sim.faults().lostDatagrams() > 0, "the simulator lost " + sim.faults().lostDatagrams() + " datagrams");
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void refusedAndWrongKeyLoginsAreAuthenticationErrors(int suite) {
        start(IpmiSpec.defaults());
        assertThrows(AuthenticationException.class, () -> connect(options(suite).build(), "admin", "wrong").close());
        sim.faults().refuseLogins();
        assertThrows(AuthenticationException.class, () -> connect(options(suite).build()).close());
        sim.faults().clear();
        sim.faults().wrongKey();
        assertThrows(AuthenticationException.class, () -> connect(options(suite).build()).close());
        sim.faults().clear();
        try (BmcClient bmc = connect(options(suite).build())) {
            sim.faults().busy(1);
            DeviceException busy = assertThrows(DeviceException.class, () -> bmc.require(PowerControl.class).powerState());
            assertTrue(busy.isRetryable(), busy.getMessage());
            assertEquals(PowerState.OFF, bmc.require(PowerControl.class).powerState());
        }
    }

    /** One simulated server with both BMCs, as real ones have: what is done over one shows over the other. */
    @org.junit.jupiter.api.Test
    void oneMachineDrivenOverIpmiAndRedfish() throws Exception {
        start(IpmiSpec.defaults());
        try (org.bmsdk.testkit.redfish.SimulatedRedfish redfish = org.bmsdk.testkit.redfish.SimulatedRedfish.start(
                org.bmsdk.testkit.redfish.RedfishSpec.defaults(), machine)) {
            org.bmsdk.api.bmc.BmcDriverRegistry registry = org.bmsdk.api.bmc.BmcDriverRegistry.create()
                    .register(IpmiDriverProvider.create(options(17).build()))
                    .register(org.bmsdk.hardware.redfish.RedfishDriverProvider.create(
                            org.bmsdk.hardware.redfish.fixture.Rig.OPTIONS));
            try (BmcClient ipmi = registry.connect(BmcEndpoint.builder(sim.uri().toString())
                            .credentials(CredentialRef.inline(Credentials.of("admin", "password"))).build(), DriverContext.defaults());
                 BmcClient rf = registry.connect(org.bmsdk.hardware.redfish.fixture.Rig.endpoint(redfish).build(),
                         DriverContext.defaults())) {
                assertEquals("ipmi", ipmi.driverId());
                assertEquals("redfish", rf.driverId());
                ipmi.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE, BootMode.UEFI));
                assertEquals(BootDevice.PXE, rf.require(BootControl.class).bootOverride().orElseThrow().device());
                ipmi.require(PowerControl.class).perform(PowerAction.ON, TIMEOUT);
                assertEquals(PowerState.ON, rf.require(PowerControl.class).powerState());
                awaitOs(OsState.RUNNING);
                assertEquals(BootDevice.PXE, machine.lastBoot().orElseThrow().device(), "the IPMI boot override was used");
                rf.require(PowerControl.class).perform(PowerAction.OFF, TIMEOUT);
                assertEquals(PowerState.OFF, ipmi.require(PowerControl.class).powerState());
                assertEquals(machine.eventLog().entries().size(), ipmi.require(SystemEventLog.class).entries().size());
            }
        }
    }

    void awaitOs(OsState state) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (machine.osState() != state) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the machine is " + machine.osState() + ", not " + state);
            }
            Thread.sleep(10);
        }
    }
}
