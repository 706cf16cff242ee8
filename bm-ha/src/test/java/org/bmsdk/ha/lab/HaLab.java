package org.bmsdk.ha.lab;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.ha.BmcPowerFence;
import org.bmsdk.ha.BmcProbe;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FenceLadder;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.ha.HaMonitor;
import org.bmsdk.ha.Signal;
import org.bmsdk.ha.StormGuard;
import org.bmsdk.ha.SwitchLinkProbe;
import org.bmsdk.ha.SwitchPortFence;
import org.bmsdk.ha.TcpHostProbe;
import org.bmsdk.ha.VolumeExportFence;
import org.bmsdk.hardware.redfish.RedfishDriverProvider;
import org.bmsdk.hardware.redfish.RedfishOptions;
import org.bmsdk.network.BatchingSwitchFabric;
import org.bmsdk.network.StoreTenantNetworks;
import org.bmsdk.network.VlanRange;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.storage.iscsi.TgtStorage;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.bmsdk.testkit.storage.SimulatedStorageHost;
import org.bmsdk.testkit.storage.StorageHostSpec;

/**
 * The simulated lab of the failover tests, on real time and real sockets: an active machine and a
 * spare behind Redfish BMCs, cabled to the first two ports of a switch (Arista-dialect unless a test
 * asks for another: Ethernet1 and Ethernet2),
 * a tgt storage host exporting the active node's root volume, and the real drivers for all three.
 * The machines' NICs are cabled to their ports: a port has link while its machine is powered.
 * bm-ha sees only the bm-api interfaces they implement.
 */
final class HaLab implements AutoCloseable {

    static final NodeId ACTIVE = NodeId.of("node-a");
    static final NodeId SPARE = NodeId.of("node-b");
    static final String SWITCH = "tor-1";
    static final String PASSWORD = "sw-Pa55word!";
    static final RedfishOptions FAST = RedfishOptions.builder().retryDelay(Duration.ofMillis(5), Duration.ofMillis(40))
            .pollInterval(Duration.ofMillis(15)).actionTimeout(Duration.ofSeconds(10)).build();

    private final List<AutoCloseable> closeables = new ArrayList<>();
    final RedfishLab redfish = add(RedfishLab.create(1));
    final SimulatedMachine active = add(machine("node-a"));
    final SimulatedMachine spare = add(machine("node-b"));
    final SimulatedRedfish activeBmc = add(redfish.start(RedfishSpec.defaults(), active));
    final SimulatedRedfish spareBmc = add(redfish.start(RedfishSpec.defaults(), spare));
    final Heartbeat activeHeartbeat = add(new Heartbeat(active));
    final Heartbeat spareHeartbeat = add(new Heartbeat(spare));
    final SimulatedSwitches switches;
    final BatchingSwitchFabric fabric;
    final SimulatedStorageHost storageHost = add(SimulatedStorageHost.start(StorageHostSpec.builder().build()));
    final SshClient ssh = add(SshClient.create());
    final TgtStorage storage;
    final Store store = InMemoryStore.create();
    final TenantNetworks networks;
    final TenantNetwork tenantNet;
    final List<HaEvent> events = new CopyOnWriteArrayList<>();
    final BmcDriverRegistry registry = BmcDriverRegistry.create().register(RedfishDriverProvider.create(FAST));
    final BmcConnector bmcs = node -> registry.connect(node.bmcEndpoints().get(0), DriverContext.defaults());
    final Map<NodeId, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    /** Whether the active machine's cable is in its switch port (a test pulls it). */
    final AtomicBoolean activeCable = new AtomicBoolean(true);
    /** The monitor {@link #monitor} made, to read its detectors. */
    HaMonitor monitor;
    /** The switch ports of the active machine and of the spare. */
    final String activePort;
    final String sparePort;

    HaLab(Path dir) {
        this(dir, SwitchDialect.ARISTA_EOS);
    }

