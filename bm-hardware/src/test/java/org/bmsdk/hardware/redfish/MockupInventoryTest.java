package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Nic;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.MockupServer;
import org.bmsdk.hardware.redfish.fixture.Mockups;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every system of every DMTF mockup parses into the HardwareInventory its JSON describes. The
 * expected values are read from the mockup files here, by rules written out plainly: present CPUs,
 * MemorySummary (else present DIMMs), present drives of the Storage collection (else SimpleStorage
 * devices), physical Ethernet interfaces and the Ethernet functions of the chassis' network adapters.
 */
class MockupInventoryTest {

    @TestFactory
    Stream<DynamicTest> everySystemOfEveryMockup() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path mockup : Mockups.all()) {
            for (String system : Mockups.links(Mockups.read(mockup, "/redfish/v1/Systems").path("Members"))) {
                tests.add(DynamicTest.dynamicTest(mockup.getFileName() + " " + system, () -> check(mockup, system)));
            }
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    private static void check(Path mockup, String systemPath) {
        try (MockupServer server = MockupServer.start(mockup, FakeRedfish.USER, FakeRedfish.PASSWORD);
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint() + systemPath).build(), Clients.FAST,
                        EventListener.NONE)) {
            HardwareInventory inv = client.require(Inventory.class).inventory();
            JsonNode system = Mockups.read(mockup, systemPath);

            List<JsonNode> cpus = Mockups.members(mockup, system.path("Processors").path("@odata.id").asText()).stream()
                    .filter(p -> p.path("ProcessorType").asText("CPU").equals("CPU"))
                    .filter(MockupInventoryTest::present).toList();
            assertEquals(cpus.size(), inv.cpus().size(), "CPU count");
            assertEquals(cpus.stream().mapToInt(p -> p.path("TotalCores").asInt(1)).sum(), inv.totalCores(), "cores");
            assertEquals(cpus.stream().mapToInt(p -> p.path("TotalThreads").asInt(p.path("TotalCores").asInt(1))).sum(), inv.totalThreads());
            for (int i = 0; i < cpus.size(); i++) {
                assertEquals(cpus.get(i).path("Model").asText(""), inv.cpus().get(i).model());
                assertEquals(Cpu.normaliseArch(cpus.get(i).path("InstructionSet").asText("unknown")), inv.cpus().get(i).arch());
            }

            assertEquals(expectedMemoryMib(mockup, system), inv.memoryMib(), "memory");
            assertEquals(expectedDisks(mockup, system), inv.disks().stream()
                    .map(d -> d.name() + "|" + d.sizeBytes() + "|" + d.serial() + "|" + d.media()).collect(Collectors.toSet()), "disks");
            assertEquals(expectedMacs(mockup, system), inv.nics().stream().map(n -> n.mac().value()).collect(Collectors.toSet()), "MACs");
            assertTrue(inv.disks().stream().mapToLong(Disk::sizeBytes).sum() > 0, "some disk has a size");
            assertTrue(inv.nics().stream().mapToLong(Nic::speedMbps).max().orElse(0) > 0, "some NIC has a speed");
        }
    }

    private static boolean present(JsonNode n) {
        return !n.path("Status").path("State").asText("").equals("Absent");
    }

    private static long expectedMemoryMib(Path mockup, JsonNode system) {
        JsonNode gib = system.path("MemorySummary").path("TotalSystemMemoryGiB");
        if (gib.isNumber()) {
            return Math.round(gib.asDouble() * 1024);
        }
        return Mockups.members(mockup, system.path("Memory").path("@odata.id").asText()).stream()
                .filter(MockupInventoryTest::present).mapToLong(m -> m.path("CapacityMiB").asLong(0)).sum();
    }

    private static Set<String> expectedDisks(Path mockup, JsonNode system) {
        Set<String> out = new HashSet<>();
        if (system.has("Storage")) {
            Set<String> drives = new HashSet<>();
            for (JsonNode storage : Mockups.members(mockup, system.path("Storage").path("@odata.id").asText())) {
                drives.addAll(Mockups.links(storage.path("Drives")));
            }
            for (String d : drives) {
                JsonNode drive = Mockups.read(mockup, d);
                if (present(drive)) {
                    String id = drive.path("Id").asText(d.substring(d.lastIndexOf('/') + 1));
                    String media = drive.path("Protocol").asText("").equals("NVMe") ? "NVME" : drive.path("MediaType").asText("UNKNOWN");
                    out.add(id + "|" + drive.path("CapacityBytes").asLong(0) + "|" + drive.path("SerialNumber").asText("") + "|" + media);
                }
            }
        } else {
            for (JsonNode controller : Mockups.members(mockup, system.path("SimpleStorage").path("@odata.id").asText())) {
                for (JsonNode device : controller.path("Devices")) {
                    if (present(device)) {
                        out.add(device.path("Name").asText() + "|" + device.path("CapacityBytes").asLong(0) + "|"
                                + device.path("SerialNumber").asText("") + "|UNKNOWN");
                    }
                }
            }
        }
        return out;
    }

    private static Set<String> expectedMacs(Path mockup, JsonNode system) {
        Set<String> out = new HashSet<>();
        for (JsonNode e : Mockups.members(mockup, system.path("EthernetInterfaces").path("@odata.id").asText())) {
            boolean physical = !e.path("EthernetInterfaceType").asText("").equals("Virtual") && !e.path("Links").has("HostInterface");
            if (physical && present(e)) {
                out.add(e.path("PermanentMACAddress").asText(e.path("MACAddress").asText()).toLowerCase(Locale.ROOT));
            }
        }
        for (String chassis : Mockups.links(system.path("Links").path("Chassis"))) {
            JsonNode adapters = Mockups.read(mockup, chassis).path("NetworkAdapters");
            if (adapters.isMissingNode()) {
                continue;
            }
            for (JsonNode adapter : Mockups.members(mockup, adapters.path("@odata.id").asText())) {
                for (JsonNode f : Mockups.members(mockup, adapter.path("NetworkDeviceFunctions").path("@odata.id").asText())) {
                    String mac = f.path("Ethernet").path("PermanentMACAddress").asText(f.path("Ethernet").path("MACAddress").asText(""));
                    if (!mac.isEmpty()) {
                        out.add(mac.toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }
}
