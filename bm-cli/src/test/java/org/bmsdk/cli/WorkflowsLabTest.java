package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.NodeWorkflows;
import org.bmsdk.api.workflow.Workflow;
import org.bmsdk.api.workflow.WorkflowListener;
import org.bmsdk.api.workflow.WorkflowStep;
import org.bmsdk.network.BatchingSwitchFabric;
import org.bmsdk.network.StoreTenantNetworks;
import org.bmsdk.network.VlanRange;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.iscsi.TgtStorage;
import org.bmsdk.store.jdbc.JdbcStore;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node workflows of bm-api on the simulated lab, with the real drivers: Redfish against the
 * simulated BMCs (secure erase and BIOS reset through Redfish), StoreTenantNetworks over a
 * BatchingSwitchFabric on the simulated switch, TgtStorage on the simulated tgt storage host, and
 * the store an H2 file. Enrol, verify, inspect, clean, allocate, deploy with a boot volume,
 * release; then a crash mid-cleaning resumed from the H2 file. The lab's passwords appear in no
 * log line, message or toString of any of it.
 */
class WorkflowsLabTest {



    private static final VlanId IDLE = VlanId.of(999);
    private static final VlanId PROVISIONING = VlanId.of(900);
    private static final VlanId CLEANING = VlanId.of(901);

    @TempDir
    Path dir;

    private LabCommand.Lab lab;
    private JsonNode line;
    private JdbcStore store;
    private BatchingSwitchFabric fabric;
    private StoreTenantNetworks networks;
    private SshClient ssh;
    private TgtStorage storage;
    private final List<String> heard = Collections.synchronizedList(new ArrayList<>());
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream savedErr;
    private PrintStream savedOut;

    @BeforeEach
    void start() throws Exception {
        savedErr = System.err;
        savedOut = System.out;
        System.setErr(new PrintStream(new Tee(savedErr, logs), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(savedOut, logs), true, StandardCharsets.UTF_8));
        lab = LabCommand.Lab.start(2, true, 1, SwitchDialect.ARISTA_EOS);
        line = new ObjectMapper().readTree(lab.json());
        store = JdbcStore.h2(dir.resolve("bm"));

        SimulatedSwitch sw = lab.switches().orElseThrow().switches().switches().get(0);
        JsonNode swJson = line.get("switches").get(0);
        fabric = BatchingSwitchFabric.builder().endpoint(SwitchEndpoint.builder(sw.name(), sw.sshUri().toString(), sw.dialect().id())
                .credentials(CredentialRef.inline(Credentials.of(swJson.get("username").asText(), swJson.get("password").asText())))
                .knownHosts(Path.of(line.get("known_hosts").asText())).build()).build();
        networks = StoreTenantNetworks.builder(store, fabric).vlanRanges(List.of(VlanRange.of(100, 109)))
                .idleVlan(IDLE).provisioningVlan(PROVISIONING).cleaningVlan(CLEANING).build();

        JsonNode st = line.get("storage");
        URI uri = URI.create(st.get("ssh").asText());
        ssh = SshClient.create();
        storage = TgtStorage.builder(ssh.connect(SshOptions.builder().host(uri.getHost()).port(uri.getPort())
                        .username(st.get("username").asText()).password(Secret.of(st.get("password").asText()))
                        .knownHosts(Path.of(st.get("known_hosts").asText())).build()))
                .directory("/srv/volumes").portal(st.get("portal").asText()).chapKey(Secret.of("lab-test-chap-key-0123")).build();
    }

    @AfterEach
    void stop() {
        try {
            storage.close();
            ssh.close();
            fabric.close();
            store.close();
            lab.close();
        } finally {
            System.setErr(savedErr);
            System.setOut(savedOut);
        }
    }

