package org.bmsdk.testkit.ramdisk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.testkit.machine.BootInfo;
import org.bmsdk.testkit.machine.BootedImage;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.MachineStatus;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;

/**
 * Across random power, boot and fault sequences, the ramdisk's SSH server listens exactly while the
 * machine runs the ramdisk, and the heartbeat accepts exactly while an OS runs: never a stale server
 * after a reset, a panic or a boot into something else.
 */
class RamdiskStatePropertiesTest {

    enum Op { POWER_ON, POWER_OFF, RESET, SOFT_OFF, NMI, CRASH, BOOT_PXE, BOOT_DISK, BOOT_CDROM, BOOT_SETUP, INSERT_MEDIA,
        INSERT_INSTALLER, EJECT, SAN_TARGET, NO_SAN_TARGET, WAIT_1S, WAIT_5S }

    @Property(tries = 40)
    void theServersFollowTheHost(@ForAll("ops") List<Op> ops) throws IOException {
        ManualClock clock = ManualClock.create();
        MachineSpec spec = MachineSpec.builder("p").postTime(Duration.ofSeconds(1)).bootTime(Duration.ofSeconds(2))
                .shutdownTime(Duration.ofSeconds(2)).build();
        try (SimulatedMachine machine = SimulatedMachine.create(spec, clock);
                SimulatedRamdisk ramdisk = SimulatedRamdisk.attach(machine,
                        RamdiskSpec.builder().ramdiskMedia(uri -> uri.contains("ramdisk")).build())) {
            InetSocketAddress heartbeat = machine.heartbeat();
            for (Op op : ops) {
                apply(op, machine, clock);
                MachineStatus s = machine.status();
                boolean running = s.os() == OsState.RUNNING;
                BootedImage image = s.currentBoot().map(BootInfo::image).orElse(null);
                boolean ramdiskUp = running && (image == BootedImage.NETWORK_RAMDISK
                        || image == BootedImage.VIRTUAL_MEDIA && s.currentBoot().get().mediaUri().orElse("").contains("ramdisk"));
                boolean hostUp = running && image != null && image != BootedImage.FIRMWARE_SETUP;
                assertEquals(ramdiskUp, ramdisk.isListening(), "ramdisk after " + op + " in " + s);
                assertEquals(ramdiskUp, accepts(ramdisk.address()), "ramdisk port after " + op + " in " + s);
                assertEquals(hostUp, machine.isHostUp(), "host after " + op);
                assertEquals(hostUp, accepts(heartbeat), "heartbeat after " + op + " in " + s);
            }
        }
    }

    private static void apply(Op op, SimulatedMachine m, ManualClock clock) {
        switch (op) {
            case POWER_ON -> m.powerOn();
            case POWER_OFF -> m.powerOff();
            case RESET -> m.reset();
            case SOFT_OFF -> m.requestSoftOff();
            case NMI -> m.injectNmi();
            case CRASH -> m.faults().crash();
            case BOOT_PXE -> m.setBootOverride(BootOverride.once(BootDevice.PXE));
            case BOOT_DISK -> m.setBootOverride(BootOverride.once(BootDevice.DISK));
            case BOOT_CDROM -> m.setBootOverride(BootOverride.once(BootDevice.CDROM));
            case BOOT_SETUP -> m.setBootOverride(BootOverride.once(BootDevice.BIOS_SETUP));
            case INSERT_MEDIA -> m.insertVirtualMedia("http://images/ramdisk.iso");
            case INSERT_INSTALLER -> m.insertVirtualMedia("http://images/debian-installer.iso");
            case EJECT -> m.ejectVirtualMedia();
            case SAN_TARGET -> m.setSanBootTarget("iscsi:127.0.0.1::3260:1:iqn.2024-01.org.bmsdk:v");
            case NO_SAN_TARGET -> m.clearSanBootTarget();
            case WAIT_1S -> clock.advance(Duration.ofSeconds(1));
            case WAIT_5S -> clock.advance(Duration.ofSeconds(5));
            default -> throw new IllegalArgumentException(op.toString());
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return Arbitraries.of(Op.class).list().ofMaxSize(16);
    }

    private static boolean accepts(InetSocketAddress address) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
