package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.testkit.machine.NicSpec;

/**
 * The chassis of each system and its network adapters, one per NIC with one port and one network
 * device function each. The port says the link technology (Ethernet or InfiniBand), the current
 * speed and, for RDMA-capable Ethernet, RoCE v2 as the port protocol; the function carries the
 * address, as on iDRAC and iLO: the MAC of an Ethernet NIC, the port GUID of an InfiniBand one.
 */
final class ChassisResources {

    private static final String CHASSIS = ROOT + "/Chassis/{chassis}";

    private final BmcModel bmc;

    ChassisResources(BmcModel bmc) {
        this.bmc = bmc;
    }

    void register(Routes r) {
        r.get(ROOT + "/Chassis", c -> Json.collection(ROOT + "/Chassis", "ChassisCollection", "Chassis Collection",
                bmc.systems().stream().map(s -> BmcModel.chassisPath(s.id())).toList()));
        r.get(CHASSIS, c -> chassis(bmc.system(c, c.param("chassis"))));
        r.get(CHASSIS + "/NetworkAdapters", c -> {
            SystemState s = bmc.system(c, c.param("chassis"));
            return Json.collection(BmcModel.chassisPath(s.id()) + "/NetworkAdapters", "NetworkAdapterCollection",
                    "Network Adapter Collection", s.machine().nics().stream().map(n -> adapterPath(s, n)).toList());
        });
        r.get(CHASSIS + "/NetworkAdapters/{adapter}", c -> adapter(bmc.system(c, c.param("chassis")), nic(c)));
        r.get(CHASSIS + "/NetworkAdapters/{adapter}/Ports", c -> {
            SystemState s = bmc.system(c, c.param("chassis"));
            NicSpec n = nic(c);
            return Json.collection(adapterPath(s, n) + "/Ports", "PortCollection", "Port Collection",
                    List.of(adapterPath(s, n) + "/Ports/1"));
        });
        r.get(CHASSIS + "/NetworkAdapters/{adapter}/Ports/{port}", c -> {
            if (!c.param("port").equals("1")) {
                throw BmcModel.notFound(c);
            }
            return port(bmc.system(c, c.param("chassis")), nic(c));
        });
        r.get(CHASSIS + "/NetworkAdapters/{adapter}/NetworkDeviceFunctions", c -> {
            SystemState s = bmc.system(c, c.param("chassis"));
            NicSpec n = nic(c);
            return Json.collection(adapterPath(s, n) + "/NetworkDeviceFunctions", "NetworkDeviceFunctionCollection",
                    "Network Device Function Collection", List.of(adapterPath(s, n) + "/NetworkDeviceFunctions/1"));
        });
        r.get(CHASSIS + "/NetworkAdapters/{adapter}/NetworkDeviceFunctions/{function}", c -> {
            if (!c.param("function").equals("1")) {
                throw BmcModel.notFound(c);
            }
            return function(bmc.system(c, c.param("chassis")), nic(c));
        });
    }

    private NicSpec nic(Call c) {
        SystemState s = bmc.system(c, c.param("chassis"));
        return s.machine().nics().stream().filter(n -> n.name().equals(c.param("adapter"))).findFirst()
                .orElseThrow(() -> BmcModel.notFound(c));
    }

    private static String adapterPath(SystemState s, NicSpec n) {
        return Paths.join(BmcModel.chassisPath(s.id()) + "/NetworkAdapters", n.name());
    }

    private ObjectNode chassis(SystemState s) {
        String path = BmcModel.chassisPath(s.id());
        ObjectNode o = Json.resource(path, "#Chassis.v1_28_0.Chassis", s.id(), "Chassis of " + s.machine().name());
        o.put("ChassisType", "RackMount");
        o.put("Manufacturer", bmc.spec().vendor());
        o.put("Model", bmc.spec().product());
        o.put("PowerState", Vocabulary.power(s.machine().powerState()));
        o.set("Status", Json.status("Enabled", Vocabulary.health(s.machine().health())));
        o.set("NetworkAdapters", Json.link(path + "/NetworkAdapters"));
        ObjectNode links = Json.object();
        links.set("ComputerSystems", Json.links(List.of(BmcModel.systemPath(s.id()))));
        links.set("ManagedBy", Json.links(List.of(BmcModel.managerPath(s.id()))));
        o.set("Links", links);
        return o;
    }

