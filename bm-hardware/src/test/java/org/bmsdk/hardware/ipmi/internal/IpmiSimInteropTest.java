package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthReport;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.LogEntry;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiPrivilege;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.bmsdk.hardware.ipmi.peers.FruImage;
import org.bmsdk.hardware.ipmi.peers.IpmiSim;
import org.bmsdk.hardware.ipmi.peers.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against OpenIPMI's ipmi_sim, a real third-party BMC implementation, over cipher suite
 * 3 (ipmi_sim has no SHA-256 suites). Every action is also checked on the BMC's side, in what its
 * chassis hook was asked to do.
 */
@Tag("interop")
class IpmiSimInteropTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final byte[] FRU = FruImage.of("Acme Corp", "X1000 Board", "BRD-0001", "PN-1", "Acme Corp", "X1000 Server", "X1000-A",
            "1.2", "SRV-4242", "asset-7");

    @TempDir
    Path dir;
    IpmiSim sim;

    @BeforeEach
    void start() throws Exception {
        sim = IpmiSim.start(dir, FRU);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** What ipmi_sim needs: the Open Session privilege, and device-only boot flag read-back. */
    static IpmiOptions.Builder options() {
        return IpmiOptions.builder().workarounds(IpmiWorkaround.OPEN_SESSION_PRIVILEGE, IpmiWorkaround.BOOT_FLAGS_READBACK)
                .powerPollInterval(Duration.ofMillis(100));
    }

    BmcClient connect(IpmiOptions options) {
        return connect(options, IpmiSim.ADMIN, sim.password());
    }

    BmcClient connect(IpmiOptions options, String user, String password) {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(sim.uri())
                .credentials(CredentialRef.inline(Credentials.of(user, password))).build(), DriverContext.defaults());
    }

    @Test
    void opensASessionOverCipherSuite3AndReadsThePowerState() throws Exception {
        try (BmcClient bmc = connect(options().build())) {
            assertEquals("ipmi", bmc.driverId());
            assertEquals(CipherSuite.SUITE_3, ((IpmiClient) bmc).sharedSession().current().security().suite());
            assertEquals(PowerState.OFF, bmc.require(PowerControl.class).powerState());
            sim.setPower(true);
            assertEquals(PowerState.ON, bmc.require(PowerControl.class).powerState());
        }
    }

    @Test
    void theDefaultProviderTakesWorkaroundsFromTheEndpointQuery() throws Exception {
        // What bmctl does: the ServiceLoader provider (no options of our own), workarounds in the URI.
        BmcEndpoint endpoint = BmcEndpoint.builder(sim.uri() + "?workarounds=opensesspriv,bootreadback")
                .credentials(CredentialRef.inline(Credentials.of(IpmiSim.ADMIN, sim.password()))).build();
        try (BmcClient bmc = new IpmiDriverProvider().connect(endpoint, DriverContext.defaults())) {
            assertEquals(PowerState.OFF, bmc.require(PowerControl.class).powerState());
        }
    }

    @Test
    void powersOnAndOffAndSendsNothingWhenAlreadyThere() throws Exception {
        try (BmcClient bmc = connect(options().build())) {
            PowerControl power = bmc.require(PowerControl.class);
            power.perform(PowerAction.ON, TIMEOUT);
            assertTrue(sim.powerOn());
            power.perform(PowerAction.ON, TIMEOUT);
            power.perform(PowerAction.OFF, TIMEOUT);
            assertFalse(sim.powerOn());
            assertEquals(List.of("set power 1", "set power 0"), sim.setCalls());
        }
    }

    @Test
    void softOffAsksTheOperatingSystem() throws Exception {
        sim.setPower(true);
        try (BmcClient bmc = connect(options().build())) {
            bmc.require(PowerControl.class).perform(PowerAction.SOFT_OFF, TIMEOUT);
            assertFalse(sim.powerOn());
            assertEquals(List.of("set shutdown 1"), sim.setCalls());
        }
    }

    @Test
    void gracefulShutdownReportsAGracefulEnd() throws Exception {
        sim.setPower(true);
        try (BmcClient bmc = connect(options().build())) {
            assertTrue(bmc.require(PowerControl.class).gracefulShutdown(TIMEOUT, false));
            assertEquals(List.of("set shutdown 1"), sim.setCalls());
        }
    }

    @Test
    void powerCycleGoesOffAndOnAgain() throws Exception {
        sim.setPower(true);
        try (BmcClient bmc = connect(options().build())) {
            bmc.require(PowerControl.class).perform(PowerAction.POWER_CYCLE, TIMEOUT);
            assertEquals(PowerState.ON, bmc.require(PowerControl.class).powerState());
            // ipmi_sim powers off at once and on again a second later
            assertEquals(List.of("set power 0", "set power 1"), sim.setCalls());
        }
    }

    @Test
    void rebootIsAHardResetOfARunningMachineAndPowerUpOfAStoppedOne() throws Exception {
        sim.setPower(true);
        try (BmcClient bmc = connect(options().build())) {
            PowerControl power = bmc.require(PowerControl.class);
            power.perform(PowerAction.REBOOT, TIMEOUT);
            assertEquals(List.of("set reset 1"), sim.setCalls());
            power.perform(PowerAction.OFF, TIMEOUT);
            sim.clearCalls();
            power.perform(PowerAction.REBOOT, TIMEOUT);
            assertEquals(List.of("set power 1"), sim.setCalls());
            assertTrue(sim.powerOn());
        }
    }

    @Test
    void nmiIsRefusedByIpmiSimWithAReadableCompletionCode() throws Exception {
        sim.setPower(true);
        try (BmcClient bmc = connect(options().build())) {
            DeviceException e = assertThrows(DeviceException.class,
                    () -> bmc.require(PowerControl.class).perform(PowerAction.INJECT_NMI, TIMEOUT));
            assertEquals("0xCC", e.deviceCode());
            assertTrue(e.getMessage().contains("Chassis Control (pulse diagnostic interrupt) refused: 0xCC Invalid data field in request"),
                    e.getMessage());
            assertEquals("power.inject_nmi", e.context().operation());
            // the session survives a refused command
            assertEquals(PowerState.ON, bmc.require(PowerControl.class).powerState());
        }
    }

    @Test
    void setsTheBootDeviceAndReadsItBack() throws Exception {
        try (BmcClient bmc = connect(options().build())) {
            BootControl boot = bmc.require(BootControl.class);
            boot.setBootOverride(BootOverride.once(BootDevice.PXE));
            assertEquals("pxe", sim.boot());
            assertEquals(Optional.of(new BootOverride(BootDevice.PXE, BootMode.LEGACY, BootPersistence.ONCE)), boot.bootOverride());
            boot.setBootOverride(BootOverride.persistent(BootDevice.DISK, BootMode.LEGACY));
            assertEquals("default", sim.boot());
            boot.setBootOverride(BootOverride.once(BootDevice.CDROM));
            assertEquals("cdrom", sim.boot());
            boot.setBootOverride(BootOverride.once(BootDevice.BIOS_SETUP));
            assertEquals("bios", sim.boot());
            assertEquals(BootDevice.BIOS_SETUP, boot.bootOverride().orElseThrow().device());
        }
    }

    @Test
    void withoutTheReadBackWorkaroundTheMissingValidBitIsNotApplied() throws Exception {
        try (BmcClient bmc = connect(options().workarounds(IpmiWorkaround.OPEN_SESSION_PRIVILEGE).build())) {
            NotAppliedException e = assertThrows(NotAppliedException.class,
                    () -> bmc.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE)));
            assertTrue(e.getMessage().contains("bootreadback"), e.getMessage());
            assertEquals("pxe", sim.boot());
        }
    }

    @Test
    void uefiHttpBootCannotBeSetOverIpmi() throws Exception {
        try (BmcClient bmc = connect(options().build())) {
            assertThrows(ConfigurationException.class,
                    () -> bmc.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.UEFI_HTTP)));
        }
    }

    @Test
    void listsTheSeededSelEntriesDecodedAndClearsTheLog() throws Exception {
        try (BmcClient bmc = connect(options().build())) {
            SystemEventLog sel = bmc.require(SystemEventLog.class);
            List<LogEntry> entries = sel.entries();
            assertEquals(2, entries.size(), entries.toString());
            LogEntry temp = entries.get(0);
            assertEquals(HealthStatus.CRITICAL, temp.severity());
            assertTrue(temp.message().startsWith("Temperature #0x01: Upper Critical going high (asserted), reading 0x95, threshold 0x90"),
                    temp.message());
            LogEntry power = entries.get(1);
            assertEquals(HealthStatus.OK, power.severity());
            assertTrue(power.message().startsWith("Power Unit #0x02: Power Off / Power Down (asserted)"), power.message());
            sel.clear();
            assertTrue(sel.entries().stream().noneMatch(e -> e.message().startsWith("Temperature")), sel.entries().toString());
        }
    }

    @Test
    void healthIsCriticalWhileTheSelHoldsAnOpenCriticalEvent() throws Exception {
        try (BmcClient bmc = connect(options().build())) {
            HealthReport h = bmc.require(Health.class).health();
            assertEquals(HealthStatus.CRITICAL, h.status());
            assertEquals(1, h.faults().size(), h.faults().toString());
            assertTrue(h.faults().get(0).contains("Upper Critical going high"), h.faults().toString());
            bmc.require(SystemEventLog.class).clear();
            assertEquals(HealthStatus.OK, bmc.require(Health.class).health().status());
        }
    }

    @Test
    void readsTheFruInventoryAsTraits() throws Exception {
        try (BmcClient bmc = connect(options().build())) {
            HardwareInventory inv = bmc.require(Inventory.class).inventory();
            assertEquals(Set.of("CUSTOM_FRU_MANUFACTURER_ACME_CORP", "CUSTOM_FRU_PRODUCT_X1000_SERVER"), inv.traits());
        }
    }

    @Test
    void saysWhyInventoryAndConsoleAreUnavailable(@TempDir Path other) throws Exception {
        try (IpmiSim bare = IpmiSim.start(other, null);
                BmcClient bmc = IpmiDriverProvider.create(options().build()).connect(BmcEndpoint.builder(bare.uri())
                        .credentials(CredentialRef.inline(Credentials.of(IpmiSim.ADMIN, bare.password()))).build(),
                        DriverContext.defaults())) {
            assertTrue(bmc.capability(Inventory.class).isEmpty());
            assertTrue(bmc.whyUnavailable(Inventory.class).orElseThrow().detail().contains("FRU"));
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> bmc.require(SerialConsole.class));
            assertEquals(UnsupportedCapabilityException.Reason.NOT_OFFERED, e.reason());
        }
    }

    @Test
    void anOperatorAccountWorksAtOperatorPrivilege() throws Exception {
        try (BmcClient bmc = connect(options().privilege(IpmiPrivilege.OPERATOR).build(), IpmiSim.OPERATOR,
                sim.operatorPassword())) {
            bmc.require(PowerControl.class).perform(PowerAction.ON, TIMEOUT);
            assertTrue(sim.powerOn());
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorThatDoesNotShowThePassword() {
        String wrong = Peers.randomText(10);
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> connect(options().build(), IpmiSim.ADMIN, wrong).close());
        assertTrue(e.getMessage().contains("password is wrong"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
        assertFalse(e.getMessage().contains(sim.password()));
        assertEquals(0, SessionPool.shared().size());
    }

    @Test
    void anUnknownUserIsAnAuthenticationError() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> connect(options().build(), "nobody", "whatever").close());
        assertTrue(e.getMessage().contains("unauthorized name"), e.getMessage());
    }

    @Test
    void withoutTheOpenSessionPrivilegeWorkaroundIpmiSimRefuses() {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> connect(IpmiOptions.builder().build()).close());
        assertTrue(e.getMessage().contains("maximum privilege 0, below ADMINISTRATOR"), e.getMessage());
        assertTrue(e.getMessage().contains("'opensesspriv' workaround"), e.getMessage());
    }

    @Test
    void cipherSuite0IsRefusedBeforeAnythingIsSent() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> IpmiOptions.builder().cipherSuites(0));
        assertTrue(e.getMessage().contains("cipher suite 0 is refused"), e.getMessage());
        assertThrows(ConfigurationException.class, () -> IpmiOptions.builder().cipherSuites(1));
        assertThrows(ConfigurationException.class, () -> IpmiOptions.builder().cipherSuites(2));
    }

    @Test
    void onlyCipherSuite17IsRefusedByIpmiSimAsNotOffered() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> connect(options().cipherSuites(17).build()).close());
        assertTrue(e.getMessage().contains("accepts only [17]"), e.getMessage());
    }

    @Test
    void aDeadPortTimesOutWithinTheConfiguredTime() throws Exception {
        int port = Peers.freeUdpPort();
        long start = System.nanoTime();
        OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                () -> IpmiDriverProvider.create(options().responseTimeout(Duration.ofMillis(200)).retransmissions(2).build())
                        .connect(BmcEndpoint.builder("ipmi://127.0.0.1:" + port)
                                .credentials(CredentialRef.inline(Credentials.of("admin", "x"))).build(), DriverContext.defaults())
                        .close());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 550 && ms < 1500, "took " + ms + " ms");
        assertTrue(e.getMessage().contains("3 attempts"), e.getMessage());
        assertTrue(e.isRetryable());
    }
}
