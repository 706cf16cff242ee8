package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchDriverRegistry;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.network.internal.OvsSwitchSession;
import org.bmsdk.ssh.fixture.OpenSshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our Open vSwitch driver against a real Open vSwitch (userspace ovsdb-server and ovs-vswitchd)
 * behind a real OpenSSH server, both on 127.0.0.1 and private to this test. Each operation is
 * checked twice: by {@code ovs-vsctl get} run here, directly on the database (not through the
 * driver, not over SSH), and by the driver's own read-back.
 */
@Tag("interop")
class OpenVswitchInteropTest {

    private static final List<String> PORTS = List.of("p1", "p2", "p3", "p4");
    /** Never used to log in (the key is), so it must never show anywhere either. */
    private static final String PASSWORD = "ovs-Pa55word!";

    private static OpenVswitch ovs;
    private static OpenSshServer sshd;

    @BeforeAll
    static void start() throws Exception {
        ovs = OpenVswitch.startIfInstalled(PORTS).orElse(null);
        if (ovs != null) {
            // SetEnv: ovs-vsctl and ovs-ofctl run over SSH find the private daemons, not /var/run/openvswitch
            // INPUTRC: bash's bracketed paste would put escape codes into netmiko's prompt
            Path inputrc = ovs.runDir().resolve("inputrc");
            java.nio.file.Files.writeString(inputrc, "set enable-bracketed-paste off\n");
            sshd = OpenSshServer.startIfInstalled(List.of("SetEnv OVS_RUNDIR=" + ovs.runDir() + " INPUTRC=" + inputrc))
                    .orElse(null);
        }
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
        if (ovs != null) {
            String bridge = ovs.bridge();
            ovs.close();
            assertFalse(OpenVswitch.linkExists(bridge), "the bridge's tap device outlived ovs-vswitchd");
        }
    }

    @BeforeEach
    void reset() throws Exception {
        assumeTrue(ovs != null && sshd != null, "Open vSwitch or OpenSSH is not installed");
        for (String p : PORTS) {
            ovs.vsctl("--", "clear", "port", p, "tag", "trunks", "vlan_mode");
            ovs.vsctl("--", "set", "port", p, "vlan_mode=access", "tag=1");
            for (String flag : List.of("up", "forward", "receive")) {
                run("ovs-ofctl", "mod-port", ovs.bridge(), p, flag);
            }
        }
        for (String p : PORTS) {
            awaitAdminState(p, "up");
        }
    }

    private static SwitchEndpoint endpoint(Path knownHosts) {
        return endpoint(knownHosts, Duration.ofSeconds(10));
    }

    private static SwitchEndpoint endpoint(Path knownHosts, Duration commandTimeout) {
        return SwitchEndpoint.builder("ovs-1", "ssh://127.0.0.1:" + sshd.port(), "ovs_linux")
                .credentials(CredentialRef.inline(Credentials.of(sshd.keyUser(), PASSWORD)))
                .privateKey(sshd.dir().resolve("client_key"))
                .knownHosts(knownHosts)
                .commandTimeout(commandTimeout)
                .build();
    }

    private static SwitchSession open() {
        return SwitchDriverRegistry.loadInstalled().driverFor("ovs_linux").open(endpoint(sshd.knownHosts()), DriverContext.defaults());
    }

    private static String get(String table, String record, String column) throws Exception {
        return ovs.vsctl("get", table, record, column);
    }

