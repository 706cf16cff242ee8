package org.bmsdk.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compatibility suite of NMI injection and graceful shutdown (BMT006 and the "all" row of the
 * user stories: they behave alike on every driver). A driver's test extends it and says how to put
 * its BMC in front of a {@link SimulatedMachine} and connect to it; the same scenario then runs
 * against every driver:
 *
 * <ul>
 *   <li>an NMI leaves the power on and the console shows the kernel's panic and crash dump;</li>
 *   <li>an NMI to a machine that is off is refused with
 *       {@link UnsupportedCapabilityException.Reason#NOT_IN_CURRENT_STATE};</li>
 *   <li>a graceful shutdown returns true once the OS has powered the machine off;</li>
 *   <li>an OS that ignores the request makes it throw {@link OperationTimeoutException} and leaves
 *       the machine on, unless forcing was asked for, which powers it off and returns false;</li>
 *   <li>a graceful shutdown of a machine already off returns true at once.</li>
 * </ul>
 *
 * <p>Machines boot in tens of milliseconds here; the driver should poll often (50 ms or less).
 */
public abstract class PowerBehaviourTck {

    /** How long a step may take before the suite gives up. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    private SimulatedMachine machine;
    private BmcClient client;

    /**
     * Starts the driver's BMC in front of a machine and connects the driver to it. The suite closes
     * the client; the subclass stops its BMC in {@link #stopBmc()}.
     *
     * @param machine the machine
     * @return the connected client
     */
    protected abstract BmcClient connect(SimulatedMachine machine);

    /** Stops what {@link #connect(SimulatedMachine)} started, after the client was closed. */
    protected abstract void stopBmc();

    /**
     * The console the crash dump is read on: by default the client's {@link SerialConsole}. A driver
     * without one (Redfish has none) supplies another way to the same machine, such as its BMC's
     * vendor SSH console.
     *
     * @param client the client
     * @param machine the machine
     * @return the console
     */
    protected SerialConsole console(BmcClient client, SimulatedMachine machine) {
        return client.require(SerialConsole.class);
    }

    /**
     * The machine every test runs on: quick to POST, boot and shut down.
     *
     * @param name its name
     * @return the spec builder, for a test to change
     */
    protected MachineSpec.Builder machineSpec(String name) {
        return MachineSpec.builder(name).postTime(Duration.ofMillis(30)).bootTime(Duration.ofMillis(60))
                .shutdownTime(Duration.ofMillis(150));
    }

    private PowerControl start(MachineSpec spec) {
        machine = SimulatedMachine.create(spec);
        client = connect(machine);
        return client.require(PowerControl.class);
    }

    private void running(PowerControl power) throws InterruptedException {
        power.perform(PowerAction.ON, WAIT);
        await(() -> machine.osState() == OsState.RUNNING, "the OS is running, now " + machine.osState());
    }

    @AfterEach
    void stopTck() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            try {
                stopBmc();
            } finally {
                if (machine != null) {
                    machine.close();
                }
            }
        }
    }

    @Test
    void nmiLeavesThePowerOnAndTheConsoleShowsTheCrashDump() throws Exception {
        PowerControl power = start(machineSpec("tck-nmi").build());
        running(power);
        try (ConsoleSession console = console(client, machine).open()) {
            StringBuffer seen = follow(console.input());
            power.perform(PowerAction.INJECT_NMI, WAIT);
            await(() -> seen.indexOf("Kernel panic") >= 0 && seen.indexOf("kdump") >= 0,
                    "the console shows the panic and the crash dump; it showed: " + seen);
            assertEquals(PowerState.ON, power.powerState(), "an NMI leaves the power alone");
        }
    }

    @Test
    void nmiToAMachineThatIsOffIsRefusedAsNotInTheCurrentState() {
        PowerControl power = start(machineSpec("tck-nmi-off").build());
        UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                () -> power.perform(PowerAction.INJECT_NMI, WAIT));
        assertEquals(UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE, e.reason(), e.getMessage());
        assertEquals(PowerState.OFF, machine.powerState());
    }

    @Test
    void gracefulShutdownReturnsOnceTheOsPoweredOff() throws Exception {
        PowerControl power = start(machineSpec("tck-graceful").build());
        running(power);
        assertTrue(power.gracefulShutdown(WAIT, false), "shut down gracefully");
        assertEquals(PowerState.OFF, machine.powerState(), "off when the call returns");
        assertTrue(machine.console().text().contains("reboot: Power down"), "the OS shut itself down");
    }

    @Test
    void anOsThatIgnoresTheRequestTimesOutAndStaysOn() throws Exception {
        PowerControl power = start(machineSpec("tck-deaf").honoursAcpi(false).build());
        running(power);
        assertThrows(OperationTimeoutException.class, () -> power.gracefulShutdown(Duration.ofMillis(500), false));
        assertEquals(PowerState.ON, machine.powerState(), "not forced off when not asked to");
        assertThrows(OperationTimeoutException.class, () -> power.perform(PowerAction.SOFT_OFF, Duration.ofMillis(500)));
        assertEquals(PowerState.ON, machine.powerState());
    }

    @Test
    void anOsThatIgnoresTheRequestIsForcedOffOnlyWhenAsked() throws Exception {
        PowerControl power = start(machineSpec("tck-forced").honoursAcpi(false).build());
        running(power);
        assertFalse(power.gracefulShutdown(Duration.ofMillis(500), true), "false: it was forced off");
        assertEquals(PowerState.OFF, machine.powerState());
    }

    @Test
    void gracefulShutdownOfAMachineThatIsOffReturnsAtOnce() {
        PowerControl power = start(machineSpec("tck-off").build());
        long t0 = System.nanoTime();
        assertTrue(power.gracefulShutdown(WAIT, false));
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "no wait for a machine already off");
        assertEquals(PowerState.OFF, machine.powerState());
    }

    /** Reads a console on a daemon thread into text. */
    private static StringBuffer follow(InputStream in) {
        StringBuffer text = new StringBuffer();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException e) {
                text.append("<").append(e).append(">");
            }
        }, "tck-console");
        t.setDaemon(true);
        t.start();
        return text;
    }

    /**
     * Waits for a condition the machine reaches by itself.
     *
     * @param condition the condition
     * @param what for the failure message
     * @throws InterruptedException when interrupted
     */
    protected static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(WAIT, condition, what);
    }
}
