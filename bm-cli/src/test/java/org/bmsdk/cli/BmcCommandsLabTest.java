package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Nic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code bmctl lab} in a process of its own, and every BMC command against it in this JVM, as a
 * user would run them: {@code --endpoint} and {@code --ca} from the lab's line of JSON, the
 * credentials from BMCTL_USERNAME and BMCTL_PASSWORD. Each group of commands has a machine of its
 * own, so that the order of the tests does not matter, but the last, which stops the lab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BmcCommandsLabTest {

    private static LabProcess lab;

    @BeforeAll
    static void startLab() {
        lab = LabProcess.start("--machines", "6");
    }

    @AfterAll
    static void stopLab() {
        if (lab != null) {
            lab.close();
        }
    }

    /** bmctl ARGS --endpoint NODE --ca CA, with the lab's credentials. */
    private static Run on(int node, String... args) {
        return Run.of(lab.env(), Stream.concat(Stream.of(args), Stream.of("--endpoint", lab.endpoint(node), "--ca", lab.ca()))
                .toArray(String[]::new));
    }

    private static Run ok(int node, String... args) {
        Run r = on(node, args);
        assertEquals(0, r.status(), r::toString);
        assertEquals("", r.err(), r::toString);
        return r;
    }

    private static JsonNode json(int node, String... args) {
        String[] withJson = Stream.concat(Stream.of("--json"), Stream.of(args)).toArray(String[]::new);
        Run r = ok(node, withJson);
        JsonNode doc = JsonDocs.one(r.out());
        assertEquals(lab.endpoint(node), doc.get("endpoint").asText());
        return doc;
    }

    /** Exit 1 and exactly one line on stderr, nothing on stdout. */
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
        assertTrue(r.err().startsWith("bmctl: ") || r.err().contains("Usage:"), r::toString);
        return r;
    }

    @Test
    @Order(1)
    void theLabsLineMatchesItsSchema() throws Exception {
        assertEquals(List.of(), LabSchema.violations(lab.json()), lab.line());
        assertFalse(lab.line().contains("\n"));
        assertEquals(6, lab.size());
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < lab.size(); i++) {
            JsonNode m = lab.json().get("machines").get(i);
            assertEquals("node-" + i, m.get("name").asText());
            assertTrue(m.get("redfish").asText().startsWith("redfish://127.0.0.1:"), m.toString());
            assertTrue(ports.add(lab.addresses().get(i).getPort()), "a listener each");
            assertTrue(LabProcess.listening(lab.addresses().get(i)));
        }
        Path ca = Path.of(lab.ca());
        assertTrue(Files.readString(ca).startsWith("-----BEGIN CERTIFICATE-----"), ca.toString());
        assertEquals("lab-ca.pem", ca.getFileName().toString());
        assertTrue(lab.stderrLine().contains("bmctl lab: 6 machine(s)"), lab.stderr());
    }

    @Test
    @Order(2)
    void powerStatusOnSoftOffResetCycleNmiOff() throws Exception {
        int node = 0;
        assertEquals("power off\n", ok(node, "power", "status").out());
        JsonNode status = json(node, "power", "status");
        assertEquals(List.of("endpoint", "action", "powerState"), JsonDocs.keys(status));
        assertEquals("OFF", status.get("powerState").asText());
        operationError(on(node, "power", "nmi")); // the machine is off

        assertEquals("power on\n", ok(node, "power", "on").out());
        // soft-off reaches an OS that has booted (POST and boot take 1.5 s); one still booting ignores it
        JsonNode soft = null;
        Thread.sleep(LabCommand.POST_TIME.plus(LabCommand.BOOT_TIME).toMillis());
        for (int attempt = 0; attempt < 10 && soft == null; attempt++) {
            Thread.sleep(100);
            Run r = on(node, "--json", "power", "soft-off", "--timeout", "4s");
            if (r.status() == 0) {
                soft = JsonDocs.one(r.out());
            } else {
                operationError(r);
                assertTrue(r.err().contains("after PT4S"), r::toString);
            }
        }
        assertTrue(soft != null, "a booted OS shut down");
        assertEquals(true, soft.get("graceful").asBoolean());
        assertEquals("OFF", soft.get("powerState").asText());
        assertTrue(ok(node, "sel", "list").out().contains("System power off (OS shutdown)"));

        assertEquals("power on\n", ok(node, "power", "reset").out(), "a reset of a machine that is off powers it on");
        assertEquals("power on\n", ok(node, "power", "reset").out());
        assertEquals("power on\n", ok(node, "power", "cycle").out());
        assertEquals("power on\n", ok(node, "power", "nmi").out());
        JsonNode off = json(node, "power", "off");
        assertEquals("off", off.get("action").asText());
        assertEquals("OFF", off.get("powerState").asText());
        String log = ok(node, "sel", "list").out();
        for (String event : List.of("System reset", "System power cycle", "Diagnostic interrupt (NMI) received", "System power off")) {
            assertTrue(log.contains(event), event + " in " + log);
        }
        badUsage(on(node, "power", "explode"));
        badUsage(on(node, "power", "on", "--timeout", "soon"));
    }

    @Test
    @Order(3)
    void bootGetSetPxePersistentSetDisk() {
        int node = 1;
        assertEquals("boot: normal order (no override)\n", ok(node, "boot", "get").out());
        assertEquals("boot: pxe (uefi, persistent)\n", ok(node, "boot", "set", "pxe", "--persistent").out());
        JsonNode pxe = json(node, "boot", "get");
        assertEquals(List.of("endpoint", "device", "mode", "persistent"), JsonDocs.keys(pxe));
        assertEquals("pxe", pxe.get("device").asText());
        assertEquals("uefi", pxe.get("mode").asText());
        assertTrue(pxe.get("persistent").asBoolean());
        assertEquals("boot: disk (uefi, once)\n", ok(node, "boot", "set", "disk").out());
        assertEquals("boot: cdrom (legacy, once)\n", ok(node, "boot", "set", "cdrom", "--legacy").out());
        JsonNode none = json(node, "boot", "set", "bios", "--persistent", "--uefi");
        assertEquals("bios", none.get("device").asText());
        badUsage(on(node, "boot", "set", "floppy"));
        badUsage(on(node, "boot", "set", "pxe", "--uefi", "--legacy"));
        badUsage(on(node, "boot", "get", "extra"));
    }

    @Test
    @Order(4)
    void vmediaStatusInsertEject() {
        int node = 2;
        assertEquals("virtual media: empty\n", ok(node, "vmedia", "status").out());
        assertEquals("virtual media: http://images.example/ipa.iso\n", ok(node, "vmedia", "insert", "http://images.example/ipa.iso").out());
        JsonNode inserted = json(node, "vmedia", "status");
        assertEquals(List.of("endpoint", "inserted"), JsonDocs.keys(inserted));
        assertEquals("http://images.example/ipa.iso", inserted.get("inserted").asText());
        assertEquals("virtual media: https://images.example/rescue.iso\n",
                ok(node, "vmedia", "insert", "https://images.example/rescue.iso").out(), "replaces the first");
        assertTrue(json(node, "vmedia", "eject").get("inserted").isNull());
        assertEquals("virtual media: empty\n", ok(node, "vmedia", "eject").out());
        badUsage(on(node, "vmedia", "insert"));
        badUsage(on(node, "vmedia", "insert", "ftp://images.example/x.iso"));
        badUsage(on(node, "vmedia", "mount"));
    }

    @Test
    @Order(5)
    void inventoryOfEveryMachineIsItsSpec() {
        for (int node = 0; node < lab.size(); node++) {
            HardwareInventory spec = LabCommand.Lab.machine(node).toInventory();
            assertEquals(SelectCommand.summary(spec) + "\n", ok(node, "inventory").out());
            JsonNode doc = json(node, "inventory");
            assertEquals(List.of("endpoint", "cpus", "memoryMib", "disks", "nics", "traits", "summary"), JsonDocs.keys(doc));
            assertEquals(spec.memoryMib(), doc.get("memoryMib").asLong());
            assertEquals(spec.cpus().size(), doc.get("cpus").size());
            assertEquals(List.of("arch", "model", "cores", "threads"), JsonDocs.keys(doc.get("cpus").get(0)));
            assertEquals(spec.cpus().get(0).model(), doc.get("cpus").get(0).get("model").asText());
            List<String> disks = new ArrayList<>();
            doc.get("disks").forEach(d -> disks.add(d.get("name").asText() + " " + d.get("media").asText() + " " + d.get("protocol").asText()
                    + " " + d.get("sizeBytes").asLong() + " " + d.get("serial").asText()));
            assertEquals(spec.disks().stream().map(BmcCommandsLabTest::describe).toList(), disks);
            List<String> nics = new ArrayList<>();
            doc.get("nics").forEach(n -> nics.add(n.get("mac").asText() + " " + n.get("speedMbps").asLong() + " " + n.get("linkType").asText()
                    + " " + n.get("rdma").asBoolean()));
            assertEquals(spec.nics().stream().map(BmcCommandsLabTest::describe).toList(), nics);
        }
        assertTrue(ok(4, "inventory").out().contains("nics 2x 100G RoCE, 1x IB 200G"), "the HPC machine, node-4");
    }

    @Test
    @Order(9)
    void theSameCommandsOverEachMachinesIpmiEndpoint() {
        int node = 3;
        String ipmi = lab.json().get("machines").get(node).get("ipmi").asText();
        Function<String[], Run> over = args -> Run.of(lab.env(),
                Stream.concat(Stream.of(args), Stream.of("--endpoint", ipmi)).toArray(String[]::new));
        Function<String[], Run> ok = args -> {
            Run r = over.apply(args);
            assertEquals(0, r.status(), r::toString);
            return r;
        };
        ok.apply(new String[] {"power", "off"}); // whatever earlier tests left it in
        assertEquals("power off\n", ok.apply(new String[] {"power", "status"}).out());
        assertEquals("boot: pxe (uefi, once)\n", ok.apply(new String[] {"boot", "set", "pxe", "--uefi"}).out());
        assertEquals("boot: pxe (uefi, once)\n", ok.apply(new String[] {"boot", "get"}).out());
        assertEquals("power on\n", ok.apply(new String[] {"power", "on"}).out());
        assertEquals("power on\n", on(node, "power", "status").out(), "the same machine seen over Redfish");
        String inventory = ok.apply(new String[] {"inventory"}).out();
        assertTrue(inventory.startsWith("no CPUs, memory, disks or NICs reported by this BMC; traits: CUSTOM_FRU_"), inventory);
        assertEquals("health OK\n", ok.apply(new String[] {"health"}).out());
        // An NMI this soon after power-on reaches the firmware, not a running kernel: the SEL records
        // the interrupt (a warning), and no crash follows, so health stays OK.
        ok.apply(new String[] {"power", "nmi"});
        String sel = ok.apply(new String[] {"sel", "list"}).out();
        assertTrue(sel.contains("NMI / Diagnostic Interrupt (asserted)"), sel);
        assertEquals("power off\n", ok.apply(new String[] {"power", "off"}).out());
    }

    private static String describe(Disk d) {
        return d.name() + " " + d.media() + " " + d.protocol() + " " + d.sizeBytes() + " " + d.serial();
    }

    private static String describe(Nic n) {
        return n.mac().value() + " " + n.speedMbps() + " " + n.linkType() + " " + n.rdmaCapable();
    }

    @Test
    @Order(6)
    void healthAndTheEventLog() {
        int node = 5;
        assertEquals("health OK\n", ok(node, "health").out());
        assertEquals("no entries\n", ok(node, "sel", "list").out());
        JsonNode empty = json(node, "sel", "list");
        assertEquals(0, empty.get("entries").size());
        ok(node, "power", "on");
        ok(node, "power", "nmi");
        Run critical = ok(node, "health");
        assertTrue(critical.out().startsWith("health CRITICAL: "), critical::toString);
        JsonNode h = json(node, "health");
        assertEquals("CRITICAL", h.get("status").asText());
        assertTrue(h.get("faults").size() > 0);
        JsonNode log = json(node, "sel", "list");
        List<String> messages = new ArrayList<>();
        log.get("entries").forEach(e -> messages.add(e.get("message").asText()));
        assertEquals(List.of("System power on", "Diagnostic interrupt (NMI) received"), messages);
        JsonNode first = log.get("entries").get(0);
        assertEquals(List.of("id", "timestamp", "severity", "message"), JsonDocs.keys(first));
        assertEquals("Log/1", first.get("id").asText());
        assertEquals("CRITICAL", log.get("entries").get(1).get("severity").asText());
        badUsage(on(node, "sel", "clear"));
    }

    @Test
    @Order(7)
    void biosGetSetResetAppliedAtTheNextBoot() {
        int node = 3;
        String defaults = "ProcHyperThreading=Enabled\nProcVirtualization=Enabled\nSriovGlobalEnable=Disabled\n";
        assertEquals(defaults, ok(node, "bios", "get").out());
        assertEquals("requested {SriovGlobalEnable=Enabled}, applied at the next boot\n" + defaults,
                ok(node, "bios", "set", "SriovGlobalEnable=Enabled").out());
        ok(node, "power", "on");
        assertEquals("ProcHyperThreading=Enabled\nProcVirtualization=Enabled\nSriovGlobalEnable=Enabled\n", ok(node, "bios", "get").out());
        JsonNode reset = json(node, "bios", "reset");
        assertEquals(List.of("endpoint", "requested", "attributes"), JsonDocs.keys(reset));
        assertEquals("reset to defaults", reset.get("requested").asText());
        assertEquals("Enabled", reset.get("attributes").get("SriovGlobalEnable").asText(), "until the next boot");
        ok(node, "power", "reset");
        assertEquals(defaults, ok(node, "bios", "get").out());
        JsonNode set = json(node, "bios", "set", "ProcVirtualization=Disabled", "ProcHyperThreading=Disabled");
        assertEquals(Map.of("ProcVirtualization", "Disabled", "ProcHyperThreading", "Disabled"),
                Map.of("ProcVirtualization", set.get("requested").get("ProcVirtualization").asText(),
                        "ProcHyperThreading", set.get("requested").get("ProcHyperThreading").asText()));

        Run unknown = operationError(on(node, "bios", "set", "NoSuchSetting=1"));
        assertTrue(unknown.err().contains("NoSuchSetting"), unknown::toString);
        badUsage(on(node, "bios", "set"));
        badUsage(on(node, "bios", "set", "NoEquals"));
        badUsage(on(node, "bios", "get", "A=B"));
    }

    @Test
    @Order(8)
    void credentialsTrustAndAddressesThatDoNotWork() throws Exception {
        Map<String, String> wrong = new HashMap<>(lab.env());
        wrong.put("BMCTL_PASSWORD", "not-the-password");
        Run refused = operationError(Run.of(wrong, "power", "status", "--endpoint", lab.endpoint(0), "--ca", lab.ca()));
        assertTrue(refused.err().contains("refused"), refused::toString);
        assertFalse(refused.err().contains("not-the-password"), "no password in a message");

        Run untrusted = operationError(Run.of(lab.env(), "power", "status", "--endpoint", lab.endpoint(0)));
        assertTrue(untrusted.err().contains("not trusted"), untrusted::toString);

        Run insecure = Run.of(lab.env(), "power", "status", "--endpoint", lab.endpoint(0), "--insecure");
        assertEquals(0, insecure.status(), insecure::toString);
        assertTrue(insecure.err().startsWith("bmctl: warning: --insecure"), insecure::toString);

        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        operationError(Run.of(lab.env(), "power", "status", "--endpoint", "redfish://127.0.0.1:" + closed, "--ca", lab.ca()));

        badUsage(Run.of(Map.of(), "power", "status", "--endpoint", lab.endpoint(0), "--ca", lab.ca()));
        badUsage(Run.of(lab.env(), "power", "status", "--endpoint", lab.endpoint(0).replace("redfish://", "https://"), "--ca", lab.ca()));
        badUsage(Run.of(lab.env(), "power", "status", "--ca", lab.ca()));
        badUsage(Run.of(lab.env(), "power", "status", "--endpoint", lab.endpoint(0), "--ca", "/no/such/ca.pem"));
        badUsage(Run.of("lab", "--machines", "0"));
        badUsage(Run.of("lab", "--machines", "1001"));
    }

    @Test
    @Order(100)
    void sigtermStopsTheLabPromptlyAndClosesItsPorts() {
        List<InetSocketAddress> addresses = lab.addresses();
        Path caDir = Path.of(lab.ca()).getParent();
        long start = System.nanoTime();
        assertTrue(lab.terminate(Duration.ofSeconds(10)), "ended within 10 s of SIGTERM; stderr: " + lab.stderr());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
        assertEquals(143, lab.process().exitValue(), "ended by SIGTERM (128 + 15)");
        for (InetSocketAddress a : addresses) {
            assertFalse(LabProcess.listening(a), a + " closed");
        }
        assertFalse(Files.exists(caDir), "the CA's directory is deleted");
    }
}
