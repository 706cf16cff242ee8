package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;

/**
 * Reading and writing Redfish JSON with Jackson's tree model, with limits fit for documents from a
 * device we do not trust: shallow nesting, bounded strings and numbers. Whatever a BMC sends, the
 * result is a tree or a {@link DeviceException}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxNumberLength(64)
                    .build())
            .build());

    private Json() {
    }

    /** @return a new empty object */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Serialises a tree.
     *
     * @param node the tree
     * @return UTF-8 JSON
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /**
     * Parses an answer that must be one JSON object.
     *
     * @param r the answer
     * @param ctx for errors
     * @return the object
     * @throws DeviceException when the content type is not JSON, or the body is empty, malformed or not an object
     */
    public static JsonNode parseObject(HttpResult r, ErrorContext ctx) {
        String type = r.header("Content-Type").orElse("");
        if (!type.isEmpty() && !isJson(type)) {
            throw new DeviceException(r.describe() + " with content type '" + Text.clip(type, 80) + "' where JSON was expected",
                    ctx, "bm.WrongContentType");
        }
        if (r.body().length == 0) {
            throw new DeviceException(r.describe() + " with an empty body where a JSON object was expected", ctx, "bm.EmptyBody");
        }
        JsonNode node = parse(r.body());
        if (node == null) {
            throw new DeviceException(r.describe() + " with a body that is not valid JSON", ctx, "bm.InvalidJson");
        }
        if (!node.isObject()) {
            throw new DeviceException(r.describe() + " with JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " where an object was expected", ctx, "bm.InvalidJson");
        }
        return node;
    }

    /**
     * Parses bytes leniently, for error bodies.
     *
     * @param body the bytes
     * @return the tree, or null when they are not JSON
     */
    public static JsonNode parse(byte[] body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            return n == null || n.isMissingNode() ? null : n;
        } catch (IOException | RuntimeException e) {
            // Jackson may throw unchecked errors on hostile input too (constraints, numbers); all mean "not JSON".
            return null;
        }
    }

    /**
     * Parses a resource bundled with the driver.
     *
     * @param in the stream
     * @return the tree
     * @throws IOException when it cannot be read
     */
    static JsonNode read(java.io.InputStream in) throws IOException {
        return MAPPER.readTree(in);
    }

    static boolean isJson(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT).strip();
        int semi = t.indexOf(';');
        String mime = (semi >= 0 ? t.substring(0, semi) : t).strip();
        return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
    }
}
