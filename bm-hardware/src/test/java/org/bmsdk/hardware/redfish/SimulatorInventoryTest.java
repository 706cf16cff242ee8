package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.Nic;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SampleRack;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the driver reads of each sample rack machine through the simulator is the machine's own
 * inventory: CPUs, memory, every disk's media, protocol, size and serial, every NIC's MAC, speed,
 * link type and RDMA capability (RoCE on Ethernet, InfiniBand).
 */
class SimulatorInventoryTest {

    private static RedfishLab lab;

    @BeforeAll
    static void startLab() {
        lab = RedfishLab.create(1);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    static List<MachineSpec> rack() {
        return SampleRack.machines();
    }

    @ParameterizedTest
    @MethodSource("rack")
    void theDriverReadsWhatTheMachineIs(MachineSpec spec) {
        try (Rig r = Rig.start(lab, RedfishSpec.defaults(), spec)) {
            HardwareInventory read = r.require(Inventory.class).inventory();
            HardwareInventory expected = spec.toInventory();
            assertEquals(expected.cpus(), read.cpus());
            assertEquals(expected.memoryMib(), read.memoryMib());
            assertEquals(expected.disks(), read.disks());
            // An InfiniBand port has no EthernetInterface: the driver finds it as the network device
            // function of its adapter and names it ADAPTER/FUNCTION; all else is the machine's.
            assertEquals(expected.nics().stream().map(SimulatorInventoryTest::asTheDriverNamesIt).toList(), read.nics());
            assertEquals(expected.traits(), read.traits());
        }
    }

    private static Nic asTheDriverNamesIt(Nic n) {
        return n.linkType() == LinkType.INFINIBAND ? new Nic(n.name() + "/1", n.mac(), n.speedMbps(), n.linkType(), n.rdmaCapable()) : n;
    }

    @Test
    void theSampleRackShowsEveryKindOfPart() {
        List<HardwareInventory> all = rack().stream().map(MachineSpec::toInventory).toList();
        List<Nic> nics = all.stream().flatMap(i -> i.nics().stream()).toList();
        assertTrue(nics.stream().anyMatch(n -> n.linkType() == LinkType.INFINIBAND), "an InfiniBand port");
        assertTrue(nics.stream().anyMatch(Nic::roceCapable), "a RoCE port");
        assertTrue(all.stream().flatMap(i -> i.disks().stream()).allMatch(d -> !d.serial().isEmpty()), "disks with serials");
        assertTrue(all.stream().anyMatch(i -> i.cpus().size() > 1), "a machine with two sockets");
        assertTrue(all.stream().anyMatch(i -> i.cpus().get(0).arch().equals("aarch64")), "an Arm machine");
    }
}
