package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bmsdk.testkit.network.Reachability;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's cabling as its line of JSON states it, put into bm-testkit's {@link Reachability}
 * model: machines moved between VLANs with {@code bmctl switch} reach exactly the machines of their
 * VLAN, and a port returned to its idle state reaches no one.
 */
class LabIsolationTest {

    private LabCommand.Lab lab;
    private JsonNode line;
    private Reachability cabling;
    private SimulatedSwitches switches;

    @TempDir
    Path dir;

    @BeforeEach
    void startLab() throws Exception {
        lab = LabCommand.Lab.start(3, true, 1, SwitchDialect.ARISTA_EOS);
        line = new ObjectMapper().readTree(lab.json());
        switches = lab.switches().orElseThrow().switches();
        Reachability.Builder b = Reachability.builder();
        for (JsonNode m : line.get("machines")) {
            for (JsonNode n : m.get("nics")) {
                b.nic(n.get("mac").asText(), n.get("switch").asText(), n.get("port").asText());
            }
        }
        cabling = b.build();
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    private List<String> macs(int machine) {
        List<String> out = new ArrayList<>();
        line.get("machines").get(machine).get("nics").forEach(n -> out.add(n.get("mac").asText()));
        return out;
    }

    private List<String> ports(int machine) {
        List<String> out = new ArrayList<>();
        line.get("machines").get(machine).get("nics").forEach(n -> out.add(n.get("port").asText()));
        return out;
    }

    private Run bmctl(Map<String, String> env, String... args) {
        JsonNode sw = line.get("switches").get(0);
        Run r = Run.of(env, Stream.concat(Stream.of(args), Stream.of("--endpoint", sw.get("ssh").asText(), "--dialect",
                sw.get("dialect").asText(), "--known-hosts", line.get("known_hosts").asText())).toArray(String[]::new));
        assertEquals(0, r.status(), r::toString);
        return r;
    }

    private Run bmctl(String... args) {
        JsonNode sw = line.get("switches").get(0);
        return bmctl(Map.of("BMCTL_USERNAME", sw.get("username").asText(), "BMCTL_PASSWORD", sw.get("password").asText()), args);
    }

    private Set<String> reached(int machine) {
        return cabling.reachableFrom(macs(machine).get(0), switches);
    }

    @Test
    void machinesReachTheirVlanOnlyAndAnIdlePortNoOne() {
        assertTrue(reached(0).containsAll(macs(1)) && reached(0).containsAll(macs(2)), "factory default: all in VLAN 1");

        bmctl("switch", "vlan", "create", "100");
        bmctl("switch", "vlan", "create", "200");
        for (int m = 0; m < 3; m++) {
            for (String port : ports(m)) {
                bmctl("switch", "port", "access", port, "--vlan", m == 2 ? "200" : "100");
            }
        }
        assertTrue(reached(0).containsAll(macs(1)), reached(0).toString());
        assertTrue(reached(0).stream().noneMatch(macs(2)::contains), "VLAN 100 does not reach VLAN 200: " + reached(0));
        assertEquals(Set.of(macs(2).get(1)), reached(2), "node-2 reaches only its own other NIC");

        for (String port : ports(1)) {
            bmctl("switch", "port", "default", port, "--idle-vlan", "999");
        }
        assertEquals(Set.of(), reached(1), "an idle machine reaches no one");
        assertTrue(reached(0).stream().noneMatch(macs(1)::contains), reached(0).toString());
    }

    @Test
    void theLoginMayComeFromACredentialsFile() throws Exception {
        JsonNode sw = line.get("switches").get(0);
        Path file = Files.writeString(dir.resolve("switch.cred"), "# the lab's switch\nusername=" + sw.get("username").asText()
                + "\npassword=" + sw.get("password").asText() + "\n");
        Run r = bmctl(Map.of(), "switch", "port", "shutdown", ports(0).get(0), "--credentials-file", file.toString());
        assertEquals(ports(0).get(0) + ": shut down, access vlan 1\n", r.out());
        assertFalse(switches.get("sw-0").runningConfig().port(ports(0).get(0)).orElseThrow().enabled());
        assertFalse(String.join(" ", switches.get("sw-0").commands()).contains(sw.get("password").asText()), "no password in the CLI");
    }
}
