package org.bmsdk.testkit.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Nic;
import org.junit.jupiter.api.Test;

class SampleRackTest {

    @Test
    void theSixMachinesAreTheFirstSixOfALargerRack() {
        List<MachineSpec> rack = SampleRack.machines();
        assertEquals(List.of("small-1", "general-1", "general-2", "storage-1", "hpc-1", "arm-1"),
                rack.stream().map(MachineSpec::name).toList());
        for (int i = 0; i < rack.size(); i++) {
            assertEquals(rack.get(i).toInventory(), SampleRack.machine(i, rack.get(i).name()).toInventory());
            assertEquals(rack.get(i).nics(), SampleRack.machine(i, rack.get(i).name()).nics());
        }
    }

    @Test
    void aLargerRackRepeatsTheKindsWithAddressesSerialsAndPortsOfItsOwn() {
        List<MachineSpec> lab = IntStream.range(0, 14).mapToObj(i -> SampleRack.machine(i, "node-" + i)).toList();
        assertEquals(lab.get(0).toInventory().totalCores(), lab.get(6).toInventory().totalCores());
        assertEquals(lab.get(4).toInventory().nics().size(), lab.get(10).toInventory().nics().size());
        Set<String> macs = new HashSet<>();
        Set<String> serials = new HashSet<>();
        Set<String> ports = new HashSet<>();
        for (MachineSpec m : lab) {
            HardwareInventory inv = m.toInventory();
            for (Nic n : inv.nics()) {
                assertEquals(true, macs.add(n.mac().value()), "unique MAC " + n.mac() + " on " + m.name());
            }
            for (Disk d : inv.disks()) {
                assertEquals(true, serials.add(d.serial()), "unique serial " + d.serial() + " on " + m.name());
            }
            m.nics().forEach(n -> n.cabledTo().ifPresent(c -> assertEquals(true, ports.add(c.toString()), "one cable per port: " + c)));
        }
        assertThrows(IllegalArgumentException.class, () -> SampleRack.machine(-1, "x"));
    }
}
