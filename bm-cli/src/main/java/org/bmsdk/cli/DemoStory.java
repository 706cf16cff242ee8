package org.bmsdk.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.DiskErase;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.LifecycleEvent;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.network.TenantNetwork;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.network.Reachability;

/**
 * The story {@code bmctl demo} tells: a machine's whole life on the simulated lab, each act through
 * the library's public interfaces (the drivers over real sockets, the store, tenant networks), with
 * the lab itself consulted only for what a data centre would show with a cable tester: who reaches
 * whom.
 */
final class DemoStory {

    /** The flavors of the two tenants: the smallest machine that fits each is theirs. */
    static final String TENANT_A_FLAVOR = "cpu.cores >= 24 and disk.media == SSD";
    static final String TENANT_B_FLAVOR = "disk.media == NVMe";

    private static final Duration POWER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CONSOLE_TIMEOUT = Duration.ofSeconds(30);

    private final DemoLab lab;
    private final Narrator narrator;
    private final NodeLifecycle lifecycle = NodeLifecycle.create();
    private final Map<NodeId, BmcEndpoint> redfish = new LinkedHashMap<>();
    private NodeId tenantA;
    private NodeId tenantB;

    DemoStory(DemoLab lab, Narrator narrator) {
        this.lab = lab;
        this.narrator = narrator;
    }

    /** Tells the story; each act runs only if the ones before it succeeded. */
    void tell() {
        narrator.step("Enroll, verify and inspect every machine over Redfish", p -> enrollAndInspect(p));
        narrator.step("Clean every machine on the cleaning network: erase its disks, reset its BIOS", p -> cleanAll(p));
        narrator.step("Allocate by capability: the smallest machine that fits each tenant's flavor", p -> allocate(p));
        narrator.step("Isolate each tenant on its own VLAN, and prove tenant-a cannot reach tenant-b", p -> isolate(p));
        narrator.step("Attach a 1 GiB iSCSI volume to tenant-a's machine, with the script that boots from it", p -> attachVolume(p));
        narrator.step("Power on and stream the console over IPMI Serial-over-LAN", p -> powerOnWatchingConsole(p));
        narrator.step("Inject an NMI: the crash dump lands in the console log; reset the machine", p -> nmi(p));
        narrator.step("Shut down gracefully, without forcing", p -> shutDown(p));
    }

    private VersionedStore<NodeId, Node> nodes() {
        return lab.store().nodes();
    }

    private BmcClient bmc(NodeId id) {
        return BmcDriverRegistry.loadInstalled().connect(redfish.get(id), DriverContext.defaults());
    }

    /** Moves a node through one lifecycle event, as a compare-and-set on its record. */
    private Node fire(NodeId id, LifecycleEvent event) {
        return nodes().modify(id, n -> n.toBuilder().lifecycle(lifecycle.fire(n.lifecycleState(), event)).build()).value();
    }

    private void enrollAndInspect(Narrator.Progress p) {
        for (int i = 0; i < lab.machines().size(); i++) {
            SimulatedMachine m = lab.machines().get(i);
            NodeId id = NodeId.of(m.name());
            BmcEndpoint endpoint = lab.redfishEndpoint(i);
            redfish.put(id, endpoint);
            nodes().create(id, Node.builder(id).bmc(endpoint).build());
            fire(id, LifecycleEvent.MANAGE);
            try (BmcClient bmc = bmc(id)) {
                PowerState power = bmc.require(PowerControl.class).powerState();
                fire(id, LifecycleEvent.DONE);
                fire(id, LifecycleEvent.INSPECT);
                HardwareInventory inventory = bmc.require(Inventory.class).inventory();
                nodes().modify(id, n -> n.toBuilder().inventory(inventory).ports(ports(m, inventory)).build());
                fire(id, LifecycleEvent.DONE);
                p.say(String.format("%-7s %-8s power %-3s %s", id.value(), nodes().get(id).orElseThrow().value().provisionState(),
                        power, SelectCommand.summary(inventory)));
            }
        }
    }

    /**
     * Each NIC the BMC reports, with the switch port the lab's LLDP data names for it (the ramdisk's
     * lldpctl will report it once inspection boots the service ramdisk).
     */
    private static List<Port> ports(SimulatedMachine m, HardwareInventory inventory) {
        Map<String, LocalLinkConnection> cabling = m.nics().stream().filter(n -> n.cabledTo().isPresent())
                .collect(Collectors.toMap(n -> n.mac().value(), n -> n.cabledTo().orElseThrow()));
        List<Port> ports = new ArrayList<>();
        inventory.nics().forEach(nic -> {
            LocalLinkConnection link = cabling.get(nic.mac().value());
            if (link != null) {
                ports.add(Port.of(nic.mac(), link));
            }
        });
        return ports;
    }