    @Test
    void everyOperationIsWhatOvsVsctlShowsAndWhatTheReadBackSays() throws Exception {
        long loginsBefore = logins();
        try (SwitchSession s = open()) {
            assertInstanceOf(OpenVswitchDriver.class, SwitchDriverRegistry.loadInstalled().driverFor("ovs_linux"));
            String before = ovs.vsctl("--format=json", "list", "port");
            s.createVlan(VlanId.of(100), "tenant-a");
            assertEquals(before, ovs.vsctl("--format=json", "list", "port"), "no VLAN database: createVlan changes nothing");

            s.setAccessVlan("p1", VlanId.of(100));
            s.setAccessVlan("p1", VlanId.of(100));
            assertEquals("100", get("port", "p1", "tag"));
            assertEquals("access", get("port", "p1", "vlan_mode"));
            assertEquals("[]", get("port", "p1", "trunks"));
            assertEquals(PortState.access("p1", VlanId.of(100)), s.readBack().port("p1").orElseThrow());

            s.setTrunk("p2", VlanId.of(10), vlans(20, 21));
            assertEquals("native-untagged", get("port", "p2", "vlan_mode"));
            assertEquals("10", get("port", "p2", "tag"));
            assertEquals("[20, 21, 4095]", get("port", "p2", "trunks"));
            assertEquals(trunk("p2", true, 10, 20, 21), s.readBack().port("p2").orElseThrow());

            s.addTrunkVlan("p2", VlanId.of(30));
            s.addTrunkVlan("p2", VlanId.of(30));
            assertEquals("[20, 21, 30, 4095]", get("port", "p2", "trunks"));
            s.removeTrunkVlan("p2", VlanId.of(20));
            assertEquals("[21, 30, 4095]", get("port", "p2", "trunks"));
            assertEquals(trunk("p2", true, 10, 21, 30), s.readBack().port("p2").orElseThrow());
            s.removeTrunkVlan("p2", VlanId.of(21));
            s.removeTrunkVlan("p2", VlanId.of(30));
            // OVS reads an empty list as "all VLANs": the last one removed must leave none, not all
            assertEquals("[4095]", get("port", "p2", "trunks"));
            assertEquals(trunk("p2", true, 10), s.readBack().port("p2").orElseThrow());

            s.setTrunk("p3", null, vlans(40, 41));
            assertEquals("trunk", get("port", "p3", "vlan_mode"));
            assertEquals("[]", get("port", "p3", "tag"));
            assertEquals("[40, 41, 4095]", get("port", "p3", "trunks"));
            assertEquals(trunk("p3", true, null, 40, 41), s.readBack().port("p3").orElseThrow());

            s.setPortEnabled("p4", false);
            awaitAdminState("p4", "down");
            assertFalse(s.readBack().port("p4").orElseThrow().enabled());
            s.setPortEnabled("p4", true);
            awaitAdminState("p4", "up");
            assertTrue(s.readBack().port("p4").orElseThrow().enabled());

            s.setIdle("p3", VlanId.of(999));
            awaitAdminState("p3", "down");
            assertEquals("999", get("port", "p3", "tag"));
            assertEquals("access", get("port", "p3", "vlan_mode"));
            assertEquals("[]", get("port", "p3", "trunks"));

            s.save();
            s.deleteVlan(VlanId.of(100));
            assertEquals("100", get("port", "p1", "tag"), "no VLAN database: deleteVlan changes no port");

            SwitchConfig config = s.readBack();
            assertEquals(Map.of(
                    "p1", PortState.access("p1", VlanId.of(100)),
                    "p2", trunk("p2", true, 10),
                    "p3", new PortState("p3", false, PortState.Mode.ACCESS, VlanId.of(999), null, Set.of(), null, null),
                    "p4", PortState.access("p4", VlanId.of(1))), config.ports(), "the bridge's own port is left out");
            assertEquals(vlans(1, 10, 100, 999), config.vlans());

            assertEquals(1, ((OvsSwitchSession) s).connects());
        }
        assertEquals(1, logins() - loginsBefore, "one SSH login for all the operations");
    }

    @Test
    void aBondIsALagWhoseInterfacesKeepTheirSettingsAndAclsAndVxlanAreUnsupported() throws Exception {
        try (SwitchSession s = open()) {
            try {
                s.createLag("bond0", List.of("p1", "p2"));
                assertEquals("active", get("port", "bond0", "lacp"));
                assertEquals("dummy", get("interface", "p1", "type"), "the interface was moved, not created again");
                assertEquals("", ovs.vsctl("--if-exists", "get", "port", "p1", "name"), "p1 has no port of its own any more");
                s.setAccessVlan("bond0", VlanId.of(100));
                assertEquals("100", get("port", "bond0", "tag"));
                SwitchConfig back = s.readBack();
                assertEquals(List.of("p1", "p2"), back.lagMembers("bond0"));
                assertEquals(new PortState("p1", true, PortState.Mode.ACCESS, VlanId.of(100), null, Set.of(), "bond0", null),
                        back.port("p1").orElseThrow());

                String before = ovs.vsctl("--format=json", "--columns=name,interfaces,tag,lacp", "list", "port");
                s.createLag("bond0", List.of("p2", "p1"));
                assertEquals(before, ovs.vsctl("--format=json", "--columns=name,interfaces,tag,lacp", "list", "port"),
                        "the same bond again changes nothing");

                s.createLag("bond0", List.of("p1"));
                assertEquals("100", get("port", "bond0", "tag"), "the bond keeps its VLAN when its members change");
                assertEquals("[4095]", get("port", "p2", "trunks"), "a freed member carries nothing");
                assertEquals(List.of("p1"), s.readBack().lagMembers("bond0"));
            } finally {
                s.deleteLag("bond0");
            }
            assertEquals("", ovs.vsctl("--if-exists", "get", "port", "bond0", "name"));
            assertEquals("trunk", get("port", "p1", "vlan_mode"));
            assertEquals("[4095]", get("port", "p1", "trunks"));
            assertEquals("dummy", get("interface", "p1", "type"));
            s.deleteLag("bond0"); // gone: nothing to do

            UnsupportedCapabilityException acl = assertThrows(UnsupportedCapabilityException.class,
                    () -> s.bindAcl("p3", new Acl("web", List.of())));
            assertTrue(acl.getMessage().contains("OpenFlow"), acl.getMessage());
            UnsupportedCapabilityException vxlan = assertThrows(UnsupportedCapabilityException.class,
                    () -> s.mapVni(Vni.of(10010), VlanId.of(10)));
            assertTrue(vxlan.getMessage().contains("tunnel port"), vxlan.getMessage());
        }
    }

