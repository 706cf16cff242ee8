package org.bmsdk.cli;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.model.HardwareInventory;
import picocli.CommandLine.Command;

/** {@code bmctl inventory}: what the machine is made of, as its BMC reports it. */
@Command(name = "inventory", mixinStandardHelpOptions = true, description = "Print the hardware inventory: CPUs, memory, disks, NICs.")
final class InventoryCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        BmcCommands.run(spec, Inventory.class, inv -> describe(inv.inventory()), InventoryCommand::text);
    }

    /**
     * The summary line; for a BMC that knows none of the parts (IPMI's FRU data names the product,
     * not its CPUs or disks) a line that says so and shows what it does know, rather than zeros.
     */
    private static String text(Map<String, Object> doc) {
        boolean noParts = ((List<?>) doc.get("cpus")).isEmpty() && ((List<?>) doc.get("disks")).isEmpty()
                && ((List<?>) doc.get("nics")).isEmpty() && ((Number) doc.get("memoryMib")).longValue() == 0;
        if (!noParts) {
            return (String) doc.get("summary");
        }
        Collection<?> traits = (Collection<?>) doc.get("traits");
        return "no CPUs, memory, disks or NICs reported by this BMC"
                + (traits.isEmpty() ? "" : "; traits: " + traits.stream().map(Object::toString).sorted().collect(Collectors.joining(" ")));
    }

    static Map<String, Object> describe(HardwareInventory inv) {
        Map<String, Object> doc = new LinkedHashMap<>();
        // LinkedHashMaps throughout: Map.of iterates in an order that changes from one JVM to the next.
        doc.put("cpus", inv.cpus().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("arch", c.arch());
            m.put("model", c.model());
            m.put("cores", c.cores());
            m.put("threads", c.threads());
            return m;
        }).toList());
        doc.put("memoryMib", inv.memoryMib());
        doc.put("disks", inv.disks().stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", d.name());
            m.put("media", d.media().name());
            m.put("protocol", d.protocol().name());
            m.put("sizeBytes", d.sizeBytes());
            m.put("serial", d.serial());
            return m;
        }).toList());
        doc.put("nics", inv.nics().stream().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            m.put("mac", n.mac().value());
            m.put("speedMbps", n.speedMbps());
            m.put("linkType", n.linkType().name());
            m.put("rdma", n.rdmaCapable());
            return m;
        }).toList());
        doc.put("traits", inv.traits());
        doc.put("summary", SelectCommand.summary(inv));
        return doc;
    }
}
