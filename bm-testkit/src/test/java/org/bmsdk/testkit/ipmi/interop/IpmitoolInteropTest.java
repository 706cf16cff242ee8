package org.bmsdk.testkit.ipmi.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ipmitool, a real third-party client, against the simulator over cipher suites 17 and 3; every
 * command is checked on the simulated machine, not only in ipmitool's output.
 */
@Tag("interop")
class IpmitoolInteropTest {

    SimulatedMachine machine;
    SimulatedIpmi bmc;

    @BeforeEach
    void start() {
        Ipmitool.require(false);
        machine = SimulatedMachine.create(MachineSpec.builder("node-7").postTime(Duration.ofMillis(50))
                .bootTime(Duration.ofMillis(100)).shutdownTime(Duration.ofMillis(100)).build());
        bmc = SimulatedIpmi.start(IpmiSpec.defaults(), machine);
    }

    @AfterEach
    void stop() {
        if (bmc != null) {
            bmc.close();
        }
        if (machine != null) {
            machine.close();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void powerCommandsActOnTheMachine(int suite) throws Exception {
        assertTrue(Ipmitool.run(bmc, suite, "chassis", "power", "status").ok().out().contains("Chassis Power is off"));
        Ipmitool.run(bmc, suite, "chassis", "power", "on").ok();
        assertEquals(PowerState.ON, machine.powerState());
        assertTrue(Ipmitool.run(bmc, suite, "chassis", "power", "status").ok().out().contains("Chassis Power is on"));
        awaitOs(OsState.RUNNING);

        Ipmitool.run(bmc, suite, "chassis", "power", "soft").ok();
        awaitOs(OsState.OFF);
        assertEquals(PowerState.OFF, machine.powerState());
        assertTrue(machine.eventLog().entries().stream().anyMatch(e -> e.message().contains("OS shutdown")));

        Ipmitool.run(bmc, suite, "chassis", "power", "on").ok();
        awaitOs(OsState.RUNNING);
        long bootsBefore = machine.lastBoot().orElseThrow().sequence();
        Ipmitool.run(bmc, suite, "chassis", "power", "cycle").ok();
        awaitOs(OsState.RUNNING);
        assertTrue(machine.lastBoot().orElseThrow().sequence() > bootsBefore, "the cycle booted the machine again");

        Ipmitool.run(bmc, suite, "chassis", "power", "diag").ok();
        assertEquals(OsState.PANICKED, machine.osState());
        assertTrue(machine.console().text().contains("NMI"), machine.console().text());

        Ipmitool.run(bmc, suite, "chassis", "power", "off").ok();
        assertEquals(PowerState.OFF, machine.powerState());
        assertEquals(0, bmc.sessionCount(), "ipmitool closed every session it opened");
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void bootDevicesBecomeTheMachinesOverride(int suite) {
        Ipmitool.run(bmc, suite, "chassis", "bootdev", "pxe").ok();
        BootOverride o = machine.bootOverride().orElseThrow();
        assertEquals(BootDevice.PXE, o.device());
        assertEquals(BootPersistence.ONCE, o.persistence());
        Ipmitool.run(bmc, suite, "chassis", "bootdev", "disk", "options=persistent,efiboot").ok();
        o = machine.bootOverride().orElseThrow();
        assertEquals(BootDevice.DISK, o.device());
        assertEquals(BootPersistence.PERSISTENT, o.persistence());
        assertEquals(org.bmsdk.api.bmc.BootMode.UEFI, o.mode());
        String read = Ipmitool.run(bmc, suite, "chassis", "bootparam", "get", "5").ok().out();
        assertTrue(read.contains("Force Boot from default Hard-Drive"), read);
        assertTrue(read.contains("Options apply to all future boots"), read);
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void selListShowsTheMachinesEvents(int suite) throws Exception {
        machine.powerOn();
        awaitOs(OsState.RUNNING);
        machine.injectNmi();
        String list = Ipmitool.run(bmc, suite, "sel", "list").ok().out();
        assertEquals(machine.eventLog().entries().size(), list.strip().lines().count(), list);
        assertTrue(list.contains("Power Unit") && list.contains("Deasserted"), list);
        assertTrue(list.contains("Critical Interrupt") && list.contains("NMI/Diag Interrupt"), list);
        assertTrue(list.contains("OS Critical Stop") && list.contains("Run-time critical stop"), list);
        assertEquals(HealthStatus.CRITICAL, machine.health());
        Ipmitool.run(bmc, suite, "sel", "clear").ok();
        assertEquals(0, machine.eventLog().entries().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void fruPrintShowsBoardAndProduct(int suite) {
        String fru = Ipmitool.run(bmc, suite, "fru", "print", "0").ok().out();
        assertTrue(fru.contains("Board Mfg") && fru.contains("bm-sdk"), fru);
        assertTrue(fru.contains("Product Name") && fru.contains("Simulated IPMI BMC"), fru);
        assertTrue(fru.contains("Product Serial") && fru.contains("SIM"), fru);
        assertTrue(fru.contains("node-7"), fru);
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void wrongPasswordFails(int suite) {
        Ipmitool.Result r = Ipmitool.runAs(bmc, suite, "admin", "not-the-password", "chassis", "power", "status");
        assertNotEquals(0, r.exit(), r.out());
        assertEquals(PowerState.OFF, machine.powerState());
    }

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void everydayReadCommandsWork(int suite) {
        String mc = Ipmitool.run(bmc, suite, "mc", "info").ok().out();
        assertTrue(mc.contains("IPMI Version") && mc.contains("2.0") && mc.contains("32473"), mc);
        String status = Ipmitool.run(bmc, suite, "chassis", "status").ok().out();
        assertTrue(status.contains("System Power") && status.contains("off"), status);
        String sel = Ipmitool.run(bmc, suite, "sel", "info").ok().out();
        assertTrue(sel.contains("Entries") && sel.contains("Version"), sel);
        String sol = Ipmitool.run(bmc, suite, "sol", "info").ok().out();
        assertTrue(sol.contains("Enabled") && sol.contains("true") && sol.contains("Payload Port") && sol.contains(
                Integer.toString(bmc.port())), sol);
        String ciphers = Ipmitool.run(bmc, suite, "channel", "getciphers", "ipmi").ok().out();
        assertTrue(ciphers.contains("hmac_sha256") && ciphers.contains("hmac_sha1") && ciphers.contains("aes_cbc_128"), ciphers);
        assertTrue(!ciphers.contains("none"), "no suite without authentication, integrity or confidentiality: " + ciphers);
        String ping = Ipmitool.exec(java.util.List.of(Ipmitool.IPMITOOL.toString(), "-I", "lanplus", "-H", "127.0.0.1", "-p",
                Integer.toString(bmc.port()), "-U", "admin", "-P", "password", "-C", Integer.toString(suite), "chassis", "power",
                "status"), null).ok().out();
        assertTrue(ping.contains("off"), ping);
    }

    @org.junit.jupiter.api.Test
    void faultsAsIpmitoolSeesThem() {
        bmc.faults().delay(Duration.ofMillis(300));
        assertTrue(Ipmitool.run(bmc, 17, "chassis", "power", "status").ok().out().contains("off"), "slow, but it answers");
        bmc.faults().clear();
        bmc.faults().refuseLogins();
        Ipmitool.Result refused = Ipmitool.run(bmc, 17, "chassis", "power", "status");
        assertNotEquals(0, refused.exit());
        assertTrue(refused.err().contains("Unable to establish IPMI v2 / RMCP+ session"), refused.err());
        assertEquals(0, bmc.sessionCount(), "the refused login freed its slot");
        bmc.faults().clear();
        bmc.faults().silence();
        assertNotEquals(0, Ipmitool.run(bmc, 3, "chassis", "power", "on").exit());
        assertEquals(PowerState.OFF, machine.powerState());
        bmc.faults().clear();
        Ipmitool.run(bmc, 3, "chassis", "power", "on").ok();
        assertEquals(PowerState.ON, machine.powerState());
    }

    void awaitOs(OsState state) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (machine.osState() != state) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the machine is " + machine.osState() + ", not " + state);
            }
            Thread.sleep(20);
        }
    }
}
