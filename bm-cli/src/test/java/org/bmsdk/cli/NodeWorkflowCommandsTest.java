package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmctl node verify|inspect|clean|allocate|provision|release|resume} on a simulated Redfish
 * machine: each runs its workflow, prints the node on stdout and its steps on stderr, and a refused
 * move is one line and exit 1.
 */
class NodeWorkflowCommandsTest {


    @TempDir
    Path dir;

    @Test
    void aNodeGoesThroughItsLifeWithBmctl() throws Exception {
        try (LabCommand.Lab lab = LabCommand.Lab.start(1, true)) {
            JsonNode m = new ObjectMapper().readTree(lab.json()).get("machines").get(0);
            String password = m.get("password").asText();
            Map<String, String> env = Map.of("BMCTL_USERNAME", m.get("username").asText(), "BMCTL_PASSWORD", password,
                    "BMCTL_STORE", dir.resolve("store").toString());
            List<Run> runs = new ArrayList<>();
            SimulatedMachine machine = lab.machines().get(0);
            machine.disks().get(0).write(0, new byte[] {1, 2, 3});

            runs.add(ok(env, "node", "enroll", "node-0", "--endpoint", m.get("redfish").asText()));
            assertTrue(ok(env, "node", "verify", "node-0").out().contains("MANAGEABLE"), runs.toString());
            Run inspect = ok(env, "node", "inspect", "node-0");
            assertTrue(inspect.err().contains("read_inventory"), inspect.toString());
            Run clean = ok(env, "node", "clean", "node-0");
            assertTrue(clean.out().startsWith("node-0       AVAILABLE"), clean.toString());
            assertTrue(clean.err().contains("erase_disks") && clean.err().contains("secure erase by the BMC"), clean.toString());
            assertTrue(machine.disks().stream().allMatch(SimulatedDisk::isZeroed));

            Run refused = Run.of(env, "node", "provision", "node-0");
            assertEquals(1, refused.status(), refused.toString());
            assertTrue(refused.err().contains("no owner"), refused.toString());

            Run allocated = ok(env, "node", "allocate", "--owner", "tenant-a", "--requires", "memory >= 1GiB");
            assertTrue(allocated.out().contains("owner tenant-a"), allocated.toString());
            Run provisioned = ok(env, "node", "provision", "node-0");
            assertTrue(provisioned.out().contains("ACTIVE"), provisioned.toString());
            assertEquals(PowerState.ON, machine.powerState());
            Run released = ok(env, "node", "release", "node-0", "--json", "--shutdown-timeout", "2s");
            JsonNode doc = new ObjectMapper().readTree(released.out());
            assertEquals("AVAILABLE", doc.get("provisionState").asText(), released.toString());
            assertTrue(doc.get("owner").isNull(), released.toString());
            assertEquals(PowerState.OFF, machine.powerState());
            assertEquals("nothing to resume\n", ok(env, "node", "resume").out());

            runs.addAll(List.of(inspect, clean, refused, allocated, provisioned, released));
            for (Run r : runs) {
                assertFalse(r.out().contains(password) || r.err().contains(password), "the BMC password is printed: " + r);
            }
        }
    }

    private static Run ok(Map<String, String> env, String... args) {
        Run r = Run.of(env, args);
        assertEquals(0, r.status(), r::toString);
        return r;
    }
}