    private NodeWorkflows.Builder workflows() {
        return NodeWorkflows.builder(store)
                .bmcs(BmcConnector.of(BmcDriverRegistry.loadInstalled(), DriverContext.defaults()))
                .networks(networks)
                .storage(storage)
                .timeouts(new org.bmsdk.api.workflow.WorkflowTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(30),
                        Duration.ofSeconds(60), Duration.ofSeconds(5)))
                .listener(new Heard(heard));
    }

    /** Machine i as an operator enrols it: its Redfish endpoint, a credentials file, its cabled ports. */
    private Node enrolment(int i) throws Exception {
        JsonNode m = line.get("machines").get(i);
        Path cred = Files.writeString(dir.resolve("node-" + i + ".cred"),
                "username=" + m.get("username").asText() + "\npassword=" + m.get("password").asText() + "\n");
        Node.Builder b = Node.builder(NodeId.of(m.get("name").asText()))
                .bmc(BmcEndpoint.builder(m.get("redfish").asText()).credentials(CredentialRef.file(cred)).build());
        for (JsonNode nic : m.get("nics")) {
            b.port(Port.of(MacAddress.of(nic.get("mac").asText()), LocalLinkConnection.of(nic.get("switch").asText(), nic.get("port").asText())));
        }
        return b.build();
    }

    private String port(Node n) {
        return n.ports().stream().filter(p -> p.link() != null).findFirst().orElseThrow().link().portId();
    }

    private VlanId accessVlan(String port) {
        return lab.switches().orElseThrow().switches().switches().get(0).runningConfig().port(port).orElseThrow().accessVlan();
    }

    @Test
    void enrollInspectCleanAllocateDeployFromAVolumeAndRelease() throws Exception {
        NodeWorkflows w = workflows().build();
        List<Throwable> errors = new ArrayList<>();
        SimulatedMachine m0 = lab.machines().get(0);
        for (SimulatedDisk d : m0.disks()) {
            d.write(0, "the last tenant's secrets".getBytes(StandardCharsets.UTF_8));
        }
        m0.bios().stage(java.util.Map.of(m0.bios().current().keySet().iterator().next(), "tenant-setting"));
        m0.powerOn();
        m0.powerOff();
        assertNotEquals(m0.bios().defaults(), m0.bios().current(), "the last tenant changed the BIOS");

        for (int i = 0; i < 2; i++) {
            Node n = w.enroll(enrolment(i));
            assertEquals(ProvisionState.MANAGEABLE, w.verify(n.id()).provisionState());
            Node inspected = w.inspect(n.id());
            assertTrue(inspected.inventory().totalCores() > 0 && !inspected.inventory().disks().isEmpty(), inspected.inventory().toString());
            assertEquals(NetworkRole.IDLE, networks.node(n.id()).orElseThrow().role());
            assertEquals(ProvisionState.AVAILABLE, w.provide(n.id()).provisionState());
        }
        assertTrue(m0.disks().stream().allMatch(SimulatedDisk::isZeroed), "Redfish secure erase zeroed node-0's disks");
        assertEquals(m0.bios().defaults(), m0.bios().current(), "node-0's BIOS is back to its defaults");
        assertEquals(PROVISIONING, accessVlan(port(store.nodes().get(NodeId.of("node-0")).orElseThrow().value())));
        assertTrue(heard.stream().anyMatch(h -> h.startsWith("node-0 CLEAN ERASE_DISKS secure erase by the BMC")), heard.toString());

        TenantNetwork net = networks.createNetwork("tenant-a", "net", false);
        Node mine = w.allocate(Requirements.parse("disk.total >= 1GB"), "tenant-a", null);
        String iqn = LabStorage.iqn(mine.name());
        storage.create(new VolumeSpec("boot-a", 64L << 20, false));
        DeployRequest request = DeployRequest.builder().volume("boot-a").connector(VolumeConnector.iscsi(iqn)).boot(BootSource.volume())
                .binding(PortBinding.of(mine.ports().stream().filter(p -> p.link() != null).findFirst().orElseThrow().link(), net.id()))
                .build();
        Node active = w.deploy(mine.id(), request);
        assertEquals(ProvisionState.ACTIVE, active.provisionState());
        assertEquals(net.vlan(), accessVlan(port(active)), "the node's port is on the tenant's VLAN");
        assertEquals(java.util.Set.of(VolumeConnector.iscsi(iqn)), storage.list().get(0).attachedTo());
        SimulatedMachine machine = lab.machines().stream().filter(x -> x.spec().name().equals(mine.name())).findFirst().orElseThrow();
        assertEquals(org.bmsdk.api.bmc.PowerState.ON, machine.powerState());

        Node released = w.release(mine.id());
        assertEquals(ProvisionState.AVAILABLE, released.provisionState());
        assertTrue(released.owner().isEmpty());
        assertEquals(java.util.Set.of(), storage.list().get(0).attachedTo(), "the volume is detached");
        assertEquals(PROVISIONING, accessVlan(port(released)));
        assertEquals(PowerState.OFF, machine.powerState());

        // A wrong password: the error names the node and the BMC, not the password tried.
        String wrong = "Wr0ngPassw0rdForTheLab";
        Path bad = Files.writeString(dir.resolve("bad.cred"), "username=admin\npassword=" + wrong + "\n");
        Node stranger = Node.builder(NodeId.of("stranger")).bmc(BmcEndpoint.builder(line.get("machines").get(1).get("redfish").asText())
                .credentials(CredentialRef.file(bad)).build()).build();
        w.enroll(stranger);
        BareMetalException refused = assertThrows(BareMetalException.class, () -> w.verify(stranger.id()));
        errors.add(refused);
        assertEquals(ProvisionState.ENROLL, store.nodes().get(stranger.id()).orElseThrow().value().provisionState());

        assertNoSecret(List.of(line.get("machines").get(0).get("password").asText(), line.get("storage").get("password").asText(),
                wrong, "lab-test-chap-key-0123"), errors, List.of(w, active, released, request, stranger));
    }

    @Test
    void aCrashMidCleaningIsResumedByAFreshWorkflowObjectFromTheH2File() throws Exception {
        Node n = workflows().build().enroll(enrolment(0));
        workflows().build().verify(n.id());
        workflows().build().inspect(n.id());
        SimulatedMachine m0 = lab.machines().get(0);
        m0.disks().get(0).write(0, "leftovers".getBytes(StandardCharsets.UTF_8));
        // Store writes of provide: the PROVIDE move, the record of FLIP_TO_CLEANING, then that of
        // ERASE_DISKS, which fails as if the controller died there.
        CrashingStore crashing = new CrashingStore(store, 3);
        NodeWorkflows before = NodeWorkflows.builder(crashing)
                .bmcs(BmcConnector.of(BmcDriverRegistry.loadInstalled(), DriverContext.defaults())).networks(networks).build();
        assertThrows(CrashingStore.Crash.class, () -> before.provide(n.id()));
        assertEquals(LifecycleState.inProgress(ProvisionState.CLEANING, ProvisionState.AVAILABLE),
                store.nodes().get(n.id()).orElseThrow().value().lifecycleState(), "left mid-cleaning");
        assertEquals(CLEANING, accessVlan(port(n)), "the step before the crash was done");
        assertFalse(m0.disks().get(0).isZeroed(), "the erase was not");

        List<Node> resumed = workflows().build().resume();
        assertEquals(List.of(ProvisionState.AVAILABLE), resumed.stream().map(Node::provisionState).toList());
        assertTrue(m0.disks().get(0).isZeroed(), "the resumed cleaning erased the disk");
        assertEquals(PROVISIONING, accessVlan(port(n)));
    }

    private void assertNoSecret(List<String> secrets, List<Throwable> errors, List<Object> objects) {
        StringBuilder seen = new StringBuilder(logs.toString(StandardCharsets.UTF_8));
        heard.forEach(h -> seen.append(h).append('\n'));
        for (Throwable t : errors) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                seen.append(c).append('\n');
            }
        }
        objects.forEach(o -> seen.append(o).append('\n'));
        assertTrue(logs.toString(StandardCharsets.UTF_8).contains("CLEAN ERASE_DISKS started"), "the DEBUG logs were captured");
        for (String s : secrets) {
            assertFalse(seen.toString().contains(s), "a secret appears in logs, messages or toString()");
        }
    }

    /** Keeps every line the workflows report, as a progress display would. */
    private static final class Heard implements WorkflowListener {
        private final List<String> out;

        Heard(List<String> out) {
            this.out = out;
        }

        @Override
        public void stateChanged(NodeId node, LifecycleState from, LifecycleState to, String cause) {
            out.add(node + " " + from + " -> " + to + " (" + cause + ")");
        }

        @Override
        public void stepSucceeded(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, String detail) {
            out.add(node + " " + workflow + " " + step + " " + detail);
        }

        @Override
        public void stepSkipped(NodeId node, Workflow workflow, WorkflowStep step, String reason) {
            out.add(node + " " + workflow + " " + step + " skipped: " + reason);
        }

        @Override
        public void stepFailed(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, BareMetalException error) {
            out.add(node + " " + workflow + " " + step + " failed: " + error.getMessage());
        }
    }

    /** Writes to the console and keeps a copy. */
    static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            synchronized (b) {
                b.write(c);
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            synchronized (b) {
                b.write(buf, off, len);
            }
        }
    }
}
