package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bmsdk.testkit.network.SwitchDialect;
import org.junit.jupiter.api.Test;

/**
 * {@code bmctl lab --switches M} in a process of its own: its line against docs/lab.schema.json,
 * the cabling against what the machines' BMCs report, and {@code bmctl switch} run with the line's
 * values as they stand (endpoint, dialect, known_hosts, login).
 */
class LabSwitchesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeSwitchesOfEachDialectInTurnCabledToEveryMachineAndDrivenByBmctlSwitch() throws Exception {
        Path knownHosts;
        try (LabProcess lab = LabProcess.start("--http", "--machines", "4", "--switches", "3")) {
            JsonNode line = lab.json();
            assertEquals(List.of(), LabSchema.violations(line), lab.line());
            assertTrue(lab.stderrLine().contains("bmctl lab: 4 machine(s) on 127.0.0.1 over HTTP, 3 switch(es); "), lab.stderr());

            JsonNode switches = line.get("switches");
            assertEquals(3, switches.size());
            knownHosts = Path.of(line.get("known_hosts").asText());
            List<String> hostLines = Files.readAllLines(knownHosts);
            assertEquals(3, hostLines.size(), hostLines::toString);
            for (int s = 0; s < 3; s++) {
                JsonNode sw = switches.get(s);
                assertEquals("sw-" + s, sw.get("name").asText());
                assertEquals(SwitchDialect.values()[s % SwitchDialect.values().length].id(), sw.get("dialect").asText(), "dialects in turn");
                String hostPort = sw.get("ssh").asText().substring("ssh://127.0.0.1:".length());
                assertTrue(hostLines.stream().anyMatch(l -> l.startsWith("[127.0.0.1]:" + hostPort + " ")), hostLines::toString);
            }

            // every Ethernet NIC the BMC reports is cabled, once, to a port its switch has
            Set<String> cables = new HashSet<>();
            for (int i = 0; i < lab.size(); i++) {
                JsonNode m = line.get("machines").get(i);
                JsonNode inventory = JsonDocs.one(Run.of(lab.env(), "--json", "inventory", "--endpoint", lab.endpoint(i)).out());
                List<String> ethernet = new ArrayList<>();
                inventory.get("nics").forEach(n -> {
                    if (n.get("linkType").asText().equals("ETHERNET")) {
                        ethernet.add(n.get("mac").asText());
                    }
                });
                List<String> cabled = new ArrayList<>();
                for (JsonNode n : m.get("nics")) {
                    cabled.add(n.get("mac").asText());
                    int s = Integer.parseInt(n.get("switch").asText().substring("sw-".length()));
                    assertEquals("sw-" + (i % 3), n.get("switch").asText(), "machine i hangs off switch i mod M");
                    assertTrue(JsonDocs.texts(switches.get(s).get("ports")).contains(n.get("port").asText()), n.toString());
                    assertTrue(cables.add(n.get("switch").asText() + " " + n.get("port").asText()), "one NIC per port: " + n);
                }
                assertEquals(ethernet, cabled, m.toString());
            }

            // bmctl switch with the line's values as they stand
            for (int s = 0; s < 3; s++) {
                JsonNode sw = switches.get(s);
                JsonNode nic = line.get("machines").get(s).get("nics").get(0);
                Map<String, String> env = Map.of("BMCTL_USERNAME", sw.get("username").asText(), "BMCTL_PASSWORD", sw.get("password").asText());
                String[] at = {"--endpoint", sw.get("ssh").asText(), "--dialect", sw.get("dialect").asText(),
                    "--known-hosts", line.get("known_hosts").asText()};
                Run create = Run.of(env, concat(new String[] {"switch", "vlan", "create", "42"}, at));
                assertEquals(0, create.status(), create::toString);
                Run access = Run.of(env, concat(new String[] {"switch", "port", "access", nic.get("port").asText(), "--vlan", "42"}, at));
                assertEquals(0, access.status(), access::toString);
                Run show = Run.of(env, concat(new String[] {"--json", "switch", "port", "show", nic.get("port").asText()}, at));
                assertEquals(0, show.status(), show::toString);
                assertEquals(42, JsonDocs.one(show.out()).get("accessVlan").asInt(), show::toString);
            }
            assertTrue(lab.terminate(Duration.ofSeconds(10)), lab.stderr());
        }
        assertFalse(Files.exists(knownHosts), "the known_hosts file goes with the lab");
    }

    @Test
    void oneDialectForEverySwitchAndNoSwitchesAtAll() {
        String dialect = SwitchDialect.values()[SwitchDialect.values().length - 1].id();
        try (LabProcess lab = LabProcess.start("--http", "--machines", "1", "--dialect", dialect)) {
            assertEquals(List.of(), LabSchema.violations(lab.json()), lab.line());
            assertEquals(2, lab.json().get("switches").size(), "two switches by default");
            lab.json().get("switches").forEach(s -> assertEquals(dialect, s.get("dialect").asText()));
        }
        try (LabProcess lab = LabProcess.start("--http", "--machines", "1", "--switches", "0")) {
            assertEquals(List.of(), LabSchema.violations(lab.json()), lab.line());
            assertFalse(lab.json().has("switches") || lab.json().has("known_hosts"), lab.line());
            assertFalse(lab.json().get("machines").get(0).has("nics"), lab.line());
        }
        Run bad = Run.of("lab", "--dialect", "vyos");
        assertEquals(2, bad.status(), bad::toString);
        for (SwitchDialect d : SwitchDialect.values()) {
            assertTrue(bad.err().contains(d.id()), bad::toString);
        }
        assertEquals(2, Run.of("lab", "--switches", "65").status());
    }

    @Test
    void theSchemaRefusesMalformedSwitchesAndNics() throws Exception {
        ObjectNode good = (ObjectNode) JSON.readTree("{\"ca\":null,\"known_hosts\":\"/tmp/bmctl-lab-1/known_hosts\","
                + "\"machines\":[{\"name\":\"node-0\",\"redfish\":\"redfish+http://127.0.0.1:40000\",\"ipmi\":\"ipmi://127.0.0.1:40001\","
                + "\"username\":\"admin\",\"password\":\"abcdefghij0123456789\",\"nics\":[{\"mac\":\"02:00:00:00:00:01\",\"switch\":\"sw-0\","
                + "\"port\":\"Ethernet1\"}]}],\"switches\":[{\"name\":\"sw-0\",\"dialect\":\"arista_eos\",\"ssh\":\"ssh://127.0.0.1:40002\","
                + "\"username\":\"admin\",\"password\":\"abcdefghij0123456789\",\"ports\":[\"Ethernet1\",\"Ethernet2\"]}]}");
        assertEquals(List.of(), LabSchema.violations(good));
        List<JsonNode> bad = new ArrayList<>();
        ObjectNode noKnownHosts = good.deepCopy();
        noKnownHosts.remove("known_hosts");
        bad.add(noKnownHosts);
        ObjectNode userInUrl = good.deepCopy();
        ((ObjectNode) userInUrl.get("switches").get(0)).put("ssh", "ssh://admin@127.0.0.1:40002");
        bad.add(userInUrl);
        ObjectNode upperMac = good.deepCopy();
        ((ObjectNode) upperMac.get("machines").get(0).get("nics").get(0)).put("mac", "02:00:00:00:00:AB");
        bad.add(upperMac);
        ObjectNode noPorts = good.deepCopy();
        ((ObjectNode) noPorts.get("switches").get(0)).set("ports", JSON.createArrayNode());
        bad.add(noPorts);
        ObjectNode twice = good.deepCopy();
        ((ArrayNode) twice.get("switches").get(0).get("ports")).add("Ethernet1");
        bad.add(twice);
        ObjectNode relative = good.deepCopy();
        relative.put("known_hosts", "known_hosts");
        bad.add(relative);
        for (JsonNode doc : bad) {
            assertFalse(LabSchema.violations(doc).isEmpty(), "the schema refuses " + doc);
        }
    }

    private static String[] concat(String[] first, String[] rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