    private void cleanAll(Narrator.Progress p) {
        for (NodeId id : redfish.keySet()) {
            Node node = nodes().get(id).orElseThrow().value();
            lab.networks().attach(id, links(node));
            fire(id, LifecycleEvent.PROVIDE);
            lab.networks().flip(id, NetworkRole.CLEANING);
            try (BmcClient bmc = bmc(id)) {
                // The drives answer through the host's storage controller: powered, parked in firmware setup.
                bmc.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.BIOS_SETUP));
                PowerControl power = bmc.require(PowerControl.class);
                power.perform(PowerAction.ON, POWER_TIMEOUT);
                bmc.require(DiskErase.class).eraseAll().await(POWER_TIMEOUT);
                bmc.require(BiosSettings.class).resetToDefaults();
                power.perform(PowerAction.OFF, POWER_TIMEOUT);
            }
            lab.networks().flip(id, NetworkRole.PROVISIONING);
            Node clean = fire(id, LifecycleEvent.DONE);
            p.say(String.format("%-7s %d disk(s) erased, BIOS reset to defaults, back on provisioning: %s", id.value(),
                    node.inventory().disks().size(), clean.provisionState()));
        }
    }

    private static List<LocalLinkConnection> links(Node node) {
        return node.ports().stream().map(Port::link).toList();
    }

    private void allocate(Narrator.Progress p) {
        tenantA = allocate(p, "tenant-a", TENANT_A_FLAVOR);
        tenantB = allocate(p, "tenant-b", TENANT_B_FLAVOR);
    }

    private NodeId allocate(Narrator.Progress p, String tenant, String flavor) {
        List<Node> available = nodes().list().stream().map(v -> v.value())
                .filter(n -> n.provisionState() == ProvisionState.AVAILABLE && n.owner().isEmpty()).toList();
        List<Node> ranked = Requirements.parse(flavor).rank(available);
        if (ranked.isEmpty()) {
            throw new IllegalStateException("no available machine fits " + tenant + "'s flavor " + flavor);
        }
        NodeId id = ranked.get(0).id();
        nodes().modify(id, n -> {
            if (n.owner().isPresent()) {
                throw new IllegalStateException(id.value() + " was taken by " + n.owner().get());
            }
            return n.toBuilder().owner(tenant).build();
        });
        p.say(String.format("%-8s flavor \"%s\": %s (of %d that fit)", tenant, flavor, id.value(), ranked.size()));
        return id;
    }

    private void isolate(Narrator.Progress p) {
        String a = nicOf(tenantA);
        String b = nicOf(tenantB);
        Reachability cabling = lab.cabling();
        p.say("on the shared provisioning network, " + tenantA.value() + " reaches " + tenantB.value() + ": "
                + cabling.canReach(a, b, lab.switches()));
        bindTenant(p, tenantA, "tenant-a");
        bindTenant(p, tenantB, "tenant-b");
        Set<String> reached = cabling.reachableFrom(a, lab.switches());
        boolean crosses = cabling.canReach(a, b, lab.switches()) || cabling.canReach(b, a, lab.switches());
        p.say("now " + tenantA.value() + " reaches " + tenantB.value() + ": " + crosses + " (it reaches only " + reached + ")");
        if (crosses) {
            throw new IllegalStateException("tenant-a's machine reaches tenant-b's after isolation");
        }
    }

    private void bindTenant(Narrator.Progress p, NodeId id, String tenant) {
        TenantNetwork net = lab.networks().createNetwork(tenant, "net", false);
        Node node = nodes().get(id).orElseThrow().value();
        List<PortBinding> bindings = links(node).stream().map(l -> PortBinding.of(l, net.id())).toList();
        fire(id, LifecycleEvent.DEPLOY);
        lab.networks().bind(id, tenant, bindings);
        p.say(String.format("%-8s network %s on VLAN %d: %s's ports %s", tenant, net.id(), net.vlan().value(), id.value(),
                bindings.stream().map(b -> b.link().portId()).toList()));
    }

    private String nicOf(NodeId id) {
        return nodes().get(id).orElseThrow().value().ports().get(0).mac().value();
    }

    private void attachVolume(Narrator.Progress p) {
        p.say(lab.attachVolume(tenantA, p));
    }

    private void powerOnWatchingConsole(Narrator.Progress p) {
        DemoConsole console = lab.console(tenantA);
        try (BmcClient bmc = bmc(tenantA)) {
            bmc.require(PowerControl.class).perform(PowerAction.ON, POWER_TIMEOUT);
        }
        for (String landmark : List.of("BIOS POST", "Booting from", "Linux version", "login:")) {
            p.say("console: " + console.awaitLine(landmark, CONSOLE_TIMEOUT));
        }
        fire(tenantA, LifecycleEvent.DONE);
        p.say(tenantA.value() + " is " + nodes().get(tenantA).orElseThrow().value().provisionState() + " for tenant-a");
    }

    private void nmi(Narrator.Progress p) {
        DemoConsole console = lab.console(tenantA);
        int mark = console.mark();
        try (BmcClient bmc = bmc(tenantA)) {
            PowerControl power = bmc.require(PowerControl.class);
            power.perform(PowerAction.INJECT_NMI, POWER_TIMEOUT);
            p.say("console: " + console.awaitLineAfter(mark, "Kernel panic", CONSOLE_TIMEOUT));
            p.say("console: " + console.awaitLineAfter(mark, "end Kernel panic", CONSOLE_TIMEOUT));
            // A panicked kernel halts (kernel.panic=0, the default): only a reset brings it back.
            power.perform(PowerAction.REBOOT, POWER_TIMEOUT);
            p.say("reset through the BMC; console: " + console.awaitLineAfter(mark, "login:", CONSOLE_TIMEOUT));
        }
    }

    private void shutDown(Narrator.Progress p) {
        try (BmcClient bmc = bmc(tenantA)) {
            PowerControl power = bmc.require(PowerControl.class);
            boolean graceful = power.gracefulShutdown(POWER_TIMEOUT, false);
            p.say(tenantA.value() + (graceful ? " shut itself down on the ACPI request" : " was already off") + "; power "
                    + power.powerState());
        }
    }
}