    HaLab(Path dir, SwitchDialect dialect) {
        activePort = dialect.portName(1);
        sparePort = dialect.portName(2);
        switches = add(SimulatedSwitches.start(SwitchSpec.builder(SWITCH, dialect).login("netadmin", Secret.of(PASSWORD))
                .build()));
        SimulatedSwitch tor = switches.get(SWITCH);
        // Each machine's NIC has link while it is cabled and powered: a power loss takes the link down.
        tor.cable(activePort, () -> activeCable.get() && active.powerState() == PowerState.ON).cable(sparePort, spare);
        SwitchEndpoint endpoint = SwitchEndpoint.builder(SWITCH, tor.sshUri().toString(), tor.dialect().id())
                .credentials(CredentialRef.inline(Credentials.of("netadmin", PASSWORD)))
                .knownHosts(switches.writeKnownHosts(dir.resolve("switch_known_hosts"))).commandTimeout(Duration.ofSeconds(5)).build();
        fabric = add(BatchingSwitchFabric.builder().endpoint(endpoint).build());
        networks = StoreTenantNetworks.builder(store, fabric).vlanRanges(List.of(VlanRange.of(100, 999))).idleVlan(VlanId.of(4000))
                .provisioningVlan(VlanId.of(4001)).cleaningVlan(VlanId.of(4002)).build();
        storage = add(TgtStorage.builder(ssh.connect(SshOptions.builder().host(storageHost.host()).port(storageHost.sshPort())
                .username(storageHost.spec().username()).password(storageHost.spec().password())
                .knownHosts(storageHost.writeKnownHosts(dir.resolve("storage_known_hosts"))).build()))
                .directory("/srv/volumes").portal(storageHost.portal()).chapKey(Secret.of("a-long-enough-chap-key")).build());
        heartbeats.put(ACTIVE, activeHeartbeat);
        heartbeats.put(SPARE, spareHeartbeat);

        store.nodes().create(ACTIVE, Node.builder(ACTIVE).bmc(endpoint(activeBmc)).resourceClass("web").owner("tenant-a")
                .provisionState(ProvisionState.ACTIVE).build());
        store.nodes().create(SPARE, Node.builder(SPARE).bmc(endpoint(spareBmc)).resourceClass("web")
                .provisionState(ProvisionState.AVAILABLE).build());
        active.powerOn();
        LocalLinkConnection eth1 = LocalLinkConnection.of(SWITCH, activePort);
        networks.attach(ACTIVE, List.of(eth1));
        networks.attach(SPARE, List.of(LocalLinkConnection.of(SWITCH, sparePort)));
        tenantNet = networks.createNetwork("tenant-a", "app", false);
        networks.bind(ACTIVE, "tenant-a", List.of(PortBinding.of(eth1, tenantNet.id())));
        networks.flip(ACTIVE, NetworkRole.TENANT);
        storage.create(new VolumeSpec("root-a", 64L << 20, false));
        storage.attach("root-a", connector(ACTIVE));
        await("the active machine runs", Duration.ofSeconds(10), () -> active.osState() == OsState.RUNNING);
    }

    private static SimulatedMachine machine(String name) {
        return SimulatedMachine.create(MachineSpec.builder(name).postTime(Duration.ofMillis(30)).bootTime(Duration.ofMillis(60))
                .shutdownTime(Duration.ofMillis(150)).build());
    }

    private static BmcEndpoint endpoint(SimulatedRedfish bmc) {
        String scheme = bmc.spec().tls() ? "redfish" : "redfish+http";
        BmcEndpoint.Builder b = BmcEndpoint.builder(scheme + "://" + bmc.address().getAddress().getHostAddress() + ":" + bmc.port())
                .credentials(CredentialRef.inline(bmc.spec().credentials())).connectTimeout(Duration.ofMillis(500))
                .requestTimeout(Duration.ofSeconds(1));
        if (bmc.spec().tls()) {
            b.caCertificate(bmc.caCertificate());
        }
        return b.build();
    }

    static VolumeConnector connector(NodeId node) {
        return VolumeConnector.iscsi("iqn.2024-01.org.bmsdk:" + node.value());
    }

    FailoverOrchestrator orchestrator() {
        FenceLadder fencer = FenceLadder.builder().level(BmcPowerFence.create(bmcs, Duration.ofSeconds(10)))
                .level(SwitchPortFence.create(networks)).then(VolumeExportFence.create(storage, n -> Optional.of(connector(n.id())))).build();
        return add(FailoverOrchestrator.builder().store(store).fencer(fencer).bmcs(bmcs).networks(networks)
                .storage(storage, n -> Optional.of(connector(n.id()))).hostProbe(hostProbe()).listener(events::add)
                .confirmUp(Duration.ofSeconds(20), Duration.ofMillis(50)).stepTimeout(Duration.ofSeconds(30))
                .powerTimeout(Duration.ofSeconds(10)).build());
    }

    TcpHostProbe hostProbe() {
        return TcpHostProbe.create(n -> Optional.ofNullable(heartbeats.get(n.id())).map(Heartbeat::address), Duration.ofMillis(200),
                Clock.systemUTC());
    }

    /** The switch link of each node's ports, read through the switch driver; one reading serves a round. */
    SwitchLinkProbe linkProbe() {
        return SwitchLinkProbe.create(networks, fabric, Clock.systemUTC(), Duration.ofMillis(100));
    }

    HaMonitor monitor(FailoverOrchestrator orchestrator, Duration detection) {
        BmcProbe bmcProbe = add(BmcProbe.create(bmcs, Clock.systemUTC()));
        DetectorOptions options = DetectorOptions.builder().detectionTime(detection).probeInterval(Duration.ofMillis(200)).build();
        monitor = add(HaMonitor.builder().store(store).detector(options).bmcProbe(bmcProbe).hostProbe(hostProbe()).linkProbe(linkProbe())
                .orchestrator(orchestrator).stormGuard(new StormGuard(0.5, 1, 4, Duration.ofMillis(400))).listener(events::add).build());
        return monitor;
    }

    /**
     * Waits until the monitor has heard the active node's host after a moment: proof that it kept
     * watching (and could have acted) until then, which a sleep would not give on a stalled machine.
     */
    void awaitHostHeardAfter(Instant moment, Duration wait) {
        await("a heartbeat of the active node after " + moment, wait, () -> monitor.assessor().detector(Signal.HOST).lastHeartbeat(ACTIVE)
                .filter(t -> t.isAfter(moment)).isPresent());
    }

    Optional<HaEvent> event(HaEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).findFirst();
    }

    static void await(String what, Duration wait, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + wait + ": " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    private <T extends AutoCloseable> T add(T c) {
        closeables.add(c);
        return c;
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // Close the rest all the same.
            }
        }
    }
}