    @Test
    void ovsErrorsAreDeviceExceptionsNamingSwitchCommandAndLine() throws Exception {
        try (SwitchSession s = open()) {
            DeviceException e = assertThrows(DeviceException.class, () -> s.setAccessVlan("p9", VlanId.of(100)));
            assertEquals("ovs-vsctl: no row \"p9\" in table Port", e.deviceCode());
            assertTrue(e.getMessage().contains("ovs-1") && e.getMessage().contains("set port 'p9'"), e.getMessage());

            DeviceException down = assertThrows(DeviceException.class, () -> s.setPortEnabled("p9", false));
            assertEquals("ovs-vsctl: no port named p9", down.deviceCode());
            DeviceException idle = assertThrows(DeviceException.class, () -> s.setIdle("p9", VlanId.of(999)));
            assertEquals("ovs-vsctl: no port named p9", idle.deviceCode());

            for (DeviceException x : List.of(e, down, idle)) {
                assertFalse(x.getMessage().contains(PASSWORD) || x.toString().contains(PASSWORD));
            }
            assertThrows(IllegalArgumentException.class, () -> s.setAccessVlan("p1;reboot", VlanId.of(5)));

            // the session goes on after an error, on the same connection
            s.setAccessVlan("p1", VlanId.of(7));
            assertEquals("7", get("port", "p1", "tag"));
            assertEquals(1, ((OvsSwitchSession) s).connects());
        }
    }

    /**
     * What ovs-vswitchd itself would do with a broadcast, by {@code ofproto/trace}: it floods only
     * to the ports of the sender's VLAN (and trunks carrying it), and nothing reaches or leaves a
     * port set idle.
     */
    @Test
    void vlansIsolateInOvsVswitchdsOwnForwardingBeforeAndAfterAPortGoesIdle() throws Exception {
        try (SwitchSession s = open()) {
            s.setAccessVlan("p1", VlanId.of(100));
            s.setAccessVlan("p2", VlanId.of(100));
            s.setAccessVlan("p3", VlanId.of(200));
            s.setTrunk("p4", null, vlans(200));
            assertEquals(Set.of("p2"), broadcastFrom("p1"));
            assertEquals(Set.of("p1"), broadcastFrom("p2"));
            assertEquals(Set.of("p4"), broadcastFrom("p3"));
            assertEquals(Set.of("p3"), broadcastFrom("p4"), "a tagged VLAN 200 frame from the trunk");

            s.addTrunkVlan("p4", VlanId.of(100));
            assertEquals(Set.of("p2", "p4"), broadcastFrom("p1"));
            s.removeTrunkVlan("p4", VlanId.of(100));
            s.removeTrunkVlan("p4", VlanId.of(200));
            // an empty trunks column would flood everything to p4: ours carries nothing
            assertEquals(Set.of("p2"), broadcastFrom("p1"));
            assertEquals(Set.of(), broadcastFrom("p3"));

            s.setIdle("p2", VlanId.of(999));
            assertEquals(Set.of(), broadcastFrom("p1"), "nothing reaches an idle port");
            assertEquals(Set.of(), broadcastFrom("p2"), "nothing leaves an idle port");

            s.setAccessVlan("p2", VlanId.of(100));
            s.setPortEnabled("p2", true);
            assertEquals(Set.of("p2"), broadcastFrom("p1"));
        }
    }

