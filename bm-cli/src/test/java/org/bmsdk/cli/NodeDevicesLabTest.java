package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.storage.VolumeTarget;
import org.bmsdk.network.StoreTenantNetworks;
import org.bmsdk.storage.iscsi.IpxeSanboot;
import org.bmsdk.store.jdbc.JdbcStore;
import org.bmsdk.testkit.machine.BootInfo;
import org.bmsdk.testkit.machine.BootedImage;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmctl node inspect|clean|provision|release} with the lab's switch, storage host and
 * service ramdisk: LLDP from the ramdisk over SSH names the node's switch ports, provision puts
 * them on the tenant's VLAN and boots the machine from an iSCSI volume, release undoes both; no
 * login or CHAP key appears in anything bmctl prints or logs, even when a login is refused.
 */
class NodeDevicesLabTest {


    private static final String CHAP_KEY = "node-devices-test-chap-key";
    private static final String WRONG = "Wr0ngRamdiskPassw0rd";
    private static final String WRONG_BMC = "Wr0ngBmcPassw0rd";

    @TempDir
    Path dir;

    private LabCommand.Lab lab;
    private JsonNode line;
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream savedErr;
    private final List<Run> runs = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        savedErr = System.err;
        System.setErr(new PrintStream(new WorkflowsLabTest.Tee(savedErr, logs), true, StandardCharsets.UTF_8));
        lab = LabCommand.Lab.start(1, true, 1, SwitchDialect.ARISTA_EOS);
        line = new ObjectMapper().readTree(lab.json());
    }

    @AfterEach
    void stop() {
        try {
            lab.close();
        } finally {
            System.setErr(savedErr);
        }
    }

    @Test
    void provisionPutsThePortsOnTheTenantVlanAndBootsFromTheVolume() throws Exception {
        JsonNode m = line.get("machines").get(0);
        JsonNode sw = line.get("switches").get(0);
        JsonNode st = line.get("storage");
        JsonNode rd = m.get("ramdisk");
        Map<String, String> env = new HashMap<>(Map.of("BMCTL_USERNAME", m.get("username").asText(),
                "BMCTL_PASSWORD", m.get("password").asText(), "BMCTL_STORE", dir.resolve("store").toString(),
                // The storage host's login from the environment, the others from files: both ways are read.
                "BMCTL_STORAGE_USERNAME", st.get("username").asText(), "BMCTL_STORAGE_PASSWORD", st.get("password").asText()));
        List<String> devices = List.of(
                "--switch", sw.get("name").asText() + "=" + sw.get("dialect").asText() + "," + sw.get("ssh").asText(),
                "--switch-credentials-file", credentials("switch", sw).toString(),
                "--switch-known-hosts", line.get("known_hosts").asText(),
                "--storage", st.get("ssh").asText(), "--storage-known-hosts", st.get("known_hosts").asText(),
                "--portal", st.get("portal").asText(),
                "--chap-key-file", Files.writeString(dir.resolve("chap.key"), CHAP_KEY).toString());
        List<String> ramdisk = List.of("--ramdisk", rd.get("ssh").asText(), "--ramdisk-known-hosts", rd.get("known_hosts").asText());
        SimulatedMachine machine = lab.machines().get(0);
        SimulatedSwitch theSwitch = lab.switches().orElseThrow().switches().switches().get(0);

        ok(env, "node", "enroll", "node-0", "--endpoint", m.get("redfish").asText());
        ok(env, "node", "verify", "node-0");

        // A refused BMC login: verify fails, naming the BMC, not the password tried.
        Path wrongBmc = Files.writeString(dir.resolve("wrong-bmc.cred"), "username=admin\npassword=" + WRONG_BMC + "\n");
        ok(env, "node", "enroll", "stranger", "--endpoint", m.get("redfish").asText(), "--credentials-ref", "file:" + wrongBmc);
        Run stranger = Run.of(env, "node", "verify", "stranger");
        runs.add(stranger);
        assertEquals(1, stranger.status(), stranger.toString());
        assertTrue(stranger.err().contains("verify_bmc failed"), stranger.toString());

        // A refused ramdisk login fails the inspection, and says so without the password tried.
        Run refused = Run.of(env, args(List.of("node", "inspect", "node-0", "--ramdisk-credentials-file",
                Files.writeString(dir.resolve("wrong.cred"), "username=root\npassword=" + WRONG + "\n").toString()), ramdisk, devices));
        runs.add(refused);
        assertEquals(1, refused.status(), refused.toString());
        assertTrue(refused.err().contains("read_lldp failed"), refused.toString());

        // A refused key: the private key file's text appears nowhere either.
        String keyText = privateKey(dir.resolve("id_rsa"));
        env.put("BMCTL_RAMDISK_USERNAME", "root");
        Run refusedKey = Run.of(env, args(List.of("node", "inspect", "node-0", "--ramdisk-identity", dir.resolve("id_rsa").toString()),
                ramdisk, devices));
        runs.add(refusedKey);
        assertEquals(1, refusedKey.status(), refusedKey.toString());
        assertTrue(refusedKey.err().contains("read_lldp failed"), refusedKey.toString());

        Run inspect = ok(env, args(List.of("node", "inspect", "node-0", "--ramdisk-credentials-file", credentials("ramdisk", rd).toString()),
                ramdisk, devices));
        int cabled = m.get("nics").size();
        assertTrue(inspect.err().contains("LLDP named the switch port of " + cabled + " of "), inspect.toString());
        assertTrue(inspect.err().contains("attach_ports") && inspect.err().contains(cabled + " switch ports recorded, idle"),
                inspect.toString());
        List<String> ports = new ArrayList<>();
        m.get("nics").forEach(n -> ports.add(n.get("port").asText()));
        assertEquals(Set.of(VlanId.of(999)), vlans(theSwitch, ports), "idle after inspection");

        ok(env, args(List.of("node", "clean", "node-0"), devices));
        assertEquals(Set.of(VlanId.of(900)), vlans(theSwitch, ports), "on the provisioning network after cleaning");
        ok(env, "node", "allocate", "--owner", "tenant-a");
        ok(env, "volume", "create", "boot-a", "--size", "64MiB", "--endpoint", st.get("ssh").asText(),
                "--known-hosts", st.get("known_hosts").asText(), "--credentials-file", credentials("storage", st).toString());
        // What the lab's PXE server would hand the machine: the iPXE script that boots the volume.
        machine.setSanBootTarget(IpxeSanboot.uri(VolumeTarget.of(st.get("portal").asText(), "iqn.2024-01.org.bmsdk:boot-a", 1, null)));

        Run provision = ok(env, args(List.of("node", "provision", "node-0", "--network", "net", "--volume", "boot-a",
                "--initiator", m.get("iqn").asText(), "--boot-from-volume"), devices));
        assertTrue(provision.out().contains("ACTIVE"), provision.toString());
        VlanId tenantVlan = networkVlan("tenant-a/net");
        assertTrue(tenantVlan.value() >= 100 && tenantVlan.value() <= 199, tenantVlan.toString());
        assertEquals(Set.of(tenantVlan), vlans(theSwitch, ports), "every cabled port on tenant-a's VLAN");
        assertEquals(List.of(m.get("iqn").asText()), attachedTo(env, st, "boot-a"));
        assertEquals(BootedImage.VOLUME_OS, awaitBoot(machine).image(), "the machine boots from the volume");

        Run release = ok(env, args(List.of("node", "release", "node-0", "--shutdown-timeout", "2s"), devices));
        assertTrue(release.out().contains("AVAILABLE"), release.toString());
        assertEquals(List.of(), attachedTo(env, st, "boot-a"), "the volume is detached");
        assertEquals(Set.of(VlanId.of(900)), vlans(theSwitch, ports), "back on the provisioning network");

        List<String> secrets = List.of(m.get("password").asText(), sw.get("password").asText(), st.get("password").asText(),
                rd.get("password").asText(), WRONG, WRONG_BMC, CHAP_KEY);
        String seen = logs.toString(StandardCharsets.UTF_8) + runs.stream().map(Run::toString).collect(Collectors.joining("\n"));
        assertTrue(seen.contains("READ_LLDP started"), "the DEBUG logs were captured");
        for (String secret : secrets) {
            assertFalse(seen.contains(secret), "a login or the CHAP key appears in bmctl's output or logs");
        }
        for (String keyLine : keyText.lines().filter(l -> !l.startsWith("-----")).toList()) {
            assertFalse(seen.contains(keyLine), "the private key appears in bmctl's output or logs");
        }
    }

    @Test
    void withoutARamdiskTheCablingGivenAtEnrolmentPutsThePortsOnTheNetworks() throws Exception {
        JsonNode m = line.get("machines").get(0);
        JsonNode sw = line.get("switches").get(0);
        Map<String, String> env = Map.of("BMCTL_USERNAME", m.get("username").asText(), "BMCTL_PASSWORD", m.get("password").asText(),
                "BMCTL_STORE", dir.resolve("store").toString(),
                "BMCTL_SWITCH_USERNAME", sw.get("username").asText(), "BMCTL_SWITCH_PASSWORD", sw.get("password").asText());
        List<String> enroll = new ArrayList<>(List.of("node", "enroll", "node-0", "--endpoint", m.get("redfish").asText()));
        List<String> ports = new ArrayList<>();
        for (JsonNode nic : m.get("nics")) {
            enroll.addAll(List.of("--port", nic.get("mac").asText() + "=" + nic.get("switch").asText() + "," + nic.get("port").asText()));
            ports.add(nic.get("port").asText());
        }
        ok(env, enroll.toArray(String[]::new));
        List<String> given = new ArrayList<>();
        m.get("nics").forEach(n -> given.add(n.get("mac").asText() + "=" + n.get("switch").asText() + "," + n.get("port").asText()));
        List<String> shown = new ArrayList<>();
        new ObjectMapper().readTree(ok(env, "node", "show", "node-0", "--json").out()).get("ports")
                .forEach(p -> shown.add(p.asText().toLowerCase(java.util.Locale.ROOT)));
        assertEquals(given.stream().map(g -> g.toLowerCase(java.util.Locale.ROOT)).toList(), shown, "node show gives the cabling back in --port's form");
        ok(env, "node", "verify", "node-0");
        Run inspect = ok(env, "node", "inspect", "node-0", "--switch",
                sw.get("name").asText() + "=" + sw.get("dialect").asText() + "," + sw.get("ssh").asText(),
                "--switch-known-hosts", line.get("known_hosts").asText());
        int cabled = ports.size();
        assertTrue(inspect.err().contains("read_lldp skipped: no ramdisk agent; " + cabled + " of "), inspect.toString());
        assertTrue(inspect.err().contains(cabled + " switch ports recorded, idle"), inspect.toString());
        assertEquals(Set.of(VlanId.of(999)), vlans(lab.switches().orElseThrow().switches().switches().get(0), ports));

        Run bad = Run.of(env, "node", "enroll", "node-x", "--endpoint", m.get("redfish").asText(), "--port", "02:00:00:00:00:01=sw-0");
        assertEquals(2, bad.status(), bad.toString());
        assertTrue(bad.err().contains("--port must be MAC=SWITCH,PORT"), bad.toString());
    }

    @Test
    void theLabsLineNamesEveryDevice() throws Exception {
        JsonNode m = line.get("machines").get(0);
        Path labFile = Files.writeString(dir.resolve("lab.json"), lab.json() + "\n");
        Map<String, String> env = Map.of("BMCTL_USERNAME", m.get("username").asText(), "BMCTL_PASSWORD", m.get("password").asText(),
                "BMCTL_STORE", dir.resolve("store").toString(), "BMCTL_CHAP_KEY", CHAP_KEY);
        List<String> ports = new ArrayList<>();
        m.get("nics").forEach(n -> ports.add(n.get("port").asText()));
        SimulatedSwitch theSwitch = lab.switches().orElseThrow().switches().switches().get(0);

        ok(env, "node", "enroll", "node-0", "--endpoint", m.get("redfish").asText());
        ok(env, "node", "verify", "node-0");
        Run inspect = ok(env, "node", "inspect", "node-0", "--lab", labFile.toString());
        assertTrue(inspect.err().contains("LLDP named the switch port of " + ports.size() + " of "), inspect.toString());
        ok(env, "node", "clean", "node-0", "--lab", labFile.toString());
        ok(env, "node", "allocate", "--owner", "tenant-b");
        ok(env, "volume", "create", "data-b", "--size", "8MiB", "--endpoint", line.get("storage").get("ssh").asText(),
                "--known-hosts", line.get("storage").get("known_hosts").asText(), "--credentials-file",
                credentials("storage", line.get("storage")).toString());
        ok(env, "node", "provision", "node-0", "--lab", labFile.toString(), "--network", "web", "--volume", "data-b",
                "--initiator", m.get("iqn").asText());
        assertEquals(Set.of(networkVlan("tenant-b/web")), vlans(theSwitch, ports), "on tenant-b's VLAN");
        assertEquals(List.of(m.get("iqn").asText()), attachedTo(env, line.get("storage"), "data-b"));
        ok(env, "node", "release", "node-0", "--lab", labFile.toString(), "--shutdown-timeout", "2s");
        assertEquals(List.of(), attachedTo(env, line.get("storage"), "data-b"));
        assertEquals(Set.of(VlanId.of(900)), vlans(theSwitch, ports));

        String seen = logs.toString(StandardCharsets.UTF_8) + runs.stream().map(Run::toString).collect(Collectors.joining("\n"));
        for (String secret : List.of(m.get("password").asText(), line.get("storage").get("password").asText(), CHAP_KEY)) {
            assertFalse(seen.contains(secret), "a login from the lab's line or the CHAP key appears in bmctl's output or logs");
        }
    }

    /** Writes a fresh RSA key as unencrypted PKCS#8 PEM, readable by its owner only, and returns the file's text. */
    private static String privateKey(Path file) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        String text = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return text;
    }

    private Path credentials(String name, JsonNode login) throws Exception {
        return Files.writeString(dir.resolve(name + ".cred"),
                "username=" + login.get("username").asText() + "\npassword=" + login.get("password").asText() + "\n");
    }

    @SafeVarargs
    private static String[] args(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all.toArray(String[]::new);
    }

    private Run ok(Map<String, String> env, String... args) {
        Run r = Run.of(env, args);
        runs.add(r);
        assertEquals(0, r.status(), r::toString);
        return r;
    }

    private static Set<VlanId> vlans(SimulatedSwitch sw, List<String> ports) {
        return ports.stream().map(p -> sw.runningConfig().port(p).orElseThrow().accessVlan()).collect(Collectors.toSet());
    }

    /** The VLAN the store gave a tenant network (bmctl has closed the store file). */
    private VlanId networkVlan(String id) {
        try (JdbcStore store = JdbcStore.h2(dir.resolve("store"))) {
            String rec = store.records(StoreTenantNetworks.NETWORKS).get(id).orElseThrow().value();
            return VlanId.of(Integer.parseInt(rec.replaceAll("^vlan=(\\d+) .*$", "$1")));
        }
    }

    private List<String> attachedTo(Map<String, String> env, JsonNode st, String volume) throws Exception {
        Run list = ok(env, "volume", "list", "--json", "--endpoint", st.get("ssh").asText(), "--known-hosts",
                st.get("known_hosts").asText(), "--credentials-file", credentials("storage", st).toString());
        for (JsonNode v : new ObjectMapper().readTree(list.out()).get("volumes")) {
            if (v.get("name").asText().equals(volume)) {
                List<String> to = new ArrayList<>();
                v.get("attachedTo").forEach(i -> to.add(i.asText()));
                return to;
            }
        }
        throw new AssertionError("no volume " + volume + " in " + list);
    }

    private static BootInfo awaitBoot(SimulatedMachine machine) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (machine.currentBoot().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return machine.currentBoot().orElseThrow(() -> new AssertionError("node-0 did not boot"));
    }
}
