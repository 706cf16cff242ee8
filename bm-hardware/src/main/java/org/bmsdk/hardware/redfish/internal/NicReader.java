package org.bmsdk.hardware.redfish.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;

/**
 * NICs: the system's physical EthernetInterfaces (not VLANs or other virtual interfaces, not the
 * host interface to the BMC), completed by the NetworkAdapters of its chassis, whose ports say the
 * link technology (InfiniBand), the speed and whether the port speaks RDMA (RoCE, iWARP). A port
 * function whose address matches an interface enriches it; one that matches none is added.
 *
 * <p>An InfiniBand function has no MAC address: its IPoIB hardware address is built from the port
 * GUID (20 bytes: a zero queue pair number, the link-local GID prefix and the GUID).
 */
final class NicReader {

    private static final Set<String> RDMA = Set.of("ROCE", "ROCEV2", "IWARP", "INFINIBAND");

    private NicReader() {
    }

    static List<Nic> nics(RedfishConnection c, ErrorContext ctx, Resource system) {
        RedfishHttp http = c.http();
        Map<MacAddress, Nic> byMac = new LinkedHashMap<>();
        system.link("EthernetInterfaces").ifPresent(col -> {
            for (Resource e : Navigator.members(http, ctx, col)) {
                if (!physical(e)) {
                    continue;
                }
                mac(e.text("PermanentMACAddress").or(() -> e.text("MACAddress")).orElse(null))
                        .ifPresent(m -> byMac.putIfAbsent(m, new Nic(e.id(), m, e.count("SpeedMbps").orElse(0), LinkType.ETHERNET, false)));
            }
        });
        for (String chassis : c.chassis(system, ctx)) {
            adapters(http, ctx, chassis, byMac);
        }
        return new ArrayList<>(byMac.values());
    }

    private static boolean physical(Resource e) {
        return !e.text("EthernetInterfaceType").orElse("Physical").equals("Virtual")
                && e.link("Links", "HostInterface").isEmpty()
                && RedfishInventory.present(e);
    }

    private static void adapters(RedfishHttp http, ErrorContext ctx, String chassisPath, Map<MacAddress, Nic> byMac) {
        Resource chassis;
        try {
            chassis = http.get(ctx, chassisPath);
        } catch (BareMetalException e) {
            return; // a chassis we may not read adds nothing; the interfaces above stand
        }
        Optional<String> adapters = chassis.link("NetworkAdapters");
        if (adapters.isEmpty()) {
            return;
        }
        for (Resource adapter : Navigator.members(http, ctx, adapters.get())) {
            Optional<String> functions = adapter.link("NetworkDeviceFunctions");
            if (functions.isEmpty()) {
                continue;
            }
            for (Resource f : Navigator.members(http, ctx, functions.get())) {
                function(http, ctx, adapter, f, byMac);
            }
        }
    }

    private static void function(RedfishHttp http, ErrorContext ctx, Resource adapter, Resource f, Map<MacAddress, Nic> byMac) {
        Optional<Resource> port = f.link("Links", "PhysicalNetworkPortAssignment")
                .or(() -> f.link("Links", "PhysicalPortAssignment"))
                .or(() -> f.link("PhysicalPortAssignment"))
                .map(p -> http.get(ctx, p));
        String tech = port.flatMap(p -> p.text("LinkNetworkTechnology").or(() -> p.text("ActiveLinkTechnology")))
                .orElse(f.text("NetDevFuncType").orElse("Ethernet"));
        LinkType link = LinkType.parse(tech);
        if (link == LinkType.UNKNOWN) {
            return; // Fibre Channel and the like are not NICs
        }
        Optional<MacAddress> mac = mac(f.text("Ethernet", "PermanentMACAddress").or(() -> f.text("Ethernet", "MACAddress")).orElse(null));
        if (mac.isEmpty() && link == LinkType.INFINIBAND) {
            mac = ipoib(f.text("InfiniBand", "PermanentPortGUID").or(() -> f.text("InfiniBand", "PortGUID")).orElse(null));
        }
        if (mac.isEmpty()) {
            return;
        }
        long speed = port.flatMap(p -> p.decimal("CurrentSpeedGbps").or(() -> p.decimal("MaxSpeedGbps")))
                .map(g -> Math.round(g * 1000)).orElse(0L);
        boolean rdma = link == LinkType.INFINIBAND
                || port.flatMap(p -> p.text("PortProtocol")).map(NicReader::isRdma).orElse(false)
                || f.strings("Ethernet", "AdditionalProtocols").stream().anyMatch(NicReader::isRdma);
        Nic existing = byMac.get(mac.get());
        if (existing != null) {
            byMac.put(mac.get(), new Nic(existing.name(), existing.mac(), existing.speedMbps() > 0 ? existing.speedMbps() : speed,
                    link, existing.rdmaCapable() || rdma));
        } else {
            byMac.put(mac.get(), new Nic(adapter.id() + "/" + f.id(), mac.get(), speed, link, rdma));
        }
    }

    private static boolean isRdma(String protocol) {
        return RDMA.contains(protocol.toUpperCase(Locale.ROOT));
    }

    static Optional<MacAddress> mac(String raw) {
        if (raw == null || raw.isBlank() || raw.replaceAll("[^1-9a-fA-F]", "").isEmpty()) {
            return Optional.empty(); // absent, or the all-zero placeholder some BMCs report
        }
        try {
            return Optional.of(MacAddress.of(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The IPoIB link-layer address of a port GUID, such as {@code 0x0002c90300a1b2c3} or {@code 00:02:c9:...}. */
    static Optional<MacAddress> ipoib(String guid) {
        if (guid == null) {
            return Optional.empty();
        }
        String hex = guid.toLowerCase(Locale.ROOT).replaceFirst("^0x", "").replaceAll("[^0-9a-f]", "");
        if (hex.length() != 16) {
            return Optional.empty();
        }
        String bytes = "00000000" + "fe80000000000000" + hex;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length(); i += 2) {
            sb.append(i == 0 ? "" : ":").append(bytes, i, i + 2);
        }
        return mac(sb.toString());
    }
}
