package org.bmsdk.ha.pg;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.ha.BmcPowerFence;
import org.bmsdk.ha.BmcProbe;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FenceLadder;
import org.bmsdk.ha.HaListener;
import org.bmsdk.ha.HaMonitor;
import org.bmsdk.ha.HostProbe;
import org.bmsdk.ha.cluster.ClusterMember;
import org.bmsdk.testkit.machine.PowerOnlyBmc;

/**
 * Cheap healthy machines behind the bm-api interfaces, in memory, one set per controller process:
 * every BMC answers its power state, every host its heartbeat. Each counts the power-offs it was
 * asked for, so a failover triggered anywhere shows (as does its record in the store). Used where
 * many nodes must be watched on a loaded 2-core machine, which simulated BMCs (a Redfish server per
 * node) could not give in CI time.
 */
final class Fleet implements BmcConnector, HostProbe {

    final AtomicInteger powerOffs = new AtomicInteger();
    final Map<NodeId, PowerState> power = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    static List<NodeId> nodes(int count) {
        return IntStream.range(0, count).mapToObj(i -> NodeId.of(String.format("node-%04d", i))).toList();
    }

    static void seed(Store store, int count) {
        for (NodeId id : nodes(count)) {
            store.nodes().create(id, Node.builder(id).resourceClass("gpu").provisionState(ProvisionState.ACTIVE).owner("t1").build());
        }
    }

    /** One controller instance: its member (not started) and its monitor (not started). */
    record Controller(ClusterMember member, FailoverOrchestrator orchestrator, BmcProbe bmcProbe, HaMonitor monitor)
            implements AutoCloseable {
        @Override
        public void close() {
            monitor.close();
            member.close();
            orchestrator.close();
            bmcProbe.close();
        }
    }

    Controller controller(Store store, String id, Duration lease, Duration refresh, DetectorOptions detector, HaListener listener) {
        ClusterMember member = ClusterMember.builder(store, id).lease(lease).refreshInterval(refresh).build();
        FailoverOrchestrator o = FailoverOrchestrator.builder().store(store).controllerId(id).bmcs(this).hostProbe(this)
                .fencer(FenceLadder.builder().level(BmcPowerFence.create(this, Duration.ofSeconds(2))).build()).listener(listener)
                .build();
        BmcProbe bmcProbe = BmcProbe.create(this, clock);
        HaMonitor monitor = HaMonitor.builder().store(store).cluster(member).detector(detector).bmcProbe(bmcProbe).hostProbe(this)
                .orchestrator(o).listener(listener).probeThreads(4).build();
        return new Controller(member, o, bmcProbe, monitor);
    }

    @Override
    public ProbeResult probe(Node node) {
        boolean up = power.getOrDefault(node.id(), PowerState.ON) == PowerState.ON;
        return new ProbeResult(up ? ProbeResult.Status.UP : ProbeResult.Status.DOWN, up ? "heartbeat" : "refused", clock.instant());
    }

    @Override
    public BmcClient connect(Node node) {
        NodeId id = node.id();
        return PowerOnlyBmc.of("fleet-fake", new PowerOnlyBmc.Power() {
            @Override
            public PowerState read() {
                return power.getOrDefault(id, PowerState.ON);
            }

            @Override
            public void act(PowerAction action) {
                if (action == PowerAction.OFF) {
                    powerOffs.incrementAndGet();
                    power.put(id, PowerState.OFF);
                } else if (action == PowerAction.ON) {
                    power.put(id, PowerState.ON);
                } else {
                    throw new TransportException("not supported: " + action);
                }
            }
        });
    }
}
