package org.bmsdk.store.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.model.Node;

/**
 * The codec as a decoder of untrusted input: whatever a stored row holds, decoding returns a node
 * or throws {@link IntegrityException}, never anything else.
 */
class NodeCodecPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Property(tries = 200)
    void decodingAnEncodedNodeGivesItBack(@ForAll("nodes") Node node) {
        String json = NodeCodec.encode(node, ErrorContext.NONE);
        assertEquals(node, NodeCodec.decode(json));
        assertEquals(json, NodeCodec.encode(NodeCodec.decode(json), ErrorContext.NONE));
    }

    @Property(tries = 200)
    void arbitraryTextOnlyEverFailsAsAnIntegrityError(@ForAll String text) {
        decodeOrIntegrityError(text);
    }

    @Property(tries = 200)
    void jsonLikeGarbageOnlyEverFailsAsAnIntegrityError(@ForAll("jsonLike") String text) {
        decodeOrIntegrityError(text);
    }

    @Property(tries = 200)
    void aTruncatedRecordIsAnIntegrityError(@ForAll("nodes") Node node, @ForAll double cut) {
        String json = NodeCodec.encode(node, ErrorContext.NONE);
        int end = (int) (Math.abs(cut % 1.0) * json.length());
        assertThrows(IntegrityException.class, () -> NodeCodec.decode(json.substring(0, Math.min(end, json.length() - 1))));
    }

    @Property(tries = 200)
    void aRecordWithAFieldChangedOrRemovedDecodesOrIsAnIntegrityError(@ForAll("nodes") Node node,
            @ForAll int where, @ForAll("jsonValues") JsonNode replacement, @ForAll boolean remove) throws Exception {
        JsonNode tree = JSON.readTree(NodeCodec.encode(node, ErrorContext.NONE));
        List<Slot> slots = new ArrayList<>();
        collect(tree, slots);
        slots.get(Math.floorMod(where, slots.size())).change(remove ? null : replacement);
        decodeOrIntegrityError(JSON.writeValueAsString(tree));
    }

    @Provide
    Arbitrary<Node> nodes() {
        return NodeArbitraries.nodes();
    }

    @Provide
    Arbitrary<String> jsonLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("{}[]\":,0123456789-+.eEtrufalsn \\/u").ofMaxLength(60),
                Arbitraries.strings().withChars("{}[]\":,01-.tfn").ofMaxLength(20).map(s -> "{\"format\":1," + s));
    }

    @Provide
    Arbitrary<JsonNode> jsonValues() {
        return Arbitraries.of(F.nullNode(), F.numberNode(0), F.numberNode(-1), F.numberNode(Long.MAX_VALUE),
                F.numberNode(new BigInteger("123456789012345678901234567890")), F.numberNode(1.5), F.numberNode(1e300),
                F.textNode(""), F.textNode(" "), F.textNode("x"), F.textNode("UNKNOWN"), F.textNode("PT-1S"), F.textNode("PT0S"),
                F.textNode("env:A"), F.textNode("file:"), F.textNode("inline:a:b"), F.textNode("\u0000"), F.booleanNode(true),
                F.arrayNode(), F.arrayNode().add(1), F.objectNode(), F.objectNode().put("format", 1));
    }

    private static void decodeOrIntegrityError(String text) {
        try {
            NodeCodec.decode(text);
        } catch (IntegrityException expected) {
            // The one failure a decoder may report.
        }
    }

    /** A place in a JSON tree whose value can be replaced or removed. */
    private interface Slot {
        void change(JsonNode value);
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            for (Iterator<String> names = o.fieldNames(); names.hasNext();) {
                String name = names.next();
                slots.add(v -> {
                    if (v == null) {
                        o.remove(name);
                    } else {
                        o.set(name, v);
                    }
                });
                collect(o.get(name), slots);
            }
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                int index = i;
                slots.add(v -> {
                    if (v == null) {
                        a.remove(index);
                    } else {
                        a.set(index, v);
                    }
                });
                collect(a.get(i), slots);
            }
        }
    }
}
