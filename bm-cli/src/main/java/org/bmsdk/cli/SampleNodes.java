package org.bmsdk.cli;

import java.util.List;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.NicSpec;
import org.bmsdk.testkit.machine.SampleRack;

/** The test kit's sample rack as nodes, inspected: what {@code bmctl} works on without hardware. */
final class SampleNodes {

    private SampleNodes() {
    }

    static List<Node> nodes() {
        return SampleRack.machines().stream().map(SampleNodes::node).toList();
    }

    static Node node(MachineSpec spec) {
        Node.Builder b = Node.builder(NodeId.of(spec.name())).inventory(spec.toInventory());
        for (NicSpec nic : spec.nics()) {
            b.port(new Port(nic.mac(), nic.cabledTo().orElse(null), true));
        }
        return b.build();
    }
}
