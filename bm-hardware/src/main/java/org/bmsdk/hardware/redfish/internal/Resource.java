package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;

/**
 * One Redfish resource as read from a BMC, with typed, forgiving accessors: an optional property
 * that is missing or of the wrong type reads as absent; a required one throws a
 * {@link DeviceException} naming the property and the resource.
 */
public final class Resource {

    private final String path;
    private final JsonNode node;
    private final ErrorContext ctx;
    private final String etagHeader;

    Resource(String path, JsonNode node, ErrorContext ctx, String etagHeader) {
        this.path = path;
        this.node = node;
        this.ctx = ctx;
        this.etagHeader = etagHeader;
    }

    /**
     * A resource from a tree, for tests and inline members.
     *
     * @param path where it was read
     * @param node the tree
     * @param ctx for errors
     * @return the resource
     */
    public static Resource of(String path, JsonNode node, ErrorContext ctx) {
        return new Resource(path, node, ctx, null);
    }

    /** @return where the resource was read */
    public String path() {
        return path;
    }

    /** @return the tree */
    public JsonNode node() {
        return node;
    }

    /** @return its {@code Id}, else the last segment of its path */
    public String id() {
        return text("Id").filter(s -> !s.isBlank()).orElseGet(() -> {
            String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            return p.substring(p.lastIndexOf('/') + 1);
        });
    }

    /** @return its ETag, from the header or {@code @odata.etag} */
    public Optional<String> etag() {
        if (etagHeader != null && !etagHeader.isBlank()) {
            return Optional.of(etagHeader);
        }
        return text("@odata.etag").filter(s -> !s.isBlank());
    }

    /**
     * The node at a path of property names.
     *
     * @param names property names, outermost first
     * @return the node, or a missing node
     */
    public JsonNode at(String... names) {
        JsonNode n = node;
        for (String name : names) {
            if (n == null || !n.isObject()) {
                return MissingNode.getInstance();
            }
            n = n.get(name);
        }
        return n == null ? MissingNode.getInstance() : n;
    }

    /**
     * A text property.
     *
     * @param names property path
     * @return its value, empty when missing, null or not text
     */
    public Optional<String> text(String... names) {
        JsonNode n = at(names);
        return n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /**
     * A required text property.
     *
     * @param names property path
     * @return its value
     * @throws DeviceException when missing or not text
     */
    public String requireText(String... names) {
        return text(names).orElseThrow(() -> missing(names, "a string"));
    }

    /**
     * A whole-number property; a fraction is truncated, a negative or out-of-range one reads as absent.
     *
     * @param names property path
     * @return its value
     */
    public OptionalLong count(String... names) {
        JsonNode n = at(names);
        if (n.isNumber() && n.canConvertToLong() && n.asLong() >= 0) {
            return OptionalLong.of(n.asLong());
        }
        return OptionalLong.empty();
    }

    /**
     * A number property.
     *
     * @param names property path
     * @return its value, empty when missing, not a number or not finite
     */
    public Optional<Double> decimal(String... names) {
        JsonNode n = at(names);
        if (n.isNumber() && Double.isFinite(n.asDouble())) {
            return Optional.of(n.asDouble());
        }
        return Optional.empty();
    }

    /**
     * A boolean property.
     *
     * @param names property path
     * @return its value
     */
    public Optional<Boolean> bool(String... names) {
        JsonNode n = at(names);
        return n.isBoolean() ? Optional.of(n.booleanValue()) : Optional.empty();
    }

    /**
     * A link: an object whose {@code @odata.id} is text.
     *
     * @param names property path to the link object
     * @return the path it points to
     */
    public Optional<String> link(String... names) {
        return linkOf(at(names));
    }

    /**
     * A required link.
     *
     * @param names property path to the link object
     * @return the path it points to
     * @throws DeviceException when missing or malformed
     */
    public String requireLink(String... names) {
        return link(names).orElseThrow(() -> missing(names, "a link"));
    }

    /**
     * The links of an array of link objects; malformed elements are skipped.
     *
     * @param names property path to the array
     * @return the paths, in order
     */
    public List<String> links(String... names) {
        List<String> out = new ArrayList<>();
        JsonNode n = at(names);
        if (n.isArray()) {
            for (JsonNode e : n) {
                linkOf(e).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The text elements of an array; others are skipped.
     *
     * @param names property path to the array
     * @return the strings, in order
     */
    public List<String> strings(String... names) {
        List<String> out = new ArrayList<>();
        JsonNode n = at(names);
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (e.isTextual()) {
                    out.add(e.textValue());
                }
            }
        }
        return out;
    }

    /**
     * A resource for an object nested in this one (an inline member, a controller).
     *
     * @param child the nested object
     * @return the resource, with this one's path
     */
    public Resource nested(JsonNode child) {
        String p = linkOf(child).orElse(path);
        return new Resource(p, child, ctx, null);
    }

    /**
     * The error for a required property that is missing.
     *
     * @param names the property path
     * @param what what it should have been
     * @return the error
     */
    public DeviceException missing(String[] names, String what) {
        return new DeviceException("property " + String.join(".", names) + " of " + Text.clip(path, 200) + " is missing or not " + what,
                ctx, "bm.MissingProperty");
    }

    private static Optional<String> linkOf(JsonNode n) {
        if (n != null && n.isObject()) {
            JsonNode id = n.get("@odata.id");
            if (id != null && id.isTextual() && !id.textValue().isBlank()) {
                return Optional.of(id.textValue());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Resource[" + path + "]";
    }
}
