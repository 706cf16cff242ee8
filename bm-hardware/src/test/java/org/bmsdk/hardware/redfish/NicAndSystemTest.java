package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.Nic;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.junit.jupiter.api.Test;

class NicAndSystemTest {

    private static FakeRedfish withAdapters() {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        bmc.resource(FakeRedfish.SYSTEM).putObject("EthernetInterfaces").put("@odata.id", "/redfish/v1/Systems/1/EthernetInterfaces");
        bmc.put("/redfish/v1/Systems/1/EthernetInterfaces", """
            {"Members": [{"@odata.id": "/redfish/v1/Systems/1/EthernetInterfaces/eth0"},
                         {"@odata.id": "/redfish/v1/Systems/1/EthernetInterfaces/bond0.100"}]}
            """);
        bmc.put("/redfish/v1/Systems/1/EthernetInterfaces/eth0", """
            {"Id": "eth0", "MACAddress": "B8:59:9F:00:00:01", "SpeedMbps": 0}
            """);
        bmc.put("/redfish/v1/Systems/1/EthernetInterfaces/bond0.100", """
            {"Id": "bond0.100", "EthernetInterfaceType": "Virtual", "MACAddress": "B8:59:9F:00:00:01", "SpeedMbps": 25000}
            """);
        bmc.resource("/redfish/v1/Chassis/1").putObject("NetworkAdapters").put("@odata.id", "/redfish/v1/Chassis/1/NetworkAdapters");
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters", "{\"Members\": [{\"@odata.id\": \"/redfish/v1/Chassis/1/NetworkAdapters/CX6\"}]}");
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters/CX6", """
            {"Id": "CX6", "NetworkDeviceFunctions": {"@odata.id": "/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions"}}
            """);
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions", """
            {"Members": [{"@odata.id": "/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions/0"},
                         {"@odata.id": "/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions/1"},
                         {"@odata.id": "/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions/2"}]}
            """);
        // Function 0: the RoCE port behind eth0, at 100 Gb/s.
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions/0", """
            {"Id": "0", "NetDevFuncType": "Ethernet",
             "Ethernet": {"MACAddress": "b8:59:9f:00:00:01", "AdditionalProtocols": ["RoCEv2"]},
             "Links": {"PhysicalNetworkPortAssignment": {"@odata.id": "/redfish/v1/Chassis/1/NetworkAdapters/CX6/Ports/0"}}}
            """);
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters/CX6/Ports/0", """
            {"Id": "0", "LinkNetworkTechnology": "Ethernet", "CurrentSpeedGbps": 100}
            """);
        // Function 1: an InfiniBand port, which has a port GUID and no MAC.
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions/1", """
            {"Id": "1", "NetDevFuncType": "InfiniBand", "InfiniBand": {"PortGUID": "0x0c42a10300a1b2c3"},
             "Links": {"PhysicalNetworkPortAssignment": {"@odata.id": "/redfish/v1/Chassis/1/NetworkAdapters/CX6/Ports/1"}}}
            """);
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters/CX6/Ports/1", """
            {"Id": "1", "LinkNetworkTechnology": "InfiniBand", "CurrentSpeedGbps": 200}
            """);
        // Function 2: Fibre Channel, not a NIC.
        bmc.put("/redfish/v1/Chassis/1/NetworkAdapters/CX6/NetworkDeviceFunctions/2", """
            {"Id": "2", "NetDevFuncType": "FibreChannel", "FibreChannel": {"WWPN": "10:00:00:00:00:00:00:01"}}
            """);
        return bmc;
    }

    @Test
    void roceAndInfiniBandPortsAreFoundThroughTheNetworkAdapters() {
        try (ScriptedServer server = withAdapters().serve(); BmcClient client = Clients.connect(server)) {
            Map<String, Nic> nics = client.require(Inventory.class).inventory().nics().stream()
                    .collect(Collectors.toMap(n -> n.mac().value(), Function.identity()));
            assertEquals(2, nics.size(), nics.toString());
            Nic roce = nics.get("b8:59:9f:00:00:01");
            assertEquals("eth0", roce.name());
            assertEquals(100_000, roce.speedMbps(), "the port's speed fills in what the interface did not say");
            assertTrue(roce.roceCapable());
            Nic ib = nics.get("00:00:00:00:fe:80:00:00:00:00:00:00:0c:42:a1:03:00:a1:b2:c3");
            assertEquals(LinkType.INFINIBAND, ib.linkType());
            assertEquals(200_000, ib.speedMbps());
            assertTrue(ib.rdmaCapable());
            assertFalse(ib.roceCapable());
        }
    }

    private static FakeRedfish twoSystems() {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        bmc.put("/redfish/v1/Systems", """
            {"Members": [{"@odata.id": "/redfish/v1/Systems/1"}, {"@odata.id": "/redfish/v1/Systems/blade-2"}]}
            """);
        bmc.put("/redfish/v1/Systems/blade-2", bmc.resource(FakeRedfish.SYSTEM).deepCopy().put("Id", "blade-2")
                .put("@odata.id", "/redfish/v1/Systems/blade-2").put("PowerState", "On").toString());
        return bmc;
    }

    @Test
    void theFirstSystemUnlessAnOptionOrTheEndpointPathNamesAnother() {
        try (ScriptedServer server = twoSystems().serve()) {
            try (BmcClient first = Clients.connect(server)) {
                assertEquals(PowerState.OFF, first.require(PowerControl.class).powerState());
            }
            RedfishOptions blade = Clients.FAST.toBuilder().systemId("blade-2").build();
            try (BmcClient byOption = Clients.connect(Clients.endpoint(server.endpoint()).build(), blade, EventListener.NONE)) {
                assertEquals(PowerState.ON, byOption.require(PowerControl.class).powerState());
            }
            try (BmcClient byPath = Clients.connect(Clients.endpoint(server.endpoint() + "/redfish/v1/Systems/1").build(), blade,
                    EventListener.NONE)) {
                assertEquals(PowerState.OFF, byPath.require(PowerControl.class).powerState(), "the endpoint's path wins");
            }
            try (BmcClient shortPath = Clients.connect(Clients.endpoint(server.endpoint() + "/blade-2").build(), Clients.FAST,
                    EventListener.NONE)) {
                assertEquals(PowerState.ON, shortPath.require(PowerControl.class).powerState());
            }
            // A query the driver has no use for is refused, not silently dropped.
            ConfigurationException query = assertThrows(ConfigurationException.class, () -> Clients.connect(
                    Clients.endpoint(server.endpoint() + "?systemId=blade-2").build(), Clients.FAST, EventListener.NONE));
            assertTrue(query.getMessage().contains("no query"), query.getMessage());
        }
    }

    @Test
    void theDriverIsFoundByServiceLoaderForBothSchemes() {
        BmcDriverRegistry registry = BmcDriverRegistry.loadInstalled();
        for (String address : List.of("redfish://10.0.0.5", "redfish+http://10.0.0.5:8000")) {
            BmcEndpoint e = Clients.endpoint(address).build();
            assertEquals("redfish", registry.providerFor(e).id());
        }
        try (ScriptedServer server = FakeRedfish.of("Contoso").serve();
                BmcClient client = registry.connect(Clients.endpoint(server.endpoint()).build(), DriverContext.defaults())) {
            assertEquals("redfish", client.driverId());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheOperation() {
        EventListener broken = new EventListener() {
            @Override
            public void operationStarted(org.bmsdk.api.ErrorContext operation) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (ScriptedServer server = FakeRedfish.of("Contoso").serve();
                BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).build(), Clients.FAST, broken)) {
            assertEquals(PowerState.OFF, client.require(PowerControl.class).powerState());
        }
    }
}