    /** The ports (not the bridge's own) a broadcast coming in on a port goes out of, untagged or tagged. */
    private static Set<String> broadcastFrom(String port) throws Exception {
        String br = ovs.bridge();
        // "    p2 2/3: (dummy)": the name, its OpenFlow port, its datapath port
        Map<String, String> byDatapathPort = new java.util.HashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\s+(\\S+) \\d+/(\\d+):")
                .matcher(ovs.appctl("dpif/show"));
        while (m.find()) {
            byDatapathPort.put(m.group(2), m.group(1));
        }
        // a VLAN 200 tagged frame on a trunk, an untagged one on an access port
        String vlan = get("port", port, "vlan_mode").equals("trunk") ? ",dl_vlan=200" : "";
        String trace = ovs.appctl("ofproto/trace", br, "in_port=" + port + ",dl_dst=ff:ff:ff:ff:ff:ff" + vlan);
        String actions = trace.lines().filter(l -> l.startsWith("Datapath actions:")).findFirst().orElseThrow(
                () -> new AssertionError("no datapath actions in " + trace));
        Set<String> reached = new TreeSet<>();
        for (String a : actions.substring("Datapath actions:".length()).replaceAll("\\([^)]*\\)", "").split(",")) {
            String name = byDatapathPort.get(a.strip());
            if (name != null && !name.equals(br)) {
                reached.add(name);
            }
        }
        return reached;
    }

