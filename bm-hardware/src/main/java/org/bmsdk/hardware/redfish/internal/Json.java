package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;

/**
 * Reading and writing Redfish JSON with Jackson's tree model, with limits fit for documents from a
 * device we do not trust: shallow nesting, bounded strings and numbers. Whatever a BMC sends, the
 * result is a tree or a {@link DeviceException}. {@link #topLevelText} reads one top-level property
 * without a tree, for hot polls, with the same checks and errors: by a plain scan
 * ({@link PlainJsonScan}) when the body is plain, else with the streaming parser.
 */
public final class Json {

    private static final int MAX_STRING_LENGTH = 1_000_000;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(MAX_STRING_LENGTH)
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
     * Reads one top-level text property of an answer that must be one JSON object, without building
     * a tree: the same checks as {@link #parseObject} (content type, empty body, the whole object
     * well-formed and within the limits) and the same errors, which come from {@link #parseObject}
     * itself whenever the streaming pass finds anything wrong.
     *
     * @param r the answer
     * @param ctx for errors
     * @param name the property
     * @return its value when it is present and text (the last one, if repeated, as in the tree)
     * @throws DeviceException as {@link #parseObject} does
     */
    public static Optional<String> topLevelText(HttpResult r, ErrorContext ctx, String name) {
        String type = r.header("Content-Type").orElse("");
        if ((!type.isEmpty() && !isJson(type)) || r.body().length == 0) {
            return viaTree(r, ctx, name);
        }
        String plain = PlainJsonScan.topLevelText(r.body(), name);
        if (plain != PlainJsonScan.UNSURE) {
            return plain == PlainJsonScan.ABSENT ? Optional.empty() : Optional.of(plain);
        }
        try (JsonParser p = MAPPER.getFactory().createParser(r.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return viaTree(r, ctx, name);
            }
            String value = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean wanted = name.equals(p.currentName());
                t = p.nextToken();
                if (wanted) {
                    value = t == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                consume(p, t);
            }
            if (t != JsonToken.END_OBJECT) {
                return viaTree(r, ctx, name);
            }
            return Optional.ofNullable(value);
        } catch (IOException | RuntimeException e) {
            // Malformed or beyond a limit: let the tree parse produce exactly the error it always has.
            return viaTree(r, ctx, name);
        }
    }

    /** Reads a value's tokens to its end, decoding strings so that they are checked, and the string-length limit, as in the tree. */
    private static void consume(JsonParser p, JsonToken first) throws IOException {
        int depth = 0;
        JsonToken t = first;
        while (true) {
            if (t == null) {
                throw new IOException("unexpected end of input");
            }
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == JsonToken.VALUE_STRING && p.getTextLength() > MAX_STRING_LENGTH) {
                // the tree would have refused it (getTextLength decodes it but, unlike getText, checks no limit)
                throw new IOException("string longer than " + MAX_STRING_LENGTH);
            }
            if (depth == 0) {
                return;
            }
            t = p.nextToken();
        }
    }

    private static Optional<String> viaTree(HttpResult r, ErrorContext ctx, String name) {
        JsonNode n = parseObject(r, ctx).get(name);
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
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
