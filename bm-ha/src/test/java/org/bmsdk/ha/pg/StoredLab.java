package org.bmsdk.ha.pg;

import java.time.Clock;
import java.time.Duration;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.VersionedStore;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.ha.BmcPowerFence;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FailoverPolicy;
import org.bmsdk.ha.FenceLadder;
import org.bmsdk.ha.HaListener;
import org.bmsdk.ha.HostProbe;
import org.bmsdk.ha.Protection;
import org.bmsdk.ha.SnapshotRestorer;
import org.bmsdk.testkit.machine.PowerOnlyBmc;

/**
 * Fake machines whose state lives in the store itself (records {@value #MACHINES}), so that
 * controllers in several processes over one PostgreSQL see the same machines, and every real
 * change is counted there ({@value #EFFECTS}): power on, power off, a snapshot restored. A crash
 * of a controller loses nothing of what the machines did. These are fakes behind the bm-api
 * interfaces, not simulated BMCs: what is tested is the controller's durability, not a driver.
 *
 * <p>A machine is {@code power,host}: {@code ON,up}, {@code ON,down} (a hung host), {@code OFF,down}.
 */
final class StoredLab implements BmcConnector {

    static final String MACHINES = "lab-machines";
    static final String EFFECTS = "lab-effects";
    static final NodeId N1 = NodeId.of("n1");
    static final NodeId S1 = NodeId.of("s1");
    static final NodeId S2 = NodeId.of("s2");

    private final Store store;
    private final VersionedStore<String, String> machines;
    private final VersionedStore<String, String> effects;

    StoredLab(Store store) {
        this.store = store;
        this.machines = store.records(MACHINES);
        this.effects = store.records(EFFECTS);
    }

    /** Puts n1 (gpu, active, its host hung), spares s1 (cpu) and s2 (gpu) in the store. */
    void seed() {
        store.nodes().create(N1, Node.builder(N1).resourceClass("gpu").provisionState(ProvisionState.ACTIVE).owner("t1").build());
        store.nodes().create(S1, Node.builder(S1).resourceClass("cpu").provisionState(ProvisionState.AVAILABLE).build());
        store.nodes().create(S2, Node.builder(S2).resourceClass("gpu").provisionState(ProvisionState.AVAILABLE).build());
        machines.create(N1.value(), "ON,down");
        machines.create(S1.value(), "OFF,down");
        machines.create(S2.value(), "OFF,down");
    }

    String machine(NodeId node) {
        return machines.get(node.value()).orElseThrow().value();
    }

    int effects(String what) {
        return effects.get(what).map(v -> Integer.parseInt(v.value())).orElse(0);
    }

    private void count(String what) {
        while (true) {
            var v = effects.get(what);
            try {
                if (v.isEmpty()) {
                    effects.create(what, "1");
                } else {
                    effects.update(what, Integer.toString(Integer.parseInt(v.get().value()) + 1), v.get().version());
                }
                return;
            } catch (org.bmsdk.api.ConflictException again) {
                // another writer: read again
            }
        }
    }

    /** A protection: automatic, a gpu spare, the disk restored from its latest snapshot. */
    static Protection protection() {
        return new Protection(FailoverPolicy.AUTOMATIC, Requirements.parse("resource_class == gpu"), BootSource.disk());
    }

    /** Restores "the latest snapshot" onto a spare: counted once per spare, whatever the repeats. */
    SnapshotRestorer restorer() {
        return (from, onto) -> {
            String key = "restore:" + from.value() + "->" + onto.id().value();
            if (effects(key) == 0) {
                count(key);
            }
            return "snapshot 7 of " + from.value();
        };
    }

    HostProbe hostProbe(Clock clock) {
        return node -> {
            boolean up = machines.get(node.id().value()).map(v -> v.value().equals("ON,up")).orElse(false);
            return new ProbeResult(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, up ? "heartbeat" : "refused", clock.instant());
        };
    }

    FailoverOrchestrator.Builder orchestrator(String controllerId, Duration lease, HaListener listener) {
        FenceLadder fencer = FenceLadder.builder().level(BmcPowerFence.create(this, Duration.ofSeconds(5))).build();
        return FailoverOrchestrator.builder().store(store).fencer(fencer).bmcs(this).hostProbe(hostProbe(Clock.systemUTC()))
                .restorer(restorer()).protection(n -> protection()).listener(listener).controllerId(controllerId).lease(lease)
                .confirmUp(Duration.ofSeconds(5), Duration.ofMillis(20)).stepTimeout(Duration.ofSeconds(20)).powerTimeout(Duration.ofSeconds(5));
    }

    @Override
    public BmcClient connect(Node node) {
        if (machines.get(node.id().value()).isEmpty()) {
            throw new TransportException("no BMC for " + node.id());
        }
        NodeId id = node.id();
        return PowerOnlyBmc.of("stored-fake", new PowerOnlyBmc.Power() {
            @Override
            public PowerState read() {
                String m = machines.get(id.value()).orElseThrow(() -> new TransportException("no machine " + id)).value();
                return m.startsWith("ON") ? PowerState.ON : PowerState.OFF;
            }

            @Override
            public void act(PowerAction action) {
                perform(id, action);
            }
        });
    }

    /**
     * Read, change, write compare-and-set: the machine's state and the count of real changes go
     * together, so a repeat (a resumed step) changes and counts nothing.
     */
    private void perform(NodeId node, PowerAction action) {
        while (true) {
            var v = machines.get(node.value()).orElseThrow();
            String next = action == PowerAction.OFF ? "OFF,down" : action == PowerAction.ON ? "ON,up" : v.value();
            if (next.equals(v.value()) || (action == PowerAction.ON && v.value().startsWith("ON"))) {
                return;
            }
            try {
                machines.update(node.value(), next, v.version());
            } catch (org.bmsdk.api.ConflictException again) {
                continue;
            }
            count(action.name().toLowerCase(java.util.Locale.ROOT) + ":" + node.value());
            return;
        }
    }
}