    @Test
    void aDroppedConnectionIsOpenedAgainAndTheOperationRuns() throws Exception {
        try (SwitchSession s = open()) {
            s.setAccessVlan("p1", VlanId.of(11));
            // the per-connection sshd processes under our listener: ending them drops our connection
            long pid = Long.parseLong(java.nio.file.Files.readString(sshd.dir().resolve("sshd.pid")).strip());
            ProcessHandle listener = ProcessHandle.of(pid).orElseThrow();
            List<ProcessHandle> sessions = listener.descendants().toList();
            assertFalse(sessions.isEmpty());
            sessions.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : sessions) {
                h.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            }
            s.setAccessVlan("p1", VlanId.of(12));
            assertEquals("12", get("port", "p1", "tag"));
            assertEquals(2, ((OvsSwitchSession) s).connects());
        }
    }

    @Test
    void aHungDatabaseIsATimeoutAndTheSessionGoesOnAfterIt() throws Exception {
        SwitchEndpoint quick = endpoint(sshd.knownHosts(), Duration.ofSeconds(2));
        try (SwitchSession s = new OpenVswitchDriver().open(quick, DriverContext.defaults())) {
            ovs.pauseDatabase(true);
            try {
                long start = System.nanoTime();
                assertThrows(OperationTimeoutException.class, () -> s.setAccessVlan("p1", VlanId.of(21)));
                assertThrows(OperationTimeoutException.class, () -> s.setPortEnabled("p1", false));
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(12).toNanos(), "each gave up after about 2 s");
            } finally {
                ovs.pauseDatabase(false);
            }
            s.setAccessVlan("p1", VlanId.of(22));
            assertEquals("22", get("port", "p1", "tag"));
        }
    }

    /**
     * A third-party client on the same switch: netmiko's {@code ovs_linux} device, with
     * networking-generic-switch's commands for it, plugs a port into a VLAN, and our read-back sees
     * it; our driver sets a port, and the commands netmiko runs see it.
     */
    @Test
    void netmikosOvsLinuxAndOurDriverSeeEachOthersChanges() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        boolean netmiko = java.nio.file.Files.isExecutable(python)
                && new ProcessBuilder(python.toString(), "-c", "import netmiko").start().waitFor() == 0;
        if (!netmiko) {
            String msg = "netmiko missing (Debian python3-netmiko); run .ci/install-peers.sh network";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                org.junit.jupiter.api.Assertions.fail(msg);
            }
            assumeTrue(false, msg);
        }
        try (SwitchSession s = open()) {
            s.setTrunk("p2", VlanId.of(10), vlans(20));
            String out = netmiko("ovs-vsctl set port p1 vlan_mode=access", "ovs-vsctl set port p1 tag=300",
                    "ovs-vsctl get port p2 trunks", "ovs-vsctl get port p2 vlan_mode");
            assertTrue(out.contains("\"output\": \"[20, 4095]\""), out);
            assertTrue(out.contains("\"output\": \"native-untagged\""), out);
            assertEquals(PortState.access("p1", VlanId.of(300)), s.readBack().port("p1").orElseThrow());
            // networking-generic-switch's unplug: an untagged OVS port without vlan_mode, a trunk of every VLAN
            netmiko("ovs-vsctl clear port p1 tag", "ovs-vsctl clear port p1 vlan_mode");
            assertEquals(4094, s.readBack().port("p1").orElseThrow().allowedVlans().size());
        }
    }

    private static String netmiko(String... commands) throws Exception {
        Path script = Path.of(OpenVswitchInteropTest.class.getResource("/interop/netmiko_ovs.py").toURI());
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/python3", script.toString(), "127.0.0.1",
                Integer.toString(sshd.port()), sshd.keyUser(), sshd.dir().resolve("client_key").toString()));
        cmd.addAll(List.of(commands));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("netmiko failed: " + out);
        }
        assertEquals(commands.length, out.split("\"rc\": \"rc=0\"", -1).length - 1, "every command succeeded: " + out);
        return out;
    }

    @Test
    void anUnknownHostKeyIsRefusedBeforeLogin() throws Exception {
        long attempts = sshd.loginAttempts();
        SwitchEndpoint unknown = endpoint(sshd.knownHostsWithoutThisHost());
        assertThrows(AuthenticationException.class, () -> new OpenVswitchDriver().open(unknown, DriverContext.defaults()));
        assertEquals(attempts, sshd.loginAttempts(), "no credential was offered to an unknown host");
    }

    /** Logins sshd accepted ("Accepted publickey for ..."; VERBOSE also logs "Accepted key" per key offered). */
    private static long logins() throws IOException {
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(sshd.dir().resolve("sshd.log"))) {
            return lines.filter(l -> l.contains("Accepted publickey for ")).count();
        }
    }

    private static PortState trunk(String port, boolean enabled, Integer nativeVlan, int... allowed) {
        return new PortState(port, enabled, PortState.Mode.TRUNK, null, nativeVlan == null ? null : VlanId.of(nativeVlan),
                vlans(allowed), null, null);
    }

    private static Set<VlanId> vlans(int... ids) {
        Set<VlanId> s = new TreeSet<>();
        for (int id : ids) {
            s.add(VlanId.of(id));
        }
        return s;
    }

    /** ovs-vswitchd writes admin_state (a status column) shortly after the change. */
    /**
     * Link state through the driver over SSH is ovs-vswitchd's {@code link_state}: down when the
     * interface loses its carrier (a dummy interface's carrier is its netdev state, which
     * {@code netdev-dummy/set-admin-state} sets, as a pulled cable would) or is shut by the driver.
     */
    @Test
    void linkStatesAreOvsLinkStateAndFollowTheCarrierAndTheShut() throws Exception {
        try (SwitchSession s = open()) {
            Map<String, Boolean> links = awaitLinks(s, Map.of("p1", true, "p2", true, "p3", true, "p4", true));
            assertFalse(links.containsKey(ovs.bridge()), "the bridge's own internal interface is no switch port: " + links);
            ovs.appctl("netdev-dummy/set-admin-state", "p2", "down");
            s.setPortEnabled("p3", false);
            awaitLinks(s, Map.of("p1", true, "p2", false, "p3", false, "p4", true));
            assertEquals("down", get("interface", "p2", "link_state"), "what ovs-vsctl says here, not over SSH");
            assertEquals("down", get("interface", "p3", "link_state"));

            ovs.appctl("netdev-dummy/set-admin-state", "p2", "up");
            s.setPortEnabled("p3", true);
            awaitLinks(s, Map.of("p1", true, "p2", true, "p3", true, "p4", true));
        } finally {
            ovs.appctl("netdev-dummy/set-admin-state", "p2", "up");
        }
    }

    /** Reads the links through the session until the ports' are as expected (ovs-vswitchd writes link_state as it sees it). */
    private static Map<String, Boolean> awaitLinks(SwitchSession s, Map<String, Boolean> expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Boolean> links;
        Map<String, Boolean> ports;
        do {
            links = s.linkStates();
            ports = new java.util.TreeMap<>(links);
            ports.keySet().retainAll(PORTS);
            if (ports.equals(expected)) {
                return links;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        assertEquals(new java.util.TreeMap<>(expected), ports, "link states read through the driver");
        return links;
    }

    private static void awaitAdminState(String port, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String state;
        do {
            state = get("interface", port, "admin_state");
            if (state.equals(expected)) {
                return;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        assertEquals(expected, state, "admin_state of " + port);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OVS_RUNDIR", ovs.runDir().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
    }
}
