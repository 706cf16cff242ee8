package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.DiskErase;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.hardware.redfish.internal.RedfishBmcClient;
import org.bmsdk.testkit.machine.DiskSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Disk erase through the driver: a task per drive followed to its end, after which every disk of
 * the machine reads as zeros; also on a BMC that deletes finished tasks at once, as iDRAC does.
 */
class SimulatorDiskEraseTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final long GIB = 1L << 30;
    private static RedfishLab lab;

    @BeforeAll
    static void startLab() {
        lab = RedfishLab.create(1);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static MachineSpec threeDisks() {
        return Rig.quick("node-1")
                .disk(DiskSpec.of("sda", DiskMedia.SSD, DiskProtocol.SATA, 10 * GIB).withSerial("S1"))
                .disk(DiskSpec.of("sdb", DiskMedia.HDD, DiskProtocol.SAS, 20 * GIB).withSerial("S2"))
                .disk(DiskSpec.of("nvme0n1", DiskMedia.NVME, DiskProtocol.NVME, 5 * GIB).withSerial("S3"))
                .build();
    }

    private static void fill(Rig r) {
        byte[] tenant = "tenant data that must not survive cleaning".getBytes(StandardCharsets.UTF_8);
        for (SimulatedDisk d : r.machine().disks()) {
            d.write(0, tenant);
            d.write(d.sizeBytes() - tenant.length, tenant);
            assertFalse(d.isZeroed());
        }
    }

    @Test
    void eraseIsATaskAndZeroesEveryDisk() {
        RedfishSpec spec = RedfishSpec.builder().eraseTime(Duration.ofMillis(300)).build();
        try (Rig r = Rig.start(lab, spec, threeDisks())) {
            assertEquals(UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE,
                    r.client().whyUnavailable(DiskErase.class).orElseThrow().reason(), "the drives are unreachable while the host is off");
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            fill(r);
            TaskHandle task = r.require(DiskErase.class).eraseAll();
            assertEquals(TaskHandle.State.RUNNING, task.state());
            assertTrue(r.machine().disks().stream().noneMatch(SimulatedDisk::isZeroed), "nothing is erased before the task ends");
            task.await(T);
            assertEquals(TaskHandle.State.COMPLETED, task.state());
            assertTrue(r.machine().disks().stream().allMatch(SimulatedDisk::isZeroed));
            assertEquals(3, r.bmc().requests().stream().filter(q -> q.target().endsWith("Drive.SecureErase")).count());
        }
    }

    @Test
    void aBmcThatDeletesFinishedTasksAsIdracDoes() {
        RedfishSpec spec = RedfishSpec.builder()
                .identity("Dell Inc.", "Integrated Dell Remote Access Controller")
                .eraseTime(Duration.ofMillis(100))
                .deleteFinishedTasksAfter(Duration.ofMillis(1))
                .build();
        try (Rig r = Rig.start(lab, spec, threeDisks())) {
            assertEquals("Dell iDRAC", ((RedfishBmcClient) r.client()).quirks().name());
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            fill(r);
            TaskHandle task = r.require(DiskErase.class).eraseAll();
            Rig.await("every erase done", () -> r.machine().disks().stream().allMatch(SimulatedDisk::isZeroed));
            sleep(Duration.ofMillis(50)); // and every task deleted: the driver never sees one running
            task.await(T);
            assertEquals(TaskHandle.State.COMPLETED, task.state());
            assertTrue(r.bmc().requests().stream().anyMatch(q -> q.target().contains("/TaskMonitors/") && q.status() == 404),
                    "the monitors were gone when the driver asked: " + r.bmc().requests());
            assertTrue(r.machine().disks().stream().allMatch(SimulatedDisk::isZeroed));
        }
    }

    /**
     * On a BMC not known to delete its tasks, a task gone before it was ever seen running cannot
     * be told from a monitor that never existed: the erase is not confirmed, which for cleaning is
     * the safe answer (the disks are in fact zeroed here).
     */
    @Test
    void aTaskThatVanishesUnseenOnAnUnknownBmcIsNotTakenForDone() {
        RedfishSpec spec = RedfishSpec.builder()
                .eraseTime(Duration.ofMillis(100))
                .deleteFinishedTasksAfter(Duration.ofMillis(1))
                .build();
        try (Rig r = Rig.start(lab, spec, threeDisks())) {
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            fill(r);
            TaskHandle task = r.require(DiskErase.class).eraseAll();
            Rig.await("every erase done", () -> r.machine().disks().stream().allMatch(SimulatedDisk::isZeroed));
            sleep(Duration.ofMillis(50));
            DeviceException e = assertThrows(DeviceException.class, () -> task.await(T));
            assertTrue(e.getMessage().contains("never seen running"), e.getMessage());
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
