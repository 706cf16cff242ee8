package org.bmsdk.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.api.storage.VolumeConnector;
import org.junit.jupiter.api.Test;

class ModelValidationTest {

    @Property
    void everySpellingOfAMacIsTheSameAddress(@ForAll @Size(6) byte[] bytes) {
        String hex = HexFormat.of().formatHex(bytes);
        MacAddress colon = MacAddress.of(HexFormat.ofDelimiter(":").withUpperCase().formatHex(bytes));
        assertEquals(colon, MacAddress.of(HexFormat.ofDelimiter("-").formatHex(bytes)));
        assertEquals(colon, MacAddress.of(hex.substring(0, 4) + "." + hex.substring(4, 8) + "." + hex.substring(8)));
        assertEquals(colon, MacAddress.of(hex));
        assertEquals(HexFormat.ofDelimiter(":").formatHex(bytes), colon.value());
    }

    @Test
    void valuesSayWhatWasWrong() {
        assertEquals("vlan must be in 1..4094, but was 5000",
                assertThrows(IllegalArgumentException.class, () -> VlanId.of(5000)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> VlanId.of(0));
        assertThrows(IllegalArgumentException.class, () -> Vni.of(1 << 24));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.of("00:11:22:33:44"));
        assertThrows(IllegalArgumentException.class, () -> NodeId.of("../etc"));
        assertThrows(IllegalArgumentException.class, () -> new Cpu("x86_64", "Xeon", 8, 4));
        assertThrows(IllegalArgumentException.class, () -> VolumeConnector.iscsi("node-1"));
        assertEquals("x86_64", new Cpu("AMD64", "EPYC", 64, 128).arch());
    }

    @Test
    void endpointsDefaultTheirPortsBySchemeAndNormaliseTheAddress() {
        CredentialRef ref = CredentialRef.env("U", "P");
        assertEquals(443, BmcEndpoint.builder("redfish://bmc-7").credentials(ref).build().port());
        assertEquals(80, BmcEndpoint.builder("redfish+http://bmc-7").credentials(ref).build().port());
        assertEquals(623, BmcEndpoint.builder("IPMI://10.0.0.7").credentials(ref).build().port());
        BmcEndpoint e = BmcEndpoint.builder("ipmi://10.0.0.7:6230").credentials(ref).build();
        assertEquals("ipmi", e.scheme());
        assertEquals(6230, e.port());
        assertTrue(e.toString().contains("env:U:P"), e.toString());
        assertThrows(IllegalStateException.class, () -> BmcEndpoint.builder("ipmi://x").build());
        assertEquals("ipmi://10.0.0.7:6230?workarounds=opensesspriv", BmcEndpoint.builder("ipmi://10.0.0.7:6230?workarounds=opensesspriv")
                .credentials(ref).build().uri().toString(), "the query is kept for the driver");
        assertThrows(IllegalArgumentException.class, () -> BmcEndpoint.builder("no scheme"));
    }

    @Test
    void nodesRoundTripThroughTheirBuilder() {
        Node n = Node.builder(NodeId.of("node-1"))
                .name("rack1-u7")
                .bmc(BmcEndpoint.builder("redfish://10.0.0.5").credentials(CredentialRef.env("U", "P")).build())
                .port(Port.of(MacAddress.of("52:54:00:00:00:01"), LocalLinkConnection.of("tor-1", "Ethernet1/7")))
                .inventory(HardwareInventory.builder().cpu(new Cpu("x86_64", "Xeon", 16, 32)).memoryMib(65536).build())
                .provisionState(ProvisionState.AVAILABLE)
                .maintenance(true, "fan replaced")
                .owner("tenant-a")
                .build();
        assertEquals(n, n.toBuilder().build());
        assertEquals("fan replaced", n.maintenanceReason());
        assertEquals("", n.toBuilder().maintenance(false, null).build().maintenanceReason());
        assertEquals(16, n.inventory().totalCores());
    }
}
