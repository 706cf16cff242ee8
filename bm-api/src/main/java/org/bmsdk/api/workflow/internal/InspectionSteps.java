package org.bmsdk.api.workflow.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.agent.LldpNeighbor;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.Port;

/** Verification and inspection: the BMC answers, what the machine is made of, where it is cabled. */
final class InspectionSteps {

    private final WorkflowContext ctx;
    private final NodeRecords records;

    InspectionSteps(WorkflowContext ctx, NodeRecords records) {
        this.ctx = ctx;
        this.records = records;
    }

    StepResult verifyBmc(Node node) {
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            var state = bmc.require(PowerControl.class).powerState();
            records.update(node.id(), b -> b.powerState(state));
            return StepResult.done(bmc.driverId() + " BMC " + bmc.endpoint().uri() + " answers; power " + state);
        }
    }

    StepResult readInventory(Node node) {
        HardwareInventory inventory;
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            inventory = bmc.require(Inventory.class).inventory();
        }
        // Keep what the record knew of each port (its link, set by an operator or an earlier
        // inspection), add a port for each NIC it did not know.
        Map<MacAddress, Port> known = new HashMap<>();
        node.ports().forEach(p -> known.put(p.mac(), p));
        List<Port> ports = new ArrayList<>(node.ports());
        for (Nic nic : inventory.nics()) {
            if (!known.containsKey(nic.mac())) {
                ports.add(Port.of(nic.mac()));
            }
        }
        // The operator's traits stay: the BMC knows nothing of them.
        HardwareInventory.Builder merged = inventory.toBuilder();
        node.inventory().traits().forEach(merged::trait);
        HardwareInventory result = merged.build();
        records.update(node.id(), b -> b.inventory(result).ports(ports));
        return StepResult.done(result.totalCores() + " cores, " + result.memoryMib() + " MiB, " + result.disks().size()
                + " disks, " + result.nics().size() + " NICs");
    }

    StepResult readLldp(Node node) {
        if (ctx.agents() == null) {
            long linked = node.ports().stream().filter(p -> p.link() != null).count();
            return StepResult.skipped("no ramdisk agent; " + linked + " of " + node.ports().size()
                    + " ports have a link from the node record");
        }
        List<LldpNeighbor> neighbors;
        try (BmcClient bmc = ctx.bmcs().connect(node)) {
            try (RamdiskAgent agent = Ramdisk.boot(ctx, bmc, node)) {
                neighbors = agent.lldpNeighbors();
            }
            Ramdisk.powerOff(ctx, bmc);
        }
        Map<MacAddress, LocalLinkConnection> byMac = new HashMap<>();
        neighbors.forEach(n -> byMac.put(n.mac(), n.link()));
        List<Port> ports = new ArrayList<>();
        int found = 0;
        for (Port p : node.ports()) {
            LocalLinkConnection link = byMac.get(p.mac());
            if (link != null) {
                found++;
                ports.add(new Port(p.mac(), link, p.pxeEnabled()));
            } else {
                ports.add(p);
            }
        }
        records.update(node.id(), b -> b.ports(ports));
        return StepResult.done("LLDP named the switch port of " + found + " of " + node.ports().size() + " NICs");
    }

    StepResult attachPorts(Node node) {
        List<LocalLinkConnection> links = node.ports().stream().map(Port::link).filter(l -> l != null).toList();
        if (ctx.networks() == null) {
            return StepResult.skipped("no tenant networks configured");
        }
        if (links.isEmpty()) {
            return StepResult.skipped("no port has a known switch port");
        }
        ctx.networks().attach(node.id(), links);
        return StepResult.done(links.size() + " switch ports recorded, idle");
    }
}
