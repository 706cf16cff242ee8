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
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code bmctl switch} end to end in this JVM against a lab of this JVM with one switch per
 * simulated dialect, as a user runs it: endpoint, dialect, known_hosts and credentials from the
 * lab's line of JSON. What each command did is read back from the simulator's state, not from what
 * bmctl printed.
 */
class SwitchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static LabCommand.Lab lab;
    private static JsonNode line;

    @TempDir
    Path dir;

    @BeforeAll
    static void startLab() throws Exception {
        lab = LabCommand.Lab.start(2, true, SwitchDialect.values().length, null);
        line = JSON.readTree(lab.json());
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static JsonNode switchJson(int s) {
        return line.get("switches").get(s);
    }

    private static SimulatedSwitch sim(int s) {
        return lab.switches().orElseThrow().switches().get(switchJson(s).get("name").asText());
    }

    private static Map<String, String> env(int s) {
        return Map.of("BMCTL_USERNAME", switchJson(s).get("username").asText(), "BMCTL_PASSWORD", switchJson(s).get("password").asText());
    }

    /** bmctl ARGS against switch s, with the lab's endpoint, dialect, known_hosts and login. */
    private static Run on(int s, String... args) {
        return Run.of(env(s), Stream.concat(Stream.of(args), Stream.of("--endpoint", switchJson(s).get("ssh").asText(),
                "--dialect", switchJson(s).get("dialect").asText(), "--known-hosts", line.get("known_hosts").asText()))
                .toArray(String[]::new));
    }

    private static Run ok(int s, String... args) {
        Run r = on(s, args);
        assertEquals(0, r.status(), r::toString);
        assertEquals("", r.err(), r::toString);
        return r;
    }

    private static JsonNode json(int s, String... args) {
        return JsonDocs.one(ok(s, Stream.concat(Stream.of("--json"), Stream.of(args)).toArray(String[]::new)).out());
    }

    private static Run operationError(Run r) {
        assertEquals(1, r.status(), r::toString);
        assertEquals("", r.out(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("bmctl: "), r::toString);
        return r;
    }

    private static Run badUsage(Run r) {
        assertEquals(2, r.status(), r::toString);
        assertEquals("", r.out(), r::toString);
        return r;
    }

    /** A port of switch s that a machine's NIC is cabled to, when there is one, else its last port. */
    private static String port(int s, int which) {
        String name = switchJson(s).get("name").asText();
        List<String> cabled = new ArrayList<>();
        for (JsonNode m : line.get("machines")) {
            for (JsonNode n : m.get("nics")) {
                if (n.get("switch").asText().equals(name)) {
                    cabled.add(n.get("port").asText());
                }
            }
        }
        JsonNode ports = switchJson(s).get("ports");
        return which < cabled.size() ? cabled.get(which) : ports.get(ports.size() - 1 - which).asText();
    }

    private static PortState running(int s, String port) {
        return sim(s).runningConfig().port(port).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void vlansAndPortsAreConfiguredReadBackAndSaved(int s) {
        String access = port(s, 0);
        String trunk = port(s, 1);
        SimulatedSwitch sw = sim(s);

        assertEquals("vlan 100 exists\n", ok(s, "switch", "vlan", "create", "100", "--name", "tenant-a").out());
        assertTrue(sw.runningConfig().vlans().contains(VlanId.of(100)));
        assertEquals("tenant-a", sw.vlanNames().get(100));
        JsonNode vlans = json(s, "switch", "vlan", "create", "200");
        assertEquals(List.of("endpoint", "vlans"), JsonDocs.keys(vlans));
        assertTrue(vlans.get("vlans").toString().contains("200"), vlans.toString());
        assertEquals("VLAN0200", sw.vlanNames().get(200));

        JsonNode a = json(s, "switch", "port", "access", access, "--vlan", "100");
        assertEquals(List.of("endpoint", "port", "enabled", "mode", "accessVlan", "nativeVlan", "allowedVlans", "lag", "acl"),
                JsonDocs.keys(a));
        assertEquals("access", a.get("mode").asText());
        assertEquals(100, a.get("accessVlan").asInt());
        assertEquals(PortState.Mode.ACCESS, running(s, access).mode());
        assertEquals(VlanId.of(100), running(s, access).accessVlan());

        Run t = ok(s, "switch", "port", "trunk", trunk, "--native", "100", "--allowed", "200,300-302");
        assertEquals(trunk + ": enabled, trunk native 100 allowed 200,300-302\n", t.out());
        PortState tp = running(s, trunk);
        assertEquals(PortState.Mode.TRUNK, tp.mode());
        assertEquals(VlanId.of(100), tp.nativeVlan());
        assertEquals(Set.of(VlanId.of(200), VlanId.of(300), VlanId.of(301), VlanId.of(302)), tp.allowedVlans());

        assertEquals(access + ": shut down, access vlan 100\n", ok(s, "switch", "port", "shutdown", access).out());
        assertFalse(running(s, access).enabled());
        assertEquals(access + ": enabled, access vlan 100\n", ok(s, "switch", "port", "enable", access).out());
        assertTrue(running(s, access).enabled());

        // default: shut, on the idle VLAN (created when missing), no trunk left open
        assertEquals(trunk + ": shut down, access vlan 999\n", ok(s, "switch", "port", "default", trunk, "--idle-vlan", "999").out());
        PortState idle = running(s, trunk);
        assertFalse(idle.enabled());
        assertEquals(PortState.Mode.ACCESS, idle.mode());
        assertEquals(VlanId.of(999), idle.accessVlan());
        assertEquals(Set.of(), idle.allowedVlans());
        assertTrue(sw.runningConfig().vlans().contains(VlanId.of(999)));

        assertEquals(access + ": enabled, access vlan 100\n", ok(s, "switch", "port", "show", access).out());
        assertTrue(ok(s, "switch", "show").out().contains(trunk + ": shut down, access vlan 999\n"));

        assertEquals("vlan 200 is gone\n", ok(s, "switch", "vlan", "delete", "200").out());
        assertFalse(sw.runningConfig().vlans().contains(VlanId.of(200)));

        // nothing lasts a reload until it is saved
        assertFalse(sw.savedConfig().vlans().contains(VlanId.of(100)));
        JsonNode saved = json(s, "switch", "save");
        assertTrue(saved.get("saved").asBoolean());
        assertEquals(sw.runningConfig(), sw.savedConfig());
        sw.reload();
        assertEquals(VlanId.of(999), running(s, trunk).accessVlan());
    }

    @Test
    void aPortTheSwitchDoesNotHaveIsAnOperationError() {
        Run r = operationError(on(0, "switch", "port", "show", "Ethernet77/77"));
        assertTrue(r.err().contains("no port Ethernet77/77"), r::toString);
        Run refused = operationError(on(1, "switch", "port", "access", "Ethernet4242", "--vlan", "10"));
        assertTrue(refused.err().contains("Ethernet4242"), refused::toString);
    }

    @Test
    void theDialectComesFromTheInstalledDrivers() {
        Run r = badUsage(on(0, "switch", "vlan", "create", "10", "--dialect", "vyos"));
        for (SwitchDriver d : SwitchDriverRegistry.loadInstalled().drivers()) {
            assertTrue(r.err().contains(d.dialect()), r::toString);
        }
        Run missing = badUsage(Run.of(env(0), "switch", "save", "--endpoint", switchJson(0).get("ssh").asText()));
        assertTrue(missing.err().contains("--dialect"), missing::toString);
        Run help = Run.of("switch", "save", "--help");
        assertTrue(help.out().contains("cisco_ios") && help.out().contains("ovs_linux"), help::toString);
    }

    @Test
    void badVlansAndEndpointsAreBadUsage() {
        assertTrue(badUsage(on(0, "switch", "vlan", "create", "5000")).err().contains("vlan must be in 1..4094, but was 5000"));
        assertTrue(badUsage(on(0, "switch", "port", "trunk", port(0, 0), "--allowed", "10,x")).err().contains("10,x"));
        badUsage(Run.of(env(0), "switch", "save", "--dialect", "cisco_ios", "--endpoint", "telnet://127.0.0.1:23"));
        badUsage(Run.of(Map.of(), "switch", "save", "--dialect", "cisco_ios", "--endpoint", switchJson(0).get("ssh").asText(),
                "--known-hosts", line.get("known_hosts").asText()));
    }

    @Test
    void anUnknownHostKeyOrAWrongPasswordIsRefusedWithoutShowingThePassword() throws Exception {
        Path empty = Files.createFile(dir.resolve("known_hosts"));
        String ssh = switchJson(0).get("ssh").asText();
        Run unknown = operationError(Run.of(env(0), "switch", "save", "--dialect", "cisco_ios", "--endpoint", ssh, "--known-hosts",
                empty.toString()));
        assertTrue(unknown.err().contains("host key"), unknown::toString);
        int loginsBefore = sim(0).logins();
        Map<String, String> wrong = Map.of("BMCTL_USERNAME", "admin", "BMCTL_PASSWORD", "not-the-password-123");
        Run refused = operationError(Run.of(wrong, "switch", "save", "--dialect", switchJson(0).get("dialect").asText(),
                "--endpoint", ssh, "--known-hosts", line.get("known_hosts").asText()));
        assertFalse(refused.err().contains("not-the-password-123"), refused::toString);
        assertFalse(unknown.err().contains(switchJson(0).get("password").asText()), unknown::toString);
        assertEquals(loginsBefore, sim(0).logins(), "no login succeeded");
    }
}
