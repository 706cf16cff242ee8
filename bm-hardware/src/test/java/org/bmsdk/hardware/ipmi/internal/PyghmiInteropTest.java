package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.bmsdk.hardware.ipmi.peers.PyghmiBmc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver against a pyghmi BMC (VirtualBMC's base), over cipher suite 3, the only one pyghmi
 * offers; with the default options (pyghmi needs no workaround to open a session). What the BMC
 * was asked to do is checked in its recorded calls.
 */
@Tag("interop")
class PyghmiInteropTest {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    PyghmiBmc bmc;

    @AfterEach
    void stop() throws Exception {
        if (bmc != null) {
            bmc.close();
            assertFalse(bmc.output().contains("Traceback"), bmc.output());
        }
    }

    BmcClient connect(boolean powerOn, IpmiOptions options) throws Exception {
        bmc = PyghmiBmc.start(dir, powerOn);
        return connect(options, bmc.password());
    }

    BmcClient connect(IpmiOptions options, String password) {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(bmc.uri())
                .credentials(CredentialRef.inline(Credentials.of(PyghmiBmc.USER, password))).build(), DriverContext.defaults());
    }

    static IpmiOptions options() {
        return IpmiOptions.builder().powerPollInterval(Duration.ofMillis(100)).build();
    }

    @Test
    void opensASessionWithDefaultOptionsOverCipherSuite3() throws Exception {
        try (BmcClient c = connect(false, IpmiOptions.defaults())) {
            assertEquals(CipherSuite.SUITE_3, ((IpmiClient) c).sharedSession().current().security().suite());
            assertEquals(PowerState.OFF, c.require(PowerControl.class).powerState());
        }
    }

    @Test
    void everyPowerActionReachesTheBmc() throws Exception {
        try (BmcClient c = connect(false, options())) {
            PowerControl power = c.require(PowerControl.class);
            power.perform(PowerAction.ON, TIMEOUT);
            power.perform(PowerAction.REBOOT, TIMEOUT);
            power.perform(PowerAction.POWER_CYCLE, TIMEOUT);
            power.perform(PowerAction.INJECT_NMI, TIMEOUT);
            power.perform(PowerAction.SOFT_OFF, TIMEOUT);
            assertEquals(PowerState.OFF, power.powerState());
            power.perform(PowerAction.SOFT_REBOOT, TIMEOUT);
            power.perform(PowerAction.OFF, TIMEOUT);
            assertEquals(List.of("power_on", "power_reset", "power_cycle", "pulse_diag", "power_shutdown", "power_on", "power_off"),
                    bmc.ops());
        }
    }

    @Test
    void softRebootOfARunningMachineShutsDownThenPowersUp() throws Exception {
        try (BmcClient c = connect(true, options())) {
            c.require(PowerControl.class).perform(PowerAction.SOFT_REBOOT, TIMEOUT);
            assertEquals(List.of("power_shutdown", "power_on"), bmc.ops());
        }
    }

    @Test
    void nmiIsInjectedAndLeavesPowerAlone() throws Exception {
        try (BmcClient c = connect(true, options())) {
            c.require(PowerControl.class).perform(PowerAction.INJECT_NMI, TIMEOUT);
            assertEquals(List.of("pulse_diag"), bmc.ops());
            assertEquals("on", bmc.calls().get(0).get("power").asText());
        }
    }

    @Test
    void setsLegacyBootDevicesAndReadsThemBack() throws Exception {
        try (BmcClient c = connect(false, options())) {
            BootControl boot = c.require(BootControl.class);
            for (BootDevice d : List.of(BootDevice.PXE, BootDevice.DISK, BootDevice.CDROM, BootDevice.BIOS_SETUP)) {
                boot.setBootOverride(BootOverride.once(d, BootMode.LEGACY));
                assertEquals(Optional.of(BootOverride.once(d, BootMode.LEGACY)), boot.bootOverride());
            }
            List<String> devices = bmc.calls().stream().filter(n -> n.get("op").asText().equals("set_boot_device"))
                    .map(n -> n.get("boot").asText()).toList();
            assertEquals(List.of("network", "hd", "optical", "setup"), devices);
        }
    }

    @Test
    void pyghmiDropsTheEfiBitSoUefiNeedsTheReadBackWorkaround() throws Exception {
        try (BmcClient c = connect(false, options())) {
            NotAppliedException e = assertThrows(NotAppliedException.class,
                    () -> c.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE)));
            assertTrue(e.getMessage().contains("EFI"), e.getMessage());
        }
        try (BmcClient c = connect(IpmiOptions.builder().workarounds(IpmiWorkaround.BOOT_FLAGS_READBACK).build(), bmc.password())) {
            c.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE));
            assertEquals(BootDevice.PXE, c.require(BootControl.class).bootOverride().orElseThrow().device());
        }
    }

    @Test
    void hasNoSelAndNoFruAndSaysWhy() throws Exception {
        try (BmcClient c = connect(false, options())) {
            assertTrue(c.capability(SystemEventLog.class).isEmpty());
            assertTrue(c.whyUnavailable(SystemEventLog.class).orElseThrow().detail().contains("0xC1 Invalid command"));
            assertTrue(c.capability(Inventory.class).isEmpty());
            assertEquals(HealthStatus.OK, c.require(Health.class).health().status());
        }
    }

    @Test
    void aWrongPasswordIsAnAuthenticationError() throws Exception {
        bmc = PyghmiBmc.start(dir, false);
        assertThrows(AuthenticationException.class, () -> connect(options(), "not-" + bmc.password()).close());
    }
}
