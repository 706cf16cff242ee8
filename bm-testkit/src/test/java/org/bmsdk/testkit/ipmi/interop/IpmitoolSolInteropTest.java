package org.bmsdk.testkit.ipmi.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ipmitool sol activate} against the simulator: what the machine writes to its console
 * reaches ipmitool's terminal, and what is typed at it reaches the machine. ipmitool needs a
 * terminal, which {@code script} gives it; the input is timed by a shell pipeline.
 */
@Tag("interop")
class IpmitoolSolInteropTest {

    @ParameterizedTest
    @ValueSource(ints = {17, 3})
    void solActivateBridgesTheConsoleBothWays(int suite) throws Exception {
        Ipmitool.require(true);
        try (SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("node-sol").build());
             SimulatedIpmi bmc = SimulatedIpmi.start(IpmiSpec.defaults(), machine)) {
            String ipmitool = String.join(" ", Ipmitool.base(bmc, suite, "admin", "password")) + " sol activate";
            // Type once the session is surely up, then leave with the escape sequence at a line start.
            String pipeline = "(sleep 2; printf 'root\\r'; sleep 2; printf '\\r~.') | " + Ipmitool.SCRIPT
                    + " -qfc \"" + ipmitool + "\" /dev/null";
            CompletableFuture<Ipmitool.Result> run = CompletableFuture.supplyAsync(
                    () -> Ipmitool.exec(List.of("/bin/bash", "-c", pipeline), null));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!bmc.solActive()) {
                assertTrue(System.nanoTime() < end, "ipmitool never activated SOL");
                Thread.sleep(20);
            }
            // A second console is told the payload is taken (completion code 80h), and takes nothing.
            Ipmitool.Result second = Ipmitool.run(bmc, suite, "sol", "activate");
            assertTrue(second.exit() != 0 && (second.out() + second.err()).contains("already active"), second.out() + second.err());
            assertTrue(bmc.solActive());
            // Longer than one SOL packet, so that the sequence numbers and acks are exercised.
            String banner = "Debian GNU/Linux 12 node-sol ttyS0\r\n" + "x".repeat(450) + "\r\nnode-sol login: ";
            machine.console().write(banner);
            Ipmitool.Result r = run.get(30, TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains("node-sol login: "), r.out());
            assertTrue(r.out().contains("x".repeat(450)), r.out());
            assertTrue(machine.console().inputText().contains("root\r"), machine.console().inputText());
            assertFalse(machine.console().inputText().contains("~."), "ipmitool keeps its escape to itself");
            long end2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (bmc.solActive() || bmc.sessionCount() > 0) {
                assertTrue(System.nanoTime() < end2, "SOL or the session outlived ipmitool's ~.");
                Thread.sleep(20);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {17})
    void anotherSessionsDeactivateEndsIpmitoolsSol(int suite) throws Exception {
        Ipmitool.require(true);
        try (SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("node-sol2").build());
             SimulatedIpmi bmc = SimulatedIpmi.start(IpmiSpec.defaults(), machine)) {
            String ipmitool = String.join(" ", Ipmitool.base(bmc, suite, "admin", "password")) + " sol activate";
            // No escape typed: only the BMC can end this one (the sleep keeps its input open meanwhile;
            // the pipeline itself lasts as long as the sleep).
            String pipeline = "sleep 6 | " + Ipmitool.SCRIPT + " -qfc \"" + ipmitool + "\" /dev/null";
            CompletableFuture<Ipmitool.Result> run = CompletableFuture.supplyAsync(
                    () -> Ipmitool.exec(List.of("/bin/bash", "-c", pipeline), null));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!bmc.solActive()) {
                assertTrue(System.nanoTime() < end, "ipmitool never activated SOL");
                Thread.sleep(20);
            }
            Ipmitool.run(bmc, suite, "sol", "deactivate").ok();
            Ipmitool.Result r = run.get(30, TimeUnit.SECONDS);
            assertTrue(r.out().contains("closed by BMC"), r.out() + r.err());
            assertFalse(bmc.solActive());
        }
    }
}
