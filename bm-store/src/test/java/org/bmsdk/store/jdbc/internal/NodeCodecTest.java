package org.bmsdk.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.Node;
import org.bmsdk.testkit.tck.StoreTck;
import org.junit.jupiter.api.Test;

class NodeCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyFieldRoundTrips() {
        Node node = StoreTck.fullNode("n1");
        assertEquals(node, NodeCodec.decode(NodeCodec.encode(node, ErrorContext.NONE)));
        Node bare = StoreTck.bareNode("n2");
        assertEquals(bare, NodeCodec.decode(NodeCodec.encode(bare, ErrorContext.NONE)));
    }

    @Test
    void theFormatIsVersionedAndCredentialsAreReferences() throws Exception {
        ObjectNode tree = tree(StoreTck.fullNode("n1"));
        assertEquals(NodeCodec.FORMAT, tree.get("format").intValue());
        assertEquals("env:BMC_USER:BMC_PASS", tree.at("/bmcEndpoints/0/credentials").textValue());
        assertEquals("PT2.5S", tree.at("/bmcEndpoints/0/connectTimeout").textValue());
        assertEquals("aa:bb:cc:00:11:22", tree.at("/ports/0/mac").textValue());
        assertEquals("CUSTOM_GPU_A100", tree.at("/inventory/traits/0").textValue());
    }

    @Test
    void aNodeEncodesToTheSameTextEachTime() {
        Node node = StoreTck.fullNode("n1");
        assertEquals(NodeCodec.encode(node, ErrorContext.NONE), NodeCodec.encode(node.toBuilder().build(), ErrorContext.NONE));
    }

    @Test
    void inlineCredentialsAreRefused() {
        Node node = StoreTck.bareNode("n1").toBuilder()
                .bmc(BmcEndpoint.builder("redfish://10.0.0.5").credentials(CredentialRef.inline(Credentials.of("root", "calvin"))).build())
                .build();
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> NodeCodec.encode(node, ErrorContext.NONE));
        assertTrue(e.getMessage().contains(NodeCodec.INLINE_REFUSED), e.getMessage());
        assertTrue(e.getMessage().contains("redfish://10.0.0.5"), e.getMessage());
        assertFalse(e.getMessage().contains("calvin"));
    }

    @Test
    void unknownEnumValuesReadAsUnknownWhereTheEnumHasOne() throws Exception {
        ObjectNode tree = tree(StoreTck.fullNode("n1"));
        tree.put("powerState", "HIBERNATING");
        ((ObjectNode) tree.at("/inventory/disks/0")).put("media", "OPTANE").put("protocol", "CXL");
        ((ObjectNode) tree.at("/inventory/nics/0")).put("linkType", "OMNIPATH");
        Node node = NodeCodec.decode(JSON.writeValueAsString(tree));
        assertEquals(PowerState.UNKNOWN, node.powerState());
        assertEquals(DiskMedia.UNKNOWN, node.inventory().disks().get(0).media());
        assertEquals(LinkType.UNKNOWN, node.inventory().nics().get(0).linkType());

        tree.put("provisionState", "HALF_DEPLOYED");
        IntegrityException e = assertThrows(IntegrityException.class, () -> NodeCodec.decode(JSON.writeValueAsString(tree)));
        assertTrue(e.getMessage().contains("provisionState"), e.getMessage());
    }

    @Test
    void malformedRecordsAreIntegrityErrorsNamingTheField() throws Exception {
        assertDecodeFails("{\"format\":2}", "format 2");
        assertDecodeFails("{}", "format is missing");
        assertDecodeFails("[1]", "must be an object");
        assertDecodeFails("", "must be an object");
        assertDecodeFails("{\"format\":1,\"format\":1}", "not valid JSON");
        assertDecodeFails(NodeCodec.encode(StoreTck.bareNode("n1"), ErrorContext.NONE) + " {}", "not valid JSON");
        assertDecodeFails("{\"format\":1", "not valid JSON");

        ObjectNode tree = tree(StoreTck.fullNode("n1"));
        ((ObjectNode) tree.at("/inventory/cpus/0")).put("cores", "64");
        assertDecodeFails(JSON.writeValueAsString(tree), "inventory.cpus[0].cores must be an integer");

        tree = tree(StoreTck.fullNode("n1"));
        ((ObjectNode) tree.at("/inventory")).put("memoryMib", new java.math.BigInteger("99999999999999999999"));
        assertDecodeFails(JSON.writeValueAsString(tree), "inventory.memoryMib must be an integer in the range of a long");

        tree = tree(StoreTck.fullNode("n1"));
        ((ObjectNode) tree.at("/bmcEndpoints/0")).put("credentials", "inline:root:calvin");
        assertDecodeFails(JSON.writeValueAsString(tree), "inline credentials have no text form");

        tree = tree(StoreTck.fullNode("n1"));
        ((ObjectNode) tree.at("/ports/0")).put("mac", "not a mac");
        assertDecodeFails(JSON.writeValueAsString(tree), "MAC address");

        assertThrows(IntegrityException.class, () -> NodeCodec.decode(null));
        assertThrows(IntegrityException.class, () -> NodeCodec.decode("[".repeat(100_000)));
    }

    private static void assertDecodeFails(String json, String expected) {
        IntegrityException e = assertThrows(IntegrityException.class, () -> NodeCodec.decode(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static ObjectNode tree(Node node) throws Exception {
        return (ObjectNode) JSON.readTree(NodeCodec.encode(node, ErrorContext.NONE));
    }
}