    private static ObjectNode adapter(SystemState s, NicSpec n) {
        String path = adapterPath(s, n);
        ObjectNode o = Json.resource(path, "#NetworkAdapter.v1_14_0.NetworkAdapter", n.name(),
                "Network Adapter " + n.name());
        o.put("Manufacturer", n.linkType() == LinkType.INFINIBAND ? "Mellanox Technologies" : "Simulated");
        o.put("Model", (n.speedMbps() / 1000) + "G " + (n.linkType() == LinkType.INFINIBAND ? "InfiniBand"
                : "Ethernet") + " adapter");
        o.set("Ports", Json.link(path + "/Ports"));
        o.set("NetworkDeviceFunctions", Json.link(path + "/NetworkDeviceFunctions"));
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }

    private static ObjectNode function(SystemState s, NicSpec n) {
        String path = adapterPath(s, n) + "/NetworkDeviceFunctions/1";
        ObjectNode o = Json.resource(path, "#NetworkDeviceFunction.v1_11_1.NetworkDeviceFunction", "1",
                "Network Device Function 1");
        boolean ib = n.linkType() == LinkType.INFINIBAND;
        o.put("NetDevFuncType", ib ? "InfiniBand" : "Ethernet");
        o.set("NetDevFuncCapabilities", Json.strings(ib ? "InfiniBand" : "Ethernet"));
        o.put("DeviceEnabled", true);
        if (ib) {
            ObjectNode infiniBand = Json.object();
            infiniBand.put("PermanentPortGUID", portGuid(n));
            infiniBand.put("PortGUID", portGuid(n));
            o.set("InfiniBand", infiniBand);
        } else {
            ObjectNode eth = Json.object();
            eth.put("PermanentMACAddress", n.mac().value());
            eth.put("MACAddress", n.mac().value());
            o.set("Ethernet", eth);
        }
        ObjectNode links = Json.object();
        links.set("PhysicalPortAssignment", Json.link(adapterPath(s, n) + "/Ports/1"));
        o.set("Links", links);
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }

    /**
     * The port GUID of an InfiniBand NIC, as {@code xxxx:xxxx:xxxx:xxxx}: the last 8 bytes of its
     * 20-byte IPoIB hardware address (queue pair, GID prefix, GUID), or the EUI-64 of a 6-byte MAC.
     */
    static String portGuid(NicSpec n) {
        String hex = n.mac().value().replace(":", "");
        String guid = hex.length() == 40 ? hex.substring(24) : hex.substring(0, 6) + "fffe" + hex.substring(6);
        return guid.substring(0, 4) + ":" + guid.substring(4, 8) + ":" + guid.substring(8, 12) + ":" + guid.substring(12);
    }

    private static ObjectNode port(SystemState s, NicSpec n) {
        ObjectNode o = Json.resource(adapterPath(s, n) + "/Ports/1", "#Port.v1_18_0.Port", "1", "Port 1");
        o.put("PortId", "1");
        boolean ib = n.linkType() == LinkType.INFINIBAND;
        o.put("LinkNetworkTechnology", ib ? "InfiniBand" : "Ethernet");
        o.put("PortProtocol", ib ? "InfiniBand" : n.rdmaCapable() ? "RoCEv2" : "Ethernet");
        o.put("CurrentSpeedGbps", n.speedMbps() / 1000.0);
        o.put("MaxSpeedGbps", n.speedMbps() / 1000.0);
        o.put("LinkStatus", n.cabledTo().isPresent() ? "LinkUp" : "LinkDown");
        o.put("LinkState", "Enabled");
        if (ib) {
            ObjectNode infiniBand = Json.object();
            infiniBand.set("AssociatedPortGUIDs", Json.strings(portGuid(n)));
            o.set("InfiniBand", infiniBand);
        } else {
            ObjectNode eth = Json.object();
            eth.set("AssociatedMACAddresses", Json.strings(n.mac().value()));
            o.set("Ethernet", eth);
        }
        o.set("Status", Json.status("Enabled", "OK"));
        return o;
    }
}
