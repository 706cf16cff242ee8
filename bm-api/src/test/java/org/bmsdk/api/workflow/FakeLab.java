package org.bmsdk.api.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.api.agent.LldpNeighbor;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.agent.RamdiskAgentConnector;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.store.Store;

/**
 * Machines, their BMCs and ramdisk agents, tenant networks and block storage, all in memory and
 * sharing one {@link Faults}; it collects what the properties call violations.
 */
final class FakeLab {

    final Faults faults = new Faults();
    final FakeNetworks networks = new FakeNetworks(this);
    final FakeStorage storage = new FakeStorage(this);
    final Map<NodeId, FakeMachine> machines = new LinkedHashMap<>();
    final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    FakeMachine machine(String id, int cores, long memoryMib) {
        FakeMachine m = new FakeMachine(this, id, cores, memoryMib, "tor-1", "Ethernet1/" + (machines.size() + 1));
        machines.put(m.id, m);
        return m;
    }

    FakeMachine machine(NodeId id) {
        return machines.get(id);
    }

    void violation(String what) {
        violations.add(what);
    }

    BmcConnector bmcs() {
        return node -> new FakeBmc(machines.get(node.id()), faults);
    }

    RamdiskAgentConnector agents() {
        return (node, timeout) -> {
            faults.device("agent.connect");
            FakeMachine m = machines.get(node.id());
            synchronized (m) {
                if (m.power != PowerState.ON || !m.runningRamdisk) {
                    throw new OperationTimeoutException("node " + node.id() + " did not come up in the ramdisk");
                }
            }
            return new Agent(m);
        };
    }

    NodeWorkflows.Builder workflows(Store store) {
        return NodeWorkflows.builder(store).bmcs(bmcs()).networks(networks).storage(storage).agents(agents())
                .biosDefaults(FakeMachine.BIOS_DEFAULTS);
    }

    Node enrolled(String id, int cores, long memoryMib) {
        FakeMachine m = machine(id, cores, memoryMib);
        return Node.builder(m.id).build();
    }

    private final class Agent implements RamdiskAgent {
        private final FakeMachine m;

        Agent(FakeMachine m) {
            this.m = m;
        }

        @Override
        public List<BlockDevice> blockDevices() {
            faults.device("agent.lsblk");
            return m.diskPaths().stream().map(p -> new BlockDevice(p, 480_000_000_000L, false)).toList();
        }

        @Override
        public void erase(BlockDevice device, Duration timeout) {
            faults.device("agent.erase");
            m.erase(device.path());
        }

        @Override
        public boolean isErased(BlockDevice device, Duration timeout) {
            faults.device("agent.verify");
            synchronized (m) {
                return !m.dirtyDisks.contains(device.path());
            }
        }

        @Override
        public List<LldpNeighbor> lldpNeighbors() {
            faults.device("agent.lldp");
            return List.copyOf(m.lldp);
        }

        @Override
        public void close() {
        }
    }
}
